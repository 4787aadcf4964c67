import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import type { Me } from './api/types';
import { useAuth } from './auth/AuthProvider';
import { useI18n } from './i18n/I18nProvider';
import { AppLayout } from './layout/AppLayout';
import { areaPath, areasForRoles, type Area } from './nav/menu';
import { AdminPage } from './pages/AdminPage';
import { SupervisionRoutes } from './pages/supervision/SupervisionRoutes';
import { FeedbackRoutes } from './pages/feedback/FeedbackRoutes';
import { BulletinsRoutes } from './pages/bulletins/BulletinsRoutes';
import { hasInbox } from './pages/bulletins/permissions';
import { InboxPage } from './pages/InboxPage';
import { ImportPage } from './pages/tasks/ImportPage';
import { LedgerPage } from './pages/tasks/LedgerPage';
import { NoticesPage } from './pages/tasks/NoticesPage';
import { ReportingStatusPage } from './pages/tasks/ReportingStatusPage';
import { TaskDetailPage } from './pages/tasks/TaskDetailPage';
import { WorkbenchPage } from './pages/tasks/WorkbenchPage';
import { canImport, seesNotices, seesReporting } from './tasks/permissions';
import { entersData } from './indicators/permissions';
import { LoginPage } from './pages/LoginPage';
import { ForbiddenPage, NoUiPage, NotFoundPage } from './pages/StatusPages';

/** Loads the signed-in user, or sends the visitor to /login remembering where they were going. */
// The indicator pages are loaded on first visit: they carry ECharts, which the login page, the ledger and
// the workbench never need.
const OverviewPage = lazy(() => import('./pages/indicators/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const ProvincialPage = lazy(() => import('./pages/indicators/ProvincialPage').then((m) => ({ default: m.ProvincialPage })));
const IndicatorPage = lazy(() => import('./pages/indicators/IndicatorPage').then((m) => ({ default: m.IndicatorPage })));
const DataPage = lazy(() => import('./pages/indicators/DataPage').then((m) => ({ default: m.DataPage })));
// The cockpit too (its monthly feedback trend is an ECharts chart).
const CockpitPage = lazy(() => import('./pages/cockpit/CockpitPage').then((m) => ({ default: m.CockpitPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin className="page-spin" />}>{children}</Suspense>;
}

function RequireUser({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useI18n();
  const { signedIn, me, signOut } = useAuth();
  const location = useLocation();

  if (!signedIn) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (me.data) return children(me.data);
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('shell.userLoadFailed')}
        extra={[
          <Button key="retry" type="primary" onClick={() => void me.refetch()}>
            {t('shell.retry')}
          </Button>,
          <Button key="logout" onClick={() => void signOut()}>
            {t('shell.logout')}
          </Button>,
        ]}
      />
    );
  }
  return <Spin fullscreen tip={t('shell.loadingUser')} />;
}

/** The UI hides what a role may not open; the API enforces it. */
function AreaRoute({ me, area, children }: { me: Me; area: Area; children: ReactNode }) {
  return areasForRoles(me.roles).includes(area) ? children : <ForbiddenPage />;
}

function Landing({ me }: { me: Me }) {
  const [first] = areasForRoles(me.roles);
  return first ? <Navigate to={areaPath(first)} replace /> : <NoUiPage hotline={me.roles.includes('hotline')} />;
}

function StaffRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route element={<AppLayout me={me} />}>
        <Route index element={<Landing me={me} />} />
        <Route
          path={areaPath('cockpit')}
          element={
            <AreaRoute me={me} area="cockpit">
              <Lazy>
                <CockpitPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path={areaPath('workbench')}
          element={
            <AreaRoute me={me} area="workbench">
              <WorkbenchPage me={me} />
            </AreaRoute>
          }
        />
        <Route
          path={areaPath('tasks')}
          element={
            <AreaRoute me={me} area="tasks">
              <LedgerPage me={me} />
            </AreaRoute>
          }
        />
        <Route
          path="/tasks/import"
          element={canImport(me) ? <ImportPage /> : <ForbiddenPage />}
        />
        <Route path="/tasks/reporting" element={seesReporting(me) ? <ReportingStatusPage me={me} /> : <ForbiddenPage />} />
        <Route path="/tasks/notices" element={seesNotices(me) ? <NoticesPage /> : <ForbiddenPage />} />
        <Route
          path="/tasks/:code"
          element={
            <AreaRoute me={me} area="tasks">
              <TaskDetailPage me={me} />
            </AreaRoute>
          }
        />
        <Route
          path="/bulletins/*"
          element={
            <AreaRoute me={me} area="bulletins">
              <BulletinsRoutes me={me} />
            </AreaRoute>
          }
        />
        <Route path="/inbox" element={hasInbox(me) ? <InboxPage me={me} /> : <ForbiddenPage />} />
        <Route
          path="/feedback/*"
          element={
            <AreaRoute me={me} area="feedback">
              <FeedbackRoutes me={me} />
            </AreaRoute>
          }
        />
        <Route
          path="/supervision/*"
          element={
            <AreaRoute me={me} area="supervision">
              <SupervisionRoutes me={me} />
            </AreaRoute>
          }
        />
        <Route
          path={areaPath('indicators')}
          element={
            <AreaRoute me={me} area="indicators">
              <Lazy>
                <OverviewPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path="/indicators/provincial"
          element={
            <AreaRoute me={me} area="indicators">
              <Lazy>
                <ProvincialPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path="/indicators/data"
          element={
            entersData(me) ? (
              <Lazy>
                <DataPage me={me} />
              </Lazy>
            ) : (
              <ForbiddenPage />
            )
          }
        />
        <Route
          path="/indicators/:code"
          element={
            <AreaRoute me={me} area="indicators">
              <Lazy>
                <IndicatorPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path={areaPath('admin')}
          element={
            <AreaRoute me={me} area="admin">
              <AdminPage />
            </AreaRoute>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="*" element={<RequireUser>{(me) => <StaffRoutes me={me} />}</RequireUser>} />
    </Routes>
  );
}
