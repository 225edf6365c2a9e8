/**
 * Problem documents' titles and details in the language of the answer. Details are written in
 * English where the refusal is decided (the domain, the workflow's update validators across
 * Temporal, the API); the Chinese detail is derived here, in one place, from that sentence's
 * pattern. A detail with no pattern gets its title in Chinese: never an English sentence in a
 * Chinese answer.
 */
import { PAYER_TERMS, PERSON_STATUS_TERMS, STAGE_TERMS } from '../../domain/glossary';
import type { PersonStatus } from '../../domain/persons';
import { ENROLMENT_ACTION_TERMS, ENROLMENT_STAGE_TERMS, INELIGIBILITY_REASON_TERMS, SUBSIDY_PROGRAM_TERMS } from '../../programs/subsidy/domain/glossary';
import type { EnrolmentActionKind } from '../../programs/subsidy/domain/actor';
import type { IneligibilityReason } from '../../programs/subsidy/domain/eligibility';
import type { EnrolmentStage } from '../../programs/subsidy/domain/stages';
import type { SubsidyProgram } from '../../programs/subsidy/domain/programs';
import type { Role } from '../../domain/actor';
import type { Lang, Texts } from '../../domain/i18n/lang';
import { formatYuan } from '../../domain/money';
import type { ProblemSlug } from '../../domain/problem-slugs';
import type { Payer, Stage } from '../../programs/surgery/domain/stages';

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
  'idempotency-conflict': { 'zh-CN': '此操作已用不同的内容执行过', en: 'This was already done with a different body' },
  'four-eyes': { 'zh-CN': '须由另一人批准', en: 'Another person must approve this' },
  gone: { 'zh-CN': '此接口已停用', en: 'This endpoint is gone' },
  unprocessable: { 'zh-CN': '请求无法执行', en: 'The request cannot be applied' },
  'rate-limited': { 'zh-CN': '请求过于频繁，请稍后重试', en: 'Too many requests; retry later' },
  locked: { 'zh-CN': '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  'person-inactive': { 'zh-CN': '此人已去世或已迁出本区', en: 'The person has died or moved out of the district' },
  'not-eligible': { 'zh-CN': '不符合补贴政策规定的条件', en: 'The person is not eligible under the subsidy policy' },
  unavailable: { 'zh-CN': '依赖的服务暂不可用，请稍后重试', en: 'A service the API depends on is not available; retry later' },
  internal: { 'zh-CN': '服务器未能处理此请求', en: 'The server failed to answer this request' },
};

const ACTIONS: Record<string, string> = { screening: '筛查', admission: '入院', surgery: '手术', discharge: '出院', withdraw: '撤回' };
const ROLES: Record<Role, string> = { officer: '经办人员', hospital: '医院', admin: '管理员', civil: '民政审批人员', finance: '财务人员', official: '结对干部' };
const PROPOSAL_STATES: Record<string, string> = { PROPOSED: '待批准', APPROVED: '已批准', REJECTED: '已驳回', SUPERSEDED: '已被支付方决定取代' };

