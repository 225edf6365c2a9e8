import { MATTER_FUNDERS } from '@pairing/pairing';
import type { PairingStats } from '../api/types';
import type { ChartOption } from '../components/EChart';

/** Contacts and visits of each town, the busiest first. */
export function byTownOption(stats: PairingStats, names: { contacts: string; visits: string }): ChartOption {
  const towns = [...stats.byTown].sort((a, b) => b.contacts - a.contacts || a.town.localeCompare(b.town));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 72, containLabel: true },
    xAxis: { type: 'category', data: towns.map((row) => row.town), axisLabel: { rotate: towns.length > 4 ? 45 : 0, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: names.contacts, data: towns.map((row) => row.contacts), itemStyle: { color: '#1f5fa8' } },
      { type: 'bar', name: names.visits, data: towns.map((row) => row.visits), itemStyle: { color: '#5ab1a0' } },
    ],
  };
}

/** The value of the matters by who paid, drawn in yuan (the fen are integers; the division is for the axis). */
export function byFunderOption(stats: PairingStats, funderName: (funder: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: MATTER_FUNDERS.map(funderName) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => `¥${Math.round(value).toLocaleString()}` } },
    series: [{ type: 'bar', data: MATTER_FUNDERS.map((funder) => stats.mattersValueFenByFunder[funder] / 100), itemStyle: { color: '#d48806' } }],
  };
}

/** Contacts, visits and matters month by month. */
export function byMonthOption(months: readonly { month: string; stats: PairingStats }[], names: { contacts: string; visits: string; matters: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: months.map((row) => row.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: names.contacts, data: months.map((row) => row.stats.contacts), itemStyle: { color: '#1f5fa8' } },
      { type: 'bar', name: names.visits, data: months.map((row) => row.stats.visits), itemStyle: { color: '#5ab1a0' } },
      { type: 'bar', name: names.matters, data: months.map((row) => row.stats.matters), itemStyle: { color: '#d48806' } },
    ],
  };
}

/** The first and last day of a month YYYY-MM. */
export function daysOfMonth(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
