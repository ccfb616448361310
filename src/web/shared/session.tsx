import { notifications } from '@mantine/notifications'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { api, onUnauthorized, setCsrfToken } from './api.ts'

export interface TenantRef {
  id: string
  name: string
  slug: string
}

/** Which side of a tenant the session is in: its staff, or the portal of one of its clients. */
export type SessionKind = 'staff' | 'client'

/**
 * `full`: normal session. `mfa`: the password was accepted and a KEYPASS code is still needed.
 * `enrol`: a client user without a KEYPASS must set it up before anything else.
 */
export type SessionStage = 'full' | 'mfa' | 'enrol'

export interface Membership {
  tenantId: string
  tenantName: string
  kind: SessionKind
}

/** A client organisation the (client) user belongs to; `document` comes formatted. */
export interface CompanyRef {
  id: string
  name: string
  document: string
}

export interface SessionUser {
  id: string
  name: string
  email: string
  isPlatformAdmin: boolean
  tenant: TenantRef
  permissions: string[]
  tenants: TenantRef[]
  kind: SessionKind
  stage: SessionStage
  hasKeypass: boolean
  /** How the KEYPASS codes come: the authenticator app, or a code by e-mail/SMS (null: none yet). */
  secondFactor: 'totp' | 'email' | 'sms' | null
  memberships: Membership[]
  /** Client sessions: the current client organisation and all the user's ones in this tenant. */
  company: CompanyRef | null
  companies: CompanyRef[]
}

export interface AppInfo {
  database: 'pglite' | 'postgres'
  mailMode: 'mailbox' | 'smtp'
}

export interface SessionResponse {
  csrfToken: string
  app: AppInfo
  user: SessionUser | null
}

/** What `POST /auth/mfa/verify` takes: the app's 6-digit code or one recovery code. */
export type MfaProof = { code: string } | { recoveryCode: string }

type Status = 'loading' | 'ready' | 'error'

export interface SessionContextValue {
  status: Status
  user: SessionUser | null
  app: AppInfo | null
  permissions: string[]
  /** True when the access profile of the current tenant grants the permission (as the server checks it). */
  can: (permission: string) => boolean
  login: (email: string, password: string) => Promise<SessionUser>
  /** Second step of the login (stage `mfa`): the KEYPASS code or a recovery code. */
  verifyMfa: (proof: MfaProof) => Promise<SessionUser>
  logout: () => Promise<void>
  /** `kind` picks the staff or the client membership when the person has both in the tenant. */
  switchTenant: (tenantId: string, kind?: SessionKind) => Promise<SessionUser | null>
  /** Client sessions: changes the current client organisation. */
  switchCompany: (companyId: string) => Promise<SessionUser | null>
  /** Takes a session answer from another endpoint (accepting an invitation, for instance). */
  applySession: (session: SessionResponse) => void
  /** Reloads the session; resolves with the user (null when signed out or unreachable). */
  refresh: () => Promise<SessionUser | null>
}

const SessionContext = createContext<SessionContextValue | null>(null)

export const LOGIN_PATH = '/entrar'
export const KEYPASS_SETUP_PATH = '/keypass/configurar'
export const PORTAL_PATH = '/portal'

/** Pages that work without a session: a 401 there is an answer, not a reason to go to the login. */
const PUBLIC_PAGES = [LOGIN_PATH, '/definir-senha', '/esqueci-senha', '/convite']

export function loginPathFor(next: string): string {
  if (!next || next === '/' || next.startsWith(LOGIN_PATH)) return LOGIN_PATH
  return `${LOGIN_PATH}?proximo=${encodeURIComponent(next)}`
}

/** Where a signed-in user belongs right now: the code step, the KEYPASS setup, the portal or the staff app. */
export function homePathFor(user: SessionUser): string {
  if (user.stage === 'mfa') return LOGIN_PATH
  if (user.stage === 'enrol') return KEYPASS_SETUP_PATH
  return user.kind === 'client' ? PORTAL_PATH : '/'
}

function isPortalPath(path: string): boolean {
  return path === PORTAL_PATH || path.startsWith(`${PORTAL_PATH}/`) || path.startsWith(`${PORTAL_PATH}?`)
}

/** The page to open after signing in: the requested one when it belongs to the user's side, else home. */
export function destinationFor(user: SessionUser, next: string): string {
  if (user.stage !== 'full') return homePathFor(user)
  if (!next || next === '/') return homePathFor(user)
  if (next.startsWith(KEYPASS_SETUP_PATH)) return homePathFor(user)
  return isPortalPath(next) === (user.kind === 'client') ? next : homePathFor(user)
}

/**
 * Fills the fields an older server may not send yet, so the app keeps working while the API
 * grows (a session without them is a full staff session).
 */
