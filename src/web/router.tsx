import { Outlet, createBrowserRouter, type RouteObject } from 'react-router'
import { PortalLayout } from './features/portal/portal-layout.tsx'
import { PERMISSIONS } from './shared/permissions.ts'
import { SessionProvider } from './shared/session.tsx'
import { AppLayout } from './shared/ui/app-layout.tsx'
import { ComingSoonPage } from './shared/ui/coming-soon-page.tsx'
import {
  FullPageLoader,
  RequireAccess,
  RequireAuth,
  RequireSession,
  SessionGate,
} from './shared/ui/guards.tsx'
import { NAV_GROUPS } from './shared/ui/navigation.tsx'
import { lazyRoute, page } from './shared/ui/lazy-page.tsx'
import { NotFoundPage } from './shared/ui/not-found-page.tsx'
import { RouteError } from './shared/ui/route-error.tsx'

/** The pages, each loaded the first time one of its routes opens (its own chunk of the bundle). */
const pages = {
  ForgotPasswordPage: page(() => import('./features/auth/forgot-password-page.tsx'), 'ForgotPasswordPage'),
  LoginPage: page(() => import('./features/auth/login-page.tsx'), 'LoginPage'),
  SetPasswordPage: page(() => import('./features/auth/set-password-page.tsx'), 'SetPasswordPage'),
  AgendaPage: page(() => import('./features/agenda/agenda-page.tsx'), 'AgendaPage'),
  AuditPage: page(() => import('./features/audit/audit-page.tsx'), 'AuditPage'),
  ClientOrgFormPage: page(
    () => import('./features/client-orgs/client-org-form-page.tsx'),
    'ClientOrgFormPage',
  ),
  ClientOrgPage: page(() => import('./features/client-orgs/client-org-page.tsx'), 'ClientOrgPage'),
  ClientOrgsPage: page(() => import('./features/client-orgs/client-orgs-page.tsx'), 'ClientOrgsPage'),
  NewClientPlanPage: page(
    () => import('./features/client-plans/new-client-plan-page.tsx'),
    'NewClientPlanPage',
  ),
  PortalPlansPage: page(() => import('./features/client-plans/portal-plans-page.tsx'), 'PortalPlansPage'),
  PortalDocumentsPage: page(
    () => import('./features/documents/portal-documents-page.tsx'),
    'PortalDocumentsPage',
  ),
  ClientUserWizardPage: page(
    () => import('./features/client-users/client-user-wizard-page.tsx'),
    'ClientUserWizardPage',
  ),
  ClientUsersPage: page(() => import('./features/client-users/client-users-page.tsx'), 'ClientUsersPage'),
  EventFormPage: page(() => import('./features/events/event-form-page.tsx'), 'EventFormPage'),
  EventPage: page(() => import('./features/events/event-page.tsx'), 'EventPage'),
  EventsPage: page(() => import('./features/events/events-page.tsx'), 'EventsPage'),
  HeldInvitationsPage: page(
    () => import('./features/events/held-invitations-page.tsx'),
    'HeldInvitationsPage',
  ),
  CertificateVerificationPage: page(
    () => import('./features/events-public/certificate-verification-page.tsx'),
    'CertificateVerificationPage',
  ),
  CpfPage: page(() => import('./features/events-public/cpf-page.tsx'), 'CpfPage'),
  JoinPage: page(() => import('./features/events-public/join-page.tsx'), 'JoinPage'),
  PortalEventsPage: page(() => import('./features/events-public/portal-events-page.tsx'), 'PortalEventsPage'),
  PublicEventPage: page(() => import('./features/events-public/public-event-page.tsx'), 'PublicEventPage'),
  HomePage: page(() => import('./features/home/home-page.tsx'), 'HomePage'),
  ImportRunPage: page(() => import('./features/imports/import-run-page.tsx'), 'ImportRunPage'),
  ImportsPage: page(() => import('./features/imports/imports-page.tsx'), 'ImportsPage'),
  FichaPage: page(() => import('./features/intake/ficha-page.tsx'), 'FichaPage'),
  FichaStatusPage: page(() => import('./features/intake/ficha-status-page.tsx'), 'FichaStatusPage'),
  FichasBoardPage: page(() => import('./features/intake/fichas-board-page.tsx'), 'FichasBoardPage'),
  NewFichaPage: page(() => import('./features/intake/new-ficha-page.tsx'), 'NewFichaPage'),
  PublicFichaPage: page(() => import('./features/intake/public-ficha-page.tsx'), 'PublicFichaPage'),
  InvitationPage: page(() => import('./features/invitations/invitation-page.tsx'), 'InvitationPage'),
  KeypassSetupPage: page(() => import('./features/keypass/keypass-setup-page.tsx'), 'KeypassSetupPage'),
  OutboxPage: page(() => import('./features/outbox/outbox-page.tsx'), 'OutboxPage'),
  TasksPage: page(() => import('./features/tasks/tasks-page.tsx'), 'TasksPage'),
  CatalogPage: page(() => import('./features/plans/catalog-page.tsx'), 'CatalogPage'),
  PortalHomePage: page(() => import('./features/portal/portal-home-page.tsx'), 'PortalHomePage'),
  PortalProfilePage: page(() => import('./features/portal/portal-profile-page.tsx'), 'PortalProfilePage'),
  PortalSecurityPage: page(() => import('./features/portal/portal-security-page.tsx'), 'PortalSecurityPage'),
  ProfilesPage: page(() => import('./features/profiles/profiles-page.tsx'), 'ProfilesPage'),
  SettingsPage: page(() => import('./features/settings/settings-page.tsx'), 'SettingsPage'),
  StaffListPage: page(() => import('./features/staff/staff-list-page.tsx'), 'StaffListPage'),
  TenantsPage: page(() => import('./features/tenants/tenants-page.tsx'), 'TenantsPage'),
  FirstAccessPage: page(() => import('./features/trial/first-access-page.tsx'), 'FirstAccessPage'),
  TrialWizardPage: page(() => import('./features/trial/trial-wizard-page.tsx'), 'TrialWizardPage'),
}

