import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { CommentOutlined, FileDoneOutlined, PhoneOutlined, SendOutlined, SwapOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { PairingActionKind } from '@pairing/commands';
import { ApiError } from '../api/problem';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { useNarrow } from '../layout/useNarrow';
import { ContactForm } from './actions/ContactForm';
import { MatterForm } from './actions/MatterForm';
import { NeedForm } from './actions/NeedForm';
import { ReassignForm } from './actions/ReassignForm';
import { ReferralForm, type Referred } from './actions/ReferralForm';
import { shanghaiDay } from './caseload';
import { PairingOverdueBadge } from './PairingCard';
import { PairingSheet } from './PairingSheet';
import { PairingTimeline } from './PairingTimeline';
import { TAP } from './tap';
import { mayDoOnPairing } from './whoMay';

type SheetAction = Extract<PairingActionKind, 'contact' | 'need' | 'matter' | 'referral' | 'reassign'>;

const ACTION_ICONS: Record<SheetAction, ReactNode> = {
  contact: <PhoneOutlined />,
  need: <CommentOutlined />,
  matter: <FileDoneOutlined />,
  referral: <SendOutlined />,
  reassign: <SwapOutlined />,
};
const ACTIONS: SheetAction[] = ['contact', 'need', 'matter', 'referral', 'reassign'];

/** One pairing: who and how it stands, one tap to each thing the signed-in role may do, and the timeline. */
export function PairingPage() {
  const { pairingId = '' } = useParams();
  const { t } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const narrow = useNarrow();
  const { message } = App.useApp();
  const pairing = useAsync((signal) => Promise.all([api.getPairing(pairingId, signal), api.pairingEvents(pairingId, signal)]), [pairingId]);
  const [sheet, setSheet] = useState<SheetAction | null>(null);
  // The read model changes in the transaction that records the event: reading again shows the action.
  const view = pairing.data?.[0];

  function done(key: MessageKey) {
    setSheet(null);
    void message.success(t(key));
    pairing.reload();
  }

  function referred(result: Referred) {
    setSheet(null);
    const program = t(`pairing.program.${result.program}` as MessageKey);
    void message.success(t(result.created ? 'pairing.done.referral' : 'pairing.done.referralExisting', { program, id: result.id }));
    pairing.reload();
  }

  if (pairing.error !== undefined) {
    const missing = pairing.error instanceof ApiError && pairing.error.slug === 'not-found';
    return <Alert type="error" showIcon title={missing ? t('pairing.notFound') : describeError(t, pairing.error)} />;
  }
  if (!view) return <Skeleton active />;
  const actions = ACTIONS.filter((action) => mayDoOnPairing(action, session.role) && view.stage === 'ACTIVE');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {view.person.name} · {view.person.town}
        </Typography.Title>
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('pairing.title', { id: view.pairingId })}</Typography.Text>
          <Tag color={view.stage === 'ACTIVE' ? 'green' : undefined}>{t(`pairing.stage.${view.stage}`)}</Tag>
          <PairingOverdueBadge view={view} />
        </Space>
      </div>
      {view.stage === 'CLOSED' && view.closedReason && <Alert type="info" showIcon title={t('pairing.closed', { on: view.closedOn ?? '', reason: t(`pairing.closedReason.${view.closedReason}`) })} />}
      {actions.length > 0 && (
        <Card size="small" title={t('pairing.actions')}>
          <div style={{ display: 'grid', gridTemplateColumns: narrow ? '1fr 1fr' : 'repeat(auto-fill, minmax(160px, 1fr))', gap: 8 }}>
            {actions.map((action) => (
              <Button key={action} size="large" icon={ACTION_ICONS[action]} onClick={() => setSheet(action)} style={{ ...TAP, height: 48, whiteSpace: 'normal' }} type={action === 'contact' ? 'primary' : 'default'}>
                {t(`pairing.action.${action}`)}
              </Button>
            ))}
          </div>
        </Card>
      )}
      <Card size="small">
        <Descriptions column={narrow ? 1 : 2} size="small" data-testid="pairing-summary">
          <Descriptions.Item label={t('pairing.category')}>{t(`pairing.category.${view.category}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('pairing.official')}>
            {view.official.name}（{view.official.unit}）
          </Descriptions.Item>
          <Descriptions.Item label={t('pairing.lastContactOn')}>{view.lastContactOn ?? t('pairing.never')}</Descriptions.Item>
          {view.stage === 'ACTIVE' && <Descriptions.Item label={t('pairing.dueAt')}>{shanghaiDay(view.dueAt)}</Descriptions.Item>}
          <Descriptions.Item label={t('pairing.visitsLastYear')}>{t('pairing.visitsOf', { visits: view.visitsLastYear, asked: view.visitsPerYear })}</Descriptions.Item>
          <Descriptions.Item label={t('pairing.needs')}>{view.needs}</Descriptions.Item>
          <Descriptions.Item label={t('pairing.matters')}>
            <span data-testid="pairing-matters">
              {view.matters} · {formatYuan(view.mattersValueFen)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('pairing.referrals')}>{view.referrals.length === 0 ? '—' : view.referrals.map((r) => `${t(`pairing.program.${r.program}`)} ${r.id}`).join('；')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('pairing.timeline')}>
        <PairingTimeline events={pairing.data?.[1].items ?? []} />
      </Card>
      <PairingSheet open={sheet !== null} title={sheet ? t(`pairing.action.${sheet}`) : ''} onClose={() => setSheet(null)}>
        {sheet === 'contact' && <ContactForm view={view} onDone={() => done('pairing.done.contact')} />}
        {sheet === 'need' && <NeedForm view={view} onDone={() => done('pairing.done.need')} />}
        {sheet === 'matter' && <MatterForm view={view} onDone={() => done('pairing.done.matter')} />}
        {sheet === 'referral' && <ReferralForm pairingId={view.pairingId} onDone={referred} />}
        {sheet === 'reassign' && <ReassignForm view={view} onDone={() => done('pairing.done.reassign')} />}
      </PairingSheet>
    </Space>
  );
}
