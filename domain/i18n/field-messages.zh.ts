/**
 * Field messages (validation errors, CSV row errors) in 简体中文. The server's checks write their
 * messages in English, in zod's default wording or in our own; they are translated here, in one
 * place, when an answer is written. Exact sentences first, then patterns with figures in them, then
 * zod's default messages. A message nobody listed is shown as written, never dropped.
 */
type Rule = [RegExp, (...groups: string[]) => string];

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  null: '空值（null）',
  undefined: '空',
  int: '整数',
  bigint: '整数',
  date: '日期',
  nan: 'NaN',
};
const typeName = (name: string) => TYPE_NAMES[name] ?? name;

const EXACT: Record<string, string> = {
  'must not contain the NUL character': '不能包含 NUL 字符',
  'must not contain a resident ID number: enter it in the ID number field only': '不能包含身份证号：身份证号只填在身份证号一栏',
  'must be well-formed Unicode': '必须是有效的 Unicode 文本',
  'must be valid Unicode text without the NUL character (U+0000) or unpaired surrogates': '必须是有效的 Unicode 文本，不能包含 NUL 字符（U+0000）或不成对的代理字符',
  'must be 3–64 letters, digits or hyphens': '必须是 3–64 个字母、数字或连字符',
  'must be a proposal id such as P12': '必须是提议编号，例如 P12',
  'is not a hospital in the registry': '不是已登记的定点医院',
  'is required: the applicant is under 18': '申请人未满 18 周岁，必须填写监护人',
  'is required unless the applicant is eligible and consents': '申请人不符合条件或不同意时必须填写原因',
  'must be 0: admission is deposit-free': '必须为 0：入院免交押金',
  'must not exceed totalFen': '不能超过总费用（totalFen）',
  'is required when status is PAID': 'status 为 PAID（已支付）时必须填写',
  'is required when status is REJECTED': 'status 为 REJECTED（拒付）时必须填写',
  'is required when overridePolicy is true: say why the policy is set aside': 'overridePolicy 为 true 时必须填写：说明不按政策处理的理由',
  'is not a cursor this API returned': '不是本接口返回的分页游标',
  'is required for the hospital role and must be in the registry': '医院角色必须填写，且须是已登记的定点医院',
  'the CSV is empty: expected a header row and at least one case': 'CSV 文件为空：需要一行表头和至少一条案件',
  'the roster has no rows': '名单中没有数据行',
  'the list has no rows': '名单中没有数据行',
  'the CSV is empty: expected a header row and at least one row': 'CSV 文件为空：需要一行表头和至少一行数据',
  'is required for ASSISTANCE_CHANGED': '事件为救助类别变更（ASSISTANCE_CHANGED）时必须填写',
  'is only for ASSISTANCE_CHANGED': '只有事件为救助类别变更（ASSISTANCE_CHANGED）时才填写',
  'is required for DISABILITY_CHANGED (null for none)': '事件为残疾情况变更（DISABILITY_CHANGED）时必须填写（无残疾填 null）',
  'is only for DISABILITY_CHANGED': '只有事件为残疾情况变更（DISABILITY_CHANGED）时才填写',
  'send application/json { "cases": [...] } or text/csv': '请发送 application/json { "cases": [...] } 或 text/csv',
  'could not be opened now (Temporal or PostgreSQL did not answer); import the roster again to retry this row':
    '暂时无法建档（Temporal 或 PostgreSQL 未响应）；请重新导入名单以重试此行',
  'not imported: the request was cancelled': '未导入：请求已取消',
  'must be a day, YYYY-MM-DD': '必须是日期，格式为 YYYY-MM-DD',
  'is not a day of the calendar': '不是日历上存在的日期',
  'must be a month, YYYY-MM': '必须是月份，格式为 YYYY-MM',
  'must be 8–32 digits (spaces and hyphens are ignored)': '必须是 8–32 位数字（空格和连字符不计）',
  'is required when approved is false': '不同意（approved 为 false）时必须填写理由',
  'must not be a resident ID number (enrolment ids appear in logs and URLs)': '不能是身份证号（申请编号会出现在日志和网址中）',
  'must not be after today (Asia/Shanghai)': '不能晚于今天（北京时间）',
  'is not a person in the registry': '不是人员库中已登记的人员',
  'must not be before from': '不能早于 from',
  'Invalid input': '输入无效',
  'Invalid ISO datetime': '必须是带时区偏移的 ISO 8601 日期时间',
  'Invalid ISO date': '必须是 ISO 8601 日期',
};

