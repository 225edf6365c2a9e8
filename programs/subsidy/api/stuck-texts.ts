/**
 * The details of an enrolment on the stuck radar (GET /v1/admin/stuck) in the language asked for.
 * Dates a person reads are in Asia/Shanghai.
 */
import { formatDateTime } from '../../../domain/glossary';
import type { Lang } from '../../../domain/i18n/lang';
import { ENROLMENT_STAGE_TERMS, type EnrolmentStage } from '../domain/index';
import type { EnrolmentActivities } from '../activities/index';

/** The enrolment workflow's activities as a clerk would name them (every one: the compiler checks); an unknown one by a neutral phrase. */
const ACTIVITY_IN_CHINESE: Record<string, string> = {
  persistEnrolmentEvents: '保存补贴办理记录',
  storeApplication: '保存补贴申请',
  personFacts: '读取人员信息',
  applicationFacts: '核对补贴申请并读取人员信息',
  loadSubsidyPolicy: '读取补贴政策文件',
  paidMonths: '读取已发放月份',
  paidAndHeldMonths: '读取已发放和发放中的月份',
} satisfies Record<keyof EnrolmentActivities, string>;

export function enrolmentOverdueDetail(stage: EnrolmentStage, since: string, lang: Lang): string {
  if (lang === 'en') return `in ${stage} since ${since}, past its service-level time`;
  return `自 ${formatDateTime(since)}（北京时间）起处于“${ENROLMENT_STAGE_TERMS[stage]['zh-CN']}”阶段，已超过该阶段的办理时限`;
}

export function enrolmentRetryingDetail(activity: string, attempts: number, lang: Lang): string {
  if (lang === 'en') return `${activity} has failed ${attempts} times in a row`;
  return `${ACTIVITY_IN_CHINESE[activity] ?? '系统的一个步骤'}已连续失败 ${attempts} 次，系统仍在自动重试`;
}

/** A payroll whose bank calls keep failing: which batch, after how many attempts. */
export function payrollBankFailingDetail(batchNo: number, attempts: number, lang: Lang): string {
  if (lang === 'en') return `the bank did not take batch ${batchNo} after ${attempts} attempts`;
  return `银行连续 ${attempts} 次未接收第 ${batchNo} 批代发文件，系统仍在自动重试`;
}

/** A payroll whose books disagree with the bank's; `found` is the reconciliation's own account of it. */
export function payrollDiscrepancyDetail(found: string, lang: Lang): string {
  if (lang === 'en') return `the payroll and the bank's books disagree: ${found}`;
  return `发放名册与银行记录不一致，需人工核对：${found}`;
}
