import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { MatchReview, MatchReviewDecision, MatchReviewStatus } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import type { MessageKey } from '../i18n/zh-CN';
import { useAsync } from '../components/useAsync';
import { useCursorTrail } from '../components/useCursorTrail';
import { CursorPager } from '../components/CursorPager';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { RejectReviewButton } from './RejectReviewButton';
import { batchLink } from './ImportHistory';

const PAGE_SIZE = 50;
const STATUSES: readonly MatchReviewStatus[] = ['QUEUED', 'ACCEPTED', 'REJECTED'];
/** The status filter's "all" (the API then answers every status). */
const ANY = 'ANY';
const STATUS_COLOURS: Record<MatchReviewStatus, string> = { QUEUED: 'gold', ACCEPTED: 'green', REJECTED: 'default' };

function statusFrom(params: URLSearchParams): MatchReviewStatus | undefined {
  const status = params.get('status');
  if (status === ANY) return undefined;
  return status && (STATUSES as readonly string[]).includes(status) ? (status as MatchReviewStatus) : 'QUEUED';
}

/**
 * 比对待核对: the list's rows whose ID number is registered under another name. The list's name
 * stands beside the registry's; a person accepts (the row is applied as its life event) or rejects
 * with a reason. Decided rows say who decided and when.
 */
export function MatchReviewPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batchId') ?? undefined;
  const status = statusFrom(params);
  const trail = useCursorTrail();
  const list = useAsync((signal) => api.matchReviews({ batchId, status }, { limit: PAGE_SIZE, cursor: trail.cursor }, signal), [batchId, status, trail.page, trail.cursor]);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{ id: string; message: string } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const typeName = (type: string) => t(`lifeEvent.${type}` as MessageKey);

  function filter(next: { batchId?: string | undefined; status?: MatchReviewStatus | typeof ANY }) {
    const query = new URLSearchParams(params);
    for (const [name, value] of Object.entries(next)) {
      if (value === undefined || value === 'QUEUED') query.delete(name);
      else query.set(name, value);
    }
    trail.reset();
    setParams(query);
  }

  function acceptedText(review: MatchReview, decision: MatchReviewDecision): string {
    const { effects } = decision;
    return t('matchReview.accepted', {
      row: review.row,
      name: review.listName,
      enrolments: effects.enrolmentsTerminated,
      cases: effects.casesWithdrawn,
      pairings: effects.pairingsClosed,
      overpayment: formatYuan(effects.overpaymentFen),
    });
  }

  async function decide(review: MatchReview, action: () => Promise<MatchReviewDecision>, done: (decision: MatchReviewDecision) => string): Promise<boolean> {
    setBusy(review.id);
    setActionError(null);
    setOutcome(null);
    try {
      setOutcome(done(await action()));
      list.reload();
      return true;
    } catch (cause) {
      setActionError({ id: review.id, message: describeError(t, cause, labels.stage) });
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('matchReview.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('matchReview.help')}</Typography.Text>
      <Card size="small">
        <Space wrap>
          <label htmlFor="review-status">{t('matchReview.status')}</label>
          <Select<MatchReviewStatus | typeof ANY>
            id="review-status"
            style={{ width: 140 }}
            value={status ?? ANY}
            onChange={(value) => filter({ status: value })}
            options={[...STATUSES.map((value) => ({ value, label: t(`matchReview.status.${value}`) })), { value: ANY, label: t('list.any') }]}
          />
          {batchId && (
            <Tag closable onClose={() => filter({ batchId: undefined })} data-testid="batch-filter">
              {t('matchReview.batch')}: <Link to={batchLink(batchId)}>{batchId}</Link>
            </Tag>
          )}
        </Space>
      </Card>
      {outcome && <Alert type="success" showIcon closable title={outcome} data-testid="review-outcome" />}
      {actionError && <Alert type="error" showIcon title={actionError.message} data-testid="review-error" />}
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(t, list.error, labels.stage)} />}
      <Table<MatchReview>
        rowKey="id"
        size="middle"
        data-testid="review-list"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('matchReview.empty') }}
        columns={[
          // A batch id (LB- and 24 hex digits) on one line: broken at its hyphen it reads as two things.
          { title: t('matchReview.batch'), width: 240, render: (_, review) => <Link to={batchLink(review.batchId)} style={{ whiteSpace: 'nowrap' }}>{review.batchId}</Link> },
          { title: t('matchReview.row'), dataIndex: 'row', width: 60 },
          { title: t('matchReview.listName'), render: (_, review) => <Typography.Text strong>{review.listName}</Typography.Text> },
          { title: t('matchReview.registryName'), render: (_, review) => <Link to={`/persons/${encodeURIComponent(review.personId)}`}>{review.registryName}</Link> },
          { title: t('matchReview.event'), render: (_, review) => `${typeName(review.type)} ${review.on}` },
          { title: t('dataMatch.column.source'), dataIndex: 'source' },
          { title: t('matchReview.status'), width: 90, render: (_, review) => <Tag color={STATUS_COLOURS[review.status]}>{t(`matchReview.status.${review.status}`)}</Tag> },
          {
            title: t('matchReview.decision'),
            width: 220,
            render: (_, review) =>
              review.status === 'QUEUED' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={busy === review.id}
                    disabled={busy !== null}
                    onClick={() => void decide(review, () => api.acceptMatchReview(review.id), (decision) => acceptedText(review, decision))}
                  >
                    {t('matchReview.accept')}
                  </Button>
                  <RejectReviewButton
                    review={review}
                    busy={busy === review.id}
                    error={actionError?.id === review.id ? actionError.message : null}
                    onReject={(reason) => decide(review, () => api.rejectMatchReview(review.id, reason), () => t('matchReview.rejected', { row: review.row, name: review.listName }))}
                  />
                </Space>
              ) : (
                <Space orientation="vertical" size={0}>
                  <span>{t('matchReview.decidedBy', { who: review.decidedBy ?? '—', when: formatDateTime(review.decidedAt, language) })}</span>
                  {review.reason && <Typography.Text type="secondary">{review.reason}</Typography.Text>}
                </Space>
              ),
          },
        ]}
      />
      <CursorPager trail={trail} list={list} />
    </Space>
  );
}
