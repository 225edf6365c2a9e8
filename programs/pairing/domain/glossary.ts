/** The pairing program's terms in both languages, for every text a clerk or an official reads. */
import type { Texts } from '../../../domain/i18n/lang';
import type { PairingActionKind } from './commands';
import type { ContactKind, MatterFunder, PairingCategory, PairingStage } from './pairing';

export const PAIRING_PROGRAM_NAME: Texts = { 'zh-CN': '结对关爱 · 帮办实事', en: 'Pairing and practical matters' };

export const PAIRING_STAGE_TERMS: Record<PairingStage, Texts> = {
  ACTIVE: { 'zh-CN': '结对中', en: 'active' },
  CLOSED: { 'zh-CN': '已结束', en: 'closed' },
};

export const PAIRING_CATEGORY_TERMS: Record<PairingCategory, Texts> = {
  SEVERE_DISABILITY: { 'zh-CN': '重度残疾人', en: 'severe disability' },
  ORPHAN: { 'zh-CN': '孤儿', en: 'orphan' },
  DESTITUTE: { 'zh-CN': '特困人员', en: 'destitute' },
};

export const CONTACT_KIND_TERMS: Record<ContactKind, Texts> = {
  VISIT: { 'zh-CN': '上门走访', en: 'visit' },
  PHONE: { 'zh-CN': '电话联系', en: 'phone call' },
  OTHER: { 'zh-CN': '其他方式', en: 'other' },
};

export const MATTER_FUNDER_TERMS: Record<MatterFunder, Texts> = {
  PERSONAL: { 'zh-CN': '个人出资', en: 'personal' },
  UNIT: { 'zh-CN': '单位出资', en: 'work unit' },
  CHARITY: { 'zh-CN': '社会捐助', en: 'charity' },
};

export const PAIRING_ACTION_TERMS: Record<PairingActionKind, Texts> = {
  create: { 'zh-CN': '建立结对', en: 'create the pairing' },
  reassign: { 'zh-CN': '调整结对干部', en: 'reassign' },
  contact: { 'zh-CN': '登记联系', en: 'log a contact' },
  need: { 'zh-CN': '登记需求', en: 'log a need' },
  matter: { 'zh-CN': '登记实事', en: 'log a practical matter' },
  referral: { 'zh-CN': '转介', en: 'refer' },
  'life-event': { 'zh-CN': '登记状况变化', en: 'apply a life event' },
  overdue: { 'zh-CN': '标记逾期未联系', en: 'flag as overdue' },
};
