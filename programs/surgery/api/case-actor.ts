import type { Actor } from '../../../domain/actor';
import type { Principal } from '../../../http/auth/tokens';

/** Who acts, as the case records it: never a name the client sends, and a hospital with its hospital. */
export function actorOf(principal: Principal): Actor {
  return principal.role === 'hospital' ? { role: principal.role, sub: principal.sub, hospitalId: principal.hospitalId! } : { role: principal.role, sub: principal.sub };
}
