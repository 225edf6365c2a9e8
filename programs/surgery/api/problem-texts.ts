/**
 * The Chinese for the surgery program's refusal sentences (stages, the cascade, proposals, amounts,
 * opening a case), added to the problem texts when the program's routes load.
 */
import { formatYuan } from '../../../domain/money';
import { addProblemDetailRules, type DetailRule } from '../../../http/i18n/problem-texts';
import { PAYER_TERMS, STAGE_TERMS } from '../domain/glossary';
import type { Payer, Stage } from '../domain/stages';
import type { TransitionKind } from '../domain/transition-kinds';

const ACTIONS: Record<TransitionKind, string> = { screening: '筛查', admission: '入院', surgery: '手术', discharge: '出院', withdraw: '撤回' };
const PROPOSAL_STATES: Record<string, string> = { PROPOSED: '待批准', APPROVED: '已批准', REJECTED: '已驳回', SUPERSEDED: '已被支付方决定取代' };

const stage = (name: string) => `“${STAGE_TERMS[name as Stage]?.['zh-CN'] ?? name}”`;
const payer = (name: string) => PAYER_TERMS[name as Payer]?.['zh-CN'] ?? name;
const fen = (text: string) => formatYuan(Number(text));

export const SURGERY_DETAIL_RULES: DetailRule[] = [
  [/^(\w+) needs stage (\w+); the case is in (\w+)$/, (action, needed, current) => `${ACTIONS[action as TransitionKind] ?? action}需要案件处于${stage(needed)}阶段；案件当前处于${stage(current)}阶段`],
  [/^a case can be withdrawn only in (.+); it is in (\w+)$/, (stages, current) => `案件只能在${stages.split(', ').map(stage).join('、')}阶段撤回；当前处于${stage(current)}阶段`],
  [/^the cascade is not waiting on (\w+)$/, (p) => `报销流程当前没有在等待${payer(p)}`],
  [/^the settlement sheet is ready once the case is SETTLED; it is in (\w+)$/, (s) => `案件结算后才有结算单；案件当前处于${stage(s)}阶段`],
  [/^the case is closed in stage (\w+)$/, (s) => `案件已在${stage(s)}阶段结束`],
  [/^proposal (\w+) for (\w+) is already waiting for approval; reject it before proposing another$/, (id, p) => `${payer(p)}的提议 ${id} 正在等待批准；请先驳回它再提出新的提议`],
  [/^proposal (\w+) for (\w+) is already approved; reject it before proposing another$/, (id, p) => `${payer(p)}的提议 ${id} 已批准`],
  [/^proposal (\w+) is (\w+), not waiting for approval$/, (id, state) => `提议 ${id} ${PROPOSAL_STATES[state] ?? state}，不在等待批准`],
  [/^no proposal (\w+) for (\w+) on this case$/, (id, p) => `本案件没有${payer(p)}的提议 ${id}`],
  [/^(.+) proposed (\w+); another administrator must approve it$/s, (who, id) => `${who} 提出了 ${id}；须由另一位管理员批准`],
  [/^(.+) was already applied to this case with a different body$/, (action) => `${ACTIONS[action as TransitionKind] ?? action}已对本案件执行过，且内容不同`],
  [/^case (.+) was already opened with a different body$/, (id) => `案件 ${id} 已用不同的内容建档`],
  [/^case (.+) is open for this ID number$/, (id) => `此身份证号已有未结案件 ${id}`],
  [/^no case (.+)$/s, (id) => `没有案件 ${id}`],
  [/^amount (\d+) fen is more than the (\d+) fen still owed$/, (amount, owed) => `金额 ${fen(amount)} 超过尚欠的 ${fen(owed)}`],
  [/^a paid claim needs an amount$/, () => '已支付的理赔须填写金额'],
  [/^a rejected claim pays 0, not (\d+) fen$/, (amount) => `拒付的理赔金额为 0，不能是 ${fen(amount)}`],
  [/^the provincial charity pays exactly what is still owed \((\d+) fen\), not (\d+) fen$/, (owed, amount) => `省慈善总会须支付全部尚欠金额 ${fen(owed)}，不能是 ${fen(amount)}`],
  [/^the provincial charity cannot reject while (\d+) fen is still owed: the patient pays nothing$/, (owed) => `尚欠 ${fen(owed)} 时省慈善总会不能拒付：个人不承担任何费用`],
  [/^(¥[\d,.]+) is more than the (¥[\d,.]+) the policy pays (\w+) here; set overridePolicy with a note to propose it anyway$/, (amount, policy, p) =>
    `${amount} 超过按政策${payer(p)}此处应付的 ${policy}；如仍要提出，请设置 overridePolicy 并填写说明`],
  [/^a claim is resolved by hand by two administrators: POST (\S+), then another administrator POSTs (\S+)$/, (propose, approve) =>
    `人工处理理赔须由两位管理员完成：先 POST ${propose}，再由另一位管理员 POST ${approve}`],
  [/^a claim is resolved by hand by two administrators: propose, then approve$/, () => '人工处理理赔须由两位管理员完成：先提出，再由另一位批准'],
  [/^case (.+) is registered but not projected yet; retry$/s, (id) => `案件 ${id} 已登记但尚未写入读取库，请稍后重试`],
  [/^case (.+) is being opened and cannot be read yet; retry in a moment$/s, (id) => `案件 ${id} 正在建档，暂时无法读取，请稍后重试`],
];

addProblemDetailRules(SURGERY_DETAIL_RULES);
