/**
 * The subsidies' terms in both languages, for every text a clerk reads about an enrolment: the
 * programs' official names, the stages, why a person is not eligible, why an enrolment ended.
 * The Chinese terms are the ones the programs' own documents use.
 */
import type { Texts } from '../../../domain/i18n/lang';
import type { IneligibilityReason } from './eligibility';
import type { EntitledMonthStatus } from './entitlement';
import type { EnrolmentActionKind } from './actor';
import type { LifeEventOutcome, TerminationReason } from './events';
import type { SubsidyProgram } from './programs';
import type { EnrolmentStage } from './stages';

export const SUBSIDY_PROGRAM_TERMS: Record<SubsidyProgram, Texts> = {
  NURSING_SUBSIDY: { 'zh-CN': '重度残疾人护理补贴', en: 'Nursing subsidy for severe disability' },
  LIVING_SUBSIDY: { 'zh-CN': '困难残疾人生活补贴', en: 'Living subsidy for poor disabled people' },
};

export const ENROLMENT_STAGE_TERMS: Record<EnrolmentStage, Texts> = {
  TOWN_REVIEW: { 'zh-CN': '乡镇审核', en: 'town review' },
  CDPF_REVIEW: { 'zh-CN': '残联审核', en: 'disability federation review' },
  DECISION: { 'zh-CN': '民政审批', en: 'civil-affairs decision' },
  PUBLIC_NOTICE: { 'zh-CN': '公示中', en: 'public notice' },
  ACTIVE: { 'zh-CN': '享受中', en: 'active' },
  SUSPENDED: { 'zh-CN': '暂停发放', en: 'suspended' },
  REJECTED: { 'zh-CN': '未通过', en: 'rejected' },
  WITHDRAWN: { 'zh-CN': '已撤回', en: 'withdrawn' },
  TERMINATED: { 'zh-CN': '已停发', en: 'terminated' },
};

export const INELIGIBILITY_REASON_TERMS: Record<IneligibilityReason, Texts> = {
  PERSON_INACTIVE: { 'zh-CN': '本人已去世或户籍已迁出', en: 'the person has died or moved out of the district' },
  NO_DISABILITY: { 'zh-CN': '未持有残疾人证', en: 'no disability certificate' },
  GRADE: { 'zh-CN': '残疾等级不在补贴范围内', en: 'the disability grade is not one the subsidy covers' },
  LONG_TERM_CARE: { 'zh-CN': '未评定为需长期照护', en: 'not assessed as needing long-term care' },
  CATEGORY_REQUIRED: { 'zh-CN': '不属于规定的救助类别', en: 'not in a required assistance category' },
  CATEGORY_EXCLUDED: { 'zh-CN': '所属救助类别不能享受此项补贴', en: 'in an assistance category this subsidy excludes' },
};

export const TERMINATION_REASON_TERMS: Record<TerminationReason, Texts> = {
  DIED: { 'zh-CN': '死亡', en: 'died' },
  MOVED_OUT: { 'zh-CN': '户籍迁出', en: 'moved out of the district' },
  NO_LONGER_ELIGIBLE: { 'zh-CN': '不再符合条件', en: 'no longer eligible' },
};

export const LIFE_EVENT_OUTCOME_TERMS: Record<LifeEventOutcome, Texts> = {
  RECORDED: { 'zh-CN': '已记录', en: 'recorded' },
  WITHDRAWN: { 'zh-CN': '申请已撤回', en: 'application withdrawn' },
  TERMINATED: { 'zh-CN': '次月停发', en: 'stopped from the next month' },
  AMOUNT_CHANGED: { 'zh-CN': '次月起按新标准发放', en: 'new amount from the next month' },
};

export const MONTH_STATUS_TERMS: Record<EntitledMonthStatus, Texts> = {
  PAYABLE: { 'zh-CN': '应发', en: 'payable' },
  SUSPENDED: { 'zh-CN': '暂停', en: 'suspended' },
};

/** The actions on an enrolment, as a refusal names them. */
export const ENROLMENT_ACTION_TERMS: Record<EnrolmentActionKind, Texts> = {
  apply: { 'zh-CN': '申请', en: 'apply' },
  'town-review': { 'zh-CN': '乡镇审核', en: 'town review' },
  'cdpf-review': { 'zh-CN': '残联审核', en: 'disability federation review' },
  decision: { 'zh-CN': '民政审批', en: 'decision' },
  objection: { 'zh-CN': '公示异议', en: 'objection' },
  activate: { 'zh-CN': '公示期满生效', en: 'activation at the end of the notice' },
  withdraw: { 'zh-CN': '撤回申请', en: 'withdrawal' },
  suspend: { 'zh-CN': '暂停发放', en: 'suspension' },
  reinstate: { 'zh-CN': '恢复发放', en: 'reinstatement' },
  'bank-account': { 'zh-CN': '变更银行账户', en: 'bank account correction' },
  'life-event': { 'zh-CN': '登记状况变化', en: 'life event' },
  repayment: { 'zh-CN': '登记退回款项', en: 'repayment' },
  waive: { 'zh-CN': '免于追回', en: 'waiver' },
  'settle-paid-months': { 'zh-CN': '核对终止后发放的月份', en: 'check of the months paid after the enrolment ended' },
};
