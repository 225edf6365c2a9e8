import { Empty, Timeline, Typography } from 'antd';
import { formatYuan } from '@domain/money';
import type { PairingEventView } from '../api/types';
import { useI18n, type Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { formatDateTime } from '../components/datetime';

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/** What one event says, in a line: written per type, so that nothing the timeline should not show is dumped. */
export function describePairingEvent(event: PairingEventView, t: Translate): string {
  const data = event.data;
  const text = str(data.text);
  const parts: string[] = [];
  switch (event.type) {
    case 'PairingCreated': {
      const official = ((data.input as Record<string, unknown> | undefined)?.official ?? {}) as Record<string, unknown>;
      parts.push(`${str(official.name)}（${str(official.unit)}）`);
      break;
    }
    case 'PairingReassigned': {
      const from = (data.from ?? {}) as Record<string, unknown>;
      const to = (data.to ?? {}) as Record<string, unknown>;
      parts.push(`${str(from.name)} → ${str(to.name)}`, str(data.reason));
      break;
    }
    case 'ContactLogged':
      parts.push(`${t(`pairing.contactKind.${str(data.kind)}` as MessageKey)} ${str(data.on)}`);
      break;
    case 'MatterDone':
      parts.push(`${typeof data.valueFen === 'number' ? formatYuan(data.valueFen) : '—'} · ${t(`pairing.funder.${str(data.fundedBy)}` as MessageKey)} · ${str(data.doneOn)}`);
      break;
    case 'ReferralMade':
      parts.push(`${t(`pairing.program.${str(data.program)}` as MessageKey)} ${str(data.itemId)}`);
      break;
    case 'PairingOverdue':
      if (data.reason === 'CONTACT' || data.reason === 'VISITS') parts.push(t(`pairing.overdueReason.${data.reason}`));
      break;
    case 'PairingClosed':
      parts.push(`${t(`pairing.closedReason.${str(data.reason)}` as MessageKey)} ${str(data.on)}`);
      break;
    case 'LifeEventApplied':
      parts.push(`${str(data.type)} ${str(data.on)}`);
      break;
    default:
      break;
  }
  if (text) parts.push(text);
  return parts.filter(Boolean).join(' · ');
}

/** The pairing's history, newest first: what the official did and what happened to the person. */
export function PairingTimeline({ events }: { events: PairingEventView[] }) {
  const { t, language } = useI18n();
  if (events.length === 0) return <Empty description={t('pairing.timelineEmpty')} />;
  return (
    <Timeline
      data-testid="pairing-timeline"
      items={[...events].reverse().map((event) => ({
        key: event.seq,
        color: event.type === 'PairingOverdue' ? 'red' : event.type === 'PairingClosed' ? 'gray' : 'blue',
        content: (
          <div style={{ wordBreak: 'break-word' }}>
            <Typography.Text strong>{t(`pairing.event.${event.type}` as MessageKey)}</Typography.Text>
            <Typography.Text type="secondary"> · {formatDateTime(event.occurredAt, language)}</Typography.Text>
            <div>{describePairingEvent(event, t)}</div>
          </div>
        ),
      }))}
    />
  );
}
