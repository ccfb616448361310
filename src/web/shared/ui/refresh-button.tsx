import { Button } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import type { ApiQuery } from '../use-api-query.ts'

/** "Atualizar": loads a list again, spinning while a reload (not the first load) is in flight. */
export function RefreshButton({ query }: { query: Pick<ApiQuery<unknown>, 'reload' | 'loading' | 'data'> }) {
  return (
    <Button
      variant="default"
      leftSection={<IconRefresh size={16} />}
      onClick={() => void query.reload()}
      loading={query.loading && Boolean(query.data)}
    >
      Atualizar
    </Button>
  )
}
