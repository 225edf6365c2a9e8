import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { formatYuan } from '@domain/money';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { EChart } from '../components/EChart';
import { saveCsv } from '../components/saveCsv';
import { monthsEndingAt } from '../dashboard/SubsidyStatsPage';
import { byFunderOption, byMonthOption, byTownOption, daysOfMonth } from './pairingCharts';

const MONTHS = 6;

/** What the officials did in a period, by town and by funder, month by month, and the same figures as CSV. */
export function PairingStatsPage() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  const stats = useAsync((signal) => api.pairingStats(period, signal), [period.from, period.to]);
  const months = useMemo(() => monthsEndingAt(new Date(), MONTHS), []);
  // One request a month: the API counts a period, and a month is a period.
  const monthly = useAsync((signal) => Promise.all(months.map(async (month) => ({ month, stats: await api.pairingStats(daysOfMonth(month), signal) }))), [months]);

  const names = { contacts: t('pairingStats.contacts'), visits: t('pairingStats.visits'), matters: t('pairingStats.matters') };
  const data = stats.data;

  async function download() {
    setDownloadError(undefined);
    try {
      saveCsv(await api.pairingStatsCsv(period), `pairings${period.from ? `-${period.from}` : ''}${period.to ? `-${period.to}` : ''}.csv`);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('pairingStats.title')}
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8 }} onFinish={(values: { from?: string; to?: string }) => setPeriod({ from: values.from || undefined, to: values.to || undefined })}>
        <Form.Item label={t('pairingStats.from')} name="from" htmlFor="pairing-stats-from">
          <Input id="pairing-stats-from" type="date" />
        </Form.Item>
        <Form.Item label={t('pairingStats.to')} name="to" htmlFor="pairing-stats-to">
          <Input id="pairing-stats-to" type="date" />
        </Form.Item>
        <Button htmlType="submit">{t('pairing.refresh')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void download()}>
          {t('pairingStats.download')}
        </Button>
      </Form>
      {stats.error !== undefined && <Alert type="error" showIcon title={describeError(t, stats.error)} />}
      {downloadError !== undefined && <Alert type="error" showIcon title={describeError(t, downloadError)} />}
      <Row gutter={[16, 16]}>
        {(['officials', 'persons', 'contacts', 'visits', 'matters'] as const).map((key) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" loading={stats.loading && !data}>
              <Statistic title={t(`pairingStats.${key}` as MessageKey)} value={data?.[key] ?? 0} data-testid={`pairing-stat-${key}`} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card size="small" loading={stats.loading && !data}>
            <Statistic title={t('pairingStats.mattersValue')} value={formatYuan(data?.mattersValueFen ?? 0)} styles={{ content: { fontSize: 20, whiteSpace: 'nowrap' } }} data-testid="pairing-stat-value" />
          </Card>
        </Col>
      </Row>
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('pairingStats.byTown')}>
              {data.byTown.length === 0 ? <Empty description={t('pairingStats.empty')} /> : <EChart option={byTownOption(data, names)} label={t('pairingStats.byTown')} testId="chart-pairings-by-town" />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('pairingStats.byFunder')}>
              <EChart option={byFunderOption(data, (funder) => t(`pairing.funder.${funder}` as MessageKey))} label={t('pairingStats.byFunder')} testId="chart-pairings-by-funder" />
            </Card>
          </Col>
        </Row>
      )}
      {monthly.data && (
        <Card size="small" title={t('pairingStats.byMonth')}>
          <EChart option={byMonthOption(monthly.data, names)} label={t('pairingStats.byMonth')} testId="chart-pairings-by-month" />
        </Card>
      )}
    </Space>
  );
}
