/**
 * Properties of a pairing over random sequences of actions, on the pure core: the figures are the
 * sums of the events (matters' value by funder adds up to the total), repeating any applied action
 * changes nothing, another official is never let in, the next contact's due time never moves back,
 * and after a close nothing more is recorded.
 */
import fc from 'fast-check';
import {
  decidePairing,
  evolve,
  MATTER_FUNDERS,
  type PairingActor,
  type PairingCommand,
  type PairingEvent,
  type PairingState,
} from '../../../programs/pairing/domain/index';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-03-01T02:00:00Z');
const officer: PairingActor = { role: 'officer', sub: 'officer-zhang' };
const wang: PairingActor = { role: 'official', sub: 'official-wang' };
const li: PairingActor = { role: 'official', sub: 'official-li' };
const system: PairingActor = { role: 'system', sub: 'workflow' };
const CADENCE = { contactEveryMs: 90 * DAY_MS, visitsPerYear: 2 };

const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

type Step = { command: PairingCommand; actor: PairingActor; afterDays: number };

const id = fc.constantFrom('a1x', 'b2y', 'c3z', 'd4w');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ eventId: id, kind: fc.constantFrom('VISIT', 'PHONE', 'OTHER' as const), daysBack: fc.integer({ min: 0, max: 40 }), afterDays: fc.integer({ min: 0, max: 120 }), by: fc.constantFrom(wang, li) }).map(
    ({ eventId, kind, daysBack, afterDays, by }) => ({ command: { action: 'contact', input: { eventId, kind, on: `@${daysBack}`, noteId: `contact-${eventId}` } }, actor: by, afterDays }) as Step,
  ),
  fc.record({ matterId: id, valueFen: fc.integer({ min: 0, max: 500_000 }), fundedBy: fc.constantFrom(...MATTER_FUNDERS), afterDays: fc.integer({ min: 0, max: 60 }) }).map(
    ({ matterId, valueFen, fundedBy, afterDays }) => ({ command: { action: 'matter', input: { matterId, noteId: `matter-${matterId}`, valueFen, fundedBy, doneOn: '@0' } }, actor: wang, afterDays }) as Step,
  ),
  fc.record({ eventId: id, afterDays: fc.integer({ min: 0, max: 30 }) }).map(({ eventId, afterDays }) => ({ command: { action: 'need', input: { eventId, noteId: `need-${eventId}` } }, actor: wang, afterDays }) as Step),
  fc.integer({ min: 0, max: 200 }).map((afterDays) => ({ command: { action: 'overdue' }, actor: system, afterDays }) as Step),
  fc.constantFrom('DIED', 'MOVED_OUT', 'ASSISTANCE_CHANGED' as const).map(
    (type) => ({ command: { action: 'life-event', input: type === 'ASSISTANCE_CHANGED' ? { eventId: 'le-1', type, on: '2026-06-01', assistanceCategory: 'DIBAO' } : { eventId: `le-${type}`, type, on: '2026-06-01' } }, actor: officer, afterDays: 1 }) as Step,
  ),
);

/** Days written `@n` are n days before the step's day: a contact may be logged late, never ahead. */
function dated(command: PairingCommand, nowMs: number): PairingCommand {
  const resolve = (text: string) => (text.startsWith('@') ? day(nowMs - Number(text.slice(1)) * DAY_MS) : text);
  if (command.action === 'contact') return { ...command, input: { ...command.input, on: resolve(command.input.on) } };
  if (command.action === 'matter') return { ...command, input: { ...command.input, doneOn: resolve(command.input.doneOn) } };
  return command;
}

