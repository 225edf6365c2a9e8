import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { maskIdNumber } from '@domain/id-number';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { useNarrow } from '../layout/useNarrow';
import { checkLifeEventList, countByType, LIST_HEADERS, MATCHED_TYPES, MAX_LIST_ROWS, type CheckedListRow, type LifeEventList } from './lifeEventList';
import { describeRowIssue } from './rowIssues';

/** Whether the list may go up: its columns are there, it has rows and not too many (flagged rows the server refuses one by one). */
export function mayUpload(list: LifeEventList): boolean {
  return list.missingColumns.length === 0 && list.rows.length > 0 && list.rows.length <= MAX_LIST_ROWS;
}

const HEADER_LANGUAGE: Record<'en' | 'zh' | 'mixed', MessageKey> = { en: 'dataMatch.headerEn', zh: 'dataMatch.headerZh', mixed: 'dataMatch.headerMixed' };

/**
 * What the clerk chose, checked as the API will check it: the header, the number of rows, every
 * problem of each row at once, and how many rows of each type. ID numbers are shown masked: the line
 * number finds the row in the file.
 */
export function ListPreview({ fileName, list, busy, onUpload }: { fileName: string; list: LifeEventList; busy: boolean; onUpload: () => void }) {
  const { t, language } = useI18n();
  const narrow = useNarrow();
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const checked = useMemo(() => checkLifeEventList(list), [list]);
  const flagged = useMemo(() => checked.filter((row) => row.issues.length > 0), [checked]);
  const counts = useMemo(() => countByType(checked), [checked]);
  const tooMany = list.rows.length > MAX_LIST_ROWS;
  const typeName = (type: string) => t(`lifeEvent.${type}` as MessageKey);

  return (
    <Card
      size="small"
      data-testid="list-preview"
      title={t('dataMatch.previewTitle', { file: fileName, rows: list.rows.length })}
      extra={
        <Button type="primary" onClick={onUpload} loading={busy} disabled={busy || !mayUpload(list)}>
          {t('dataMatch.upload', { rows: list.rows.length })}
        </Button>
      }
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {list.headerLanguage && list.missingColumns.length === 0 && <Tag color="blue">{t(HEADER_LANGUAGE[list.headerLanguage])}</Tag>}
        {list.missingColumns.length > 0 && <Alert type="error" showIcon title={t('dataMatch.missingColumns', { columns: list.missingColumns.map((column) => (language === 'zh-CN' ? LIST_HEADERS[column] : column)).join(language === 'zh-CN' ? '、' : ', ') })} />}
        {list.unknownColumns.length > 0 && <Alert type="warning" showIcon title={t('dataMatch.unknownColumns', { columns: list.unknownColumns.join(', ') })} />}
        {tooMany && <Alert type="error" showIcon title={t('dataMatch.tooManyRows', { rows: list.rows.length.toLocaleString('en-US'), max: MAX_LIST_ROWS.toLocaleString('en-US') })} />}
        {list.rows.length === 0 && <Alert type="error" showIcon title={t('dataMatch.noRows')} />}
        {list.rows.length > 0 && (
          <>
            <Typography.Text data-testid="type-counts">
              {t('dataMatch.typeCounts')}{' '}
              {MATCHED_TYPES.map((type) => (
                <Tag key={type}>{t('dataMatch.typeCount', { type: typeName(type), count: counts[type] })}</Tag>
              ))}
              {counts.unknown > 0 && <Tag color="orange">{t('dataMatch.typeCount', { type: t('dataMatch.unknownType'), count: counts.unknown })}</Tag>}
            </Typography.Text>
            <Typography.Text type={flagged.length > 0 ? 'warning' : 'secondary'}>{flagged.length > 0 ? t('dataMatch.previewFlagged', { flagged: flagged.length }) : t('dataMatch.previewClean')}</Typography.Text>
            {flagged.length > 0 && (
              <Checkbox checked={onlyFlagged} onChange={(event) => setOnlyFlagged(event.target.checked)}>
                {t('dataMatch.onlyFlagged')}
              </Checkbox>
            )}
            <Table<CheckedListRow>
              rowKey="line"
              size="small"
              data-testid="preview-rows"
              dataSource={onlyFlagged ? flagged : checked}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              scroll={{ x: narrow ? 600 : undefined }}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 72 },
                { title: t('field.name'), render: (_, r) => r.row.name },
                { title: t('field.idNumber'), render: (_, r) => maskIdNumber(r.row.idNumber) },
                { title: t('dataMatch.column.type'), render: (_, r) => (r.type ? typeName(r.type) : r.row.type) },
                { title: t('dataMatch.column.on'), render: (_, r) => r.row.on },
                ...(narrow ? [] : [{ title: t('dataMatch.column.source'), render: (_: unknown, r: CheckedListRow) => r.row.source }]),
                {
                  title: t('import.check'),
                  render: (_, r) =>
                    r.issues.length === 0 ? (
                      <Tag color="green">{t('import.ok')}</Tag>
                    ) : (
                      <Space orientation="vertical" size={0}>
                        {r.issues.map((issue) => (
                          <Typography.Text key={`${issue.column}-${issue.kind}`} type="warning">
                            {describeRowIssue(t, issue)}
                          </Typography.Text>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
