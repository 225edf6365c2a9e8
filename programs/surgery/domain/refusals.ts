/** A case's refusal: the kinds every program shares, with the surgery program's stages. */
import type { Refusal as SharedRefusal } from '../../../domain/refusals';
import type { Stage } from './stages';

export type Refusal = SharedRefusal<Stage>;
