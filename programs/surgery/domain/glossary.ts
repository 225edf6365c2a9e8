/**
 * The surgery program's terms in both languages: its payers, its policy's words, hospital levels
 * and the stages of a case. Used by the server's texts (explanations, problem documents, the
 * settlement sheet) and by the console; the shared terms are in domain/glossary.ts.
 */
import type { Texts } from '../../../domain/i18n/lang';
import type { HospitalLevel, Payer, Stage } from './stages';

/** The five payers, by their official names. */
export const PAYER_TERMS: Record<Payer, Texts> = {
  BASIC_MEDICAL_INSURANCE: { 'zh-CN': '城乡居民基本医疗保险', en: 'Basic medical insurance' },
  CRITICAL_ILLNESS_INSURANCE: { 'zh-CN': '大病保险', en: 'Critical-illness insurance' },
  MEDICAL_ASSISTANCE: { 'zh-CN': '医疗救助', en: 'Medical assistance' },
  DISABILITY_ASSISTANCE: { 'zh-CN': '残疾人救助', en: 'Disability assistance' },
  PROVINCIAL_CHARITY: { 'zh-CN': '省慈善总会', en: 'Provincial charity federation' },
};

/** The policy's own words. */
export const POLICY_TERMS = {
  deductible: { 'zh-CN': '起付线', en: 'deductible' },
  ratio: { 'zh-CN': '报销比例', en: 'reimbursement ratio' },
  policyScope: { 'zh-CN': '政策范围内费用', en: 'policy-scope expenses' },
  cap: { 'zh-CN': '封顶线', en: 'cap' },
  band: { 'zh-CN': '分段', en: 'band' },
  total: { 'zh-CN': '总费用', en: 'total' },
  outOfPocket: { 'zh-CN': '个人自付', en: 'Out of pocket' },
  disabilityCertificate: { 'zh-CN': '残疾人证', en: 'disability certificate' },
  residentInsurance: { 'zh-CN': '城乡居民基本医疗保险', en: 'resident medical insurance' },
} satisfies Record<string, Texts>;

export const HOSPITAL_LEVEL_TERMS: Record<HospitalLevel, Texts> = {
  TERTIARY_A: { 'zh-CN': '三级甲等医院', en: 'tertiary grade A hospital' },
  TERTIARY: { 'zh-CN': '三级医院', en: 'tertiary hospital' },
  SECONDARY: { 'zh-CN': '二级医院', en: 'secondary hospital' },
  PRIMARY: { 'zh-CN': '一级医院', en: 'primary hospital' },
};

export const STAGE_TERMS: Record<Stage, Texts> = {
  SCREENING: { 'zh-CN': '待筛查', en: 'screening' },
  AWAITING_ADMISSION: { 'zh-CN': '待入院', en: 'awaiting admission' },
  AWAITING_SURGERY: { 'zh-CN': '待手术', en: 'awaiting surgery' },
  REHABILITATION: { 'zh-CN': '康复中', en: 'rehabilitation' },
  REIMBURSING: { 'zh-CN': '报销中', en: 'reimbursing' },
  SETTLED: { 'zh-CN': '已结算', en: 'settled' },
  INELIGIBLE: { 'zh-CN': '不符合条件', en: 'ineligible' },
  WITHDRAWN: { 'zh-CN': '已撤回', en: 'withdrawn' },
};
