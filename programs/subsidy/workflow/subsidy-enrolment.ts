/**
 * One subsidy enrolment, from the application for as long as the subsidy is paid (years). People
 * act on it through Updates, refused by their validators before anything is written; the workflow
 * itself ends the public notice, flags stages past their service-level time, and continues as new
 * before its history grows too long.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type { EnrolmentActivities } from '../activities/index';
// The core's modules one by one, not its index: the index brings the policy file's schema, the
// payroll and zod, and every module a workflow loads is kept once per cached workflow.
import { forbiddenReason } from '../domain/actor';
import { decide } from '../domain/enrolment-commands';
import { isOneOf, isTerminalEnrolmentStage, WAITING_ENROLMENT_STAGES } from '../domain/stages';
import type {
  DecisionInput,
  EnrolmentCommand,
  EnrolmentDecision,
  EnrolmentState,
  NewEnrolmentEvent,
  SubsidyActor,
  SubsidyPolicy,
} from '../domain/index';
import type * as UpdateBodies from '../domain/update-bodies';
import { EnrolmentJournal } from './enrolment-journal';
import { whenDrained } from '../../drained';
import {
  applyUpdate,
  bankAccountUpdate,
  cdpfReviewUpdate,
  decisionUpdate,
  enrolmentRefusalFailure,
  enrolmentSearchAttributes,
  ENROLMENT_REFUSAL_TYPES,
  getEnrolmentQuery,
  lifeEventUpdate,
  objectionUpdate,
  payrollMonthsSettledSignal,
  reinstateUpdate,
  repaymentUpdate,
  suspendUpdate,
  townReviewUpdate,
  waiveUpdate,
  withdrawUpdate,
  type AnyEnrolmentRefusal,
  type EnrolmentLifeEventEffect,
  type EnrolmentLifeEventResult,
  type EnrolmentUpdateArgs,
  type EnrolmentUpdateResult,
  type SubsidyEnrolmentInput,
  type SubsidyEnrolmentResult,
} from './definitions';

// Reads of the registry and the months table: short, inside the workflow task.
const { applicationFacts, personFacts, paidMonths, paidAndHeldMonths, storeApplication } = proxyLocalActivities<
  Pick<EnrolmentActivities, 'applicationFacts' | 'personFacts' | 'paidMonths' | 'paidAndHeldMonths' | 'storeApplication'>
>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

// A regular activity, as the surgery case reads its policy: a file that fails to load is retried
// without holding the workflow task open, and the failure is visible in the workflow's history.
const { loadSubsidyPolicy } = proxyActivities<Pick<EnrolmentActivities, 'loadSubsidyPolicy'>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** The workflow itself: ends the public notice and flags overdue stages. No person may act as it. */
const SYSTEM: SubsidyActor = { role: 'system', sub: 'workflow' };

/**
 * Continue as new past this many history events even if the server has not suggested it yet: an
 * enrolment lives for years, and a short history keeps replays fast.
 */
const HISTORY_LENGTH_BOUND = 10_000;

/**
 * From this version on, an enrolment that has ended stays open while a payroll holds any of its
 * months (approved before the end was reported, not yet answered by the bank), and checks what was
 * paid each time a payroll settles them: a month paid after the death opens a recovery. Histories
 * recorded before simply close as they did.
 */
const PAYROLL_HELD_MONTHS_PATCH = 'enrolment-waits-for-held-months';

/**
 * From this version on, the application (the start input) is checked by the local activity that
 * reads its person (`applicationFacts`), not inside the workflow: its schema is zod's, and a
 * module loaded here is kept once per cached enrolment. Histories recorded before check it here.
 */
const APPLICATION_CHECKED_BY_ACTIVITY_PATCH = 'enrolment-application-checked-by-activity';

/**
 * The Update bodies' schemas, loaded when a body is first checked (a validator, or the start of an
 * enrolment recorded before the patch above): validators do not run on replay, so an enrolment
 * replayed into the worker's cache does not load them at all.
 */
