/**
 * A pairing (结对关爱): one person in need looked after by one official, for years. Its words, its
 * events and the one definition of its state, `evolve(state, event)`, which the workflow and the
 * projection both fold with. Free text (a contact's notes, a need, a matter's description) is not
 * here: it is kept in PostgreSQL under a note id, and the events carry the id.
 */
import { canonicalJson } from '../../../domain/canonical-json';
import type { LifeEventType } from '../../../domain/life-events';

export const PAIRING_CATEGORIES = ['SEVERE_DISABILITY', 'ORPHAN', 'DESTITUTE'] as const;
export type PairingCategory = (typeof PAIRING_CATEGORIES)[number];

export const PAIRING_STAGES = ['ACTIVE', 'CLOSED'] as const;
export type PairingStage = (typeof PAIRING_STAGES)[number];
/** The stage a pairing waits in (for the next contact); its service-level time is the cadence's. */
export const WAITING_PAIRING_STAGES = ['ACTIVE'] as const satisfies readonly PairingStage[];
export const TERMINAL_PAIRING_STAGES = ['CLOSED'] as const satisfies readonly PairingStage[];

export const CONTACT_KINDS = ['VISIT', 'PHONE', 'OTHER'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Who paid for a practical matter. Public funds are not among them: those go through a program. */
export const MATTER_FUNDERS = ['PERSONAL', 'UNIT', 'CHARITY'] as const;
export type MatterFunder = (typeof MATTER_FUNDERS)[number];

/** The programs a person may be referred to from a pairing. */
export const REFERRAL_PROGRAMS = ['NURSING_SUBSIDY', 'LIVING_SUBSIDY', 'SURGERY'] as const;
export type ReferralProgram = (typeof REFERRAL_PROGRAMS)[number];

export type OverdueReason = 'CONTACT' | 'VISITS';

export type ClosedReason = Extract<LifeEventType, 'DIED' | 'MOVED_OUT'>;

export interface Official {
  /** The official's account (the token's subject): what decides whose pairing it is. */
  sub: string;
  name: string;
  unit: string;
}

export type Day = string;

/** How often a pairing must hear from its official, fixed when it is created. */
export interface PairingCadence {
  contactEveryMs: number;
  visitsPerYear: number;
}

export const DEFAULT_PAIRING_CADENCE = { contactEvery: '90d', visitsPerYear: 2 } as const;

// ---- inputs, as the workflow receives them (free text replaced by its note id) ----

export interface CreatePairingInput {
  pairingId: string;
  personId: string;
  category: PairingCategory;
  official: Official;
}

export interface ReassignInput {
  official: Official;
  reason: string;
}

export interface ContactInput {
  eventId: string;
  kind: ContactKind;
  on: Day;
  noteId: string;
}

export interface NeedInput {
  eventId: string;
  noteId: string;
}

export interface MatterInput {
  matterId: string;
  noteId: string;
  valueFen: number;
  fundedBy: MatterFunder;
  doneOn: Day;
}

export interface ReferralInput {
  eventId: string;
  program: ReferralProgram;
  /** The enrolment or case the referral opened or found open. */
  itemId: string;
  created: boolean;
}

// ---- events ----

export interface PairingEventDataByType {
  PairingCreated: { input: CreatePairingInput; cadence: PairingCadence };
  PairingReassigned: { from: Official; to: Official; reason: string };
  /** `countedFrom`: the instant the cadence counts from (the day's end, but never later than the recording). */
  ContactLogged: ContactInput & { countedFrom: string };
  NeedLogged: NeedInput;
  MatterDone: MatterInput;
  ReferralMade: ReferralInput;
  /**
   * Past `dueAt` without what the cadence asks: a contact within `contactEvery` (`CONTACT`), or
   * `visitsPerYear` visits in the last 365 days (`VISITS`).
   */
  PairingOverdue: { dueAt: string; contactEveryMs: number; reason?: OverdueReason };
  LifeEventApplied: { eventId: string; type: LifeEventType; on: Day; outcome: 'RECORDED' | 'CLOSED' };
  PairingClosed: { reason: ClosedReason; on: Day };
}

export type PairingEventType = keyof PairingEventDataByType;

export const PAIRING_EVENT_TYPES = [
  'PairingCreated',
  'PairingReassigned',
  'ContactLogged',
  'NeedLogged',
  'MatterDone',
  'ReferralMade',
  'PairingOverdue',
  'LifeEventApplied',
  'PairingClosed',
] as const satisfies readonly PairingEventType[];

export const PAIRING_ROLES = ['officer', 'admin', 'official', 'system'] as const;
export type PairingRole = (typeof PAIRING_ROLES)[number];

export interface PairingActor {
  role: PairingRole;
  sub: string;
}

/** The action an event was the first result of: its idempotency key and its body's fingerprint. */
export interface ActionIdempotency {
  key: string;
  fingerprint: string;
}

export type NewPairingEvent = {
  [T in PairingEventType]: { type: T; occurredAt: string; actor: PairingActor; data: PairingEventDataByType[T]; idempotency?: ActionIdempotency };
}[PairingEventType];

export type PairingEvent = NewPairingEvent & { seq: number };

// ---- state ----

export interface PairingState {
  pairingId: string;
  personId: string;
  category: PairingCategory;
  stage: PairingStage;
  official: Official;
  cadence: PairingCadence;
  overdue: boolean;
  /** When the pairing is next due: the earlier of `contactDueAt` and `visitsDueAt`. */
  dueAt: string;
  /** The cadence's `contactEvery` after the last contact (or the opening). */
  contactDueAt: string;
  /** When the last year's visits fall short of `visitsPerYear` (null when none are asked for). */
  visitsDueAt: string | null;
  lastContactOn: Day | null;
  contacts: number;
  visits: number;
  /** The days of the visits, newest first: the last year's, and at least the `visitsPerYear` newest. */
  visitDays: Day[];
  needs: number;
  matters: number;
  mattersValueFen: number;
  mattersValueFenByFunder: Record<MatterFunder, number>;
  referrals: { program: ReferralProgram; itemId: string; created: boolean }[];
  closedReason: ClosedReason | null;
  closedOn: Day | null;
  openedAt: string;
  stageEnteredAt: string;
  updatedAt: string;
  seq: number;
  /** Every client-keyed action applied, by its key, with its body's fingerprint: a repeat is a replay. */
  applied: Record<string, string>;
}

export function actionFingerprint(body: unknown): string {
  return canonicalJson(body);
}

export const CREATION_KEY = 'create';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day (Asia/Shanghai) of an instant. */
export function dayOfInstant(instant: string): Day {
  return new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant a contact on `on`, recorded at `recordedAt`, counts from: the end of its day in
 * Asia/Shanghai, but never after it was recorded (a contact logged the same day counts from then).
 */
export function contactCountedFrom(on: Day, recordedAt: string): string {
  const endOfDay = Date.parse(`${on}T00:00:00Z`) - SHANGHAI_OFFSET_MS + DAY_MS;
  return new Date(Math.min(endOfDay, Date.parse(recordedAt))).toISOString();
}

function addMs(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

const YEAR_MS = 365 * DAY_MS;

function lastYearOf(days: readonly Day[], today: Day): Day[] {
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - YEAR_MS).toISOString().slice(0, 10);
  return days.filter((day) => day > yearAgo);
}

/** The end of a day in Asia/Shanghai. */
function endOfDay(day: Day): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS + DAY_MS).toISOString();
}

