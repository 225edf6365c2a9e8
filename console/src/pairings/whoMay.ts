import { pairingRolesFor, type PairingActionKind } from '@pairing/commands';
import type { Role } from '../api/types';

/** Whether a role may take an action on a pairing: the pairing core's own table, which the API and the workflow also obey. */
export function mayDoOnPairing(action: PairingActionKind, role: Role): boolean {
  return (pairingRolesFor(action) as readonly string[]).includes(role);
}