function normalizeUser(user: SessionUser | null): SessionUser | null {
  if (!user) return null
  const partial = user as Partial<SessionUser> & Pick<SessionUser, 'id' | 'name' | 'email' | 'tenant'>
  const tenants = partial.tenants ?? [partial.tenant]
  const kind = partial.kind ?? 'staff'
  return {
    ...user,
    permissions: partial.permissions ?? [],
    tenants,
    kind,
    stage: partial.stage ?? 'full',
    hasKeypass: partial.hasKeypass ?? false,
    secondFactor: partial.secondFactor ?? (partial.hasKeypass ? 'totp' : null),
    memberships:
      partial.memberships ??
      tenants.map((t) => ({ tenantId: t.id, tenantName: t.name, kind: 'staff' as const })),
    company: partial.company ?? null,
    companies: partial.companies ?? [],
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading')
  const [user, setUser] = useState<SessionUser | null>(null)
  const [app, setApp] = useState<AppInfo | null>(null)
  const navigate = useNavigate()
  const location = useLocation()

  const apply = useCallback((session: SessionResponse): SessionUser | null => {
    const next = normalizeUser(session.user)
    setCsrfToken(session.csrfToken)
    setApp(session.app)
    setUser(next)
    setStatus('ready')
    return next
  }, [])

  const refresh = useCallback(async () => {
    try {
      return apply(await api.get<SessionResponse>('/auth/session'))
    } catch {
      setStatus((current) => (current === 'ready' ? current : 'error'))
      return null
    }
  }, [apply])

  useEffect(() => {
    void refresh()
  }, [refresh])

  // A 401 on a protected call: the session is gone. Forget the user and go to the login page,
  // remembering where we were. Public pages (an invitation, the login's code step) stay put.
  const here = `${location.pathname}${location.search}`
  const onPublicPage = PUBLIC_PAGES.some(
    (p) => location.pathname === p || location.pathname.startsWith(`${p}/`),
  )
  useEffect(
    () =>
      onUnauthorized(() => {
        if (onPublicPage) {
          void refresh()
          return
        }
        setUser(null)
        navigate(loginPathFor(here), { replace: true })
        void refresh()
      }),
    [navigate, here, onPublicPage, refresh],
  )

  const login = useCallback(
    async (email: string, password: string) => {
      const next = apply(await api.post<SessionResponse>('/auth/login', { email, password }))
      if (!next) throw new Error('A entrada não devolveu o usuário. Tente novamente.')
      return next
    },
    [apply],
  )

  const verifyMfa = useCallback(
    async (proof: MfaProof) => {
      const next = apply(await api.post<SessionResponse>('/auth/mfa/verify', proof))
      if (!next) throw new Error('A verificação não devolveu o usuário. Entre novamente.')
      return next
    },
    [apply],
  )

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout')
    } finally {
      // Notices of the person who left must not stay on a shared screen.
      notifications.clean()
      setUser(null)
      await refresh()
    }
  }, [refresh])

  const switchTenant = useCallback(
    async (tenantId: string, kind?: SessionKind) =>
      apply(await api.post<SessionResponse>('/auth/switch-tenant', kind ? { tenantId, kind } : { tenantId })),
    [apply],
  )

  const switchCompany = useCallback(
    async (companyId: string) =>
      apply(await api.post<SessionResponse>('/portal/switch-company', { companyId })),
    [apply],
  )

  const applySession = useCallback((session: SessionResponse) => void apply(session), [apply])

  const value = useMemo<SessionContextValue>(() => {
    const permissions = user?.permissions ?? []
    const granted = new Set(permissions)
    return {
      status,
      user,
      app,
      permissions,
      can: (permission: string) => granted.has(permission),
      login,
      verifyMfa,
      logout,
      switchTenant,
      switchCompany,
      applySession,
      refresh,
    }
  }, [status, user, app, login, verifyMfa, logout, switchTenant, switchCompany, applySession, refresh])

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession must be used inside <SessionProvider>')
  return value
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useUser(): SessionUser {
  const { user } = useSession()
  if (!user) throw new Error('useUser needs a signed-in user')
  return user
}

/**
 * The tenant's name, plus "(equipe)" or "(portal)" when the person is staff somewhere and a client
 * user somewhere else (otherwise the kind adds nothing).
 */
export function membershipLabel(membership: Membership, all: Membership[]): string {
  const mixed = all.some((m) => m.kind === 'staff') && all.some((m) => m.kind === 'client')
  if (!mixed) return membership.tenantName
  return `${membership.tenantName} ${membership.kind === 'staff' ? '(equipe)' : '(portal)'}`
}
