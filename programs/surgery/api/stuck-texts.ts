/**
 * The details of the stuck list (GET /v1/admin/stuck) in the language asked for. The figures are the
 * same in both; dates a person reads are in Asia/Shanghai.
 */
import { formatDateTime } from '../../../domain/glossary';
import type { Lang } from '../../../domain/i18n/lang';
import { formatYuan } from '../../../domain/money';
import { formatDurationMs } from '../../../http/durations';
import type { PaymentDiscrepancy } from '../domain/events';
import { PAYER_TERMS, STAGE_TERMS } from '../domain/glossary';
import type { Payer, Stage } from '../domain/stages';

const CLAIM_STATUS: Record<string, string> = { PAID: '已支付', REJECTED: '已拒付', VOIDED: '已作废', IN_PROGRESS: '处理中', PENDING: '待处理' };

/** "30d" → "30 天". */
function durationInChinese(ms: number): string {
  const text = formatDurationMs(ms);
  const match = /^(\d+)(d|h|m|s|ms)$/.exec(text);
  const units: Record<string, string> = { d: '天', h: '小时', m: '分钟', s: '秒', ms: '毫秒' };
  return match ? `${match[1]} ${units[match[2]!]}` : text;
}

export function overdueDetail(stage: Stage, since: Date, slaMs: number | undefined, lang: Lang): string {
  if (lang === 'en') return `in ${stage} since ${since.toISOString()}${slaMs ? `, longer than its service-level time of ${formatDurationMs(slaMs)}` : ''}`;
  return `自 ${formatDateTime(since.toISOString())}（北京时间）起处于“${STAGE_TERMS[stage]['zh-CN']}”阶段${slaMs ? `，已超过该阶段的办理时限 ${durationInChinese(slaMs)}` : ''}`;
}

export function retryingDetail(activity: string, attempts: number, lang: Lang): string {
  if (lang === 'en') return `${activity} has failed ${attempts} times in a row`;
  return `${activity} 已连续失败 ${attempts} 次`;
}

export function discrepancyDetail(row: Omit<PaymentDiscrepancy, 'payer'> & { payer: string }, lang: Lang): string {
  if (lang === 'en') {
    return (
      `${row.payer} (${row.idempotencyKey}): the ledger has ${row.ledgerStatus} ${formatYuan(row.ledgerAmountFen)} (${row.ledgerAmountFen} fen), ` +
      `the payer's books ${row.payerStatus} ${formatYuan(row.payerAmountFen)} (${row.payerAmountFen} fen)${row.payerReference ? `, reference ${row.payerReference}` : ''}`
    );
  }
  const status = (s: string) => CLAIM_STATUS[s] ?? s;
  return (
    `${PAYER_TERMS[row.payer as Payer]?.['zh-CN'] ?? row.payer}（${row.idempotencyKey}）：台账记为${status(row.ledgerStatus)} ${formatYuan(row.ledgerAmountFen)}，` +
    `支付方账目记为${status(row.payerStatus)} ${formatYuan(row.payerAmountFen)}${row.payerReference ? `，凭证号 ${row.payerReference}` : ''}`
  );
}

export function firstTaskFailingDetail(failures: number, lang: Lang): string {
  if (lang === 'en') return `the workflow cannot make progress: its first task has failed ${failures} times`;
  return `案件流程无法继续：其首个任务已失败 ${failures} 次`;
}

export function tasksFailingDetail(problems: readonly string[], lang: Lang): string {
  if (lang === 'en') return `the workflow cannot make progress: its tasks keep failing (${problems.join(', ') || 'reported by Temporal'})`;
  return `案件流程无法继续：其任务持续失败（${problems.join('，') || '由 Temporal 报告'}）`;
}
