import { proxyLocalActivities } from '@temporalio/workflow';
import type { PairingActivities } from '../activities/index';
import { evolve, type NewPairingEvent, type PairingEvent, type PairingState } from '../domain/index';
import { EventJournal } from '../../event-journal';

// Local activity: the write runs inside the workflow task. Retried without limit: a database
// outage only delays a pairing.
const { persistPairingEvents } = proxyLocalActivities<Pick<PairingActivities, 'persistPairingEvents'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

/** A pairing's events, numbered, folded with the pairing core's reducer and stored in order. */
export class PairingJournal extends EventJournal<PairingState, PairingEvent, NewPairingEvent> {
  constructor(pairingId: string, carried?: PairingState) {
    super({ item: 'pairing', evolve, persist: (events) => persistPairingEvents({ pairingId, events }) }, carried);
  }
}
