import { Button, Center, Loader, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { loginPathFor, useSession } from '../session.tsx'
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

/** Renders its children only for a signed-in user; otherwise goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useSession()
  const location = useLocation()
  if (!user) return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />
  return <>{children}</>
}

interface RequireAccessProps {
  permission?: string
  platformAdminOnly?: boolean
  children: ReactNode
}

/** Shows "Acesso não permitido" instead of a screen the user's profile does not allow. */
export function RequireAccess({ permission, platformAdminOnly, children }: RequireAccessProps) {
  const { user, can } = useSession()
  const allowed = platformAdminOnly ? Boolean(user?.isPlatformAdmin) : permission ? can(permission) : true
  return allowed ? children : <ForbiddenContent />
}
