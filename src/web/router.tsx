import { Outlet, createBrowserRouter, type RouteObject } from 'react-router'
import { PortalLayout } from './features/portal/portal-layout.tsx'
import { PERMISSIONS } from './shared/permissions.ts'
import { SessionProvider } from './shared/session.tsx'
import { AppLayout } from './shared/ui/app-layout.tsx'
import { ComingSoonPage } from './shared/ui/coming-soon-page.tsx'
import { PageOutlet, RequireAccess, RequireAuth, RequireSession, SessionGate } from './shared/ui/guards.tsx'
import { NAV_GROUPS } from './shared/ui/navigation.tsx'
import { page } from './shared/ui/lazy-page.tsx'
import { NotFoundPage } from './shared/ui/not-found-page.tsx'
import { RouteError } from './shared/ui/route-error.tsx'

const ForgotPasswordPage = page(
  () => import('./features/auth/forgot-password-page.tsx'),
  'ForgotPasswordPage',
)
const LoginPage = page(() => import('./features/auth/login-page.tsx'), 'LoginPage')
const SetPasswordPage = page(() => import('./features/auth/set-password-page.tsx'), 'SetPasswordPage')
const AgendaPage = page(() => import('./features/agenda/agenda-page.tsx'), 'AgendaPage')
const AuditPage = page(() => import('./features/audit/audit-page.tsx'), 'AuditPage')
const ClientOrgFormPage = page(
  () => import('./features/client-orgs/client-org-form-page.tsx'),
  'ClientOrgFormPage',
)
const ClientOrgPage = page(() => import('./features/client-orgs/client-org-page.tsx'), 'ClientOrgPage')
const ClientOrgsPage = page(() => import('./features/client-orgs/client-orgs-page.tsx'), 'ClientOrgsPage')
const NewClientPlanPage = page(
  () => import('./features/client-plans/new-client-plan-page.tsx'),
  'NewClientPlanPage',
)
const PortalPlansPage = page(() => import('./features/client-plans/portal-plans-page.tsx'), 'PortalPlansPage')
const PortalDocumentsPage = page(
  () => import('./features/documents/portal-documents-page.tsx'),
  'PortalDocumentsPage',
)
const ClientUserWizardPage = page(
  () => import('./features/client-users/client-user-wizard-page.tsx'),
  'ClientUserWizardPage',
)
const ClientUsersPage = page(() => import('./features/client-users/client-users-page.tsx'), 'ClientUsersPage')
const EventFormPage = page(() => import('./features/events/event-form-page.tsx'), 'EventFormPage')
const EventPage = page(() => import('./features/events/event-page.tsx'), 'EventPage')
const EventsPage = page(() => import('./features/events/events-page.tsx'), 'EventsPage')
const HeldInvitationsPage = page(
  () => import('./features/events/held-invitations-page.tsx'),
  'HeldInvitationsPage',
)
const CertificateVerificationPage = page(
  () => import('./features/events-public/certificate-verification-page.tsx'),
  'CertificateVerificationPage',
)
const CpfPage = page(() => import('./features/events-public/cpf-page.tsx'), 'CpfPage')
const JoinPage = page(() => import('./features/events-public/join-page.tsx'), 'JoinPage')
const PortalEventsPage = page(
  () => import('./features/events-public/portal-events-page.tsx'),
  'PortalEventsPage',
)
const PublicEventPage = page(
  () => import('./features/events-public/public-event-page.tsx'),
  'PublicEventPage',
)
const HomePage = page(() => import('./features/home/home-page.tsx'), 'HomePage')
const ImportRunPage = page(() => import('./features/imports/import-run-page.tsx'), 'ImportRunPage')
const ImportsPage = page(() => import('./features/imports/imports-page.tsx'), 'ImportsPage')
const FichaPage = page(() => import('./features/intake/ficha-page.tsx'), 'FichaPage')
const FichaStatusPage = page(() => import('./features/intake/ficha-status-page.tsx'), 'FichaStatusPage')
const FichasBoardPage = page(() => import('./features/intake/fichas-board-page.tsx'), 'FichasBoardPage')
const NewFichaPage = page(() => import('./features/intake/new-ficha-page.tsx'), 'NewFichaPage')
const PublicFichaPage = page(() => import('./features/intake/public-ficha-page.tsx'), 'PublicFichaPage')
const InvitationPage = page(() => import('./features/invitations/invitation-page.tsx'), 'InvitationPage')
const KeypassSetupPage = page(() => import('./features/keypass/keypass-setup-page.tsx'), 'KeypassSetupPage')
const OutboxPage = page(() => import('./features/outbox/outbox-page.tsx'), 'OutboxPage')
const CatalogPage = page(() => import('./features/plans/catalog-page.tsx'), 'CatalogPage')
const PortalHomePage = page(() => import('./features/portal/portal-home-page.tsx'), 'PortalHomePage')
const PortalProfilePage = page(() => import('./features/portal/portal-profile-page.tsx'), 'PortalProfilePage')
const PortalSecurityPage = page(
  () => import('./features/portal/portal-security-page.tsx'),
  'PortalSecurityPage',
)
const ProfilesPage = page(() => import('./features/profiles/profiles-page.tsx'), 'ProfilesPage')
const SettingsPage = page(() => import('./features/settings/settings-page.tsx'), 'SettingsPage')
const StaffListPage = page(() => import('./features/staff/staff-list-page.tsx'), 'StaffListPage')
const TenantsPage = page(() => import('./features/tenants/tenants-page.tsx'), 'TenantsPage')
const FirstAccessPage = page(() => import('./features/trial/first-access-page.tsx'), 'FirstAccessPage')
const TrialWizardPage = page(() => import('./features/trial/trial-wizard-page.tsx'), 'TrialWizardPage')

