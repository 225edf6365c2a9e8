/**
 * What the person routes do, without HTTP: register a person (idempotent on a client's
 * `personId`), find one by ID number, search by name, read one with their items in every program. Case
 * openings find or register their person through `findOrRegister`.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json';
import { isIdNumber } from '../../domain/id-number';
import type { NewPersonInput, PersonDetail, PersonProgram, PersonView } from '../../domain/persons';
import type { FieldIssue } from '../../domain/fields';
import type { Database } from '../../store/schema';
import type { Principal } from '../../http/auth/tokens';
import type { ApiMetrics } from '../../http/plugins/metrics';
import { problems } from '../../http/problems';
import { assertMayOpenInTown, reachesTown, townFilterOf } from '../../http/auth/town-scope';
import {
  decodePersonCursor,
  encodePersonCursor,
  findOrRegisterPerson,
  findPersonById,
  findPersonByIdNumber,
  insertPerson,
  listPersons,
  type PersonRecord,
  type PersonRow,
} from '../../store/persons';
import { presentPerson, presentPersonDetail } from './person-views';

/** What every program holds for a person (programs/connected-programs.ts). */
export interface ItemsOfPerson {
  itemsOfPerson(personId: string): Promise<PersonProgram[]>;
}

export interface PersonServiceDeps {
  db: Kysely<Database>;
  metrics: ApiMetrics;
  programs: ItemsOfPerson;
}

export interface PersonListQuery {
  town?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function newPersonId(): string {
  return `PS-${randomBytes(6).toString('hex').toUpperCase()}`;
}

export class PersonService {
  constructor(private readonly deps: PersonServiceDeps) {}

  /** `POST /v1/persons`: 201 when registered now, 200 for a repeat of the same request. */
  async register(input: NewPersonInput, principal: Principal): Promise<{ created: boolean; view: PersonView }> {
    if (input.personId && isIdNumber(input.personId)) {
      throw problems.validation([{ path: 'personId', message: 'must not be a resident ID number (person ids appear in logs and URLs)' } satisfies FieldIssue]);
    }
    assertMayOpenInTown(principal, input.town, 'a person');
    const { personId: requestedId, ...body } = input;
    const fingerprint = canonicalJson(body);
    const outcome = await insertPerson(this.deps.db, requestedId ?? newPersonId(), { ...body, disability: body.disability }, fingerprint);
    if (outcome.kind === 'id-number-registered') return this.refuse('duplicate-person', problems.duplicatePerson(outcome.existingPersonId));
    if (outcome.kind === 'same-person' && outcome.row.fingerprint !== fingerprint) {
      return this.refuse('idempotency-conflict', problems.idempotencyConflict(`person ${outcome.row.person_id} was already registered with a different body`));
    }
    return { created: outcome.kind === 'registered', view: presentPerson(outcome.row, principal) };
  }

  private refuse(reason: string, problem: Error): never {
    this.deps.metrics.updatesRefused.inc({ update: 'registerPerson', reason });
    throw problem;
  }

  /** `POST /v1/persons/lookup`: the ID number comes in the body, so it is in no URL and no log line. */
  async lookup(idNumber: string, principal: Principal): Promise<PersonView> {
    const row = await findPersonByIdNumber(this.deps.db, idNumber);
    // A town clerk finds the town's persons only, as if the others were not registered.
    if (!row || !reachesTown(principal, row.town)) throw problems.notFound('no person is registered with this ID number');
    return presentPerson(row, principal);
  }

  async get(personId: string, principal: Principal): Promise<PersonDetail> {
    const row = await findPersonById(this.deps.db, personId);
    if (!row || !reachesTown(principal, row.town)) throw problems.notFound(`no person ${personId}`);
    return presentPersonDetail(row, await this.deps.programs.itemsOfPerson(personId), principal);
  }

  async list(query: PersonListQuery, principal: Principal): Promise<{ items: PersonView[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodePersonCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
    const town = townFilterOf(principal, query.town);
    if (town === null) return { items: [], nextCursor: null };
    const page = await listPersons(this.deps.db, { town, q: query.q }, query.limit, after);
    return { items: page.rows.map((row) => presentPerson(row, principal)), nextCursor: page.next ? encodePersonCursor(page.next) : null };
  }

  /**
   * The person a new case is about, registered from its applicant when the registry does not know
   * the ID number. Disability stays unknown (a case has a certificate number, never a grade).
   */
  /** The person with this ID number, registered from `person` when there is none yet. */
  async findOrRegister(person: PersonRecord): Promise<PersonRow> {
    return findOrRegisterPerson(this.deps.db, newPersonId, person);
  }
}
