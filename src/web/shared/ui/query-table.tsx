import { Box, LoadingOverlay, Table } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ItemList } from '../paged.ts'
import type { ApiQuery } from '../use-api-query.ts'
import { EmptyState } from './empty-state.tsx'
import { LoadError } from './load-error.tsx'

interface QueryTableProps<T> {
  /** The list: a load error shows above the table (with "Tentar de novo"), an overlay while it first loads. */
  query: ApiQuery<ItemList<T>>
  /** Shown when the list loaded empty. */
  empty: { icon: ReactNode; title: string; description: string }
  /** The table's accessible name. */
  label: string
  /** Below this width the table scrolls sideways. */
  minWidth: number
  /** The header cells. */
  head: ReactNode
  /** One row per item. */
  row: (item: T) => ReactNode
}

/** A loaded list as a table, with its load error, loading overlay and empty state. */
export function QueryTable<T>({ query, empty, label, minWidth, head, row }: QueryTableProps<T>) {
  const items = query.data?.items ?? []
  return (
    <>
      {query.error ? <LoadError error={query.error} onRetry={() => void query.reload()} /> : null}
      <Box pos="relative" mih={100}>
        <LoadingOverlay visible={query.loading && !query.data} zIndex={1} />
        {query.data && items.length === 0 ? (
          <EmptyState icon={empty.icon} title={empty.title} description={empty.description} />
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={minWidth}>
            <Table highlightOnHover verticalSpacing="sm" aria-label={label}>
              <Table.Thead>
                <Table.Tr>{head}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>{items.map(row)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
    </>
  )
}
