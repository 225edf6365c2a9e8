import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../store/schema';

/** A connection or a transaction: every store function runs in either. */
export type Executor = Kysely<Database> | Transaction<Database>;
