import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, Result, Skeleton } from 'antd';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { HospitalsProvider } from './components/hospitals';
import { SignInPage } from './auth/SignInPage';
import { SsoCallback } from './auth/SsoCallback';
import { SSO_CALLBACK_PATH } from './auth/sso';
import { AppLayout } from './layout/AppLayout';
import { CaseListPage } from './cases/CaseListPage';
import { CasePage } from './cases/CasePage';
import { NewCasePage } from './cases/NewCasePage';
import { ImportPage } from './importing/ImportPage';
import { StuckPage } from './admin/StuckPage';
import { SandboxPayersPage } from './admin/SandboxPayersPage';
import { WaitingProposalsPage } from './admin/WaitingProposalsPage';
import { PersonSearchPage } from './persons/PersonSearchPage';
import { PersonPage } from './persons/PersonPage';
import { EnrolmentListPage } from './enrolments/EnrolmentListPage';
import { EnrolmentPage } from './enrolments/EnrolmentPage';
import { PayrollListPage } from './payrolls/PayrollListPage';
import { PayrollPage } from './payrolls/PayrollPage';
import { UsersPage } from './admin/UsersPage';
import { DataMatchPage } from './datamatch/DataMatchPage';
import { BatchPage } from './datamatch/BatchPage';
import { MatchReviewPage } from './datamatch/MatchReviewPage';
import { DATA_MATCH_ROLES } from './datamatch/whoMay';
import { SignInsPage } from './admin/SignInsPage';
import { ChangePasswordPage, ForcedPasswordChangePage } from './auth/ChangePasswordPage';
import { MyPairingsPage } from './pairings/MyPairingsPage';
import { PairingListPage } from './pairings/PairingListPage';
import { PairingPage } from './pairings/PairingPage';
import type { Role } from './api/types';

// ECharts is most of the bundle and only the dashboard draws: officers at the desk never load it.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })));
const PairingStatsPage = lazy(() => import('./pairings/PairingStatsPage').then((module) => ({ default: module.PairingStatsPage })));
const SubsidyStatsPage = lazy(() => import('./dashboard/SubsidyStatsPage').then((module) => ({ default: module.SubsidyStatsPage })));

/** Those who apply, decide and pay read enrolments. */
const ENROLMENT_READERS: Role[] = ['officer', 'civil', 'finance', 'admin'];
/** Civil affairs drafts a month's payroll, finance approves it, an administrator reads it. */
const PAYROLL_READERS: Role[] = ['civil', 'finance', 'admin'];
/** Officers and administrators arrange pairings and read every one; an official reads their own. */
const PAIRING_ARRANGERS: Role[] = ['officer', 'admin'];
const PAIRING_READERS: Role[] = ['officer', 'admin', 'official'];
/** The pairing figures: those who arrange pairings and those who publish them. */
const PAIRING_STATS_READERS: Role[] = ['officer', 'civil', 'admin'];

function RoleGate({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { session } = useAuth();
  const { t } = useI18n();
  if (!session || !roles.includes(session.role)) return <Result status="403" title={t('problem.forbidden')} />;
  return <>{children}</>;
}

function Home() {
  const { session } = useAuth();
  // Civil affairs and finance work on the subsidies only: their start is the enrolment list.
  // An official's work is their pairings: their start is their caseload.
  if (session?.role === 'official') return <Navigate to="/pairings/mine" replace />;
  const start = session?.role === 'admin' ? '/admin/stuck' : session?.role === 'civil' || session?.role === 'finance' ? '/enrolments' : '/cases';
  return <Navigate to={start} replace />;
}

export function ConsoleRoutes() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session && location.pathname === SSO_CALLBACK_PATH) return <SsoCallback />;
  if (!session) return <SignInPage key={location.pathname} />;
  if (session.mustChangePassword) return <ForcedPasswordChangePage />;
  return (
    <AppLayout>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/cases" element={<CaseListPage />} />
        <Route path="/cases/new" element={<RoleGate roles={['officer']}><NewCasePage /></RoleGate>} />
        <Route path="/cases/:caseId" element={<CasePage />} />
        <Route path="/import" element={<RoleGate roles={['officer']}><ImportPage /></RoleGate>} />
        <Route path="/persons" element={<RoleGate roles={['officer', 'admin']}><PersonSearchPage /></RoleGate>} />
        <Route path="/persons/:personId" element={<RoleGate roles={['officer', 'admin']}><PersonPage /></RoleGate>} />
        <Route path="/data-match" element={<RoleGate roles={[...DATA_MATCH_ROLES]}><DataMatchPage /></RoleGate>} />
        <Route path="/data-match/:batchId" element={<RoleGate roles={[...DATA_MATCH_ROLES]}><BatchPage /></RoleGate>} />
        <Route path="/match-reviews" element={<RoleGate roles={[...DATA_MATCH_ROLES]}><MatchReviewPage /></RoleGate>} />
        <Route path="/enrolments" element={<RoleGate roles={ENROLMENT_READERS}><EnrolmentListPage /></RoleGate>} />
        <Route path="/enrolments/:enrolmentId" element={<RoleGate roles={ENROLMENT_READERS}><EnrolmentPage /></RoleGate>} />
        <Route path="/payrolls" element={<RoleGate roles={PAYROLL_READERS}><PayrollListPage /></RoleGate>} />
        <Route path="/payrolls/:payrollId" element={<RoleGate roles={PAYROLL_READERS}><PayrollPage /></RoleGate>} />
        <Route path="/pairings" element={<RoleGate roles={PAIRING_ARRANGERS}><PairingListPage /></RoleGate>} />
        <Route path="/pairings/mine" element={<RoleGate roles={['official']}><MyPairingsPage /></RoleGate>} />
        <Route path="/pairings/:pairingId" element={<RoleGate roles={PAIRING_READERS}><PairingPage /></RoleGate>} />
        <Route path="/pairing-stats" element={<RoleGate roles={PAIRING_STATS_READERS}><Suspense fallback={<Skeleton active />}><PairingStatsPage /></Suspense></RoleGate>} />
        <Route path="/admin/stuck" element={<RoleGate roles={['admin']}><StuckPage /></RoleGate>} />
        <Route path="/admin/proposals" element={<RoleGate roles={['admin']}><WaitingProposalsPage /></RoleGate>} />
        <Route path="/admin/payers" element={<RoleGate roles={['admin']}><SandboxPayersPage /></RoleGate>} />
        <Route path="/admin/users" element={<RoleGate roles={['admin']}><UsersPage /></RoleGate>} />
        <Route path="/admin/sign-ins" element={<RoleGate roles={['admin']}><SignInsPage /></RoleGate>} />
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="/dashboard" element={<RoleGate roles={['officer', 'admin']}><Suspense fallback={<Skeleton active />}><DashboardPage /></Suspense></RoleGate>} />
        <Route path="/subsidy-stats" element={<RoleGate roles={ENROLMENT_READERS}><Suspense fallback={<Skeleton active />}><SubsidyStatsPage /></Suspense></RoleGate>} />
        <Route path="*" element={<Home />} />
      </Routes>
    </AppLayout>
  );
}

/** Providers in the order they depend on each other: words, then who is signed in, then the hospital registry. */
export function ConsoleProviders({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <AntApp>
        <AuthProvider>
          <HospitalsProvider>{children}</HospitalsProvider>
        </AuthProvider>
      </AntApp>
    </I18nProvider>
  );
}

export function ConsoleApp() {
  return (
    <ConsoleProviders>
      <BrowserRouter>
        <ConsoleRoutes />
      </BrowserRouter>
    </ConsoleProviders>
  );
}
