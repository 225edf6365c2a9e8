/**
 * A life event's fan-out: a person with every open item today's catalogue allows (a surgery case,
 * a nursing and a living subsidy enrolment, a pairing: 4, since each program keeps one open item
 * per person), and a life event recorded through `POST /v1/persons/{id}/life-events`, which
 * delivers it to each item and answers once all have applied it — against the same Updates sent
 * directly to the same kinds of workflows with the Temporal client, one after the other as the API
 * sends them. Two sets of persons alike (one per path: an item hears of an event once), timed one
 * person at a time, alternating the paths, so the machine's drift falls on both.
 */
import { caseWorkflowId } from '../../programs/surgery/domain/ids';
import { applyLifeEventUpdate } from '../../programs/surgery/workflow/definitions';
import { enrolmentWorkflowId, lifeEventUpdate } from '../../programs/subsidy/workflow/definitions';
import { pairingLifeEventUpdate, pairingWorkflowId } from '../../programs/pairing/workflow/definitions';
import type { CaseLifeEventInput } from '../../domain/life-events';
import type { BenchContext } from '../support/context';
import { benchIdNumber } from '../support/registry-seed';
import { median, summarize, type LatencySummary } from '../support/stats';

export interface LifeEventFigures {
  persons: number;
  itemsPerPerson: number;
  /** Per person, ms: the API's answer vs the direct Updates, medians and means. */
  apiMs: { p50: number; mean: number };
  directMs: { p50: number; mean: number };
  /** `GET /v1/persons/{id}` for a person with those items (every program's: 4), read PERSON_PAGE_READS times each. */
  personPageMs: LatencySummary;
}

/** Reads of each person's page, once their items are open and the life event has reached them. */
const PERSON_PAGE_READS = 10;

/** ID numbers of this scenario's persons: above the payroll's and the registry's ranges. */
const FIRST = 3_000_000;

interface OpenItems {
  personId: string;
  caseId: string;
  enrolmentIds: string[];
  pairingId: string;
}

const mean = (values: readonly number[]) => Number((values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(1));

async function openItems(ctx: BenchContext, n: number, tag: string): Promise<OpenItems> {
  const api = ctx.flow.api!;
  const officer = api.tokens.officer;
  const idNumber = benchIdNumber(FIRST + n);
  const personId = `LE-${tag}-${n}`;
  await api.request('POST', '/v1/persons', officer, {
    personId,
    idNumber,
    name: '王大爷',
    town: '黄羊镇',
    assistanceCategory: 'DIBAO',
    disability: { certificateNo: `CDPF-LE-${n}`, category: 'PHYSICAL', grade: 1, longTermCare: true },
  }, [201]);
  const body = ctx.flow.factory.newCase('LE', n);
  const caseId = `${body.caseId!}-${tag}`;
  await api.request('POST', '/v1/cases', officer, { ...body, caseId, applicant: { ...body.applicant, idNumber, town: '黄羊镇' } }, [201]);
  const enrolmentIds: string[] = [];
  for (const program of ['NURSING_SUBSIDY', 'LIVING_SUBSIDY'] as const) {
    const enrolmentId = `le-${tag}-${program === 'NURSING_SUBSIDY' ? 'n' : 'l'}-${n}`;
    await api.request('POST', '/v1/enrolments', officer, { enrolmentId, program, personId, appliedOn: '2026-11-02', bankAccount: { bank: '农村信用社凉州支行', accountNo: `6228481${String(n).padStart(12, '0')}` } }, [201]);
    enrolmentIds.push(enrolmentId);
  }
  const pairingId = `le-${tag}-p-${n}`;
  await api.request('POST', '/v1/pairings', officer, { pairingId, personId, category: 'SEVERE_DISABILITY', official: { sub: `bench-official-${n % 7}`, name: '李干部', unit: '凉州区民政局' } }, [201]);
  return { personId, caseId, enrolmentIds, pairingId };
}

/** The same event to each item, as the API sends it: the case, the enrolments, the pairing, in turn. */
async function sendDirectly(ctx: BenchContext, items: OpenItems, input: CaseLifeEventInput): Promise<void> {
  const actor = { role: 'officer' as const, sub: 'bench-officer' };
  await ctx.temporal.workflow.getHandle(caseWorkflowId(items.caseId)).executeUpdate(applyLifeEventUpdate, { args: [{ input, actor }] });
  for (const enrolmentId of items.enrolmentIds) await ctx.temporal.workflow.getHandle(enrolmentWorkflowId(enrolmentId)).executeUpdate(lifeEventUpdate, { args: [{ input, actor }] });
  await ctx.temporal.workflow.getHandle(pairingWorkflowId(items.pairingId)).executeUpdate(pairingLifeEventUpdate, { args: [{ input, actor }] });
}

export async function runLifeEventScenario(ctx: BenchContext): Promise<LifeEventFigures> {
  const api = ctx.flow.api;
  if (!api) throw new Error('the life-events scenario needs the API');
  const persons = ctx.options.lifeEventPersons;
  const tag = Date.now().toString(36);
  ctx.progress.line(`life events: opening 4 items for each of ${2 * persons} persons (a case, two enrolments, a pairing)…`);
  const viaApi: OpenItems[] = [];
  const direct: OpenItems[] = [];
  for (let n = 0; n < persons; n++) {
    viaApi.push(await openItems(ctx, 2 * n, tag));
    direct.push(await openItems(ctx, 2 * n + 1, tag));
  }
  // The same kind of event on both paths: the disability as it was (every program records it, none closes).
  const event = (n: number): Omit<CaseLifeEventInput, 'eventId'> => ({
    type: 'DISABILITY_CHANGED',
    on: '2026-11-20',
    disability: { certificateNo: `CDPF-LE-${n}`, category: 'PHYSICAL', grade: 1, longTermCare: true },
  });
  const apiMs: number[] = [];
  const directMs: number[] = [];
  for (let n = 0; n < persons; n++) {
    const a = viaApi[n]!;
    let started = performance.now();
    const result = await api.request<{ effects: unknown[] }>('POST', `/v1/persons/${a.personId}/life-events`, api.tokens.officer, { eventId: `LE-${tag}-a-${n}`, ...event(2 * n) });
    apiMs.push(performance.now() - started);
    if (result.effects.length !== 4) throw new Error(`the life event reached ${result.effects.length} items, not 4`);
    const d = direct[n]!;
    started = performance.now();
    await sendDirectly(ctx, d, { eventId: `LE-${tag}-d-${n}`, ...event(2 * n + 1) } as CaseLifeEventInput);
    directMs.push(performance.now() - started);
  }
  // The person page an officer opens: the person and every program's items of theirs.
  const pageMs: number[] = [];
  for (let read = 0; read < PERSON_PAGE_READS; read++) {
    for (const items of [...viaApi, ...direct]) {
      const started = performance.now();
      const page = await api.request<{ programs: unknown[] }>('GET', `/v1/persons/${items.personId}`, api.tokens.officer);
      pageMs.push(performance.now() - started);
      if (page.programs.length !== 4) throw new Error(`the person page of ${items.personId} lists ${page.programs.length} items, not 4`);
    }
  }
  const r = (v: number) => Number(v.toFixed(1));
  return {
    persons,
    itemsPerPerson: 4,
    apiMs: { p50: r(median(apiMs)), mean: mean(apiMs) },
    directMs: { p50: r(median(directMs)), mean: mean(directMs) },
    personPageMs: summarize(pageMs),
  };
}
