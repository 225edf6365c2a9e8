import { proxyLocalActivities } from '@temporalio/workflow';
import type { EnrolmentActivities } from '../activities/index';
import { evolve } from '../domain/enrolment-state';
import type { EnrolmentEvent, EnrolmentState, NewEnrolmentEvent } from '../domain/index';
import { EventJournal } from '../../event-journal';

// Local activity: the write runs inside the workflow task, so persisting a transition costs no
// extra round trip to the server. Retried without limit: a database outage only delays an enrolment.
const { persistEnrolmentEvents } = proxyLocalActivities<Pick<EnrolmentActivities, 'persistEnrolmentEvents'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

/** An enrolment's events, numbered, folded with the subsidy core's reducer and stored in order. */
export class EnrolmentJournal extends EventJournal<EnrolmentState, EnrolmentEvent, NewEnrolmentEvent> {
  constructor(enrolmentId: string, carried?: EnrolmentState) {
    super({ item: 'enrolment', evolve, persist: (events) => persistEnrolmentEvents({ enrolmentId, events }) }, carried);
  }
}