const stage = (name: string) => `“${STAGE_TERMS[name as Stage]?.['zh-CN'] ?? name}”`;
const payer = (name: string) => PAYER_TERMS[name as Payer]?.['zh-CN'] ?? name;
const fen = (text: string) => formatYuan(Number(text));
const enrolmentStage = (name: string) => `“${ENROLMENT_STAGE_TERMS[name as EnrolmentStage]?.['zh-CN'] ?? name}”`;
const enrolmentAction = (name: string) => ENROLMENT_ACTION_TERMS[name as EnrolmentActionKind]?.['zh-CN'] ?? name;
const personStatus = (name: string) => PERSON_STATUS_TERMS[name as PersonStatus]?.['zh-CN'] ?? name;
const program = (name: string) => SUBSIDY_PROGRAM_TERMS[name as SubsidyProgram]?.['zh-CN'] ?? name;
const reasons = (list: string) => list.split(', ').map((reason) => INELIGIBILITY_REASON_TERMS[reason as IneligibilityReason]?.['zh-CN'] ?? reason).join('；');
const roleList = (list: string) => list.split(/, | or /).map((r) => ROLES[r as Role] ?? r).join('、');

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  [/^(\w+) needs stage (\w+); the case is in (\w+)$/, (action, needed, current) => `${ACTIONS[action] ?? action}需要案件处于${stage(needed)}阶段；案件当前处于${stage(current)}阶段`],
  [/^a case can be withdrawn only in (.+); it is in (\w+)$/, (stages, current) => `案件只能在${stages.split(', ').map(stage).join('、')}阶段撤回；当前处于${stage(current)}阶段`],
  [/^the cascade is not waiting on (\w+)$/, (p) => `报销流程当前没有在等待${payer(p)}`],
  [/^the settlement sheet is ready once the case is SETTLED; it is in (\w+)$/, (s) => `案件结算后才有结算单；案件当前处于${stage(s)}阶段`],
  [/^the case is closed in stage (\w+)$/, (s) => `案件已在${stage(s)}阶段结束`],
  [/^proposal (\w+) for (\w+) is already waiting for approval; reject it before proposing another$/, (id, p) => `${payer(p)}的提议 ${id} 正在等待批准；请先驳回它再提出新的提议`],
  [/^proposal (\w+) for (\w+) is already approved; reject it before proposing another$/, (id, p) => `${payer(p)}的提议 ${id} 已批准`],
  [/^proposal (\w+) is (\w+), not waiting for approval$/, (id, state) => `提议 ${id} ${PROPOSAL_STATES[state] ?? state}，不在等待批准`],
  [/^no proposal (\w+) for (\w+) on this case$/, (id, p) => `本案件没有${payer(p)}的提议 ${id}`],
  [/^(.+) proposed (\w+); another administrator must approve it$/s, (who, id) => `${who} 提出了 ${id}；须由另一位管理员批准`],
  [/^(.+) was already applied to this case with a different body$/, (action) => `${ACTIONS[action] ?? action}已对本案件执行过，且内容不同`],
  [/^case (.+) was already opened with a different body$/, (id) => `案件 ${id} 已用不同的内容建档`],
  [/^case (.+) is open for this ID number$/, (id) => `此身份证号已有未结案件 ${id}`],
  [/^no case (.+)$/s, (id) => `没有案件 ${id}`],
  [/^no such case$/, () => '没有此案件'],
  [/^no route (\w+) (.+)$/s, (method, path) => `没有此接口：${method} ${path}`],
  [/^amount (\d+) fen is more than the (\d+) fen still owed$/, (amount, owed) => `金额 ${fen(amount)} 超过尚欠的 ${fen(owed)}`],
  [/^a paid claim needs an amount$/, () => '已支付的理赔须填写金额'],
  [/^a rejected claim pays 0, not (\d+) fen$/, (amount) => `拒付的理赔金额为 0，不能是 ${fen(amount)}`],
  [/^the provincial charity pays exactly what is still owed \((\d+) fen\), not (\d+) fen$/, (owed, amount) => `省慈善总会须支付全部尚欠金额 ${fen(owed)}，不能是 ${fen(amount)}`],
  [/^the provincial charity cannot reject while (\d+) fen is still owed: the patient pays nothing$/, (owed) => `尚欠 ${fen(owed)} 时省慈善总会不能拒付：个人不承担任何费用`],
  [/^(¥[\d,.]+) is more than the (¥[\d,.]+) the policy pays (\w+) here; set overridePolicy with a note to propose it anyway$/, (amount, policy, p) =>
    `${amount} 超过按政策${payer(p)}此处应付的 ${policy}；如仍要提出，请设置 overridePolicy 并填写说明`],
  [/^the (\w+) role may not do this; allowed: (.+)$/, (role, roles) => `${ROLES[role as Role] ?? role}角色无权执行此操作；允许的角色：${roles.split(', ').map((r) => ROLES[r as Role] ?? r).join('、')}`],
  // subsidy enrolments (programs/subsidy/domain/enrolment-commands.ts and the enrolment API)
  [/^([\w-]+) needs stage (.+); the enrolment is in (\w+)$/, (action, needed, current) =>
    `${enrolmentAction(action)}需要申请处于${needed.split(' or ').map(enrolmentStage).join('或')}阶段；申请当前处于${enrolmentStage(current)}阶段`],
  [/^the enrolment is closed in stage (\w+)$/, (s) => `申请已在${enrolmentStage(s)}阶段结束`],
  [/^the policy \((.+)\) does not make this person eligible: (.+)$/s, (version, list) => `按补贴政策（${version}），此人不符合条件：${reasons(list)}`],
  [/^(?:the )?person (?:(\S+) )?is (DECEASED|MOVED_OUT)(?:; only an active person may apply)?$/, (_id, status) => `此人${personStatus(status ?? '')}，不能申请或登记新的状况变化`],
  [/^no recovery is open on this enrolment$/, () => '此申请没有待追回的多发款项'],
  [/^amountFen (\d+) is more than the (\d+) fen still owed$/, (amount, owed) => `退回金额 ${fen(amount)} 超过尚欠的 ${fen(owed)}`],
  [/^amountFen must be a positive whole number of fen$/, () => '退回金额必须是正整数（单位：分）'],
  [/^fromMonth (\S+) is before the month of the application \((\S+)\)$/, (from, applied) => `暂停起始月 ${from} 早于申请月份 ${applied}`],
  [/^fromMonth must be a month, YYYY-MM$/, () => '暂停起始月必须是月份，格式为 YYYY-MM'],
  [/^([\w-]+) was already applied to this enrolment with a different body$/, (action) => `${enrolmentAction(action)}已对此申请执行过，且内容不同`],
  [/^enrolment (.+) already exists with a different body$/, (id) => `申请 ${id} 已存在，且内容不同`],
  [/^enrolment id (.+) was used by an application that was refused; apply with another id$/, (id) => `申请编号 ${id} 已被一份未获受理的申请使用；请换一个编号申请`],
  [/^enrolment (.+) of this person in (\w+) is open$/, (id, p) => `此人在${program(p)}中已有未办结的申请 ${id}`],
  [/^no enrolment (.+)$/s, (id) => `没有申请 ${id}`],
  [/^([\w-]+) is for (.+), not (\w+)$/, (action, roles, role) => `${enrolmentAction(action)}须由${roleList(roles)}办理，${ROLES[role as Role] ?? role}角色不能办理`],
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
  [/^a claim is resolved by hand by two administrators: POST (\S+), then another administrator POSTs (\S+)$/, (propose, approve) =>
    `人工处理理赔须由两位管理员完成：先 POST ${propose}，再由另一位管理员 POST ${approve}`],
  [/^a claim is resolved by hand by two administrators: propose, then approve$/, () => '人工处理理赔须由两位管理员完成：先提出，再由另一位批准'],
  // the codec server (routes/codec): the key's id is what an operator needs, in either language
  [/^encrypted payload under key "(.*)" failed authentication: altered, or the key under that id has changed$/s, (key) =>
    `密钥 "${key}" 下的加密数据未通过校验：数据被改动，或该编号的密钥已更换`],
  [/^encrypted payload under key "(.*)" is too short$/s, (key) => `密钥 "${key}" 下的加密数据过短`],
  [/^payload encrypted with key "(.*)", which is not among the configured keys \((.*)\); keep old keys in PAYLOAD_KEYS after a rotation$/s, (key, keys) =>
    `数据用密钥 "${key}" 加密，但它不在已配置的密钥（${keys}）中；轮换密钥后请在 PAYLOAD_KEYS 中保留旧密钥`],
  [/^an encrypted payload has no (\S+) metadata$/, (name) => `加密数据缺少 ${name} 元数据`],
  [/^Temporal did not answer in time$/, () => 'Temporal 未及时响应，请稍后重试'],
  [/^case (.+) is registered but not projected yet; retry$/s, (id) => `案件 ${id} 已登记但尚未写入读取库，请稍后重试`],
  [/^case (.+) is being opened and cannot be read yet; retry in a moment$/s, (id) => `案件 ${id} 正在建档，暂时无法读取，请稍后重试`],
  [/^development sign-in answers callers on this machine only$/, () => '开发用登录只接受本机的请求'],
  [/^an unexpected error; it has been logged$/, () => '发生意外错误，已记录'],
];

export function problemTitle(slug: ProblemSlug, lang: Lang): string {
  return TITLES[slug][lang];
}

export function problemDetail(slug: ProblemSlug, detail: string, lang: Lang): string {
  if (lang === 'en') return detail;
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(detail);
    if (match) return render(...match.slice(1));
  }
  return TITLES[slug]['zh-CN'];
}
