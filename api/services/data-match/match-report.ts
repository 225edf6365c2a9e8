/**
 * The monthly report a district office files for a batch: one line per item a row's event closed
 * or changed (who, which program, from which month payments stop, what had been overpaid) and one
 * line per row still waiting for a review. CSV in UTF-8 with a BOM, Chinese headers unless English
 * is asked for; ID numbers masked whoever reads it; a cell a spreadsheet would take for a formula
 * is written as text.
 */
import { MATCH_EVENT_TERMS, type MatchEventType, type MatchRowStatus } from '../../../domain/data-match';
import type { Lang, Texts } from '../../../domain/i18n/lang';
import type { LifeEventEffect } from '../../../domain/life-events';
import { programIdSchema } from '../../../domain/programs';
import { programEntry } from '../../../programs/catalogue';

export interface ReportLine {
  row: number;
  /** The registry's name (the list's when the row matched nobody). */
  name: string;
  listName: string;
  maskedIdNumber: string;
  town: string;
  type: MatchEventType;
  on: string;
  source: string;
  status: MatchRowStatus;
  effects: LifeEventEffect[];
}

const HEADERS: Record<Lang, readonly string[]> = {
  'zh-CN': ['批次', '行号', '姓名', '身份证号', '镇/街道', '事件', '事件日期', '来源', '项目', '编号', '变更前', '变更后', '停发起始月', '多发金额（元）', '说明'],
  en: ['batch', 'row', 'name', 'idNumber', 'town', 'event', 'eventDate', 'source', 'program', 'itemId', 'stageBefore', 'stageAfter', 'stoppedFromMonth', 'overpaidYuan', 'note'],
};

const NOTES: Record<'queued' | 'applied', Texts> = {
  queued: { 'zh-CN': '姓名与登记不一致，待复核', en: 'the name differs from the registry; waiting for a review' },
  applied: { 'zh-CN': '已按名单处理', en: 'applied from the list' },
};

function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function nextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The first month no longer paid: an enrolment ended by a death or a move is owed its event's month
 * and stops from the next; a case or a pairing closes from the event's month. Empty when the event
 * closed nothing.
 */
export function stoppedFromMonth(effect: LifeEventEffect, on: string): string {
  if (effect.stageAfter === effect.stageBefore) return '';
  if (effect.stageAfter === 'TERMINATED') return nextMonth(on);
  return on.slice(0, 7);
}

function programName(program: string, lang: Lang): string {
  const id = programIdSchema.safeParse(program);
  return (id.success ? programEntry(id.data)?.name[lang] : undefined) ?? program;
}

export function matchReportCsv(batchId: string, lines: readonly ReportLine[], lang: Lang): string {
  const out = [HEADERS[lang].join(',')];
  for (const line of lines) {
    const person = [batchId, String(line.row), line.name, line.maskedIdNumber, line.town, MATCH_EVENT_TERMS[line.type][lang], line.on, line.source];
    if (line.status === 'QUEUED') {
      out.push([...person, '', '', '', '', '', '', lang === 'en' ? `${NOTES.queued.en} (the list says ${line.listName})` : `${NOTES.queued['zh-CN']}（名单所写：${line.listName}）`].map(cell).join(','));
      continue;
    }
    for (const effect of line.effects) {
      out.push(
        [...person, programName(effect.program, lang), effect.id, effect.stageBefore, effect.stageAfter, stoppedFromMonth(effect, line.on), yuan(effect.overpaymentFen), NOTES.applied[lang]]
          .map(cell)
          .join(','),
      );
    }
  }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
