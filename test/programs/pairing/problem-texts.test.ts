/**
 * The pairing's refusals in Chinese: the sentences are taken from the pairing core itself, so a
 * reworded refusal that no pattern matches any more fails here rather than reaching an official as
 * a bare title.
 */
import { problemDetail } from '../../../http/i18n/problem-texts';
import { problems } from '../../../http/problems';
import { problemOfPairingRefusal } from '../../../programs/pairing/api/pairing-problems';
import '../../../programs/pairing/api/problem-texts';
import { decidePairing, evolve, type PairingActor, type PairingCommand, type PairingEvent, type PairingState } from '../../../programs/pairing/domain/index';

const officer: PairingActor = { role: 'officer', sub: 'officer-zhang' };
const wang: PairingActor = { role: 'official', sub: 'official-wang' };
const li: PairingActor = { role: 'official', sub: 'official-li' };
const at = '2026-03-02T02:00:00.000Z';
const creation = { pairingId: 'PR-T', personId: 'p-1', category: 'ORPHAN' as const, official: { sub: wang.sub, name: '王', unit: '民政局' } };
const CADENCE = { contactEveryMs: 90 * 86_400_000, visitsPerYear: 2 };

function fold(state: PairingState | undefined, command: PairingCommand, actor: PairingActor): PairingState {
  const decision = decidePairing(state, command, actor, at);
  if (decision.kind !== 'apply') throw new Error(`not applied: ${decision.kind}`);
  return decision.events.reduce<PairingState | undefined>((current, event) => evolve(current, { ...event, seq: (current?.seq ?? 0) + 1 } as PairingEvent), state)!;
}

const created = () => fold(undefined, { action: 'create', input: creation, cadence: CADENCE }, officer);

function zhOf(state: PairingState | undefined, command: PairingCommand, actor: PairingActor): string {
  const decision = decidePairing(state, command, actor, at);
  if (decision.kind !== 'refuse') throw new Error(`expected a refusal, got ${decision.kind}`);
  const problem = problemOfPairingRefusal(decision.refusal);
  return problemDetail(problem.slug, problem.detail, 'zh-CN');
}

const contact = { eventId: 'c-1', kind: 'VISIT' as const, on: '2026-03-02', noteId: 'contact-c-1' };

test('each refusal of the core reads in Chinese', () => {
  expect(zhOf(created(), { action: 'contact', input: contact }, officer)).toBe('登记联系须由结对干部办理，经办人员角色不能办理');
  expect(zhOf(created(), { action: 'contact', input: contact }, li)).toBe('没有结对 PR-T');
  expect(zhOf(created(), { action: 'create', input: { ...creation, category: 'DESTITUTE' }, cadence: CADENCE }, officer)).toBe('结对 PR-T 已存在，且内容不同');
  const once = fold(created(), { action: 'contact', input: contact }, wang);
  expect(zhOf(once, { action: 'contact', input: { ...contact, kind: 'PHONE' } }, wang)).toBe('登记联系 c-1 已登记过，且内容不同');
  expect(zhOf(created(), { action: 'contact', input: { ...contact, on: '2026-03-03' } }, wang)).toBe('联系日期不能晚于今天');
  const closed = fold(created(), { action: 'life-event', input: { eventId: 'le-1', type: 'MOVED_OUT', on: '2026-03-01' } }, officer);
  expect(closed).toMatchObject({ stage: 'CLOSED', closedReason: 'MOVED_OUT', closedOn: '2026-03-01' });
  expect(zhOf(closed, { action: 'need', input: { eventId: 'n-1', noteId: 'need-n-1' } }, wang)).toBe('登记需求需要结对处于“结对中”状态；结对当前“已结束”');
});

test("the API's own refusals", () => {
  expect(problemDetail('duplicate-pairing', problems.duplicatePairing('PR-9').detail, 'zh-CN')).toBe('此人已有未结束的结对 PR-9');
  expect(problemDetail('idempotency-conflict', 'pairing id PR-9 was used by a request that was refused; use another id', 'zh-CN')).toBe('结对编号 PR-9 已被一个未获受理的请求使用；请换一个编号');
});
