import { Button, Group, Text } from '@mantine/core'
import { useRouteError } from 'react-router'
import { PageLoadError } from './lazy-page.tsx'
import { FullPageMessage } from './status-pages.tsx'

/**
 * What the app shows instead of a screen that failed to render (the router's error element): a
 * pt-BR message and a way out, never a stack trace (the browser console has the error). A page whose code cannot be fetched even after
 * a reload gets its own message (the connection, or a deployment in progress).
 */
export function RouteError() {
  const error = useRouteError()
  const loading = error instanceof PageLoadError
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