/**
 * When the visits fall short: a year after the `visitsPerYear`-th newest visit's day, and never
 * before the pairing's first year is out. Null when the cadence asks for no visits.
 */
export function visitsDueAt(openedAt: string, visitDaysNewestFirst: readonly Day[], visitsPerYear: number): string | null {
  if (visitsPerYear <= 0) return null;
  const firstYear = addMs(openedAt, YEAR_MS);
  const nth = visitDaysNewestFirst[visitsPerYear - 1];
  if (nth === undefined) return firstYear;
  const due = addMs(endOfDay(nth), YEAR_MS);
  return Date.parse(due) > Date.parse(firstYear) ? due : firstYear;
}

function earlier(a: string, b: string | null): string {
  return b !== null && Date.parse(b) < Date.parse(a) ? b : a;
}

/** Which part of the cadence a pairing past `dueAt` missed. */
export function overdueReason(state: Pick<PairingState, 'dueAt' | 'contactDueAt'>): OverdueReason {
  return state.dueAt === state.contactDueAt ? 'CONTACT' : 'VISITS';
}

/** Visits in the year up to `today` (Asia/Shanghai), and how many the cadence asks for. */
export function visitsInLastYear(state: PairingState, today: Day): { visits: number; asked: number } {
  return { visits: lastYearOf(state.visitDays, today).length, asked: state.cadence.visitsPerYear };
}

