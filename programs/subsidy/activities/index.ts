/**
 * The enrolment workflow's side effects: the event store, the person registry and the policy file.
 * Each activity is thin and logs with the enrolment id only (never an ID number or an account).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { findPersonById } from '../../../store/persons';
import type { ApplyInput, EnrolmentEvent, PaidMonth, PersonFacts, SubsidyPolicy } from '../domain/index';
import { bodyProblem } from '../domain/update-bodies';
import { loadSubsidyPolicy } from '../policy-file';
import { appendEnrolmentEvents } from '../store/event-store';
import { heldMonthCount, paidMonthsOf } from '../store/enrolment-months';
import { isDuplicateEnrolmentError } from '../store/enrolments';
import { keepSubsidyPolicy } from '../store/subsidy-policies';
import { clearEnrolmentActivityFailures, recordEnrolmentActivityFailure } from '../store/activity-failures';
import { activityTracker } from '../../tracked-activity';
import { ENROLMENT_REFUSAL_TYPES } from '../workflow/definitions';

export interface EnrolmentActivityDependencies {
  db: Kysely<Database>;
  subsidyPolicyFile: string;
}

/** The person an enrolment is about, as the subsidy rules read them, and their town. */
export interface PersonOfEnrolment {
  facts: PersonFacts;
  town: string;
}

/** An application that is malformed (its first problem), or its person (null: the registry does not know them). */
export type ApplicationFacts = { problem: string } | { person: PersonOfEnrolment | null };

export interface PersistEnrolmentEventsInput {
  enrolmentId: string;
  events: EnrolmentEvent[];
}

export function createEnrolmentActivities({ db, subsidyPolicyFile }: EnrolmentActivityDependencies) {
  // Each failed attempt is counted in `enrolment_activity_failures` for the stuck radar.
  const tracked = activityTracker(
    { record: (id, activity, attempts, failure) => recordEnrolmentActivityFailure(db, id, activity, attempts, failure), clear: (id, activity) => clearEnrolmentActivityFailures(db, id, activity) },
    'enrolmentId',
  );

  async function personFacts({ enrolmentId, personId }: { enrolmentId: string; personId: string }): Promise<PersonOfEnrolment | null> {
    const row = await tracked(enrolmentId, () => findPersonById(db, personId));
    if (!row) return null;
    const status = row.status as PersonFacts['status'];
    const disability = row.disability as { grade: number; longTermCare: boolean } | null;
    const facts: PersonFacts = {
      status,
      ...(status === 'ACTIVE' ? {} : { statusSince: row.status_since.toISOString().slice(0, 10) }),
      assistanceCategory: row.assistance_category as PersonFacts['assistanceCategory'],
      disability: disability && { grade: disability.grade, longTermCare: disability.longTermCare },
    };
    return { facts, town: row.town };
  }

  return {
    async persistEnrolmentEvents({ enrolmentId, events }: PersistEnrolmentEventsInput): Promise<void> {
      await tracked(enrolmentId, () => appendEnrolmentEvents(db, enrolmentId, events));
    },

    /**
     * The application's events. The database refuses a second open enrolment of the person in the
     * program; that refusal is final, so it is not retried and nothing of the application is kept.
     */
    async storeApplication({ enrolmentId, events }: PersistEnrolmentEventsInput): Promise<void> {
      await tracked(enrolmentId, async () => {
        try {
          await appendEnrolmentEvents(db, enrolmentId, events);
        } catch (error) {
          if (!isDuplicateEnrolmentError(error)) throw error;
          Context.current().log.info('application refused: the person already has an open enrolment in the program', { enrolmentId });
          throw ApplicationFailure.create({ type: ENROLMENT_REFUSAL_TYPES.duplicateEnrolment, message: 'the person already has an open enrolment in this program', nonRetryable: true });
        }
      });
    },

    /** What the registry says of the person now, in the terms the subsidy rules read, and their town; null for an unknown person. */
    personFacts,

    /**
     * The application (the workflow's start input) checked against its body's shape, then its
     * person read: the first problem naming its field, or what `personFacts` answers. The check
     * runs here, in the worker, so that an enrolment's workflow does not load the schemas (and
     * zod) into its own sandbox for the sake of one check at its start.
     */
    async applicationFacts({ enrolmentId, application }: { enrolmentId: string; application: unknown }): Promise<ApplicationFacts> {
      const problem = bodyProblem('apply', application);
      if (problem) return { problem };
      return { person: await personFacts({ enrolmentId, personId: (application as ApplyInput).personId }) };
    },

    /** The policy file as it is now; kept by version so that the months can be recomputed from the events. */
    async loadSubsidyPolicy({ enrolmentId }: { enrolmentId: string }): Promise<SubsidyPolicy> {
      const policy = await tracked(enrolmentId, async () => {
        const read = loadSubsidyPolicy(subsidyPolicyFile);
        await keepSubsidyPolicy(db, read);
        return read;
      });
      Context.current().log.info('subsidy policy read', { enrolmentId, version: policy.version });
      return policy;
    },

    /** The months the payroll has paid this enrolment. */
    async paidMonths({ enrolmentId }: { enrolmentId: string }): Promise<PaidMonth[]> {
      return tracked(enrolmentId, () => paidMonthsOf(db, enrolmentId));
    },

    /** The months paid, and how many a payroll still holds: an ended enrolment waits for those. */
    async paidAndHeldMonths({ enrolmentId }: { enrolmentId: string }): Promise<{ paidMonths: PaidMonth[]; heldMonths: number }> {
      return tracked(enrolmentId, async () => ({ paidMonths: await paidMonthsOf(db, enrolmentId), heldMonths: await heldMonthCount(db, enrolmentId) }));
    },
  };
}

export type EnrolmentActivities = ReturnType<typeof createEnrolmentActivities>;
