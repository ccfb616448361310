import { Button, Text } from '@mantine/core'
import { Link } from 'react-router'
import { useSession } from '../session.tsx'
import { AppLayout } from './app-layout.tsx'
import { FullPageMessage, NotFoundContent } from './status-pages.tsx'

/** Unknown address: inside the app shell for a signed-in user, a plain page otherwise. */
export function NotFoundPage() {
  const { user } = useSession()
  if (user) {
    return (
      <AppLayout>
        <NotFoundContent />
      </AppLayout>
    )
  }
  return (
    <FullPageMessage title="Página não encontrada">
      <Text c="dimmed">O endereço que você abriu não existe ou foi movido.</Text>
      <Button component={Link} to="/entrar">
        Ir para a página de entrada
      </Button>
    </FullPageMessage>
  )
}
