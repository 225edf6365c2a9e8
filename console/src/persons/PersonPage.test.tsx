import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock';
import { renderPage } from '../test/render';
import { PersonPage } from './PersonPage';

const DETAIL = {
  personId: 'PS-1', idNumber: '62060219900101123X', name: '马兰', phone: '13900000000', town: '黄羊镇', village: null,
  assistanceCategory: 'TEKUN', disability: { certificateNo: 'CDPF-7', category: 'PHYSICAL', grade: 2, longTermCare: true },
  status: 'ACTIVE', statusSince: '2026-11-01T00:00:00.000Z', createdAt: '2026-11-01T00:00:00.000Z',
  programs: [
    { program: 'SURGERY', id: 'LZ-2', stage: 'REIMBURSING', openedAt: '2026-11-20T01:00:00.000Z', closedAt: null, paidFen: 1_234_500 },
    { program: 'SURGERY', id: 'LZ-1', stage: 'WITHDRAWN', openedAt: '2026-03-01T01:00:00.000Z', closedAt: '2026-03-05T01:00:00.000Z', paidFen: 0 },
  ],
};

describe('人员信息', () => {
  it('shows the person, their status and every program with its stage and money', async () => {
    mockApi({ 'GET /v1/persons/PS-1': () => ({ body: DETAIL }) });
    renderPage(<PersonPage />, { path: '/persons/PS-1', route: '/persons/:personId' });
    expect(await screen.findByTestId('person-status')).toHaveTextContent('正常');
    expect(screen.getByText('肢体残疾，2 级，证号 CDPF-7，需长期照护')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'LZ-2' })).toHaveAttribute('href', '/cases/LZ-2');
    expect(screen.getByRole('link', { name: 'LZ-1' })).toBeInTheDocument();
    expect(screen.getAllByText('矫治救助')).toHaveLength(2);
    expect(screen.getByText('¥12,345.00')).toBeInTheDocument();
  });
});

describe('登记状况变化', () => {
  it('asks for a confirmation that says what a death does, then records it and shows the new status', async () => {
    let status = 'ACTIVE';
    const api = mockApi({
      'GET /v1/persons/PS-1': () => ({ body: { ...DETAIL, status } }),
      'POST /v1/persons/PS-1/life-events': () => {
        status = 'DECEASED';
        return { body: { person: { ...DETAIL, status }, effects: [{ program: 'SURGERY', id: 'LZ-2', stageBefore: 'REHABILITATION', stageAfter: 'WITHDRAWN', overpaymentFen: 0 }] } };
      },
    });
    renderPage(<PersonPage />, { path: '/persons/PS-1', route: '/persons/:personId' });
    fireEvent.click(await screen.findByRole('button', { name: '登记状况变化' }));
    fireEvent.change(await screen.findByTestId('life-event-on'), { target: { value: '2026-11-25' } });
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByTestId('life-event-consequence')).toHaveTextContent('出院前的个案将撤回');
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '确认登记' }));
    await waitFor(() => expect(screen.getByTestId('person-status')).toHaveTextContent('已故'));
    const sent = api.requests.find((request) => request.method === 'POST')!;
    expect(sent.json).toMatchObject({ type: 'DIED', on: '2026-11-25', eventId: expect.stringMatching(/^LE-/) });
    expect(screen.queryByRole('button', { name: '登记状况变化' })).toBeNull();
  });
});