function run(steps: readonly Step[]): { state: PairingState; events: PairingEvent[]; checks: (() => void)[] } {
  let nowMs = START;
  const created = decidePairing(undefined, { action: 'create', input: { pairingId: 'PR-1', personId: 'ps-1', category: 'ORPHAN', official: { sub: wang.sub, name: '王', unit: '民政局' } }, cadence: CADENCE }, officer, new Date(nowMs).toISOString());
  if (created.kind !== 'apply') throw new Error('creation refused');
  const events: PairingEvent[] = created.events.map((event, i) => ({ ...event, seq: i + 1 }) as PairingEvent);
  let state = events.reduce<PairingState | undefined>(evolve, undefined)!;
  const checks: (() => void)[] = [];
  for (const { command: raw, actor, afterDays } of steps) {
    nowMs += afterDays * DAY_MS;
    const command = dated(raw, nowMs);
    const now = new Date(nowMs).toISOString();
    const before = state;
    const decision = decidePairing(state, command, actor, now);
    if (actor.sub === li.sub) checks.push(() => expect(decision).toMatchObject({ kind: 'refuse', refusal: { kind: 'not-found' } }));
    if (before.stage === 'CLOSED' && decision.kind === 'apply') checks.push(() => expect(`${command.action} applied after the close`).toBe(''));
    if (decision.kind !== 'apply') continue;
    const numbered = decision.events.map((event, i) => ({ ...event, seq: state.seq + 1 + i }) as PairingEvent);
    events.push(...numbered);
    state = numbered.reduce<PairingState>((s, event) => evolve(s, event), state);
    const after = state;
    checks.push(() => expect(Date.parse(after.dueAt)).toBeGreaterThanOrEqual(Date.parse(before.dueAt)));
    // The same action again is a replay: nothing more to record.
    const again = decidePairing(state, command, actor, now);
    if (command.action !== 'overdue' && command.action !== 'life-event') checks.push(() => expect(again.kind).toBe('replay'));
  }
  return { state, events, checks };
}

test('figures are the sums of the events; repeats, strangers and a closed pairing change nothing; the due time never moves back (property)', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
      const { state, events, checks } = run(steps);
      for (const check of checks) check();
      expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
      const matters = events.filter((event): event is Extract<PairingEvent, { type: 'MatterDone' }> => event.type === 'MatterDone');
      const contacts = events.filter((event): event is Extract<PairingEvent, { type: 'ContactLogged' }> => event.type === 'ContactLogged');
      expect(state.matters).toBe(matters.length);
      expect(state.mattersValueFen).toBe(matters.reduce((sum, event) => sum + event.data.valueFen, 0));
      expect(MATTER_FUNDERS.reduce((sum, funder) => sum + state.mattersValueFenByFunder[funder], 0)).toBe(state.mattersValueFen);
      expect(state.contacts).toBe(contacts.length);
      expect(state.visits).toBe(contacts.filter((event) => event.data.kind === 'VISIT').length);
      // The projection's fold of the stored events is the workflow's state.
      expect(events.reduce<PairingState | undefined>(evolve, undefined)).toEqual(state);
      if (state.stage === 'CLOSED') expect(state.overdue).toBe(false);
    }),
    { numRuns: 300 },
  );
});

test('the cadence, by hand: created 2026-03-01 10:00 (Shanghai), a visit on 03-20 logged on 04-02 counts from the end of 03-20', () => {
  const created = decidePairing(undefined, { action: 'create', input: { pairingId: 'PR-2', personId: 'ps-2', category: 'DESTITUTE', official: { sub: wang.sub, name: '王', unit: '民政局' } }, cadence: CADENCE }, officer, '2026-03-01T02:00:00.000Z');
  if (created.kind !== 'apply') throw new Error('refused');
  let state = evolve(undefined, { ...created.events[0]!, seq: 1 } as PairingEvent);
  expect(state.dueAt).toBe('2026-05-30T02:00:00.000Z');
  const visit = decidePairing(state, { action: 'contact', input: { eventId: 'v-1', kind: 'VISIT', on: '2026-03-20', noteId: 'contact-v-1' } }, wang, '2026-04-02T01:00:00.000Z');
  if (visit.kind !== 'apply') throw new Error('refused');
  state = evolve(state, { ...visit.events[0]!, seq: 2 } as PairingEvent);
  // The end of 2026-03-20 in Shanghai is 2026-03-20T16:00Z; 90 days later is 2026-06-18T16:00Z.
  expect(state.dueAt).toBe('2026-06-18T16:00:00.000Z');
  expect(state).toMatchObject({ lastContactOn: '2026-03-20', contacts: 1, visits: 1, overdue: false });
  // A day ahead of today (Shanghai) is refused.
  expect(decidePairing(state, { action: 'contact', input: { eventId: 'v-2', kind: 'PHONE', on: '2026-04-03', noteId: 'contact-v-2' } }, wang, '2026-04-02T01:00:00.000Z')).toMatchObject({ kind: 'refuse', refusal: { kind: 'unprocessable' } });
});

