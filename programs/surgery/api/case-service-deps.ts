/** What the case services are given by the app: connections, settings and the person registry. */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/config';
import type { HospitalRegistry } from '../../../config/hospitals';
import type { Database } from '../../../store/schema';
import type { ApiMetrics } from '../../../http/plugins/metrics';
import type { CasePersons } from './case-persons';

export interface CaseServiceDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  hospitals: HospitalRegistry;
  metrics: ApiMetrics;
  /** The person registry: every case opened is linked to its person. */
  persons: CasePersons;
  /** How long an Update may wait for the workflow (a worker that is down) before the API answers 503. */
  updateTimeoutMs: number;
  clock: () => Date;
}
