import { Button, Center, Loader, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { hasAll, type PermissionRequirement } from '../permissions.ts'
import { homePathFor, KEYPASS_SETUP_PATH, loginPathFor, useSession } from '../session.tsx'
import { FullPageMessage } from './status-pages.tsx'
import { ForbiddenContent } from './status-pages.tsx'

export function FullPageLoader() {
  return (
    <Center mih="100vh" aria-busy="true">
      <Loader aria-label="Carregando" />
    </Center>
  )
}

/** Waits for the session; shows a retry message when the server cannot be reached. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { status, refresh } = useSession()
  if (status === 'loading') return <FullPageLoader />
  if (status === 'error') {
    return (
      <FullPageMessage title="Não foi possível carregar o Cadastra">
        <Text c="dimmed">O servidor não respondeu. Verifique sua conexão e tente de novo.</Text>
        <Button onClick={() => void refresh()}>Tentar de novo</Button>
      </FullPageMessage>
    )
  }
  return <>{children}</>
}

interface RequireAuthProps {
  /**
   * The side of the app the screen belongs to: `staff` (the default) for the team's shell, `portal`
   * for client users. A session of the other kind goes to its own home.
   */
  area?: 'staff' | 'portal'
  children: ReactNode
}

/**
 * Renders its children only for a fully signed-in user of the right kind. Without a session (or
 * with the KEYPASS code still missing) it goes to the login page; a client user without a KEYPASS
 * goes to the KEYPASS setup.
 */
export function RequireAuth({ area = 'staff', children }: RequireAuthProps) {
  const { user } = useSession()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  if (!user || user.stage === 'mfa') return <Navigate to={loginPathFor(here)} replace />
  if (user.stage === 'enrol') return <Navigate to={KEYPASS_SETUP_PATH} replace />
  const kind = area === 'portal' ? 'client' : 'staff'
  if (user.kind !== kind) return <Navigate to={homePathFor(user)} replace />
  return <>{children}</>
}

/** Any signed-in user past the password (stage `enrol` or `full`): the KEYPASS setup page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user } = useSession()
  const location = useLocation()
  if (!user || user.stage === 'mfa') {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />
  }
  return <>{children}</>
}

interface RequireAccessProps {
  /** One permission, or several that are all needed. */
  permission?: PermissionRequirement
  platformAdminOnly?: boolean
  children: ReactNode
}

/** Shows "Acesso não permitido" instead of a screen the user's profile does not allow. */
export function RequireAccess({ permission, platformAdminOnly, children }: RequireAccessProps) {
  const { user, can } = useSession()
  const allowed = platformAdminOnly ? Boolean(user?.isPlatformAdmin) : hasAll(can, permission)
  return allowed ? children : <ForbiddenContent />
}