/** As in ONVIO: managing client users needs "Gerenciar usuários" and "Utiliza Portal do Cliente". */
const CLIENT_USERS_ACCESS = [PERMISSIONS.usersManage, PERMISSIONS.portalUse]

function Root() {
  return (
    <SessionProvider>
      <SessionGate>
        <PageOutlet fullPage />
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
    errorElement: <RouteError />,
    children: [
      { path: 'entrar', element: <LoginPage /> },
      { path: 'definir-senha', element: <SetPasswordPage /> },
      { path: 'esqueci-senha', element: <ForgotPasswordPage /> },
      { path: 'convite', element: <InvitationPage /> },
      // Public fichas cadastrais: the provider's form and the sender's status/correction page (no login).
      { path: 'fichas/enviar/:slug', element: <PublicFichaPage /> },
      { path: 'fichas/acompanhar', element: <FichaStatusPage /> },
      // Public event pages: the event with its registration form, the personal join link's
      // countdown, a certificate's verification and the CPF form for a certificate (no login).
      { path: 'e/:slug', element: <PublicEventPage /> },
      { path: 'evento/entrar/:token', element: <JoinPage /> },
      { path: 'evento/cpf/:token', element: <CpfPage /> },
      { path: 'certificados/:code', element: <CertificateVerificationPage /> },
      {
        path: 'keypass/configurar',
        element: (
          <RequireSession>
            <KeypassSetupPage />
          </RequireSession>
        ),
      },
      {
        path: 'portal',
        element: (
          <RequireAuth area="portal">
            <PortalLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <PortalHomePage /> },
          { path: 'seguranca', element: <PortalSecurityPage /> },
          { path: 'perfil', element: <PortalProfilePage /> },
          { path: 'eventos', element: <PortalEventsPage /> },
          { path: 'planos', element: <PortalPlansPage /> },
          { path: 'documentos', element: <PortalDocumentsPage /> },
        ],
      },
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
            path: 'clientes',
            element: (
              <RequireAccess permission={PERMISSIONS.clientsRead}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, element: <ClientOrgsPage /> },
              {
                path: 'novo',
                element: (
                  <RequireAccess permission={PERMISSIONS.clientsManage}>
                    <ClientOrgFormPage />
                  </RequireAccess>
                ),
              },
              {
                // "Novo Cadastro" (seed 002): the plan-based wizard, opened in a new tab.
                path: 'novo-cadastro/:categoryId',
                element: (
                  <RequireAccess permission={[PERMISSIONS.clientsManage, PERMISSIONS.plansManage]}>
                    <TrialWizardPage />
                  </RequireAccess>
                ),
              },
              { path: ':id', element: <ClientOrgPage /> },
              {
                path: ':id/primeiro-acesso',
                element: (
                  <RequireAccess permission={[PERMISSIONS.clientsManage, PERMISSIONS.plansManage]}>
                    <FirstAccessPage />
                  </RequireAccess>
                ),
              },
              {
                path: ':id/planos/novo',
                element: (
                  <RequireAccess permission={PERMISSIONS.plansManage}>
                    <NewClientPlanPage />
                  </RequireAccess>
                ),
              },
              {
                path: ':id/editar',
                element: (
                  <RequireAccess permission={PERMISSIONS.clientsManage}>
                    <ClientOrgFormPage />
                  </RequireAccess>
                ),
              },
            ],
          },
          {
            path: 'fichas',
            element: (
              <RequireAccess permission={PERMISSIONS.intakeManage}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, element: <FichasBoardPage /> },
              { path: 'nova', element: <NewFichaPage /> },
              { path: ':id', element: <FichaPage /> },
            ],
          },
          {
            path: 'usuarios',
            element: (
              <RequireAccess permission={CLIENT_USERS_ACCESS}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, element: <ClientUsersPage /> },
              { path: 'novo', element: <ClientUserWizardPage /> },
              { path: ':id', element: <ClientUserWizardPage /> },
            ],
          },
          {
            path: 'eventos',
            element: (
              <RequireAccess permission={PERMISSIONS.eventsManage}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, element: <EventsPage /> },
              { path: 'novo', element: <EventFormPage /> },
              { path: 'convites-aguardando', element: <HeldInvitationsPage /> },
              { path: ':id', element: <EventPage /> },
              { path: ':id/editar', element: <EventFormPage /> },
            ],
          },
          {
            path: 'planos',
            element: (
              <RequireAccess permission={PERMISSIONS.plansManage}>
                <CatalogPage />
              </RequireAccess>
            ),
          },
          {
            path: 'agenda',
            element: (
              <RequireAccess permission="agenda:manage">
                <AgendaPage />
              </RequireAccess>
            ),
          },
          {
            path: 'importacao',
            element: (
              <RequireAccess permission={PERMISSIONS.importsRun}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, element: <ImportsPage /> },
              { path: ':id', element: <ImportRunPage /> },
            ],
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
            path: 'configuracoes',
            element: (
              <RequireAccess permission={PERMISSIONS.settingsManage}>
                <SettingsPage />
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
