import { describeError, fieldMessage, formFieldErrors } from './problems';
import { ApiError } from '../api/problem';
import { interpolate } from '../i18n/I18nProvider';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { enUS } from '../i18n/en-US';

const t = (key: MessageKey, params?: Record<string, string | number>) => interpolate(zhCN[key], params);

describe('problem documents in words', () => {
  it('words each slug of the API for a clerk', () => {
    expect(describeError(t, new ApiError(409, { type: '/problems/duplicate-case', title: 'x', status: 409, existingCaseId: 'LZ-9' }))).toBe('此身份证号已有未结案的个案（LZ-9），不能重复建档。');
    expect(describeError(t, new ApiError(409, { type: '/problems/stage-conflict', title: 'x', status: 409, currentStage: 'SETTLED' }), (s) => (s === 'SETTLED' ? '已结算' : s))).toContain('“已结算”');
    expect(describeError(t, new ApiError(409, { type: '/problems/duplicate-person', title: 'x', status: 409, existingPersonId: 'PS-1' }))).toBe('此身份证号已登记在人员库中（PS-1），不能重复登记；请按身份证号查找此人。');
    expect(describeError(t, new ApiError(422, { type: '/problems/person-inactive', title: 'x', status: 422 }))).toBe('此人已故或已迁出本区，不能再建档或登记新的状况变化。');
    expect(describeError(t, new ApiError(409, { type: '/problems/four-eyes', title: 'x', status: 409 }))).toBe('不能批准自己提出的处理方案，需另一位管理员批准。');
    expect(describeError(t, new ApiError(410, { type: '/problems/gone', title: 'x', status: 410 }))).toContain('一位管理员提议、另一位管理员批准');
    expect(fieldMessage(t, 'is required when overridePolicy is true: say why the policy is set aside')).toBe('勾选“不按政策金额”时必须填写理由');
    expect(describeError(t, new ApiError(0, { type: '/problems/network', title: 'x', status: 0 }))).toBe('无法连接服务器，请检查网络后重试。');
    expect(describeError(t, new ApiError(502, { type: 'about:blank', title: 'Bad Gateway', status: 502 }))).toContain('502');
  });

  it("maps the shared schemas' messages and zod's defaults", () => {
    expect(fieldMessage(t, 'resident ID number has a wrong check character')).toBe('身份证号校验位不正确，请核对');
    expect(fieldMessage(t, 'is required: the applicant is under 18')).toBe('申请人未满 18 周岁，必须填写监护人');
    expect(fieldMessage(t, 'Too small: expected string to have >=1 characters')).toBe('必填');
    expect(fieldMessage(t, 'Invalid input: expected string, received undefined')).toBe('必填');
    expect(fieldMessage(t, 'Too big: expected string to have <=500 characters')).toBe('不能超过 500 个字符');
    expect(fieldMessage(t, 'something new')).toBe('something new');
  });

  it('places an error on the field with its path, or on the nearest parent the form has', () => {
    const { fields, unplaced } = formFieldErrors(
      t,
      [
        { path: 'bill.totalFen', message: 'Too small: expected number to be >=1' },
        { path: 'applicant.guardian.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'mystery', message: 'odd' },
      ],
      (path) => ['bill.totalFen', 'applicant.guardian'].includes(path),
    );
    expect(fields).toEqual([
      { name: ['bill', 'totalFen'], errors: ['必须大于 0'] },
      { name: ['applicant', 'guardian'], errors: ['必填'] },
    ]);
    expect(unplaced).toEqual(['mystery: odd']);
  });

  it('has an English text for every Chinese one, with the same placeholders', () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(enUS[key]).toBeTruthy();
      expect([key, ...placeholders(enUS[key])]).toEqual([key, ...placeholders(zhCN[key])]);
    }
  });
});