function updateBodies(): typeof UpdateBodies {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a `require` inside the function is what makes the load lazy; webpack bundles it
  return require('../domain/update-bodies') as typeof UpdateBodies;
}

/** The workflow's clock: Temporal makes `Date` deterministic inside workflows (the task's start time). */
function now(): string {
  return new Date().toISOString();
}

type Opening = { status: 'pending' } | { status: 'open' } | { status: 'refused'; refusal: AnyEnrolmentRefusal };

export async function subsidyEnrolment(args: SubsidyEnrolmentInput): Promise<SubsidyEnrolmentResult> {
  const { enrolmentId } = args;
  const journal = new EnrolmentJournal(enrolmentId, args.carried?.state);
  const state = (): EnrolmentState => journal.state;
  /** The policy the approving decision pinned: life events and the months are computed with it. */
  let pinnedPolicy: SubsidyPolicy | null = args.carried?.state.decision?.approved ? args.carried.policy : null;
  /** The policy file as last read: the decision's validator checks eligibility against it. */
  let latestPolicy: SubsidyPolicy | null = args.carried?.policy ?? null;
  const lifeEventEffects: Record<string, EnrolmentLifeEventEffect> = { ...args.carried?.lifeEventEffects };
  let opening: Opening = args.carried ? { status: 'open' } : { status: 'pending' };
  /** Whether this run, once the enrolment has ended, waits for the months a payroll holds (see the patch). */
  let waitsForHeldMonths = false;
  /** Signals from payrolls that settled months of this enrolment, and how many of them the last check saw (-1: none yet). */
  let settlements = 0;
  let settlementsChecked = -1;
  /** Months a payroll held at the last check. */
  let heldMonths = 0;

  const policyInForce = (): SubsidyPolicy => {
    const policy = pinnedPolicy ?? latestPolicy;
    if (!policy) throw new Error('no subsidy policy was read');
    return policy;
  };

  /** Records the events and keeps the search attributes and the stage's watchers in line. */
  function record(events: readonly NewEnrolmentEvent[]): void {
    const before = journal.state;
    journal.record(events);
    const after = journal.state;
    // The reducer replaces `stageEntries` exactly when a stage is entered.
    if (after.stageEntries !== before.stageEntries) onStageEntered();
    else if (after.overdue && !before.overdue) upsertSearchAttributes([{ key: enrolmentSearchAttributes.overdue, value: true }]);
  }

  function onStageEntered(): void {
    upsertSearchAttributes([
      { key: enrolmentSearchAttributes.stage, value: state().stage },
      { key: enrolmentSearchAttributes.stageEnteredAt, value: new Date(state().stageEnteredAt) },
      { key: enrolmentSearchAttributes.overdue, value: false },
    ]);
    watchStage();
    if (isTerminalEnrolmentStage(state().stage)) waitsForHeldMonths = patched(PAYROLL_HELD_MONTHS_PATCH);
  }

  /** Starts what waits on the current stage: its service-level time, and the end of a public notice. */
  function watchStage(): void {
    const { stage } = state();
    if (isOneOf(stage, WAITING_ENROLMENT_STAGES) && !state().overdue) void watchServiceLevel();
    if (stage === 'PUBLIC_NOTICE' && state().noticeEndsAt !== null) void watchNotice();
  }

  /** The same entry of the same stage: a stage entered again (a decision after an objection) is a new entry. */
  function stillInEntry(): () => boolean {
    const { stage, stageEntries } = state();
    const entry = stageEntries[stage];
    return () => state().stage === stage && state().stageEntries[stage] === entry;
  }

  /** Past the stage's service-level time the enrolment is flagged overdue, and keeps waiting. */
  async function watchServiceLevel(): Promise<void> {
    const stage = state().stage as (typeof WAITING_ENROLMENT_STAGES)[number];
    const slaMs = args.stageSlaMs[stage];
    const same = stillInEntry();
    const leftMs = Date.parse(state().stageEnteredAt) + slaMs - Date.now();
    const moved = await condition(() => !same(), Math.max(1, leftMs));
    if (!moved && same() && !state().overdue) record([{ type: 'StageOverdue', occurredAt: now(), actor: SYSTEM, data: { stage, slaMs } }]);
  }

  /** When the notice ends without an objection, the subsidy is granted. */
  async function watchNotice(): Promise<void> {
    const same = stillInEntry();
    const leftMs = Date.parse(state().noticeEndsAt!) - Date.now();
    const moved = await condition(() => !same(), Math.max(1, leftMs));
    if (moved || !same()) return;
    const decision = decide(state(), { action: 'activate' }, SYSTEM, policyInForce(), now());
    if (decision.kind === 'apply') record(decision.events);
  }

  const result = (): EnrolmentUpdateResult => ({ enrolmentId, stage: state().stage, seq: state().seq });

  setHandler(getEnrolmentQuery, () => state());
  setHandler(payrollMonthsSettledSignal, () => {
    settlements += 1;
  });

  // The application is the start input; this answers the update-with-start that carried it (or
  // a repeat of it) once the application is stored, or with why it was refused.
  setHandler(
    applyUpdate,
    async ({ input, actor }) => {
      await condition(() => opening.status !== 'pending');
      if (opening.status === 'refused') throw enrolmentRefusalFailure(opening.refusal);
      const decision = decide(state(), { action: 'apply', input, person: state().person }, actor, policyInForce(), now());
      if (decision.kind === 'refuse') throw enrolmentRefusalFailure(decision.refusal);
      await journal.persisted();
      return result();
    },
    {
      validator: ({ input, actor }) => {
        const forbidden = forbiddenReason('apply', actor);
        if (forbidden) throw enrolmentRefusalFailure({ kind: 'forbidden', detail: forbidden });
        // The application that starts the workflow is checked by the activity that reads its person,
        // and the handler answers with that check; one that reaches a running enrolment is checked here.
        if (opening.status !== 'pending') {
          const problem = updateBodies().bodyProblem('apply', input);
          if (problem) throw enrolmentRefusalFailure({ kind: 'unprocessable', detail: problem });
        }
        const named = (input as Partial<typeof input> | undefined)?.enrolmentId;
        if (named !== enrolmentId) throw enrolmentRefusalFailure({ kind: 'unprocessable', detail: `enrolmentId: ${String(named)} is not this enrolment's (${enrolmentId})` });
      },
    },
  );

  /**
   * An Update decided by the core on the state. The validator refuses before anything is written
   * (role, body, stage, and whatever else the core refuses); the handler decides again, as another
   * Update may have been applied since, records the events and answers once they are stored.
   * `prepare` reads what the decision needs from outside (the policy file, the months paid) first.
   */
  function handleUpdate<I, R extends EnrolmentUpdateResult>(
    update: UpdateDefinition<R, [EnrolmentUpdateArgs<I>]>,
    action: UpdateBodies.BodyAction,
    command: (input: I) => EnrolmentCommand,
    options: { prepare?: (input: I) => Promise<EnrolmentCommand>; answer?: (input: I, events: readonly NewEnrolmentEvent[], before: EnrolmentState) => R } = {},
  ): void {
    // A decision is taken under the policy file as it is now; everything else under the pinned one.
    const decideOn = (cmd: EnrolmentCommand, actor: SubsidyActor): EnrolmentDecision =>
      decide(state(), cmd, actor, cmd.action === 'decision' && latestPolicy ? latestPolicy : policyInForce(), now());
    setHandler(
      update,
      async ({ input, actor }) => {
        const cmd = options.prepare ? await options.prepare(input) : command(input);
        const before = state();
        const decision = decideOn(cmd, actor);
        if (decision.kind === 'refuse') throw enrolmentRefusalFailure(decision.refusal);
        const events = decision.kind === 'apply' ? decision.events : [];
        if (events.length > 0) record(events);
        await journal.persisted();
        return options.answer ? options.answer(input, events, before) : (result() as R);
      },
      {
        validator: ({ input, actor }) => {
          if (!journal.opened) throw enrolmentRefusalFailure({ kind: 'not-found', detail: `enrolment ${enrolmentId} is not open yet` });
          const problem = updateBodies().bodyProblem(action, input);
          if (problem) throw enrolmentRefusalFailure({ kind: 'unprocessable', detail: problem });
          const decision = decideOn(command(input), actor);
          if (decision.kind === 'refuse') throw enrolmentRefusalFailure(decision.refusal);
        },
      },
    );
  }

  handleUpdate(townReviewUpdate, 'town-review', (input) => ({ action: 'town-review', input }));
  handleUpdate(cdpfReviewUpdate, 'cdpf-review', (input) => ({ action: 'cdpf-review', input }));
  const decisionCommand = (input: DecisionInput): EnrolmentCommand => ({ action: 'decision', input, ...(args.noticeMs !== undefined ? { noticeMs: args.noticeMs } : {}) });
  handleUpdate(decisionUpdate, 'decision', decisionCommand, {
    // Each decision reads the policy file afresh (a decision after an objection too); an approval
    // pins the policy it was made under, and the months are paid by that policy from then on.
    prepare: async (input) => {
      latestPolicy = await loadSubsidyPolicy({ enrolmentId });
      return decisionCommand(input);
    },
    answer: (_input, events) => {
      if (events.some((event) => event.type === 'EnrolmentDecided' && event.data.approved)) pinnedPolicy = latestPolicy;
      return result();
    },
  });
  handleUpdate(objectionUpdate, 'objection', (input) => ({ action: 'objection', input }));
  handleUpdate(withdrawUpdate, 'withdraw', (input) => ({ action: 'withdraw', input }));
  handleUpdate(suspendUpdate, 'suspend', (input) => ({ action: 'suspend', input }));
  handleUpdate(reinstateUpdate, 'reinstate', (input) => ({ action: 'reinstate', input }));
  handleUpdate(bankAccountUpdate, 'bank-account', (input) => ({ action: 'bank-account', input }));
  handleUpdate(repaymentUpdate, 'repayment', (input) => ({ action: 'repayment', input }));
  handleUpdate(waiveUpdate, 'waive', (input) => ({ action: 'waive', input }));
  handleUpdate<CaseLifeEventInput, EnrolmentLifeEventResult>(
    lifeEventUpdate,
    'life-event',
    // The validator checks role, stage and body; what was paid only matters to the handler.
    (input) => ({ action: 'life-event', input, paidMonths: [] }),
    {
      prepare: async (input) => ({ action: 'life-event', input, paidMonths: await paidMonths({ enrolmentId }) }),
      answer: (input, events, before) => {
        const known = lifeEventEffects[input.eventId];
        if (events.length === 0 && known) return { ...result(), effect: known };
        const overpaymentFen = events.reduce((sum, event) => sum + (event.type === 'OverpaymentFound' ? event.data.totalFen : 0), 0);
        const effect: EnrolmentLifeEventEffect = { stageBefore: before.stage, stageAfter: state().stage, overpaymentFen };
        lifeEventEffects[input.eventId] = effect;
        return { ...result(), effect };
      },
    },
  );

  if (opening.status === 'pending') {
    opening = await open(args);
    if (opening.status === 'refused') {
      // The application's Update hears why; nothing was written, and the workflow ends.
      await condition(allHandlersFinished);
      return { enrolmentId, stage: null };
    }
    onStageEntered();
  } else {
    watchStage();
    if (isTerminalEnrolmentStage(state().stage)) waitsForHeldMonths = patched(PAYROLL_HELD_MONTHS_PATCH);
  }
  void journal.runWriter();

  // Closed: ended, no recovery open, and no month held by a payroll (always 0 before the patch).
  const closed = () => isTerminalEnrolmentStage(state().stage) && state().recovery?.status !== 'OPEN' && heldMonths === 0;
  const historyLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (args.historyLengthBound ?? HISTORY_LENGTH_BOUND);
  // Once ended (and on each payroll's signal after that), what was paid is checked again.
  const checkDue = () => waitsForHeldMonths && settlementsChecked !== settlements;
  for (;;) {
    await condition(() => checkDue() || closed() || historyLong());
    if (!checkDue()) break;
    settlementsChecked = settlements;
    // The end is stored before the months are read: a payroll that settles a month after this read
    // finds the enrolment ended, and signals.
    await journal.persisted();
    const ledger = await paidAndHeldMonths({ enrolmentId });
    heldMonths = ledger.heldMonths;
    const decision = decide(state(), { action: 'settle-paid-months', paidMonths: ledger.paidMonths }, SYSTEM, policyInForce(), now());
    if (decision.kind === 'apply' && decision.events.length > 0) {
      record(decision.events);
      await journal.persisted();
    }
  }
  if (!closed()) {
    // Continue as new only between Updates, with everything recorded stored: the next run starts from the stored state.
    await whenDrained(journal, () => continueAsNew<typeof subsidyEnrolment>({ ...args, carried: { state: state(), policy: pinnedPolicy ?? latestPolicy, lifeEventEffects } }));
  }
  // A repeated Update may still be waiting for its answer: let it finish before the enrolment closes.
  return whenDrained(journal, () => ({ enrolmentId, stage: state().stage }));

  /** Reads the person and the policy, decides the application and stores it (or says why not). */
  async function open(input: SubsidyEnrolmentInput): Promise<Opening> {
    const { application } = input;
    const forbidden = forbiddenReason('apply', application.actor);
    if (forbidden) return { status: 'refused', refusal: { kind: 'forbidden', detail: forbidden } };
    let person: Awaited<ReturnType<typeof personFacts>>;
    if (patched(APPLICATION_CHECKED_BY_ACTIVITY_PATCH)) {
      const facts = await applicationFacts({ enrolmentId, application: application.input });
      if ('problem' in facts) return { status: 'refused', refusal: { kind: 'unprocessable', detail: facts.problem } };
      person = facts.person;
    } else {
      const problem = updateBodies().bodyProblem('apply', application.input);
      if (problem) return { status: 'refused', refusal: { kind: 'unprocessable', detail: problem } };
      person = await personFacts({ enrolmentId, personId: application.input.personId });
    }
    if (!person) return { status: 'refused', refusal: { kind: 'not-found', detail: `no person ${application.input.personId} in the registry` } };
    latestPolicy = await loadSubsidyPolicy({ enrolmentId });
    const decision = decide(undefined, { action: 'apply', input: application.input, person: person.facts }, application.actor, latestPolicy, now());
    if (decision.kind === 'refuse') return { status: 'refused', refusal: decision.refusal };
    if (decision.kind !== 'apply') throw new Error('an application without an enrolment cannot be a repeat');
    const events = journal.number(decision.events);
    try {
      await storeApplication({ enrolmentId, events });
    } catch (error) {
      // A local activity's failure reaches the workflow as the activity's own ApplicationFailure.
      const failure = error instanceof ActivityFailure ? error.cause : error;
      if (failure instanceof ApplicationFailure && failure.type === ENROLMENT_REFUSAL_TYPES.duplicateEnrolment) {
        return { status: 'refused', refusal: { kind: 'duplicate-enrolment', detail: failure.message } };
      }
      throw error;
    }
    journal.adoptStored(events);
    // The API starts enrolments with these set; anyone else gets them here.
    if (workflowInfo().typedSearchAttributes.get(enrolmentSearchAttributes.town) === undefined) {
      upsertSearchAttributes([{ key: enrolmentSearchAttributes.town, value: person.town }]);
    }
    return { status: 'open' };
  }
}
