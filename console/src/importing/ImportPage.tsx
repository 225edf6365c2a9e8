import { useMemo, useState } from 'react';
import { Alert, Button, Card, Progress, Space, Statistic, Table, Tag, Typography, Row, Col } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ImportResult } from '../api/types';
import type { FieldError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { describeError, describeFieldError } from '../components/problems';
import { CsvFileCard } from '../components/FileChooser';
import { ApiError } from '../api/problem';
import { chunk, readCsvFile, readRoster, rosterCsv, ROSTER_COLUMNS, type Roster, type RosterRow } from './csv';
import { checkRosterRow } from './rosterCheck';
import { ROSTER_HEADERS, rosterHeaderOf, rosterTemplateCsv } from '@surgery/roster';
import { useNarrow } from '../layout/useNarrow';

// Rows go up in chunks so that a clerk sees progress on a roster of thousands (the API takes ≤ 5,000 a request).
export const IMPORT_CHUNK_ROWS = 200;

interface PreviewRow {
  /** The spreadsheet's line number (the header is line 1). */
  row: number;
  data: RosterRow;
  issues: FieldError[];
}

export function ImportPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const hospitals = useHospitals();
  const [fileName, setFileName] = useState<string | null>(null);
  const [roster, setRoster] = useState<Roster | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const narrow = useNarrow();
  const preview = useMemo<PreviewRow[]>(() => {
    if (!roster) return [];
    return roster.rows.map((data, index) => ({ row: roster.lines[index] ?? index + 2, ...checkRosterRow(data, hospitals.list, t) }));
  }, [roster, hospitals.list, t]);
  const flagged = preview.filter((row) => row.issues.length > 0).length;

  async function choose(file: File | undefined) {
    setResult(null);
    setError(null);
    setProgress(null);
    if (!file) return;
    setFileName(file.name);
    setRoster(readRoster(await readCsvFile(file)));
  }

  async function runImport() {
    if (!roster) return;
    setError(null);
    const total = roster.rows.length;
    const sum: ImportResult = { created: 0, existing: 0, failed: [], caseIds: [] };
    setProgress({ done: 0, total });
    setResult(sum);
    let offset = 0;
    // What is sent is the rows in the API's own values (hospital ids, category codes), whatever the clerk wrote.
    for (const rows of chunk(preview, IMPORT_CHUNK_ROWS)) {
      try {
        const answer = await api.importCsv(rosterCsv(rows.map((r) => r.data)));
        sum.created += answer.created;
        sum.existing += answer.existing;
        sum.caseIds.push(...answer.caseIds);
        // The API counts rows from 1 within each request; the clerk finds them by the spreadsheet's line.
        sum.failed.push(...answer.failed.map((failure) => ({ ...failure, row: rows[failure.row - 1]?.row ?? failure.row + offset })));
      } catch (cause) {
        const reasons = cause instanceof ApiError && cause.fieldErrors.length > 0 ? cause.fieldErrors.map((e) => describeFieldError(t, e)).join('; ') : describeError(t, cause, labels.stage);
        setError(t('import.chunkFailed', { from: rows[0]?.row ?? offset + 2, to: rows[rows.length - 1]?.row ?? offset + rows.length + 1, reason: reasons }));
        setResult({ ...sum });
        return;
      }
      offset += rows.length;
      setProgress({ done: offset, total });
      setResult({ ...sum, failed: [...sum.failed], caseIds: [...sum.caseIds] });
    }
  }

  function downloadTemplate() {
    // The server's own template text: Chinese headers (required ones starred) and one example line, which the import skips.
    const blob = new Blob([rosterTemplateCsv(hospitals.list[0]?.name ?? '')], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = '筛查名单模板.csv';
    link.click();
    URL.revokeObjectURL(url);
  }

  const running = progress !== null && progress.done < progress.total && error === null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <CsvFileCard id="roster-file" label={t('import.chooseFile')} help={t('import.help')} disabled={running} onChoose={(file) => void choose(file)}>
        <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
          {t('import.template')}
        </Button>
      </CsvFileCard>

      {roster && (
        <Card
          size="small"
          title={t('import.previewTitle', { file: fileName ?? '', rows: roster.rows.length })}
          extra={
            <Button type="primary" onClick={() => void runImport()} disabled={running || roster.rows.length === 0 || roster.missingColumns.length > 0 || (progress !== null && error === null)}>
              {t('import.start', { rows: roster.rows.length })}
            </Button>
          }
        >
          {roster.missingColumns.length > 0 && <Alert type="error" showIcon title={t('import.missingColumns', { columns: roster.missingColumns.map((column) => ROSTER_HEADERS[column]).join('、') })} style={{ marginBottom: 12 }} />}
          {roster.unknownColumns.length > 0 && <Alert type="warning" showIcon title={t('import.unknownColumns', { columns: roster.unknownColumns.join(', ') })} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph>{flagged > 0 ? t('import.previewFlagged', { flagged }) : t('import.previewClean')}</Typography.Paragraph>
          <Table<PreviewRow>
            rowKey="row"
            size="small"
            dataSource={preview}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { title: t('import.line'), dataIndex: 'row', width: 64 },
              { title: t('field.name'), render: (_, r) => r.data.name },
              ...(narrow
                ? []
                : [
                    { title: t('field.town'), render: (_: unknown, r: PreviewRow) => r.data.town },
                    { title: t('field.hospital'), render: (_: unknown, r: PreviewRow) => hospitals.name(r.data.hospitalId) },
                  ]),
              {
                title: t('import.check'),
                render: (_, r) =>
                  r.issues.length === 0 ? (
                    <Tag color="green">{t('import.ok')}</Tag>
                  ) : (
                    <Space orientation="vertical" size={0}>
                      {r.issues.map((issue) => (
                        <Typography.Text key={issue.path + issue.message} type="warning">
                          {describeFieldError(t, issue)}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      )}

      {progress && (
        <Card size="small" title={t('import.resultTitle')} data-testid="import-result">
          <Progress percent={progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100)} status={error ? 'exception' : progress.done === progress.total ? 'success' : 'active'} aria-label={t('import.progress')} />
          {error && <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} />}
          {result && (
            <>
              <Row gutter={16} style={{ margin: '12px 0' }}>
                <Col xs={12} md={6}>
                  <Statistic title={t('import.created')} value={result.created} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('import.existing')} value={result.existing} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('import.failed')} value={result.failed.length} styles={result.failed.length > 0 ? { content: { color: '#cf1322' } } : undefined} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('import.processed')} value={`${progress.done} / ${progress.total}`} />
                </Col>
              </Row>
              {result.failed.length > 0 && (
                <Table
                  rowKey={(failure) => String(failure.row)}
                  size="small"
                  dataSource={result.failed}
                  pagination={{ pageSize: 10, showSizeChanger: false }}
                  columns={[
                    { title: t('import.line'), dataIndex: 'row', width: 64 },
                    { title: t('field.name'), width: 90, render: (_, failure) => preview.find((r) => r.row === failure.row)?.data.name ?? '' },
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
              {result.caseIds.length > 0 && (
                <Typography.Paragraph style={{ marginTop: 12 }}>
                  {t('import.openedCases')}{' '}
                  {result.caseIds.slice(0, 20).map((caseId) => (
                    <Link key={caseId} to={`/cases/${encodeURIComponent(caseId)}`} style={{ marginRight: 8 }}>
                      {caseId}
                    </Link>
                  ))}
                  {result.caseIds.length > 20 && t('import.andMore', { count: result.caseIds.length - 20 })}
                </Typography.Paragraph>
              )}
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
