/**
 * The details of an enrolment on the stuck radar (GET /v1/admin/stuck) in the language asked for.
 * Dates a person reads are in Asia/Shanghai.
 */
import { formatDateTime } from '../../../domain/glossary';
import type { Lang } from '../../../domain/i18n/lang';
import { ENROLMENT_STAGE_TERMS, type EnrolmentStage } from '../domain/index';

/** The enrolment workflow's activities as a clerk would name them; an unknown one by a neutral phrase. */
const ACTIVITY_IN_CHINESE: Record<string, string> = {
  persistEnrolmentEvents: '保存补贴办理记录',
  storeApplication: '保存补贴申请',
  personFacts: '读取人员信息',
  loadSubsidyPolicy: '读取补贴政策文件',
  paidMonths: '读取已发放月份',
};

export function enrolmentOverdueDetail(stage: EnrolmentStage, since: string, lang: Lang): string {
  if (lang === 'en') return `in ${stage} since ${since}, past its service-level time`;
  return `自 ${formatDateTime(since)}（北京时间）起处于“${ENROLMENT_STAGE_TERMS[stage]['zh-CN']}”阶段，已超过该阶段的办理时限`;
}

export function enrolmentRetryingDetail(activity: string, attempts: number, lang: Lang): string {
  if (lang === 'en') return `${activity} has failed ${attempts} times in a row`;
  return `${ACTIVITY_IN_CHINESE[activity] ?? '系统的一个步骤'}已连续失败 ${attempts} 次，系统仍在自动重试`;
}