export const NO_FUNDS: Record<MatterFunder, number> = { PERSONAL: 0, UNIT: 0, CHARITY: 0 };

function remember(state: PairingState, event: PairingEvent): Record<string, string> {
  return event.idempotency ? { ...state.applied, [event.idempotency.key]: event.idempotency.fingerprint } : state.applied;
}

export function evolve(state: PairingState | undefined, event: PairingEvent): PairingState {
  if (event.type === 'PairingCreated') {
    const { input, cadence } = event.data;
    const contactDueAt = addMs(event.occurredAt, cadence.contactEveryMs);
    const visitsDue = visitsDueAt(event.occurredAt, [], cadence.visitsPerYear);
    return {
      pairingId: input.pairingId,
      personId: input.personId,
      category: input.category,
      stage: 'ACTIVE',
      official: input.official,
      cadence,
      overdue: false,
      dueAt: earlier(contactDueAt, visitsDue),
      contactDueAt,
      visitsDueAt: visitsDue,
      lastContactOn: null,
      contacts: 0,
      visits: 0,
      visitDays: [],
      needs: 0,
      matters: 0,
      mattersValueFen: 0,
      mattersValueFenByFunder: { ...NO_FUNDS },
      referrals: [],
      closedReason: null,
      closedOn: null,
      openedAt: event.occurredAt,
      stageEnteredAt: event.occurredAt,
      updatedAt: event.occurredAt,
      seq: event.seq,
      applied: { [CREATION_KEY]: actionFingerprint(input) },
    };
  }
  if (!state) throw new Error(`pairing event ${event.type} before the pairing was created`);
  const base: PairingState = { ...state, seq: event.seq, updatedAt: event.occurredAt, applied: remember(state, event) };
  switch (event.type) {
    case 'PairingReassigned':
      return { ...base, official: event.data.to };
    case 'ContactLogged': {
      const { kind, on, countedFrom } = event.data;
      // A contact logged late for an earlier day never moves a due time back.
      const counted = addMs(countedFrom, state.cadence.contactEveryMs);
      const contactDueAt = Date.parse(counted) > Date.parse(state.contactDueAt) ? counted : state.contactDueAt;
      const { visitsPerYear } = state.cadence;
      let visitDays = state.visitDays;
      let visitsDue = state.visitsDueAt;
      if (kind === 'VISIT') {
        const newestFirst = [...state.visitDays, on].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
        const lastYear = lastYearOf(newestFirst, dayOfInstant(event.occurredAt));
        visitDays = lastYear.length >= visitsPerYear ? lastYear : newestFirst.slice(0, visitsPerYear);
        visitsDue = visitsDueAt(state.openedAt, visitDays, visitsPerYear);
      }
      const dueAt = earlier(contactDueAt, visitsDue);
      const moved = dueAt !== state.dueAt;
      return {
        ...base,
        contacts: state.contacts + 1,
        visits: state.visits + (kind === 'VISIT' ? 1 : 0),
        visitDays,
        lastContactOn: state.lastContactOn === null || on > state.lastContactOn ? on : state.lastContactOn,
        dueAt,
        contactDueAt,
        visitsDueAt: visitsDue,
        overdue: moved ? Date.parse(dueAt) <= Date.parse(event.occurredAt) : state.overdue,
      };
    }
    case 'NeedLogged':
      return { ...base, needs: state.needs + 1 };
    case 'MatterDone': {
      const { valueFen, fundedBy } = event.data;
      return {
        ...base,
        matters: state.matters + 1,
        mattersValueFen: state.mattersValueFen + valueFen,
        mattersValueFenByFunder: { ...state.mattersValueFenByFunder, [fundedBy]: state.mattersValueFenByFunder[fundedBy] + valueFen },
      };
    }
    case 'ReferralMade':
      return { ...base, referrals: [...state.referrals, { program: event.data.program, itemId: event.data.itemId, created: event.data.created }] };
    case 'PairingOverdue':
      return { ...base, overdue: true };
    case 'LifeEventApplied':
      return base;
    case 'PairingClosed':
      return { ...base, stage: 'CLOSED', overdue: false, closedReason: event.data.reason, closedOn: event.data.on, stageEnteredAt: event.occurredAt };
  }
}
