/** The payroll's terms in both languages, for every text a clerk reads about a payroll. */
import type { Texts } from '../../../../domain/i18n/lang';
import type { DropReason } from './approval-check';
import type { Discrepancy } from './reconciliation';
import type { PayrollLineStatus, PayrollStage } from './stages';

export const PAYROLL_STAGE_TERMS: Record<PayrollStage, Texts> = {
  DRAFT: { 'zh-CN': '草稿', en: 'draft' },
  PENDING_APPROVAL: { 'zh-CN': '待财务审核', en: 'awaiting finance approval' },
  DISBURSING: { 'zh-CN': '发放中', en: 'disbursing' },
  RECONCILED: { 'zh-CN': '已对账', en: 'reconciled' },
};

export const PAYROLL_LINE_STATUS_TERMS: Record<PayrollLineStatus, Texts> = {
  DRAFT: { 'zh-CN': '待发放', en: 'not yet sent' },
  SENT: { 'zh-CN': '已报送银行', en: 'sent to the bank' },
  PAID: { 'zh-CN': '已发放', en: 'paid' },
  RETURNED: { 'zh-CN': '银行退回', en: 'returned by the bank' },
  DROPPED: { 'zh-CN': '审核时剔除', en: 'dropped at approval' },
};

export const DROP_REASON_TERMS: Record<DropReason, Texts> = {
  ENROLMENT_UNKNOWN: { 'zh-CN': '找不到该补贴对象', en: 'the enrolment was not found' },
  DIED: { 'zh-CN': '本人已去世，次月停发', en: 'the person has died; not owed after that month' },
  MOVED_OUT: { 'zh-CN': '户籍已迁出，次月停发', en: 'the person moved out; not owed after that month' },
  NO_LONGER_ELIGIBLE: { 'zh-CN': '不再符合条件', en: 'no longer eligible' },
  NOT_PAYABLE: { 'zh-CN': '该月已不可发放（如已暂停）', en: 'the month is no longer payable (suspended, for example)' },
  AMOUNT_CHANGED: { 'zh-CN': '发放标准已变更，下次按新金额发放', en: 'the amount changed; the next payroll pays the new amount' },
};

export const DISCREPANCY_TERMS: Record<Discrepancy['kind'], Texts> = {
  LINE_PENDING: { 'zh-CN': '银行尚未返回结果', en: 'the bank has not answered for this line yet' },
  PAID_NOT_RECORDED: { 'zh-CN': '名册显示已发放，银行无记录', en: 'paid in the roster, not in the bank’s books' },
  RECORDED_NOT_PAID: { 'zh-CN': '银行有发放记录，名册未显示已发放', en: 'paid in the bank’s books, not in the roster' },
  AMOUNT_DIFFERS: { 'zh-CN': '银行记录金额与名册不符', en: 'the bank recorded a different amount' },
  RECORDED_TWICE: { 'zh-CN': '银行重复记录', en: 'the bank recorded it twice' },
  TOTALS_DIFFER: { 'zh-CN': '发放总额不一致', en: 'the paid totals differ' },
};
