import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { formatAmount } from '@domain/money';
import type { LifeEventImportFailure, LifeEventImportResult } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError, describeFieldError } from '../components/problems';
import { saveCsv } from '../components/saveCsv';
import { useBatchProgress } from './useBatchProgress';

function percent(progress: { done: number; total: number }): number {
  return progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
}

/**
 * One batch's result: while the server still matches it, its progress (read again every second or
 * two); then the counts, what recording the rows changed (overpayment in 元), the refused rows by
 * their line in the file, the way to the review queue and the month's report.
 */
export function BatchResult({ initial, nameOnLine, onDone }: { initial: LifeEventImportResult; nameOnLine?: (line: number) => string | undefined; onDone?: () => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const navigate = useNavigate();
  const { result, error } = useBatchProgress(initial);
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  const running = result.status === 'RUNNING';
  // Told once when a batch seen running has finished (the history then reads its counts again).
  const seenRunning = useRef(initial.status === 'RUNNING');
  useEffect(() => {
    if (running) seenRunning.current = true;
    else if (seenRunning.current) {
      seenRunning.current = false;
      onDone?.();
    }
  }, [running, onDone]);
  const progress = result.progress ?? { done: running ? 0 : result.rows, total: result.rows };

  async function downloadReport() {
    setDownloadError(undefined);
    try {
      saveCsv(await api.lifeEventImportReportCsv(result.batchId), `数据比对报告-${result.batchId}.csv`);
    } catch (cause) {
      setDownloadError(cause);
    }
  }

  const stat = (title: string, value: number | string, testId: string, danger = false) => (
    <Col xs={12} md={8} lg={4}>
      <Statistic title={title} value={value} data-testid={testId} styles={danger ? { content: { color: '#cf1322' } } : undefined} />
    </Col>
  );

  return (
    <Card size="small" title={t('dataMatch.batchTitle', { batchId: result.batchId })} data-testid="batch-result">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {running ? (
          <>
            <Progress percent={percent(progress)} status="active" aria-label={t('dataMatch.progress')} />
            <Alert type="info" showIcon title={t('dataMatch.running', { done: progress.done, total: progress.total })} data-testid="batch-running" />
          </>
        ) : (
          <Progress percent={100} status="success" aria-label={t('dataMatch.progress')} />
        )}
        {error !== undefined && <Alert type="warning" showIcon title={describeError(t, error, labels.stage)} />}
        {!running && (
          <>
            <Row gutter={[16, 16]}>
              {stat(t('dataMatch.rows'), result.rows, 'count-rows')}
              {stat(t('dataMatch.applied'), result.applied, 'count-applied')}
              {stat(t('dataMatch.alreadyApplied'), result.alreadyApplied, 'count-already')}
              {stat(t('dataMatch.queued'), result.queued, 'count-queued')}
              {stat(t('dataMatch.notInRegistry'), result.notInRegistry, 'count-not-in-registry')}
              {stat(t('dataMatch.failed'), result.failed.length, 'count-failed', result.failed.length > 0)}
            </Row>
            <Typography.Text strong>{t('dataMatch.effectsTitle')}</Typography.Text>
            <Row gutter={[16, 16]}>
              {stat(t('dataMatch.enrolmentsTerminated'), result.effects.enrolmentsTerminated, 'effect-enrolments')}
              {stat(t('dataMatch.casesWithdrawn'), result.effects.casesWithdrawn, 'effect-cases')}
              {stat(t('dataMatch.pairingsClosed'), result.effects.pairingsClosed, 'effect-pairings')}
              {stat(t('dataMatch.overpayment'), formatAmount(result.effects.overpaymentFen), 'effect-overpayment')}
            </Row>
            <Space wrap>
              {result.queued > 0 && (
                <Button type="primary" onClick={() => navigate(`/match-reviews?batchId=${encodeURIComponent(result.batchId)}`)}>
                  {t('dataMatch.toReview', { count: result.queued })}
                </Button>
              )}
              <Button icon={<DownloadOutlined />} onClick={() => void downloadReport()}>
                {t('dataMatch.downloadReport')}
              </Button>
            </Space>
            {downloadError !== undefined && <Alert type="error" showIcon title={describeError(t, downloadError, labels.stage)} />}
            {result.failed.length > 0 && (
              <Table<LifeEventImportFailure>
                rowKey={(failure) => `${failure.row}-${failure.line}`}
                size="small"
                data-testid="failed-rows"
                title={() => t('dataMatch.failedTitle')}
                dataSource={result.failed}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                columns={[
                  { title: t('import.line'), dataIndex: 'line', width: 90 },
                  // Just uploaded from this page, the file is at hand: the clerk sees whose row it is.
                  ...(nameOnLine ? [{ title: t('field.name'), width: 100, render: (_: unknown, failure: LifeEventImportFailure) => nameOnLine(failure.line) ?? '' }] : []),
                  {
                    title: t('import.errors'),
                    render: (_, failure) => (
                      <Space orientation="vertical" size={0}>
                        {failure.errors.map((e) => (
                          <span key={e.path + e.message}>{describeFieldError(t, e)}</span>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
