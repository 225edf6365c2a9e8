import { negotiateLang } from '../../domain/i18n/lang';
import { fieldMessage } from '../../domain/i18n/field-messages';

describe('negotiateLang', () => {
  test.each([
    [undefined, undefined, 'zh-CN'],
    ['', undefined, 'zh-CN'],
    ['en', undefined, 'en'],
    ['en-US,en;q=0.9', undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', undefined, 'zh-CN'],
    ['fr-FR, en;q=0.5', undefined, 'en'],
    ['en;q=0.3, zh-Hans;q=0.8', undefined, 'zh-CN'],
    ['de', undefined, 'zh-CN'],
    ['en', 'zh-CN', 'zh-CN'],
    [undefined, 'en', 'en'],
    ['en', 'klingon', 'en'],
  ] as const)('Accept-Language %p, ?lang=%p → %s', (header, override, expected) => {
    expect(negotiateLang(header, override)).toBe(expected);
  });
});

describe('field messages in 简体中文', () => {
  test.each([
    ['Invalid input: expected string, received undefined', '必填'],
    ['Invalid input: expected number, received string', '类型错误：应为数字，收到的是文本'],
    ['Too small: expected string to have >=1 characters', '不能为空'],
    ['Too big: expected string to have <=64 characters', '长度最多为 64 个字符'],
    ['Too small: expected number to be >0', '必须大于 0'],
    ['Invalid option: expected one of "SUCCESS"|"COMPLICATIONS"', '必须是以下之一："SUCCESS"、"COMPLICATIONS"'],
    ['Unrecognized key: "shoeSize"', '不允许的字段："shoeSize"'],
    ['resident ID number contains an impossible birth date', '身份证号中的出生日期不存在'],
    ['must not exceed totalFen', '不能超过总费用（totalFen）'],
    ['Unexpected token } in JSON at position 9', '请求体不是有效的 JSON'],
    ['Unsupported Media Type: text/plain', '不支持的内容类型：text/plain'],
    ['unknown column "shoeSize"; expected caseId,name', '未知的列“shoeSize”；应为 caseId,name（或对应的中文列名）'],
  ])('%s', (english, chinese) => {
    expect(fieldMessage(english, 'zh-CN')).toBe(chinese);
    expect(fieldMessage(english, 'en')).toBe(english);
  });

  test('a message nobody translated is kept, not dropped', () => {
    expect(fieldMessage('something new', 'zh-CN')).toBe('something new');
  });
});
