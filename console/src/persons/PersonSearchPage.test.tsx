import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router-dom';
import { mockApi } from '../test/fetch-mock';
import { renderPage } from '../test/render';
import { PersonSearchPage } from './PersonSearchPage';

const ID_NUMBER = '62060219900101123X';
const PERSON = {
  personId: 'PS-0A1B2C3D4E5F', idNumber: ID_NUMBER, name: '马兰', phone: null, town: '黄羊镇', village: '新店村',
  assistanceCategory: 'DIBAO', disability: null, status: 'ACTIVE', statusSince: '2026-11-01T00:00:00.000Z', createdAt: '2026-11-01T00:00:00.000Z',
};

function renderSearch() {
  return renderPage(
    <Routes>
      <Route path="/persons" element={<PersonSearchPage />} />
      <Route path="/persons/:personId" element={<div data-testid="person-page">person page</div>} />
    </Routes>,
    { path: '/persons' },
  );
}

describe('人员查询', () => {
  it('searches by name and lists the persons found', async () => {
    const api = mockApi({ 'GET /v1/persons': () => ({ body: { items: [PERSON], nextCursor: null } }) });
    renderSearch();
    fireEvent.change(screen.getByTestId('person-name'), { target: { value: '马' } });
    fireEvent.click(screen.getByRole('button', { name: '查 找' }));
    expect(await screen.findByRole('link', { name: '马兰' })).toHaveAttribute('href', '/persons/PS-0A1B2C3D4E5F');
    expect(screen.getByText('低保对象')).toBeInTheDocument();
    expect(api.requests.find((request) => request.path === '/v1/persons')!.query.get('q')).toBe('马');
  });

  it('looks up an ID number with a POST body, never in a URL, and opens the person', async () => {
    const api = mockApi({ 'POST /v1/persons/lookup': () => ({ body: PERSON }) });
    renderSearch();
    fireEvent.change(screen.getByTestId('person-id-number'), { target: { value: ID_NUMBER } });
    fireEvent.click(screen.getByRole('button', { name: '按身份证号查找' }));
    expect(await screen.findByTestId('person-page')).toBeInTheDocument();
    const lookups = api.requests.filter((request) => request.path.startsWith('/v1/persons'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatchObject({ method: 'POST', json: { idNumber: ID_NUMBER } });
    for (const request of api.requests) expect(`${request.path}?${request.query.toString()}`).not.toContain(ID_NUMBER);
  });

  it('says so when nobody is registered with the ID number', async () => {
    mockApi({ 'POST /v1/persons/lookup': () => ({ status: 404, body: { type: '/problems/not-found', title: 'Not found', status: 404 } }) });
    renderSearch();
    fireEvent.change(screen.getByTestId('person-id-number'), { target: { value: ID_NUMBER } });
    fireEvent.click(screen.getByRole('button', { name: '按身份证号查找' }));
    await waitFor(() => expect(screen.getByText('人员库中没有此身份证号的登记。')).toBeInTheDocument());
  });
});
