/**
 * Problem documents' titles and details in the language of the answer. Details are written in
 * English where the refusal is decided (the domain, the workflow's update validators across
 * Temporal, the API); the Chinese detail is derived here, in one place, from that sentence's
 * pattern. A detail with no pattern gets its title in Chinese: never an English sentence in a
 * Chinese answer. The kit knows the sentences every program shares (sign-in, tokens, the codec,
 * Temporal); each program adds its own with `addProblemDetailRules`.
 */
import type { Role } from '../../domain/actor';
import { PERSON_STATUS_TERMS } from '../../domain/glossary';
import type { Lang, Texts } from '../../domain/i18n/lang';
import type { PersonStatus } from '../../domain/persons';
import type { ProblemSlug } from '../../domain/problem-slugs';

export const TITLES: Record<ProblemSlug, Texts> = {
  validation: { 'zh-CN': '请求内容无效', en: 'The request is not valid' },
  unauthorized: { 'zh-CN': '需要有效的登录令牌', en: 'A valid bearer token is required' },
  'invalid-credentials': { 'zh-CN': '用户名或密码错误', en: 'The user name or password is wrong' },
  'password-change-required': { 'zh-CN': '请先修改密码', en: 'Change your password first' },
  forbidden: { 'zh-CN': '您的角色无权执行此操作', en: 'Your role may not do this' },
  'not-found': { 'zh-CN': '未找到', en: 'Not found' },
  'stage-conflict': { 'zh-CN': '案件当前所处阶段不允许此操作', en: 'The case is not in a stage that allows this' },
  'duplicate-case': { 'zh-CN': '此身份证号已有未结案件', en: 'An open case already exists for this ID number' },
  'duplicate-person': { 'zh-CN': '此身份证号已登记过', en: 'A person with this ID number is already registered' },
  'duplicate-enrolment': { 'zh-CN': '此人在该项补贴中已有未办结的申请', en: 'The person already has an open enrolment in this program' },
  'duplicate-pairing': { 'zh-CN': '此人已有未结束的结对', en: 'The person already has an open pairing' },
  'idempotency-conflict': { 'zh-CN': '此操作已用不同的内容执行过', en: 'This was already done with a different body' },
  'four-eyes': { 'zh-CN': '须由另一人批准', en: 'Another person must approve this' },
  'payroll-open': { 'zh-CN': '该项补贴尚有未对账的发放名册', en: 'A payroll of this program is not reconciled yet' },
  gone: { 'zh-CN': '此接口已停用', en: 'This endpoint is gone' },
  unprocessable: { 'zh-CN': '请求无法执行', en: 'The request cannot be applied' },
  'rate-limited': { 'zh-CN': '请求过于频繁，请稍后重试', en: 'Too many requests; retry later' },
  locked: { 'zh-CN': '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  'person-inactive': { 'zh-CN': '此人已去世或已迁出本区', en: 'The person has died or moved out of the district' },
  'not-eligible': { 'zh-CN': '不符合补贴政策规定的条件', en: 'The person is not eligible under the subsidy policy' },
  unavailable: { 'zh-CN': '依赖的服务暂不可用，请稍后重试', en: 'A service the API depends on is not available; retry later' },
  internal: { 'zh-CN': '服务器未能处理此请求', en: 'The server failed to answer this request' },
};

/** The roles as a refusal names them. */
export const ROLE_NAMES_ZH: Record<Role, string> = { officer: '经办人员', hospital: '医院', admin: '管理员', civil: '民政审批人员', finance: '财务人员', official: '结对干部' };
const roleName = (role: string) => ROLE_NAMES_ZH[role as Role] ?? role;
const personStatus = (status: string) => PERSON_STATUS_TERMS[status as PersonStatus]?.['zh-CN'] ?? status;

/** An English detail's pattern and the Chinese sentence made from its captured parts. */
export type DetailRule = [RegExp, (...groups: string[]) => string];

/** Each program's own sentences, added when its routes load; tried before the kit's own. */
const programRules: DetailRule[] = [];

/** Adds a program's detail patterns (its refusals' sentences) to the ones every answer is read through. */
export function addProblemDetailRules(rules: readonly DetailRule[]): void {
  programRules.push(...rules);
}

const RULES: DetailRule[] = [
  [/^no such case$/, () => '没有此案件'],
  [/^no route (\w+) (.+)$/s, (method, path) => `没有此接口：${method} ${path}`],
  [/^the (\w+) role may not do this; allowed: (.+)$/, (role, roles) => `${roleName(role)}角色无权执行此操作；允许的角色：${roles.split(', ').map(roleName).join('、')}`],
  // the person registry, whichever program refuses a person who died or moved out
  [/^(?:the )?person (?:(\S+) )?is (DECEASED|MOVED_OUT)(?:; only an active person may apply)?$/, (_id, status) => `此人${personStatus(status ?? '')}，不能申请或登记新的状况变化`],
  [/^send Authorization: Bearer <token>/, () => '请在 Authorization 请求头中提供 Bearer 令牌'],
  [/^the Authorization header must be "Bearer <token>"$/, () => 'Authorization 请求头的格式须为 "Bearer <令牌>"'],
  [/^the token has expired$/, () => '令牌已过期'],
  [/^the token has expired$/, () => '登录已过期，请重新登录'],
  [/^the token was signed out$/, () => '此令牌已退出登录，请重新登录'],
  [/^the account is disabled$/, () => '此账号已停用'],
  [/^the password was changed or reset since this token was issued/, () => '密码已修改或重置，请重新登录'],
  [/^the token /, () => '令牌无效'],
  [/^the request has invalid fields; see errors$/, () => '请求中有无效字段，详见 errors'],
  [/^the CSV header is not valid$/, () => 'CSV 表头无效，详见 errors'],
  [/^the CSV cannot be read$/, () => '无法读取 CSV 文件'],
  // the codec server (routes/codec): the key's id is what an operator needs, in either language
  [/^encrypted payload under key "(.*)" failed authentication: altered, or the key under that id has changed$/s, (key) =>
    `密钥 "${key}" 下的加密数据未通过校验：数据被改动，或该编号的密钥已更换`],
  [/^encrypted payload under key "(.*)" is too short$/s, (key) => `密钥 "${key}" 下的加密数据过短`],
  [/^payload encrypted with key "(.*)", which is not among the configured keys \((.*)\); keep old keys in PAYLOAD_KEYS after a rotation$/s, (key, keys) =>
    `数据用密钥 "${key}" 加密，但它不在已配置的密钥（${keys}）中；轮换密钥后请在 PAYLOAD_KEYS 中保留旧密钥`],
  [/^an encrypted payload has no (\S+) metadata$/, (name) => `加密数据缺少 ${name} 元数据`],
  [/^Temporal did not answer in time$/, () => 'Temporal 未及时响应，请稍后重试'],
  [/^development sign-in answers callers on this machine only$/, () => '开发用登录只接受本机的请求'],
  [/^an unexpected error; it has been logged$/, () => '发生意外错误，已记录'],
];

export function problemTitle(slug: ProblemSlug, lang: Lang): string {
  return TITLES[slug][lang];
}

export function problemDetail(slug: ProblemSlug, detail: string, lang: Lang): string {
  if (lang === 'en') return detail;
  for (const [pattern, render] of [...programRules, ...RULES]) {
    const match = pattern.exec(detail);
    if (match) return render(...match.slice(1));
  }
  return TITLES[slug]['zh-CN'];
}
