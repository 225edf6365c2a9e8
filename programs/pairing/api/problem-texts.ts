/**
 * The Chinese for the pairings' refusal sentences (the pairing core's and the pairing API's own),
 * added to the problem texts when the pairing routes load.
 */
import { addProblemDetailRules, ROLE_NAMES_ZH, type DetailRule } from '../../../http/i18n/problem-texts';
import type { Role } from '../../../domain/actor';
import { PAIRING_ACTION_TERMS, PAIRING_STAGE_TERMS, type PairingActionKind, type PairingStage } from '../domain/index';

const stage = (name: string) => `“${PAIRING_STAGE_TERMS[name as PairingStage]?.['zh-CN'] ?? name}”`;
const action = (name: string) => PAIRING_ACTION_TERMS[name as PairingActionKind]?.['zh-CN'] ?? name;
const roleName = (role: string) => ROLE_NAMES_ZH[role as Role] ?? role;
const roleList = (list: string) => list.split(/, | or /).map(roleName).join('、');

export const PAIRING_DETAIL_RULES: DetailRule[] = [
  [/^([\w-]+) needs stage ACTIVE; the pairing is in (\w+)$/, (act, current) => `${action(act)}需要结对处于${stage('ACTIVE')}状态；结对当前${stage(current)}`],
  [/^no pairing (.+)$/s, (id) => `没有结对 ${id}`],
  [/^no such pairing$/, () => '没有此结对'],
  [/^pairing (.+) of this person is open$/, (id) => `此人已有未结束的结对 ${id}`],
  [/^the person already has an open pairing$/, () => '此人已有未结束的结对'],
  [/^pairing (.+) already exists with a different body$/, (id) => `结对 ${id} 已存在，且内容不同`],
  [/^pairing id (.+) was used by a request that was refused; use another id$/, (id) => `结对编号 ${id} 已被一个未获受理的请求使用；请换一个编号`],
  [/^(contact|need|matter|referral|life-event) (.+) was already recorded on this pairing with a different body$/, (act, id) => `${action(act)} ${id} 已登记过，且内容不同`],
  [/^on must not be after today \(Asia\/Shanghai\)$/, () => '联系日期不能晚于今天'],
  [/^(\w+) must not be after today \(Asia\/Shanghai\)$/, (field) => `${field} 不能晚于今天`],
  [/^([\w-]+) is for (.+), not (\w+)$/, (act, roles, role) => `${action(act)}须由${roleList(roles)}办理，${roleName(role)}角色不能办理`],
];

addProblemDetailRules(PAIRING_DETAIL_RULES);