const RULES: Rule[] = [
  [/^resident ID number (.+)$/, (problem) => `身份证号${ID_NUMBER_PROBLEMS[problem] ?? problem}`],
  [/^unknown column "(.*)"; expected (.+)$/s, (column, expected) => `未知的列“${column}”；应为 ${expected}（或对应的中文列名）`],
  [/^column "(.*)" is required$/s, (column) => `缺少必需的列“${column}”`],
  [/^column "(.*)" appears twice$/s, (column) => `列“${column}”重复出现`],
  [/^at most (\d+) rows, got (\d+)$/, (max, got) => `最多 ${max} 行，实际 ${got} 行`],
  [/^at most (\d+) rows; row (\d+) is one too many$/, (max, row) => `最多 ${max} 行；第 ${row} 行超出了上限`],
  [/^has (\d+) fields; the header has (\d+)$/, (got, want) => `本行有 ${got} 个字段，表头有 ${want} 个`],
  [/^the CSV cannot be read: (.*)$/s, (why) => `无法读取 CSV 文件：${why}`],
  [/^an open case exists for this ID number: (.+)$/, (caseId) => `此身份证号已有未结案件：${caseId}`],
  [/^case (.+) was already opened with a different body$/, (id) => `案件 ${id} 已用不同的内容建档`],
  [/^the same person is on row (\d+) of this roster$/, (row) => `同一人已出现在本名单第 ${row} 行`],
  [/^(.*); import the roster again to retry this row$/s, (why) => `${fieldMessageInChinese(why)}；请重新导入名单以重试此行`],
  // fastify's own refusals of a request it cannot read
  [/^Unsupported Media Type: (.*)$/s, (type) => `不支持的内容类型：${type}`],
  [/^Body cannot be empty when content-type is set to 'application\/json'$/, () => '内容类型为 application/json 时请求体不能为空'],
  [/^Request body is too large$/, () => '请求体过大'],
  [/^'(.*)' is not a valid url component$/s, (part) => `“${part}”不是有效的网址组成部分`],
  [/\bJSON\b/, () => '请求体不是有效的 JSON'],
  // zod's default messages (zod/v4/locales/en)
  [/^Invalid input: expected (\w+), received undefined$/, () => '必填'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (expected, received) => `类型错误：应为${typeName(expected)}，收到的是${typeName(received)}`],
  [/^Invalid input: expected (.+)$/s, (value) => `必须是 ${value}`],
  [/^Invalid option: expected one of (.+)$/s, (values) => `必须是以下之一：${values.split('|').join('、')}`],
  [/^Too small: expected string to have >=1 characters$/, () => '不能为空'],
  [/^Too small: expected (\w+) to have (>=|>|exactly )(\d+) (\w+)$/, (origin, adj, n) => `${sizeSubject(origin)}${adjText(adj, 'small')} ${n} ${sizeUnit(origin)}`],
  [/^Too big: expected (\w+) to have (<=|<|exactly )(\d+) (\w+)$/, (origin, adj, n) => `${sizeSubject(origin)}${adjText(adj, 'big')} ${n} ${sizeUnit(origin)}`],
  [/^Too small: expected (\w+) to be (>=|>|exactly )(.+)$/, (_origin, adj, n) => `${adj === '>' ? '必须大于' : adj === '>=' ? '不能小于' : '必须等于'} ${n}`],
  [/^Too big: expected (\w+) to be (<=|<|exactly )(.+)$/, (_origin, adj, n) => `${adj === '<' ? '必须小于' : adj === '<=' ? '不能大于' : '必须等于'} ${n}`],
  [/^Invalid string: must match pattern (.+)$/s, (pattern) => `格式不正确：须符合 ${pattern}`],
  [/^Invalid number: must be a multiple of (.+)$/, (divisor) => `必须是 ${divisor} 的整数倍`],
  [/^Unrecognized keys?: (.+)$/s, (keys) => `不允许的字段：${keys}`],
  [/^Invalid (?:value|element) in (\w+)$/, () => '包含无效的值'],
  [/^Invalid key in (\w+)$/, () => '包含无效的键'],
  [/^Invalid discriminator value\. Expected (.+)$/s, (options) => `必须是以下之一：${options}`],
  [/^Invalid (.+)$/, (format) => `不是有效的${format}`],
];

const ID_NUMBER_PROBLEMS: Record<string, string> = {
  'must be 17 digits followed by a digit or X': '必须是 17 位数字加 1 位数字或 X',
  'contains an impossible birth date': '中的出生日期不存在',
  'has a wrong check character': '校验位不正确，请核对',
};

function sizeSubject(origin: string): string {
  return origin === 'array' || origin === 'set' ? '项数' : '长度';
}
function sizeUnit(origin: string): string {
  return origin === 'string' ? '个字符' : origin === 'file' ? '字节' : '项';
}
function adjText(adj: string, side: 'small' | 'big'): string {
  if (adj.startsWith('exactly')) return '必须为';
  if (side === 'small') return adj === '>=' ? '至少为' : '必须大于';
  return adj === '<=' ? '最多为' : '必须小于';
}

export function fieldMessageInChinese(message: string): string {
  const exact = EXACT[message];
  if (exact !== undefined) return exact;
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(message);
    if (match) return render(...match.slice(1));
  }
  return message;
}
