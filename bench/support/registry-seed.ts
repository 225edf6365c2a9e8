/**
 * Loads the registry and a subsidy program straight into PostgreSQL, through the store modules'
 * own bulk functions (sealed columns, blind index, sealed bank accounts as the API would write
 * them): opening 20,000 enrolments through their workflows would take longer than the payroll
 * being measured. The enrolments are real rows in ACTIVE, made by the subsidy core's own commands
 * for one template and copied with their own ids and accounts, so the payroll finds them and
 * computes their months with the pinned policy, as it would any other.
 */
import type { Kysely } from 'kysely';
import { idNumberCheckCharacter } from '../../domain/id-number';
import { DEFAULT_TOWNS } from '../../config/towns';
import { decide, evolve, type EnrolmentCommand, type EnrolmentState, type NewEnrolmentEvent, type SubsidyActor, type SubsidyPolicy, type SubsidyProgram } from '../../programs/subsidy/domain/index';
import { insertEnrolmentRowsInBulk } from '../../programs/subsidy/store/enrolments';
import { keepSubsidyPolicy } from '../../programs/subsidy/store/subsidy-policies';
import { insertPersonsInBulk, type PersonRecord } from '../../store/persons';
import type { Database } from '../../store/schema';

/** Liangzhou district's area code; the birth date and the sequence make each number distinct. */
const AREA = '620602';

/** A valid resident ID number, distinct for each `n` below 3,650,000 (a birth day in ten years, a sequence of 1,000). */
export function benchIdNumber(n: number): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const first17 = `${AREA}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

export function benchPersonId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(7, '0')}`;
}

function personRecord(n: number): PersonRecord {
  return {
    idNumber: benchIdNumber(n),
    name: `测试${n}`,
    town: DEFAULT_TOWNS[n % DEFAULT_TOWNS.length]!,
    // Eligible for both subsidies: grade 1, long-term care, on 低保.
    assistanceCategory: 'DIBAO',
    disability: { certificateNo: `C${n}`, category: 'PHYSICAL', grade: 1, longTermCare: true },
  };
}

/** Persons `from` … `from + count - 1` under `prefix`, in chunks of 1,000 rows; `onChunk` reports progress. */
export async function seedPersons(db: Kysely<Database>, prefix: string, from: number, count: number, onChunk?: (done: number) => void): Promise<void> {
  const CHUNK = 5_000;
  for (let start = from; start < from + count; start += CHUNK) {
    const end = Math.min(from + count, start + CHUNK);
    const rows = [];
    for (let n = start; n < end; n++) rows.push({ personId: benchPersonId(prefix, n), person: personRecord(n) });
    await insertPersonsInBulk(db, rows);
    onChunk?.(end - from);
  }
}

/**
 * One enrolment taken by the core from application to ACTIVE (the dates of the subsidy tests:
 * applied in March 2026, active from May): the template every seeded enrolment copies.
 */
function activeTemplate(program: SubsidyProgram, policy: SubsidyPolicy): EnrolmentState {
  const officer: SubsidyActor = { role: 'officer', sub: 'bench-officer' };
  const civil: SubsidyActor = { role: 'civil', sub: 'bench-civil' };
  const system: SubsidyActor = { role: 'system', sub: 'workflow' };
  const steps: Array<[EnrolmentCommand, SubsidyActor, string]> = [
    [
      {
        action: 'apply',
        input: { enrolmentId: 'template', program, personId: 'template', appliedOn: '2026-03-02', bankAccount: { bank: '农村信用社', accountNo: '6228480000000000000' } },
        person: { status: 'ACTIVE', assistanceCategory: 'DIBAO', disability: { grade: 1, longTermCare: true } },
      },
      officer,
      '2026-03-02T02:00:00.000Z',
    ],
    [{ action: 'town-review', input: { approved: true, reviewedBy: 'bench town clerk' } }, officer, '2026-03-10T02:00:00.000Z'],
    [{ action: 'cdpf-review', input: { approved: true, reviewedBy: 'bench CDPF clerk' } }, officer, '2026-03-20T02:00:00.000Z'],
    [{ action: 'decision', input: { approved: true } }, civil, '2026-04-30T02:00:00.000Z'],
    [{ action: 'activate' }, system, '2026-05-05T02:00:00.000Z'],
  ];
  let state: EnrolmentState | undefined;
  for (const [command, actor, now] of steps) {
    const decision = decide(state, command, actor, policy, now);
    if (decision.kind !== 'apply') throw new Error(`the template enrolment was not taken through ${command.action}: ${JSON.stringify(decision)}`);
    state = decision.events.reduce<EnrolmentState | undefined>((current, event: NewEnrolmentEvent) => evolve(current, { ...event, seq: (current?.seq ?? 0) + 1 } as Parameters<typeof evolve>[1]), state);
  }
  if (state?.stage !== 'ACTIVE' || state.activeFrom === null) throw new Error(`the template enrolment is ${state?.stage}, not ACTIVE`);
  return state;
}

export interface SeededProgram {
  program: SubsidyProgram;
  enrolments: number;
  /** The month the enrolments are owed from: a payroll for it has one line per enrolment. */
  firstMonth: string;
}

/**
 * `count` ACTIVE enrolments of `program` for the persons `prefix`-`firstPerson` … (already seeded), each with
 * its own account. The policy is stored as a workflow would store it; the months are left to the
 * payroll (it brings every granted enrolment's months up to its period before computing lines).
 */
export async function seedActiveEnrolments(
  db: Kysely<Database>,
  program: SubsidyProgram,
  policy: SubsidyPolicy,
  personPrefix: string,
  count: number,
  options: { firstPerson?: number; idPrefix?: string } = {},
): Promise<SeededProgram> {
  const { firstPerson = 0, idPrefix = 'bench' } = options;
  await keepSubsidyPolicy(db, policy);
  const template = activeTemplate(program, policy);
  const CHUNK = 5_000;
  for (let start = 0; start < count; start += CHUNK) {
    const rows = [];
    for (let n = start; n < Math.min(count, start + CHUNK); n++) {
      const state: EnrolmentState = {
        ...template,
        enrolmentId: `${idPrefix}-${program === 'NURSING_SUBSIDY' ? 'n' : 'l'}-${String(n).padStart(7, '0')}`,
        personId: benchPersonId(personPrefix, firstPerson + n),
        bankAccount: { bank: '农村信用社', accountNo: `62284800${String(n).padStart(11, '0')}` },
      };
      rows.push({ state, town: DEFAULT_TOWNS[n % DEFAULT_TOWNS.length]! });
    }
    await insertEnrolmentRowsInBulk(db, rows);
  }
  return { program, enrolments: count, firstMonth: template.activeFrom! };
}
