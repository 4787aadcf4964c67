import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import type { Me } from './api/types';
import { useAuth } from './auth/AuthProvider';
import { tokenStore } from './auth/tokens';
import { useI18n } from './i18n/I18nProvider';
import { AppLayout } from './layout/AppLayout';
import { areaPath, areasForRoles, type Area } from './nav/menu';
import { hasInbox } from './pages/bulletins/permissions';
import { InboxPage } from './pages/InboxPage';
import { canImport, seesNotices, seesReporting } from './tasks/permissions';
import { entersData } from './indicators/permissions';
import { LoginPage } from './pages/LoginPage';
import { ForbiddenPage, NoUiPage, NotFoundPage } from './pages/StatusPages';

// Every page is loaded on first visit (the shell, the login page and the inbox bell are all the entry carries):
// a user's first screen then fetches only the landing page's code and the antd components it renders
// (check with `npm run check:bundle`). The indicator pages and the cockpit also carry ECharts.
const OverviewPage = lazy(() => import('./pages/indicators/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const ProvincialPage = lazy(() => import('./pages/indicators/ProvincialPage').then((m) => ({ default: m.ProvincialPage })));
const IndicatorPage = lazy(() => import('./pages/indicators/IndicatorPage').then((m) => ({ default: m.IndicatorPage })));
const DataPage = lazy(() => import('./pages/indicators/DataPage').then((m) => ({ default: m.DataPage })));
const loadCockpit = () => import('./pages/cockpit/CockpitPage');
const loadWorkbench = () => import('./pages/tasks/WorkbenchPage');
const CockpitPage = lazy(() => loadCockpit().then((m) => ({ default: m.CockpitPage })));
const WorkbenchPage = lazy(() => loadWorkbench().then((m) => ({ default: m.WorkbenchPage })));
const LedgerPage = lazy(() => import('./pages/tasks/LedgerPage').then((m) => ({ default: m.LedgerPage })));
const ImportPage = lazy(() => import('./pages/tasks/ImportPage').then((m) => ({ default: m.ImportPage })));
const NoticesPage = lazy(() => import('./pages/tasks/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const ReportingStatusPage = lazy(() =>
  import('./pages/tasks/ReportingStatusPage').then((m) => ({ default: m.ReportingStatusPage })),
);
const TaskDetailPage = lazy(() => import('./pages/tasks/TaskDetailPage').then((m) => ({ default: m.TaskDetailPage })));
const BulletinsRoutes = lazy(() => import('./pages/bulletins/BulletinsRoutes').then((m) => ({ default: m.BulletinsRoutes })));
const FeedbackRoutes = lazy(() => import('./pages/feedback/FeedbackRoutes').then((m) => ({ default: m.FeedbackRoutes })));
const SupervisionRoutes = lazy(() =>
  import('./pages/supervision/SupervisionRoutes').then((m) => ({ default: m.SupervisionRoutes })),
);
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const AuditLogPage = lazy(() => import('./pages/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));

// The landing pages' code, fetched while /me loads instead of after it (see preloadLanding).
const LANDING_CODE: Partial<Record<Area, () => Promise<unknown>>> = { cockpit: loadCockpit, workbench: loadWorkbench };

/** The roles in the stored access token: only a hint for what to fetch early (the API decides what a user may open). */
function tokenRoles(): string[] {
  try {
    const payload = tokenStore.access()!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const roles: unknown = JSON.parse(atob(payload)).roles;
    return Array.isArray(roles) ? roles.map(String) : [];
  } catch {
    return [];
  }
}

/** Opening / or the user's landing page: fetch that page's code alongside /me, so they no longer load one by one. */
function preloadLanding(pathname: string) {
  const [first] = areasForRoles(tokenRoles());
  if (first && (pathname === '/' || pathname === areaPath(first))) void LANDING_CODE[first]?.();
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin className="page-spin" />}>{children}</Suspense>;
}

/** Loads the signed-in user, or sends the visitor to /login remembering where they were going. */
function RequireUser({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useI18n();
  const { signedIn, me, signOut } = useAuth();
  const location = useLocation();
  const loadingUser = signedIn && !me.data && !me.isError;
  // Once per sign-in, for the path opened then; a tick later, so /me (requested in the provider's effect, which
  // runs after this child's) takes the first free connection.
  useEffect(() => {
    if (!loadingUser) return undefined;
    const timer = setTimeout(() => preloadLanding(location.pathname), 0);
    return () => clearTimeout(timer);
  }, [loadingUser]);

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
              <Lazy>
                <WorkbenchPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path={areaPath('tasks')}
          element={
            <AreaRoute me={me} area="tasks">
              <Lazy>
                <LedgerPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path="/tasks/import"
          element={canImport(me) ? <Lazy><ImportPage /></Lazy> : <ForbiddenPage />}
        />
        <Route path="/tasks/reporting" element={seesReporting(me) ? <Lazy><ReportingStatusPage me={me} /></Lazy> : <ForbiddenPage />} />
        <Route path="/tasks/notices" element={seesNotices(me) ? <Lazy><NoticesPage /></Lazy> : <ForbiddenPage />} />
        <Route
          path="/tasks/:code"
          element={
            <AreaRoute me={me} area="tasks">
              <Lazy>
                <TaskDetailPage me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path="/bulletins/*"
          element={
            <AreaRoute me={me} area="bulletins">
              <Lazy>
                <BulletinsRoutes me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route path="/inbox" element={hasInbox(me) ? <InboxPage me={me} /> : <ForbiddenPage />} />
        <Route
          path="/feedback/*"
          element={
            <AreaRoute me={me} area="feedback">
              <Lazy>
                <FeedbackRoutes me={me} />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path="/supervision/*"
          element={
            <AreaRoute me={me} area="supervision">
              <Lazy>
                <SupervisionRoutes me={me} />
              </Lazy>
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
          path={areaPath('audit')}
          element={
            <AreaRoute me={me} area="audit">
              <Lazy>
                <AuditLogPage />
              </Lazy>
            </AreaRoute>
          }
        />
        <Route
          path={areaPath('admin')}
          element={
            <AreaRoute me={me} area="admin">
              <Lazy>
                <AdminPage />
              </Lazy>
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
