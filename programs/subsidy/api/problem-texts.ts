/**
 * The Chinese for the subsidy enrolments' refusal sentences (the subsidy core's and the enrolment
 * API's own), added to the problem texts when the enrolment routes load.
 */
import { formatYuan } from '../../../domain/money';
import { addProblemDetailRules, ROLE_NAMES_ZH, type DetailRule } from '../../../http/i18n/problem-texts';
import type { Role } from '../../../domain/actor';
import { ENROLMENT_ACTION_TERMS, ENROLMENT_STAGE_TERMS, INELIGIBILITY_REASON_TERMS, SUBSIDY_PROGRAM_TERMS } from '../domain/glossary';
import type { EnrolmentActionKind } from '../domain/actor';
import type { IneligibilityReason } from '../domain/eligibility';
import type { EnrolmentStage } from '../domain/stages';
import type { SubsidyProgram } from '../domain/programs';
import { PAYROLL_STAGE_TERMS } from '../domain/payroll/glossary';
import type { PayrollStage } from '../domain/payroll/stages';

const fen = (text: string) => formatYuan(Number(text));
const stage = (name: string) => `“${ENROLMENT_STAGE_TERMS[name as EnrolmentStage]?.['zh-CN'] ?? name}”`;
const action = (name: string) => ENROLMENT_ACTION_TERMS[name as EnrolmentActionKind]?.['zh-CN'] ?? name;
const program = (name: string) => SUBSIDY_PROGRAM_TERMS[name as SubsidyProgram]?.['zh-CN'] ?? name;
const reasons = (list: string) => list.split(', ').map((reason) => INELIGIBILITY_REASON_TERMS[reason as IneligibilityReason]?.['zh-CN'] ?? reason).join('；');
const PAYROLL_ACTIONS: Record<string, string> = { recompute: '重新生成名册', submit: '提交名册', approve: '审核通过', reject: '退回名册', open: '新建名册', 'bank-file': '下载银行代发文件' };
const payrollAction = (name: string) => PAYROLL_ACTIONS[name] ?? name;
const payrollStage = (name: string) => `“${PAYROLL_STAGE_TERMS[name as PayrollStage]?.['zh-CN'] ?? name}”`;
const roleName = (role: string) => ROLE_NAMES_ZH[role as Role] ?? role;
const roleList = (list: string) => list.split(/, | or /).map(roleName).join('、');

export const SUBSIDY_DETAIL_RULES: DetailRule[] = [
  [/^([\w-]+) needs stage (.+); the enrolment is in (\w+)$/, (act, needed, current) =>
    `${action(act)}需要申请处于${needed.split(' or ').map(stage).join('或')}阶段；申请当前处于${stage(current)}阶段`],
  [/^the enrolment is closed in stage (\w+)$/, (s) => `申请已在${stage(s)}阶段结束`],
  [/^the policy \((.+)\) does not make this person eligible: (.+)$/s, (version, list) => `按补贴政策（${version}），此人不符合条件：${reasons(list)}`],
  [/^no recovery is open on this enrolment$/, () => '此申请没有待追回的多发款项'],
  [/^amountFen (\d+) is more than the (\d+) fen still owed$/, (amount, owed) => `退回金额 ${fen(amount)} 超过尚欠的 ${fen(owed)}`],
  [/^amountFen must be a positive whole number of fen$/, () => '退回金额必须是正整数（单位：分）'],
  [/^fromMonth (\S+) is before the month of the application \((\S+)\)$/, (from, applied) => `暂停起始月 ${from} 早于申请月份 ${applied}`],
  [/^fromMonth must be a month, YYYY-MM$/, () => '暂停起始月必须是月份，格式为 YYYY-MM'],
  [/^([\w-]+) was already applied to this enrolment with a different body$/, (act) => `${action(act)}已对此申请执行过，且内容不同`],
  [/^enrolment (.+) already exists with a different body$/, (id) => `申请 ${id} 已存在，且内容不同`],
  [/^enrolment id (.+) was used by an application that was refused; apply with another id$/, (id) => `申请编号 ${id} 已被一份未获受理的申请使用；请换一个编号申请`],
  [/^enrolment (.+) of this person in (\w+) is open$/, (id, p) => `此人在${program(p)}中已有未办结的申请 ${id}`],
  [/^no enrolment (.+)$/s, (id) => `没有申请 ${id}`],
  // The payroll's refusals (the payroll core's sentences and the payroll API's own).
  [/^([\w-]+) needs stage (.+); the payroll is (\w+)$/, (act, needed, current) =>
    `${payrollAction(act)}需要发放名册处于${needed.split(' or ').map(payrollStage).join('或')}阶段；名册当前处于${payrollStage(current)}阶段`],
  [/^([\w-]+) needs an open payroll; the payroll is RECONCILED$/, (act) => `名册已对账，不能再${payrollAction(act)}`],
  [/^the payroll was submitted by the same person; another must approve it$/, () => '此名册由您本人提交，须由另一人审核'],
  [/^reason: a rejection says why$/, () => '退回须说明理由'],
  [/^period (\S+) is after the current month \((\S+)\)$/, (period, current) => `发放月份 ${period} 晚于当前月份 ${current}`],
  [/^period must be a month, YYYY-MM$/, () => '发放月份必须是月份，格式为 YYYY-MM'],
  [/^payroll (\S+) of this program is not reconciled yet$/, (id) => `该项补贴的发放名册 ${id} 尚未对账，不能新建名册`],
  [/^no payroll (.+)$/s, (id) => `没有发放名册 ${id}`],
  [/^cursor: not a cursor this list gave$/, () => '分页游标无效'],
  [/^([\w-]+) is for (.+), not (\w+)$/, (act, roles, role) => `${action(act)}须由${roleList(roles)}办理，${roleName(role)}角色不能办理`],
];

addProblemDetailRules(SUBSIDY_DETAIL_RULES);
