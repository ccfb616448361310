import { Group, Pagination, Text } from '@mantine/core'
import { formatNumber } from '../../../shared/format.ts'

interface PaginationBarProps {
  page: number
  pageSize: number
  total: number
  /** The total is a floor: there are more matches than counted ("mais de N"). */
  totalCapped?: boolean
  onChange: (page: number) => void
}

/** "Mostrando 21–40 de 95" plus page buttons; hidden when there is nothing to page. */
export function PaginationBar({ page, pageSize, total, totalCapped, onChange }: PaginationBarProps) {
  if (total === 0) return null
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const first = (page - 1) * pageSize + 1
  const last = Math.min(total, page * pageSize)
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        Mostrando {formatNumber(first)}–{formatNumber(last)} de {totalCapped ? 'mais de ' : ''}
        {formatNumber(total)}
        {totalCapped ? ' (refine a busca para ver os demais)' : ''}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={page}
          onChange={onChange}
          size="sm"
          withEdges
          getControlProps={(control) => ({
            'aria-label': {
              first: 'Primeira página',
              previous: 'Página anterior',
              next: 'Próxima página',
              last: 'Última página',
            }[control],
          })}
          getItemProps={(item) => ({ 'aria-label': `Página ${item}` })}
        />
      ) : null}
    </Group>
  )
}
