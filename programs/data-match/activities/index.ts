/**
 * The batch workflow's side effects: a chunk of a stored list matched against the registry by the
 * ID number's blind index and settled row by row. A row whose name agrees with the registry's is
 * applied as a life event through the same path as `POST /v1/persons/{personId}/life-events` (the
 * life-event service, given by the process that runs the worker), with the event id of its row;
 * a row whose name differs is queued for review; an unknown ID number is counted. Logs carry the
 * batch id and row numbers only.
 */
import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { findPersonsByIdNumberIndexes, idNumberIndex, type PersonRow } from '../../../store/persons';
import { findBatch, finishBatch, pendingRows, recordProgress, settleRow, settleRowsNotInRegistry, type RowOutcome, type StoredBatchRow } from '../../../store/life-event-batches';
import { batchEventId } from '../../../domain/data-match';
import type { NewLifeEventInput } from '../../../domain/life-events';
import type { LifeEventResult } from '../../../domain/persons';
import type { Role } from '../../../domain/actor';
import type { AssistanceCategory } from '../../../domain/fields';
import type { Principal } from '../../../http/auth/tokens';
import { HttpProblem } from '../../../http/problems';
import { concurrencyLimit } from '../../../http/concurrency-limit';
import type { ChunkInput, ChunkTally } from '../workflow/definitions';

/** The single life event's path (api/services/life-events.service.ts), as the worker's process builds it. */
export interface BatchLifeEvents {
  apply(personId: string, body: NewLifeEventInput, principal: Principal): Promise<LifeEventResult>;
}

/** Persons whose rows are applied at once within a chunk: each waits on its items' workflows. */
const PERSONS_AT_ONCE = 8;

/** The names a list and the registry write alike: spaces and the middle dot of minority names aside. */
export function sameName(a: string, b: string): boolean {
  const plain = (name: string) => name.normalize('NFKC').replace(/[\s·•・.]/g, '');
  return plain(a) === plain(b);
}

export interface Importer {
  sub: string;
  role: Role;
  town?: string;
}

/**
 * What one matched row does: applied, or found already settled by the registry. A person a town
 * clerk's import cannot reach is not in that clerk's registry.
 */
export async function applyMatchedRow(lifeEvents: BatchLifeEvents, row: StoredBatchRow, personId: string, principal: Principal): Promise<RowOutcome> {
  const body: NewLifeEventInput = {
    eventId: batchEventId(row.batch_id, row.row),
    type: row.type as NewLifeEventInput['type'],
    on: row.on_day,
    ...(row.assistance_category ? { assistanceCategory: row.assistance_category as AssistanceCategory } : {}),
  };
  try {
    const { effects } = await lifeEvents.apply(personId, body, principal);
    return { status: 'APPLIED', personId, effects };
  } catch (error) {
    if (error instanceof HttpProblem && error.slug === 'person-inactive') return { status: 'ALREADY_APPLIED', personId };
    if (error instanceof HttpProblem && error.slug === 'not-found') return { status: 'NOT_IN_REGISTRY' };
    throw error;
  }
}

export function principalOfImporter(importer: Importer): Principal {
  return { sub: importer.sub, role: importer.role, hospitalId: null, ...(importer.town === undefined ? {} : { town: importer.town }) };
}

export interface DataMatchActivityDeps {
  db: Kysely<Database>;
  /** Undefined in a worker built without it (some tests): a batch then waits, retrying, for one that has it. */
  lifeEvents: BatchLifeEvents | undefined;
}

export function createDataMatchActivities({ db, lifeEvents }: DataMatchActivityDeps) {
  return {
    async matchLifeEventChunk({ batchId, fromRow, toRow }: ChunkInput): Promise<ChunkTally> {
      if (!lifeEvents) throw new Error('this worker was built without the life-event path; another worker will take the chunk');
      const batch = await findBatch(db, batchId);
      if (!batch) return { settled: 0 };
      const importer = batch.importer as unknown as Importer;
      const principal = principalOfImporter(importer);
      const rows = await pendingRows(db, batchId, fromRow, toRow);
      const persons = await findPersonsByIdNumberIndexes(
        db,
        rows.map((row) => idNumberIndex(row.id_number)),
      );
      const personOf = (row: StoredBatchRow): PersonRow | undefined => {
        const person = persons.get(idNumberIndex(row.id_number));
        return person && (importer.town === undefined || importer.town === person.town) ? person : undefined;
      };
      const limit = concurrencyLimit(PERSONS_AT_ONCE);
      // One person's rows one after the other, in row order: a death then a move of the same person
      // is decided as the list has them.
      const chains = new Map<string, Promise<void>>();
      let settled = 0;
      const settle = async (row: StoredBatchRow): Promise<void> => {
        const person = personOf(row);
        let outcome: RowOutcome;
        if (!person) outcome = { status: 'NOT_IN_REGISTRY' };
        else if (!sameName(row.name, person.name)) outcome = { status: 'QUEUED', personId: person.person_id, registryName: person.name };
        else outcome = await applyMatchedRow(lifeEvents, row, person.person_id, principal);
        await settleRow(db, batchId, row.row, outcome);
        settled++;
        Context.current().heartbeat({ settled });
        if (settled % 100 === 0) await recordProgress(db, batchId);
      };
      // Nobody the registry knows (most of a month's list): settled together, at once.
      const unknown = rows.filter((row) => !personOf(row));
      await settleRowsNotInRegistry(
        db,
        batchId,
        unknown.map((row) => row.row),
      );
      settled += unknown.length;
      const work: Promise<void>[] = [];
      for (const row of rows.filter((candidate) => personOf(candidate))) {
        const key = personOf(row)?.person_id ?? `row-${row.row}`;
        const chained = (chains.get(key) ?? Promise.resolve()).then(() => limit(() => settle(row)));
        chains.set(key, chained);
        work.push(chained);
      }
      await Promise.all(work);
      await recordProgress(db, batchId);
      Context.current().log.info('life-event batch chunk settled', { batchId, fromRow, toRow, settled });
      return { settled };
    },

    async finishLifeEventBatch({ batchId }: { batchId: string }): Promise<void> {
      await finishBatch(db, batchId);
    },
  };
}

export type DataMatchActivities = ReturnType<typeof createDataMatchActivities>;
