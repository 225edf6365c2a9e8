import { screen } from '@testing-library/react';
import { AdmissionForm } from '../cases/actions/AdmissionForm';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { caseView } from '../test/fixtures';
import { forgetDrafts, hasDrafts } from './drafts';

describe('drafts of unsent forms', () => {
  afterEach(() => forgetDrafts());

  it('fills a form again as it was when it comes back (a session that ended and was signed in again), until the clerk signs out', () => {
    mockApi({});
    const view = caseView({ stage: 'AWAITING_ADMISSION' });
    const first = renderPage(<AdmissionForm view={view} onDone={() => undefined} />, { role: 'hospital' });
    fill(/住院号/, 'ZY2026-0815');
    first.unmount();
    expect(hasDrafts()).toBe(true);

    const second = renderPage(<AdmissionForm view={view} onDone={() => undefined} />, { role: 'hospital' });
    expect(screen.getByLabelText(/住院号/)).toHaveValue('ZY2026-0815');
    second.unmount();

    forgetDrafts();
    renderPage(<AdmissionForm view={view} onDone={() => undefined} />, { role: 'hospital' });
    expect(screen.getByLabelText(/住院号/)).toHaveValue('');
  });
});