test('visits a year, by hand: calls keep the contact cadence but not the visits; two visits in the year clear it', () => {
  // Created 2026-01-01 10:00 Shanghai; a contact every 90 days and two visits a year.
  const create = decidePairing(undefined, { action: 'create', input: { pairingId: 'PR-3', personId: 'ps-3', category: 'ORPHAN', official: { sub: wang.sub, name: '王', unit: '民政局' } }, cadence: CADENCE }, officer, '2026-01-01T02:00:00.000Z');
  if (create.kind !== 'apply') throw new Error('refused');
  let state = evolve(undefined, { ...create.events[0]!, seq: 1 } as PairingEvent);
  expect(state).toMatchObject({ contactDueAt: '2026-04-01T02:00:00.000Z', visitsDueAt: '2027-01-01T02:00:00.000Z', dueAt: '2026-04-01T02:00:00.000Z' });
  const apply = (command: PairingCommand, actor: PairingActor, now: string) => {
    const decision = decidePairing(state, command, actor, now);
    if (decision.kind !== 'apply') throw new Error(`not applied: ${decision.kind}`);
    for (const event of decision.events) state = evolve(state, { ...event, seq: state.seq + 1 } as PairingEvent);
  };
  // A call every 60 days through the year: the contact cadence is kept, the visits' year runs out.
  for (let n = 1; n <= 6; n++) {
    const on = new Date(Date.parse('2026-01-01T02:00:00Z') + n * 60 * DAY_MS).toISOString();
    apply({ action: 'contact', input: { eventId: `call-${n}`, kind: 'PHONE', on: on.slice(0, 10), noteId: `contact-call-${n}` } }, wang, on);
  }
  // The last call, 360 days in, on 2026-12-27 at 10:00 and logged then: contact due 90 days later, after the visits.
  expect(state.contactDueAt).toBe('2027-03-27T02:00:00.000Z');
  expect(state.dueAt).toBe('2027-01-01T02:00:00.000Z');
  apply({ action: 'overdue' }, system, '2027-01-01T02:00:00.000Z');
  expect(state).toMatchObject({ overdue: true, visitsDueAt: '2027-01-01T02:00:00.000Z' });
  // Another call does not clear a visits shortfall; one visit of the two asked for neither.
  apply({ action: 'contact', input: { eventId: 'call-7', kind: 'PHONE', on: '2027-01-03', noteId: 'contact-call-7' } }, wang, '2027-01-03T03:00:00.000Z');
  expect(state.overdue).toBe(true);
  apply({ action: 'contact', input: { eventId: 'visit-1', kind: 'VISIT', on: '2027-01-05', noteId: 'contact-visit-1' } }, wang, '2027-01-05T03:00:00.000Z');
  expect(state.overdue).toBe(true);
  // The second visit: the year's two visits are there; due again a year after the older one's day.
  apply({ action: 'contact', input: { eventId: 'visit-2', kind: 'VISIT', on: '2027-01-06', noteId: 'contact-visit-2' } }, wang, '2027-01-06T03:00:00.000Z');
  expect(state).toMatchObject({ overdue: false, visitsDueAt: '2028-01-05T16:00:00.000Z', contactDueAt: '2027-04-06T03:00:00.000Z', dueAt: '2027-04-06T03:00:00.000Z', visitDays: ['2027-01-06', '2027-01-05'] });
});
