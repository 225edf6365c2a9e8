import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Form, Row, Select, Space, Statistic, Typography } from 'antd';
import { formatAmount, formatYuan } from '@domain/money';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '@subsidy/programs';
import type { SubsidyStats } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { EChart, type ChartOption } from '../components/EChart';

// The figures move once a day at most (a payroll, a decision); a slow refresh is enough.
const REFRESH_MS = 60_000;
const RANGES = [12, 24, 36] as const;

/** `count` months ending with the month of `today`, oldest first, as YYYY-MM. */
export function monthsEndingAt(today: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const date = new Date(Date.UTC(today.getFullYear(), today.getMonth() - back, 1));
    months.push(`${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * Amount and persons paid, month by month, every month of the range on the axis (a month nobody
 * was paid shows as nothing, not as a gap that joins its neighbours). Amounts are drawn in yuan.
 */
export function paidByMonthOption(stats: SubsidyStats, months: readonly string[], names: { amount: string; persons: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 72, right: 56, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: [...months], axisLabel: { rotate: months.length > 12 ? 45 : 0 } },
    yAxis: [
      { type: 'value', name: names.amount, axisLabel: { formatter: (value: number) => `¥${Math.round(value).toLocaleString()}` } },
      { type: 'value', name: names.persons, minInterval: 1 },
    ],
    series: [
      {
        type: 'bar',
        name: names.amount,
        // Fen are integers; the division is for the axis only.
        data: months.map((month) => (stats.paidFenByMonth[month] ?? 0) / 100),
        itemStyle: { color: '#1f5fa8' },
        tooltip: { valueFormatter: (value) => `¥${formatAmount(Math.round(Number(value) * 100))}` },
      },
      { type: 'bar', name: names.persons, yAxisIndex: 1, data: months.map((month) => stats.personsPaidByMonth[month] ?? 0), itemStyle: { color: '#5ab1a0' } },
    ],
  };
}

export function enrolledByTownOption(stats: SubsidyStats, seriesName: string): ChartOption {
  const towns = Object.entries(stats.enrolledByTown).sort((a, b) => b[1] - a[1]);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: towns.map(([town]) => town), axisLabel: { rotate: towns.length > 8 ? 45 : 0, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: seriesName, data: towns.map(([, count]) => count), itemStyle: { color: '#1f5fa8' } }],
  };
}

/** The subsidies' figures for a district office: who receives them, what was paid each month, what is to be recovered. */
export function SubsidyStatsPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [program, setProgram] = useState<SubsidyProgram | undefined>(undefined);
  const [range, setRange] = useState<(typeof RANGES)[number]>(12);
  const months = useMemo(() => monthsEndingAt(new Date(), range), [range]);
  const from = months[0]!;
  const to = months[months.length - 1]!;
  const stats = useAsync((signal) => api.subsidyStats({ program, from, to }, signal), [program, from, to]);
  useEffect(() => {
    const timer = setInterval(stats.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [stats.reload]);

  const data = stats.data;
  const options = useMemo(() => {
    if (!data) return null;
    const names = { amount: t('subsidyStats.amount'), persons: t('subsidyStats.persons') };
    return { months: paidByMonthOption(data, months, names), towns: enrolledByTownOption(data, t('subsidyStats.enrolled')) };
  }, [data, months, t]);
  const anyPaid = data ? months.some((month) => (data.paidFenByMonth[month] ?? 0) > 0) : false;
  const outstanding = data ? data.overpaymentOwedFen - data.recoveredFen - data.waivedFen : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('subsidyStats.title')}
      </Typography.Title>
      <Form layout="inline">
        <Form.Item label={t('subsidyStats.program')} htmlFor="stats-program">
          <Select
            id="stats-program"
            style={{ width: 200 }}
            value={program ?? 'BOTH'}
            onChange={(value: string) => setProgram(value === 'BOTH' ? undefined : (value as SubsidyProgram))}
            options={[{ value: 'BOTH', label: t('subsidyStats.bothPrograms') }, ...SUBSIDY_PROGRAMS.map((p) => ({ value: p, label: labels.subsidyProgram(p) }))]}
          />
        </Form.Item>
        <Form.Item label={t('subsidyStats.range')} htmlFor="stats-range">
          <Select id="stats-range" style={{ width: 140 }} value={range} onChange={setRange} options={RANGES.map((n) => ({ value: n, label: t('subsidyStats.lastMonths', { n }) }))} />
        </Form.Item>
      </Form>
      {stats.error !== undefined && <Alert type="error" showIcon title={describeError(t, stats.error, labels.stage)} />}
      <Row gutter={[16, 16]}>
        {[
          { key: 'active', title: t('subsidyStats.active'), value: String(data?.active ?? 0) },
          { key: 'owed', title: t('subsidyStats.owed'), value: formatYuan(data?.overpaymentOwedFen ?? 0) },
          { key: 'recovered', title: t('subsidyStats.recovered'), value: formatYuan(data?.recoveredFen ?? 0) },
          { key: 'waived', title: t('subsidyStats.waived'), value: formatYuan(data?.waivedFen ?? 0) },
          { key: 'outstanding', title: t('subsidyStats.outstanding'), value: formatYuan(outstanding) },
        ].map((item) => (
          <Col key={item.key} xs={12} md={8} xl={4}>
            <Card size="small" loading={stats.loading && !data}>
              <Statistic title={item.title} value={item.value} styles={{ content: { fontSize: 20, whiteSpace: 'nowrap' } }} data-testid={`stat-${item.key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {options && (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card size="small" title={t('subsidyStats.paidByMonth', { from, to })}>
              {anyPaid ? <EChart option={options.months} label={t('subsidyStats.paidByMonthLabel')} testId="chart-paid-by-month" height={320} /> : <Empty description={t('subsidyStats.noPayments')} />}
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('subsidyStats.byTown')}>
              <EChart option={options.towns} label={t('subsidyStats.byTown')} testId="chart-enrolled-by-town" height={300} />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
