import { Descriptions, Tag } from 'antd';
import { formatYuan } from '@domain/money';
import type { EnrolmentView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

type Recovery = NonNullable<EnrolmentView['recovery']>;

/** What was paid for months no longer owed, and how much of it came back or was let go. */
export function RecoveryPanel({ recovery }: { recovery: Recovery }) {
  const { t } = useI18n();
  const outstanding = recovery.owedFen - recovery.recoveredFen - recovery.waivedFen;
  return (
    <Descriptions size="small" column={1} data-testid="recovery">
      <Descriptions.Item label={t('enrolment.recovery')}>
        <Tag color={recovery.status === 'OPEN' ? 'red' : 'green'}>{t(`enrolment.recoveryStatus.${recovery.status}` as MessageKey)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('enrolment.owed')}>{formatYuan(recovery.owedFen)}</Descriptions.Item>
      <Descriptions.Item label={t('enrolment.recovered')}>{formatYuan(recovery.recoveredFen)}</Descriptions.Item>
      <Descriptions.Item label={t('enrolment.waived')}>{formatYuan(recovery.waivedFen)}</Descriptions.Item>
      <Descriptions.Item label={t('enrolment.outstanding')}>
        <span data-testid="recovery-outstanding">{formatYuan(outstanding)}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}
