import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NewCasePage, newCaseBody } from './NewCasePage';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { ADULT_ID, MINOR_ID, caseView } from '../test/fixtures';

async function fillAdult(user: ReturnType<typeof userEvent.setup>, idNumber = ADULT_ID) {
  fill('姓名', '张三');
  fill('身份证号', idNumber);
  fill('镇/街道', '黄羊镇');
  fill('诊断', '先天性马蹄内翻足');
  // antd Select: open with the keyboard and take the first hospital.
  await user.click(screen.getByLabelText('定点医院'));
  await user.click(await screen.findByTitle('武威手足外科医院'));
}

describe('NewCasePage (officer)', () => {
  it('checks the ID number check digit with the shared schema, in Chinese, before sending', async () => {
    const api = mockApi({});
    const user = userEvent.setup();
    renderPage(<NewCasePage />);
    const wrong = `${ADULT_ID.slice(0, 17)}${ADULT_ID[17] === '0' ? '1' : '0'}`;
    await fillAdult(user, wrong);
    await user.click(screen.getByRole('button', { name: '建 档' }));
    expect(await screen.findAllByText('身份证号校验位不正确，请核对')).not.toHaveLength(0);
    expect(api.sent('POST', '/v1/cases')).toHaveLength(0);
  });

  it('asks for a guardian when the applicant is a minor', async () => {
    const api = mockApi({});
    const user = userEvent.setup();
    renderPage(<NewCasePage />);
    await fillAdult(user, MINOR_ID);
    await user.tab();
    expect(await screen.findByText('申请人未满 18 周岁，须填写监护人')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '建 档' }));
    expect(await screen.findByText('申请人未满 18 周岁，必须填写监护人')).toBeInTheDocument();
    expect(api.sent('POST', '/v1/cases')).toHaveLength(0);
  });

  it('opens the case and maps the API problem document onto the form fields', async () => {
    let answer: 'invalid' | 'ok' = 'invalid';
    const api = mockApi({
      'POST /v1/cases': () =>
        answer === 'invalid'
          ? { status: 400, body: { type: '/problems/validation', title: 'Invalid', status: 400, errors: [{ path: 'applicant.town', message: 'Too big: expected string to have <=64 characters' }] } }
          : { status: 201, body: caseView() },
    });
    const user = userEvent.setup();
    renderPage(<NewCasePage />);
    await fillAdult(user);
    await user.click(screen.getByRole('button', { name: '建 档' }));
    expect(await screen.findByText('不能超过 64 个字符')).toBeInTheDocument();
    expect(screen.getByText('提交的内容有误，请按标出的字段修改后再提交。')).toBeInTheDocument();
    const [sent] = api.sent('POST', '/v1/cases');
    expect(sent?.json).toEqual({
      applicant: { name: '张三', idNumber: ADULT_ID, town: '黄羊镇' },
      diagnosis: '先天性马蹄内翻足',
      hospitalId: 'wuwei-hand-foot',
      insured: true,
      assistanceCategory: 'NONE',
    });
    answer = 'ok';
    await user.click(screen.getByRole('button', { name: '建 档' }));
    await waitFor(() => expect(api.sent('POST', '/v1/cases')).toHaveLength(2));
  });

  it('leaves blank optional fields out and keeps a guardian only when one is given', () => {
    expect(
      newCaseBody({ applicant: { name: 'a', idNumber: 'x', town: 't', phone: ' ', guardian: { name: '', phone: '', relation: '' } }, insured: false, diagnosis: 'd', hospitalId: 'h', assistanceCategory: 'TEKUN', caseId: '' }),
    ).toEqual({ applicant: { name: 'a', idNumber: 'x', town: 't' }, diagnosis: 'd', hospitalId: 'h', insured: false, assistanceCategory: 'TEKUN' });
  });
});
