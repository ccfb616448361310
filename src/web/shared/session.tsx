import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { api, onUnauthorized, setCsrfToken } from './api.ts'

export interface TenantRef {
  id: string
  name: string
  slug: string
}

export interface SessionUser {
  id: string
  name: string
  email: string
  isPlatformAdmin: boolean
  tenant: TenantRef
  permissions: string[]
  tenants: TenantRef[]
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

type Status = 'loading' | 'ready' | 'error'

export interface SessionContextValue {
  status: Status
  user: SessionUser | null
  app: AppInfo | null
  permissions: string[]
  /** True when the access profile of the current tenant grants the permission (as the server checks it). */
  can: (permission: string) => boolean
  login: (email: string, password: string) => Promise<SessionUser>
  logout: () => Promise<void>
  switchTenant: (tenantId: string) => Promise<void>
  refresh: () => Promise<void>
}

const SessionContext = createContext<SessionContextValue | null>(null)

export const LOGIN_PATH = '/entrar'

export function loginPathFor(next: string): string {
  if (!next || next === '/' || next.startsWith(LOGIN_PATH)) return LOGIN_PATH
  return `${LOGIN_PATH}?proximo=${encodeURIComponent(next)}`
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading')
  const [user, setUser] = useState<SessionUser | null>(null)
  const [app, setApp] = useState<AppInfo | null>(null)
  const navigate = useNavigate()
  const location = useLocation()

  const apply = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken)
    setApp(session.app)
    setUser(session.user)
    setStatus('ready')
  }, [])

  const refresh = useCallback(async () => {
    try {
      apply(await api.get<SessionResponse>('/auth/session'))
    } catch {
      setStatus((current) => (current === 'ready' ? current : 'error'))
    }
  }, [apply])

  useEffect(() => {
    void refresh()
  }, [refresh])

  // A 401 on a protected call: the session is gone. Forget the user and go to the login page,
  // remembering where we were.
  const here = `${location.pathname}${location.search}`
  useEffect(
    () =>
      onUnauthorized(() => {
        setUser(null)
        navigate(loginPathFor(here), { replace: true })
        void refresh()
      }),
    [navigate, here, refresh],
  )

  const login = useCallback(
    async (email: string, password: string) => {
      const session = await api.post<SessionResponse>('/auth/login', { email, password })
      apply(session)
      if (!session.user) throw new Error('A entrada não devolveu o usuário. Tente novamente.')
      return session.user
    },
    [apply],
  )

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout')
    } finally {
      setUser(null)
      await refresh()
    }
  }, [refresh])

  const switchTenant = useCallback(
    async (tenantId: string) => {
      apply(await api.post<SessionResponse>('/auth/switch-tenant', { tenantId }))
    },
    [apply],
  )

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
      logout,
      switchTenant,
      refresh,
    }
  }, [status, user, app, login, logout, switchTenant, refresh])

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
