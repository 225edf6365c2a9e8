/**
 * The single life event's path (LifeEventService over every program of the catalogue), built for
 * a process other than the API's: the worker applies the monthly data match's rows through it, so
 * that a row of a list does exactly what `POST /v1/persons/{personId}/life-events` does.
 */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config';
import { loadHospitalRegistry } from '../../config/hospitals';
import type { Database } from '../../store/schema';
import { createApiMetrics } from '../../http/plugins/metrics';
import { PROGRAM_CATALOGUE } from '../../programs/catalogue';
import { ConnectedPrograms } from '../../programs/connected-programs';
import { LifeEventService } from './life-events.service';
import { PersonService } from './persons.service';

export interface LifeEventPathDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  /** How long an Update may wait for an item's workflow (the API's default). */
  updateTimeoutMs?: number;
}

export function lifeEventPath({ config, db, temporal, updateTimeoutMs = 30_000 }: LifeEventPathDeps): LifeEventService {
  // Its own registry: these counters are the worker's, never exported beside the API's.
  const metrics = createApiMetrics({ defaultMetrics: false });
  const persons: PersonService = new PersonService({ db, metrics, programs: { itemsOfPerson: (personId) => programs.itemsOfPerson(personId) } });
  const programs: ConnectedPrograms = new ConnectedPrograms(PROGRAM_CATALOGUE, {
    config,
    db,
    temporal,
    hospitals: loadHospitalRegistry(config.hospitalsFile),
    metrics,
    persons,
    clock: () => new Date(),
    updateTimeoutMs,
    stuckAttempts: 3,
    stuckLimit: 500,
  });
  return new LifeEventService({ db, programs, metrics });
}
