/** The Chinese for the data match's refusal sentences, added to the problem texts when its routes load. */
import { addProblemDetailRules, type DetailRule } from '../../../http/i18n/problem-texts';

const REVIEW_STATUS_ZH: Record<string, string> = { QUEUED: '待复核', ACCEPTED: '已确认', REJECTED: '已驳回' };

export const DATA_MATCH_DETAIL_RULES: DetailRule[] = [
  [/^no batch (.+)$/s, (id) => `没有导入批次 ${id}`],
  [/^no review (.+)$/s, (id) => `没有复核记录 ${id}`],
  [/^review (.+) is (\w+) already$/, (id, status) => `复核记录 ${id} 已处理（${REVIEW_STATUS_ZH[status] ?? status}），不能再次处理`],
  [/^send text\/csv$/, () => '请以 text/csv 发送名单'],
];

addProblemDetailRules(DATA_MATCH_DETAIL_RULES);
