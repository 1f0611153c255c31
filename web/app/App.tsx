// Providers and the top-level routes: /login is public; everything else needs a session, and a
// user who must change the password sees only that form until it is done.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Forbidden, NotFound, PageSpin, Unreachable } from './StatusPages.js';
import { AppLayout } from './AppLayout.js';
import { I18nProvider, useLocale, useT, type Locale } from './i18n.js';
import { ALL_ROUTES, MESSAGES } from './modules.js';
import { routePermission, type ModuleRoute } from './module.js';
import { SessionProvider, useSession } from './session.js';
import { theme } from './theme.js';
import { useCan } from '../access/can.js';
import type { MeView } from '../modules/auth/api.js';
import { ApiQueryProvider, useClearCacheOnUserChange } from '../api/query.js';

const LoginPage = lazy(() => import('../modules/auth/pages/LoginPage.js'));
const ForcedPasswordChange = lazy(() => import('../modules/auth/pages/ForcedPasswordChangePage.js'));

function AntdConfig(props: { children: ReactNode }) {
  const { locale } = useLocale();
  const t = useT();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>{props.children}</AntApp>
    </ConfigProvider>
  );
}

function CachePerUser(props: { children: ReactNode }) {
  const { me } = useSession();
  useClearCacheOnUserChange(me?.id ?? null);
  return props.children;
}

/** Everything but the router; tests wrap a MemoryRouter in it. */
export function Providers(props: { children: ReactNode; initialLocale?: Locale; initialMe?: MeView | null }) {
  return (
    <ApiQueryProvider>
      <I18nProvider messages={MESSAGES} {...(props.initialLocale ? { initialLocale: props.initialLocale } : {})}>
        <AntdConfig>
          <SessionProvider {...(props.initialMe !== undefined ? { initial: { me: props.initialMe } } : {})}>
            <CachePerUser>{props.children}</CachePerUser>
          </SessionProvider>
        </AntdConfig>
      </I18nProvider>
    </ApiQueryProvider>
  );
}

function Guarded(props: { route: ModuleRoute }) {
  const allowed = useCan(routePermission(props.route));
  if (!allowed) return <Forbidden />;
  const Page = props.route.element;
  return <Page />;
}

function Authenticated() {
  const { status, me, refresh } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageSpin />;
  if (status === 'unreachable') return <Unreachable onRetry={() => void refresh()} />;
  if (!me) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.mustChangePassword) {
    return (
      <Suspense fallback={<PageSpin />}>
        <ForcedPasswordChange />
      </Suspense>
    );
  }
  return (
    <AppLayout>
      <Routes>
        {ALL_ROUTES.filter((r) => !r.public).map((r) => (
          <Route key={r.path} path={r.path} element={<Guarded route={r} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppLayout>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<Suspense fallback={<PageSpin />}><LoginPage /></Suspense>} />
      {ALL_ROUTES.filter((r) => r.public).map((r) => (
        <Route key={r.path} path={r.path} element={<Suspense fallback={<PageSpin />}><r.element /></Suspense>} />
      ))}
      <Route path="*" element={<Authenticated />} />
    </Routes>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
