import type { ReactElement } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp } from 'antd';
import { I18nProvider, type Language } from '../i18n/I18nProvider';
import { AuthProvider } from '../auth/AuthProvider';
import { HospitalsProvider } from '../components/hospitals';
import type { Session } from '../auth/token';
import type { Role } from '../api/types';

export function sessionFor(role: Role, hospitalId: string | null = role === 'hospital' ? 'wuwei-hand-foot' : null): Session {
  return { token: `test-token-${role}`, role, sub: `${role}-1`, hospitalId, exp: null };
}

/** Renders a page as the console does, signed in as `role`, at `path` matched by `route`. */
export function renderPage(element: ReactElement, options: { role?: Role; path?: string; route?: string; language?: Language } = {}) {
  const { role = 'officer', path = '/', route = '*', language = 'zh-CN' } = options;
  return render(
    <I18nProvider language={language}>
      <AntApp>
        <AuthProvider initialSession={sessionFor(role)}>
          <HospitalsProvider>
            <MemoryRouter initialEntries={[path]}>
              <Routes>
                <Route path={route} element={element} />
              </Routes>
            </MemoryRouter>
          </HospitalsProvider>
        </AuthProvider>
      </AntApp>
    </I18nProvider>,
  );
}

/** Types into a labelled field in one change event (userEvent.type is slow under jsdom + antd). */
export function fill(label: string | RegExp, value: string) {
  const field = screen.getByLabelText(label);
  fireEvent.change(field, { target: { value } });
  fireEvent.blur(field);
}
