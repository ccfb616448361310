import { Outlet, createBrowserRouter, type RouteObject } from 'react-router'
import { ForgotPasswordPage } from './features/auth/forgot-password-page.tsx'
import { LoginPage } from './features/auth/login-page.tsx'
import { SetPasswordPage } from './features/auth/set-password-page.tsx'
import { AuditPage } from './features/audit/audit-page.tsx'
import { HomePage } from './features/home/home-page.tsx'
import { OutboxPage } from './features/outbox/outbox-page.tsx'
import { ProfilesPage } from './features/profiles/profiles-page.tsx'
import { StaffListPage } from './features/staff/staff-list-page.tsx'
import { TenantsPage } from './features/tenants/tenants-page.tsx'
import { PERMISSIONS } from './shared/permissions.ts'
import { SessionProvider } from './shared/session.tsx'
import { AppLayout } from './shared/ui/app-layout.tsx'
import { ComingSoonPage } from './shared/ui/coming-soon-page.tsx'
import { RequireAccess, RequireAuth, SessionGate } from './shared/ui/guards.tsx'
import { NAV_GROUPS } from './shared/ui/navigation.tsx'
import { NotFoundPage } from './shared/ui/not-found-page.tsx'

function Root() {
  return (
    <SessionProvider>
      <SessionGate>
        <Outlet />
      </SessionGate>
    </SessionProvider>
  )
}

const comingSoonRoutes: RouteObject[] = NAV_GROUPS.flatMap((group) => group.items)
  .filter((item) => item.comingSoon)
  .map((item) => ({
    path: item.path.slice(1),
    element: (
      <RequireAccess permission={item.permission}>
        <ComingSoonPage item={item} />
      </RequireAccess>
    ),
  }))

export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { path: 'entrar', element: <LoginPage /> },
      { path: 'definir-senha', element: <SetPasswordPage /> },
      { path: 'esqueci-senha', element: <ForgotPasswordPage /> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'equipe',
            element: (
              <RequireAccess permission={PERMISSIONS.staffRead}>
                <StaffListPage />
              </RequireAccess>
            ),
          },
          {
            path: 'perfis',
            element: (
              <RequireAccess permission={PERMISSIONS.profilesManage}>
                <ProfilesPage />
              </RequireAccess>
            ),
          },
          {
            path: 'auditoria',
            element: (
              <RequireAccess permission={PERMISSIONS.auditRead}>
                <AuditPage />
              </RequireAccess>
            ),
          },
          {
            path: 'caixa-de-saida',
            element: (
              <RequireAccess permission={PERMISSIONS.outboxRead}>
                <OutboxPage />
              </RequireAccess>
            ),
          },
          {
            path: 'inquilinos',
            element: (
              <RequireAccess platformAdminOnly>
                <TenantsPage />
              </RequireAccess>
            ),
          },
          ...comingSoonRoutes,
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]

export const router = createBrowserRouter(routes)
