import { Empty, Timeline, Typography } from 'antd';
import { formatYuan } from '@domain/money';
import type { CaseEventView } from '../api/types';
import { useI18n, type Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { useLabels } from '../i18n/labels';
import { formatDateTime } from '../components/datetime';
import { useHospitals } from '../components/hospitals';

type Labels = ReturnType<typeof useLabels>;

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const fen = (value: unknown): string => (typeof value === 'number' ? formatYuan(value) : '—');

/**
 * What an event says, in a sentence. Written per event type on purpose: dumping `data` would show
 * the applicant's ID number (CaseOpened carries the whole input).
 */
export function summarizeEvent(event: CaseEventView, t: Translate, labels: Labels, hospitalName: (id: string) => string): string {
  const data = event.data;
  switch (event.type) {
    case 'CaseOpened': {
      const input = (data.input ?? {}) as Record<string, unknown>;
      return t('timeline.opened', { hospital: hospitalName(str(input.hospitalId)), category: labels.category(str(input.assistanceCategory)) });
    }
    case 'ScreeningRecorded':
      return t('timeline.screened', {
        eligible: data.eligible ? t('common.yes') : t('common.no'),
        consent: data.consent ? t('common.yes') : t('common.no'),
        reason: str(data.reason) || '—',
      });
    case 'Admitted':
      return t('timeline.admitted', { admissionNo: str(data.admissionNo), deposit: fen(data.depositFen ?? 0) });
    case 'SurgeryCompleted':
      return t('timeline.surgery', { procedure: str(data.procedure), outcome: labels.outcome(str(data.outcome)) });
    case 'Discharged': {
      const bill = (data.bill ?? {}) as Record<string, unknown>;
      return t('timeline.discharged', { total: fen(bill.totalFen), scope: fen(bill.policyScopeFen), sessions: num(data.rehabSessions) ?? 0 });
    }
    case 'CaseWithdrawn':
      return t('timeline.withdrawn', { reason: str(data.reason) });
    case 'StageOverdue':
      return t('timeline.overdue', { stage: labels.stage(str(data.stage)) });
    case 'ReimbursementStarted':
      return t('timeline.reimbursementStarted', { policy: str(data.policyVersion) });
    case 'ClaimSubmitted':
      return t('timeline.claimSubmitted', { payer: labels.payer(str(data.payer)) });
    case 'ClaimDecided':
    case 'ClaimResolvedManually':
      return t(event.type === 'ClaimDecided' ? 'timeline.claimDecided' : 'timeline.claimResolved', {
        payer: labels.payer(str(data.payer)),
        status: labels.claimStatus(str(data.status)),
        amount: fen(data.amountFen),
        // The explanation is in the money panel; here only what a reader scanning the history needs.
        detail: str(data.reason) || (event.type === 'ClaimResolvedManually' ? str(data.reference) : ''),
      });
    case 'ResolutionProposed': {
      const proposal = (data.proposal ?? {}) as Record<string, unknown>;
      return t('timeline.resolutionProposed', {
        payer: labels.payer(str(data.payer)),
        status: labels.claimStatus(str(proposal.status)),
        amount: proposal.status === 'PAID' ? fen(proposal.amountFen) : '',
        reference: str(proposal.reference),
        proposalId: str(data.proposalId),
      });
    }
    case 'ResolutionApproved':
      return t('timeline.resolutionApproved', { payer: labels.payer(str(data.payer)), proposalId: str(data.proposalId) });
    case 'ResolutionRejected':
      return t('timeline.resolutionRejected', { payer: labels.payer(str(data.payer)), proposalId: str(data.proposalId), reason: str(data.reason) });
    case 'ResolutionVoidFailed':
      return t('timeline.resolutionVoidFailed', { payer: labels.payer(str(data.payer)), proposalId: str(data.proposalId), error: str(data.error) });
    case 'PaymentDiscrepancyFound':
      return t('timeline.discrepancy', {
        payer: labels.payer(str(data.payer)),
        ledgerStatus: labels.claimStatus(str(data.ledgerStatus)),
        ledgerAmount: fen(data.ledgerAmountFen),
        payerStatus: labels.claimStatus(str(data.payerStatus)),
        payerAmount: fen(data.payerAmountFen),
      });
    case 'CaseSettled':
      return t('timeline.settled', { total: fen(data.totalFen), paid: fen(data.paidFen), own: fen(data.outOfPocketFen) });
    case 'LifeEventRecorded':
      return t(data.withdrawn ? 'timeline.lifeEventWithdrew' : 'timeline.lifeEvent', { event: t(`lifeEvent.${str(data.type)}` as MessageKey), on: str(data.on) });
    default:
      return '';
  }
}

/** Who acted, as a clerk knows them: the user's display name where the server gives it; a payer by its name; the system by its role alone. */
export function actorName(actor: CaseEventView['actor'], labels: Labels): string {
  if (actor.role === 'payer') return labels.payer(actor.sub);
  if (actor.role === 'system') return '';
  return actor.displayName ?? actor.sub;
}

export function EventTimeline({ events }: { events: CaseEventView[] }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const hospitals = useHospitals();
  if (events.length === 0) return <Empty description={t('timeline.empty')} />;
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.seq,
        color: event.type === 'StageOverdue' || event.type === 'PaymentDiscrepancyFound' ? 'red' : event.type === 'CaseSettled' ? 'green' : event.type.startsWith('Claim') ? 'gold' : 'blue',
        content: (
          <div data-testid={`event-${event.seq}`}>
            <Typography.Text strong>{labels.eventType(event.type)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              #{event.seq} · {formatDateTime(event.occurredAt, language)} · {labels.role(event.actor.role)} {actorName(event.actor, labels)}
            </Typography.Text>
            <div>{summarizeEvent(event, t, labels, hospitals.name)}</div>
          </div>
        ),
      }))}
    />
  );
}
