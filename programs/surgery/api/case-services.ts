/**
 * What the case routes do, without HTTP, in three parts: opening a case (`CaseOpening`), moving it
 * with an Update or answering for a closed one (`CaseTransitions`), and reading it (`CaseReads`).
 * Routes stay thin; the roster import opens its rows through the same `CaseOpening`.
 */
import { CaseOpening } from './case-opening';
import { CaseReads } from './case-reads';
import { CaseTransitions } from './case-transitions';
import type { CaseServiceDeps } from './case-service-deps';


export interface CaseServices {
  opening: CaseOpening;
  transitions: CaseTransitions;
  reads: CaseReads;
}

export function createCaseServices(deps: CaseServiceDeps): CaseServices {
  const reads = new CaseReads(deps);
  return { reads, opening: new CaseOpening(deps, reads), transitions: new CaseTransitions(deps, reads) };
}
