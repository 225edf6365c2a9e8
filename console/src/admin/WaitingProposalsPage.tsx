import { useEffect } from 'react';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { WaitingProposal } from '../api/types';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { ProposalDecision } from '../cases/ProposalsPanel';

const REFRESH_MS = 15_000;

/** 待批准的人工处理: resolutions by hand, over all cases, waiting for a second administrator (oldest first). */
export function WaitingProposalsPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const session = useSession();
  const waiting = useAsync((signal) => api.waitingProposals(signal), []);

  useEffect(() => {
    const timer = setInterval(waiting.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting.reload]);

  const caseLink = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('waiting.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={waiting.reload}>
          {t('list.refresh')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('waiting.help')}</Typography.Text>
      {waiting.error !== undefined && <Alert type="error" showIcon title={describeError(t, waiting.error, labels.stage)} />}
      <Table<WaitingProposal>
        rowKey={(item) => `${item.caseId}/${item.proposalId}`}
        size="middle"
        loading={waiting.loading && !waiting.data}
        dataSource={waiting.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('waiting.empty') }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('field.caseId'), dataIndex: 'caseId', width: 150, render: (caseId: string) => <Link to={caseLink(caseId)}>{caseId}</Link> },
          { title: t('proposal.id'), dataIndex: 'proposalId', width: 80 },
          { title: t('money.payer'), width: 140, render: (_, item) => labels.payer(item.payer) },
          { title: t('proposal.decision'), render: (_, item) => <span data-testid={`waiting-${item.caseId}-${item.proposalId}`}><ProposalDecision proposal={item} /></span> },
          { title: t('proposal.policyAmount'), align: 'right', width: 120, render: (_, item) => formatYuan(item.policyAmountFen) },
          { title: t('propose.reference'), dataIndex: 'reference', width: 140 },
          {
            title: t('proposal.proposedBy'),
            width: 170,
            render: (_, item) => (
              <>
                <div>{item.proposedBy}{item.proposedBy === session.sub ? ` · ${t('proposal.mine')}` : ''}</div>
                <Typography.Text type="secondary">{formatDateTime(item.proposedAt, language)}</Typography.Text>
              </>
            ),
          },
          { title: t('money.action'), width: 110, render: (_, item) => <Link to={caseLink(item.caseId)}>{t('waiting.open')}</Link> },
        ]}
      />
    </Space>
  );
}