/** As in ONVIO: managing client users needs "Gerenciar usuários" and "Utiliza Portal do Cliente". */
const CLIENT_USERS_ACCESS = [PERMISSIONS.usersManage, PERMISSIONS.portalUse]

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
    errorElement: <RouteError />,
    // While the first page's code arrives.
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: 'entrar', lazy: lazyRoute(pages.LoginPage, (LoginPage) => <LoginPage />) },
      {
        path: 'definir-senha',
        lazy: lazyRoute(pages.SetPasswordPage, (SetPasswordPage) => <SetPasswordPage />),
      },
      {
        path: 'esqueci-senha',
        lazy: lazyRoute(pages.ForgotPasswordPage, (ForgotPasswordPage) => <ForgotPasswordPage />),
      },
      { path: 'convite', lazy: lazyRoute(pages.InvitationPage, (InvitationPage) => <InvitationPage />) },
      // Public fichas cadastrais: the provider's form and the sender's status/correction page (no login).
      {
        path: 'fichas/enviar/:slug',
        lazy: lazyRoute(pages.PublicFichaPage, (PublicFichaPage) => <PublicFichaPage />),
      },
      {
        path: 'fichas/acompanhar',
        lazy: lazyRoute(pages.FichaStatusPage, (FichaStatusPage) => <FichaStatusPage />),
      },
      // Public event pages: the event with its registration form, the personal join link's
      // countdown, a certificate's verification and the CPF form for a certificate (no login).
      { path: 'e/:slug', lazy: lazyRoute(pages.PublicEventPage, (PublicEventPage) => <PublicEventPage />) },
      { path: 'evento/entrar/:token', lazy: lazyRoute(pages.JoinPage, (JoinPage) => <JoinPage />) },
      { path: 'evento/cpf/:token', lazy: lazyRoute(pages.CpfPage, (CpfPage) => <CpfPage />) },
      {
        path: 'certificados/:code',
        lazy: lazyRoute(pages.CertificateVerificationPage, (CertificateVerificationPage) => (
          <CertificateVerificationPage />
        )),
      },
      {
        path: 'keypass/configurar',
        lazy: lazyRoute(pages.KeypassSetupPage, (KeypassSetupPage) => (
          <RequireSession>
            <KeypassSetupPage />
          </RequireSession>
        )),
      },
      {
        path: 'portal',
        element: (
          <RequireAuth area="portal">
            <PortalLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, lazy: lazyRoute(pages.PortalHomePage, (PortalHomePage) => <PortalHomePage />) },
          {
            path: 'seguranca',
            lazy: lazyRoute(pages.PortalSecurityPage, (PortalSecurityPage) => <PortalSecurityPage />),
          },
          {
            path: 'perfil',
            lazy: lazyRoute(pages.PortalProfilePage, (PortalProfilePage) => <PortalProfilePage />),
          },
          {
            path: 'eventos',
            lazy: lazyRoute(pages.PortalEventsPage, (PortalEventsPage) => <PortalEventsPage />),
          },
          {
            path: 'planos',
            lazy: lazyRoute(pages.PortalPlansPage, (PortalPlansPage) => <PortalPlansPage />),
          },
          {
            path: 'documentos',
            lazy: lazyRoute(pages.PortalDocumentsPage, (PortalDocumentsPage) => <PortalDocumentsPage />),
          },
        ],
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, lazy: lazyRoute(pages.HomePage, (HomePage) => <HomePage />) },
          {
            path: 'equipe',
            lazy: lazyRoute(pages.StaffListPage, (StaffListPage) => (
              <RequireAccess permission={PERMISSIONS.staffRead}>
                <StaffListPage />
              </RequireAccess>
            )),
          },
          {
            path: 'clientes',
            element: (
              <RequireAccess permission={PERMISSIONS.clientsRead}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, lazy: lazyRoute(pages.ClientOrgsPage, (ClientOrgsPage) => <ClientOrgsPage />) },
              {
                path: 'novo',
                lazy: lazyRoute(pages.ClientOrgFormPage, (ClientOrgFormPage) => (
                  <RequireAccess permission={PERMISSIONS.clientsManage}>
                    <ClientOrgFormPage />
                  </RequireAccess>
                )),
              },
              {
                // "Novo Cadastro" (seed 002): the plan-based wizard, opened in a new tab.
                path: 'novo-cadastro/:categoryId',
                lazy: lazyRoute(pages.TrialWizardPage, (TrialWizardPage) => (
                  <RequireAccess permission={[PERMISSIONS.clientsManage, PERMISSIONS.plansManage]}>
                    <TrialWizardPage />
                  </RequireAccess>
                )),
              },
              { path: ':id', lazy: lazyRoute(pages.ClientOrgPage, (ClientOrgPage) => <ClientOrgPage />) },
              {
                path: ':id/primeiro-acesso',
                lazy: lazyRoute(pages.FirstAccessPage, (FirstAccessPage) => (
                  <RequireAccess permission={[PERMISSIONS.clientsManage, PERMISSIONS.plansManage]}>
                    <FirstAccessPage />
                  </RequireAccess>
                )),
              },
              {
                path: ':id/planos/novo',
                lazy: lazyRoute(pages.NewClientPlanPage, (NewClientPlanPage) => (
                  <RequireAccess permission={PERMISSIONS.plansManage}>
                    <NewClientPlanPage />
                  </RequireAccess>
                )),
              },
              {
                path: ':id/editar',
                lazy: lazyRoute(pages.ClientOrgFormPage, (ClientOrgFormPage) => (
                  <RequireAccess permission={PERMISSIONS.clientsManage}>
                    <ClientOrgFormPage />
                  </RequireAccess>
                )),
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
              {
                index: true,
                lazy: lazyRoute(pages.FichasBoardPage, (FichasBoardPage) => <FichasBoardPage />),
              },
              { path: 'nova', lazy: lazyRoute(pages.NewFichaPage, (NewFichaPage) => <NewFichaPage />) },
              { path: ':id', lazy: lazyRoute(pages.FichaPage, (FichaPage) => <FichaPage />) },
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
              {
                index: true,
                lazy: lazyRoute(pages.ClientUsersPage, (ClientUsersPage) => <ClientUsersPage />),
              },
              {
                path: 'novo',
                lazy: lazyRoute(pages.ClientUserWizardPage, (ClientUserWizardPage) => (
                  <ClientUserWizardPage />
                )),
              },
              {
                path: ':id',
                lazy: lazyRoute(pages.ClientUserWizardPage, (ClientUserWizardPage) => (
                  <ClientUserWizardPage />
                )),
              },
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
              { index: true, lazy: lazyRoute(pages.EventsPage, (EventsPage) => <EventsPage />) },
              { path: 'novo', lazy: lazyRoute(pages.EventFormPage, (EventFormPage) => <EventFormPage />) },
              {
                path: 'convites-aguardando',
                lazy: lazyRoute(pages.HeldInvitationsPage, (HeldInvitationsPage) => <HeldInvitationsPage />),
              },
              { path: ':id', lazy: lazyRoute(pages.EventPage, (EventPage) => <EventPage />) },
              {
                path: ':id/editar',
                lazy: lazyRoute(pages.EventFormPage, (EventFormPage) => <EventFormPage />),
              },
            ],
          },
          {
            path: 'planos',
            lazy: lazyRoute(pages.CatalogPage, (CatalogPage) => (
              <RequireAccess permission={PERMISSIONS.plansManage}>
                <CatalogPage />
              </RequireAccess>
            )),
          },
          {
            path: 'agenda',
            lazy: lazyRoute(pages.AgendaPage, (AgendaPage) => (
              <RequireAccess permission="agenda:manage">
                <AgendaPage />
              </RequireAccess>
            )),
          },
          {
            path: 'importacao',
            element: (
              <RequireAccess permission={PERMISSIONS.importsRun}>
                <Outlet />
              </RequireAccess>
            ),
            children: [
              { index: true, lazy: lazyRoute(pages.ImportsPage, (ImportsPage) => <ImportsPage />) },
              { path: ':id', lazy: lazyRoute(pages.ImportRunPage, (ImportRunPage) => <ImportRunPage />) },
            ],
          },
          {
            path: 'perfis',
            lazy: lazyRoute(pages.ProfilesPage, (ProfilesPage) => (
              <RequireAccess permission={PERMISSIONS.profilesManage}>
                <ProfilesPage />
              </RequireAccess>
            )),
          },
          {
            path: 'auditoria',
            lazy: lazyRoute(pages.AuditPage, (AuditPage) => (
              <RequireAccess permission={PERMISSIONS.auditRead}>
                <AuditPage />
              </RequireAccess>
            )),
          },
          {
            path: 'caixa-de-saida',
            lazy: lazyRoute(pages.OutboxPage, (OutboxPage) => (
              <RequireAccess permission={PERMISSIONS.outboxRead}>
                <OutboxPage />
              </RequireAccess>
            )),
          },
          {
            path: 'tarefas',
            lazy: lazyRoute(pages.TasksPage, (TasksPage) => (
              <RequireAccess permission={PERMISSIONS.settingsManage}>
                <TasksPage />
              </RequireAccess>
            )),
          },
          {
            path: 'configuracoes',
            lazy: lazyRoute(pages.SettingsPage, (SettingsPage) => (
              <RequireAccess permission={PERMISSIONS.settingsManage}>
                <SettingsPage />
              </RequireAccess>
            )),
          },
          {
            path: 'inquilinos',
            lazy: lazyRoute(pages.TenantsPage, (TenantsPage) => (
              <RequireAccess platformAdminOnly>
                <TenantsPage />
              </RequireAccess>
            )),
          },
          ...comingSoonRoutes,
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]

export const router = createBrowserRouter(routes)
