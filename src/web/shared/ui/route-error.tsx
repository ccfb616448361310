import { Button, Group, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useLocation, useRouteError } from 'react-router'
import { FullPageLoader } from './guards.tsx'
import { PageLoadError, reloadOnce } from './lazy-page.tsx'
import { FullPageMessage } from './status-pages.tsx'

/**
 * What the app shows instead of a screen that failed to render (the router's error element): a
 * pt-BR message and a way out, never a stack trace (the browser console has the error). A page
 * whose code could not be fetched is first loaded again in full, once (a tab older than the
 * deployment gets the new files); if that does not help, it gets its own message.
 */
export function RouteError() {
  const error = useRouteError()
  const { pathname, search } = useLocation()
  const loading = error instanceof PageLoadError
  const [reloading, setReloading] = useState(loading)
  useEffect(() => {
    if (loading) setReloading(reloadOnce(pathname + search))
  }, [loading, pathname, search])
  if (reloading) return <FullPageLoader />
  return (
    <FullPageMessage title={loading ? 'Não foi possível abrir esta página' : 'Algo deu errado nesta página'}>
      <Text c="dimmed">
        {loading
          ? 'O código da página não chegou ao navegador. Confira sua conexão e recarregue; se o Cadastra acabou de ser atualizado, recarregar traz a versão nova.'
          : 'Um erro inesperado impediu a exibição desta tela. Recarregue a página; se o erro continuar, avise o suporte informando o que estava fazendo.'}
      </Text>
      <Group justify="center" mt="sm">
        <Button onClick={() => window.location.reload()}>Recarregar a página</Button>
        <Button component="a" href="/" variant="default">
          Ir para o início
        </Button>
      </Group>
    </FullPageMessage>
  )
}
