import { Outlet, createBrowserRouter, type RouteObject } from 'react-router'
import { ForgotPasswordPage } from './features/auth/forgot-password-page.tsx'
import { LoginPage } from './features/auth/login-page.tsx'
import { SetPasswordPage } from './features/auth/set-password-page.tsx'
import { AgendaPage } from './features/agenda/agenda-page.tsx'
import { AuditPage } from './features/audit/audit-page.tsx'
import { ClientOrgFormPage } from './features/client-orgs/client-org-form-page.tsx'
import { ClientOrgPage } from './features/client-orgs/client-org-page.tsx'
import { ClientOrgsPage } from './features/client-orgs/client-orgs-page.tsx'
import { NewClientPlanPage } from './features/client-plans/new-client-plan-page.tsx'
import { PortalPlansPage } from './features/client-plans/portal-plans-page.tsx'
import { PortalDocumentsPage } from './features/documents/portal-documents-page.tsx'
import { ClientUserWizardPage } from './features/client-users/client-user-wizard-page.tsx'
import { ClientUsersPage } from './features/client-users/client-users-page.tsx'
import { EventFormPage } from './features/events/event-form-page.tsx'
import { EventPage } from './features/events/event-page.tsx'
import { EventsPage } from './features/events/events-page.tsx'
import { HeldInvitationsPage } from './features/events/held-invitations-page.tsx'
import { CertificateVerificationPage } from './features/events-public/certificate-verification-page.tsx'
import { CpfPage } from './features/events-public/cpf-page.tsx'
import { JoinPage } from './features/events-public/join-page.tsx'
import { PortalEventsPage } from './features/events-public/portal-events-page.tsx'
import { PublicEventPage } from './features/events-public/public-event-page.tsx'
import { HomePage } from './features/home/home-page.tsx'
import { ImportRunPage } from './features/imports/import-run-page.tsx'
import { ImportsPage } from './features/imports/imports-page.tsx'
import { FichaPage } from './features/intake/ficha-page.tsx'
import { FichaStatusPage } from './features/intake/ficha-status-page.tsx'
import { FichasBoardPage } from './features/intake/fichas-board-page.tsx'
import { NewFichaPage } from './features/intake/new-ficha-page.tsx'
import { PublicFichaPage } from './features/intake/public-ficha-page.tsx'
import { InvitationPage } from './features/invitations/invitation-page.tsx'
import { KeypassSetupPage } from './features/keypass/keypass-setup-page.tsx'
import { OutboxPage } from './features/outbox/outbox-page.tsx'
import { CatalogPage } from './features/plans/catalog-page.tsx'
import { PortalHomePage } from './features/portal/portal-home-page.tsx'
import { PortalLayout } from './features/portal/portal-layout.tsx'
import { PortalProfilePage } from './features/portal/portal-profile-page.tsx'
import { PortalSecurityPage } from './features/portal/portal-security-page.tsx'
import { ProfilesPage } from './features/profiles/profiles-page.tsx'
import { SettingsPage } from './features/settings/settings-page.tsx'
import { StaffListPage } from './features/staff/staff-list-page.tsx'
import { TenantsPage } from './features/tenants/tenants-page.tsx'
import { FirstAccessPage } from './features/trial/first-access-page.tsx'
import { TrialWizardPage } from './features/trial/trial-wizard-page.tsx'
import { PERMISSIONS } from './shared/permissions.ts'
import { SessionProvider } from './shared/session.tsx'
import { AppLayout } from './shared/ui/app-layout.tsx'
import { ComingSoonPage } from './shared/ui/coming-soon-page.tsx'
import { RequireAccess, RequireAuth, RequireSession, SessionGate } from './shared/ui/guards.tsx'
import { NAV_GROUPS } from './shared/ui/navigation.tsx'
import { NotFoundPage } from './shared/ui/not-found-page.tsx'

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
