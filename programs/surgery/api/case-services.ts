/**
 * What the case routes do, without HTTP, in three parts: opening a case (`CaseOpening`), moving it
 * with an Update or answering for a closed one (`CaseTransitions`), and reading it (`CaseReads`).
 * Routes stay thin; the roster import opens its rows through the same `CaseOpening`.
 */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/config';
import type { HospitalRegistry } from '../../../config/hospitals';
import type { Database } from '../../../store/schema';
import type { ApiMetrics } from '../../../http/plugins/metrics';
import type { PersonService } from '../../../api/services/persons.service';
import { CaseOpening } from './case-opening';
import { CaseReads } from './case-reads';
import { CaseTransitions } from './case-transitions';

export interface CaseServiceDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  hospitals: HospitalRegistry;
  metrics: ApiMetrics;
  /** The person registry: every case opened is linked to its person. */
  persons: PersonService;
  /** How long an Update may wait for the workflow (a worker that is down) before the API answers 503. */
  updateTimeoutMs: number;
  clock: () => Date;
}

export interface CaseServices {
  opening: CaseOpening;
  transitions: CaseTransitions;
  reads: CaseReads;
}

export function createCaseServices(deps: CaseServiceDeps): CaseServices {
  const reads = new CaseReads(deps);
  return { reads, opening: new CaseOpening(deps, reads), transitions: new CaseTransitions(deps, reads) };
}
