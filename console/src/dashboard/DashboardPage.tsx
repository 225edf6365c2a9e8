import { useEffect, useMemo } from 'react';
import { Alert, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { formatAmount, formatYuan } from '@domain/money';
import { PAYERS } from '@surgery/stages';
import type { Stats } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n, type Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { EChart, type ChartOption } from '../components/EChart';
import { LIFECYCLE } from '../cases/StageStepper';

// "Live": the district's own report refreshes itself while it is open.
const REFRESH_MS = 15_000;
const PAYER_COLORS = ['#1f5fa8', '#3a8ee6', '#5ab1a0', '#e6a23c', '#c45656'];

type Labels = ReturnType<typeof useLabels>;

/**
 * The funnel counts, for each stage on the path, the cases that reached it: those in it now and
 * those in any later stage (a settled case passed through screening too).
 */
export function funnelCounts(casesByStage: Stats['casesByStage']): { stage: (typeof LIFECYCLE)[number]; reached: number }[] {
  return LIFECYCLE.map((stage, index) => ({
    stage,
    reached: LIFECYCLE.slice(index).reduce((sum, later) => sum + (casesByStage[later] ?? 0), 0) + (index === 0 ? (casesByStage.INELIGIBLE ?? 0) + (casesByStage.WITHDRAWN ?? 0) : 0),
  }));
}

/**
 * Each step named by what the cases did to reach it (已入院, 已结算), not by the stage's own name:
 * "待入院 12" would read as twelve cases waiting, while most of them are long settled.
 */
export function funnelOption(stats: Stats, t: Translate): ChartOption {
  const data = funnelCounts(stats.casesByStage).map(({ stage, reached }) => ({ name: t(`funnel.${stage}` as MessageKey), value: reached }));
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', gap: 2, label: { show: true, position: 'inside', formatter: '{b} {c}' }, data }],
  };
}

export function townOption(stats: Stats, seriesName: string): ChartOption {
  const towns = Object.entries(stats.screenedByTown).sort((a, b) => b[1] - a[1]);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: towns.map(([town]) => town), axisLabel: { rotate: towns.length > 8 ? 45 : 0, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: seriesName, data: towns.map(([, count]) => count), itemStyle: { color: '#1f5fa8' } }],
  };
}

/** One stacked bar: how the total billed was paid, payer by payer in cascade order (values in yuan). */
export function paymentsOption(stats: Stats, labels: Labels, totalLabel: string): ChartOption {
  return {
    tooltip: { trigger: 'item', valueFormatter: (value) => `¥${formatAmount(Math.round(Number(value) * 100))}` },
    legend: { bottom: 0 },
    grid: { left: 16, right: 24, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => `¥${Math.round(value).toLocaleString()}` } },
    yAxis: { type: 'category', data: [totalLabel] },
    series: PAYERS.map((payer, index) => ({
      type: 'bar',
      stack: 'paid',
      name: labels.payer(payer),
      // ECharts draws numbers; fen are integers, the division is for the axis only, never for totals.
      data: [(stats.paidByPayerFen[payer] ?? 0) / 100],
      itemStyle: { color: PAYER_COLORS[index] },
      barWidth: 48,
    })),
  };
}

export function DashboardPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const stats = useAsync((signal) => api.stats(signal), []);
  useEffect(() => {
    const timer = setInterval(stats.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [stats.reload]);

  const data = stats.data;
  const options = useMemo(
    () => (data ? { funnel: funnelOption(data, t), towns: townOption(data, t('dashboard.screened')), payments: paymentsOption(data, labels, t('dashboard.paidTotal')) } : null),
    [data, labels, t],
  );
  const totalCases = data ? Object.values(data.casesByStage).reduce((sum, n) => sum + (n ?? 0), 0) : 0;
  const screened = data ? Object.values(data.screenedByTown).reduce((sum, n) => sum + n, 0) : 0;
  const paid = data ? PAYERS.reduce((sum, payer) => sum + (data.paidByPayerFen[payer] ?? 0), 0) : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dashboard.title')}
      </Typography.Title>
      {stats.error !== undefined && <Alert type="error" showIcon title={describeError(t, stats.error, labels.stage)} />}
      <Row gutter={[16, 16]}>
        {[
          { title: t('dashboard.cases'), value: totalCases },
          { title: t('dashboard.screenedPeople'), value: screened },
          { title: t('dashboard.eligible'), value: data?.eligible ?? 0 },
          { title: t('dashboard.surgeries'), value: data?.surgeriesCompleted ?? 0 },
          { title: t('dashboard.settled'), value: data?.settledCases ?? 0 },
          { title: t('dashboard.billed'), value: formatYuan(data?.totalBilledFen ?? 0) },
          { title: t('dashboard.paid'), value: formatYuan(paid) },
          { title: t('dashboard.outOfPocket'), value: formatYuan(data?.outOfPocketFen ?? 0) },
        ].map((item) => (
          <Col key={item.title} xs={12} md={6} xl={3}>
            <Card size="small" loading={stats.loading && !data}>
              <Statistic title={item.title} value={item.value} styles={{ content: { fontSize: 20, whiteSpace: 'nowrap' } }} />
            </Card>
          </Col>
        ))}
      </Row>
      {options && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('dashboard.funnel')}>
              <EChart option={options.funnel} label={t('dashboard.funnel')} testId="chart-funnel" height={300} />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('dashboard.byTown')}>
              <EChart option={options.towns} label={t('dashboard.byTown')} testId="chart-towns" height={300} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('dashboard.byPayer')}>
              <EChart option={options.payments} label={t('dashboard.byPayer')} testId="chart-payers" height={200} />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
