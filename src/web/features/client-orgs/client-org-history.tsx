import { Box, Group, LoadingOverlay, Stack, Table, Text } from '@mantine/core'
import { IconHistory } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { actionLabel } from '../audit/audit-labels.ts'
import type { AuditData, AuditEntry } from '../audit/audit.types.ts'
import { CLIENT_FIELD_LABELS, ENVIRONMENTS } from './client-orgs.labels.ts'
import type { Environment } from './client-orgs.types.ts'

const PAGE_SIZE = 20
const MAX_VALUE = 120

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

function shorten(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text
}

/** A field value of the audit snapshot as a short pt-BR text. */
export function describeValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (key === 'isActive' && typeof value === 'boolean') return value ? 'Ativo' : 'Inativo'
  if (key === 'environment' && typeof value === 'string') {
    return ENVIRONMENTS[value as Environment]?.label ?? value
  }
  if (typeof value === 'boolean') return value ? 'Sim' : 'Não'
  if (Array.isArray(value)) return value.length === 0 ? '(nenhum)' : shorten(value.map(String).join('; '))
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    return entries.length === 0
      ? '(nenhum)'
      : shorten(entries.map(([k, v]) => `${k}: ${String(v)}`).join('; '))
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value)
  return shorten(String(value))
}

interface Change {
  key: string
  before: string
  after: string
}

export function changesOf(entry: AuditEntry): Change[] {
  const before = (entry.before ?? null) as AuditData | null
  const after = (entry.after ?? null) as AuditData | null
  if (!before || !after) return []
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .filter((key) => key in after && !same(before[key], after[key]))
    .map((key) => ({ key, before: describeValue(key, before[key]), after: describeValue(key, after[key]) }))
}

function Summary({ entry }: { entry: AuditEntry }) {
  if (entry.action === 'create') {
    return <Text size="sm">Cliente cadastrado.</Text>
  }
  const changes = changesOf(entry)
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {entry.before || entry.after ? 'Nenhum campo mudou.' : 'Sem detalhes.'}
      </Text>
    )
  }
  return (
    <Stack gap={2}>
      {changes.map((change) => (
        <Text size="sm" key={change.key} style={{ wordBreak: 'break-word' }}>
          <strong>{CLIENT_FIELD_LABELS[change.key] ?? change.key}:</strong>{' '}
          <Text span size="sm" c="dimmed" td="line-through">
            {change.before}
          </Text>{' '}
          → {change.after}
        </Text>
      ))}
    </Stack>
  )
}

/** "Histórico" tab: the audit entries of this client, newest first. */
export function ClientOrgHistory({ orgId }: { orgId: string }) {
  const [page, setPage] = useState(1)
  const list = useApiQuery<Paged<AuditEntry>>('/audit', {
    entity: 'client_org',
    entityId: orgId,
    page,
    pageSize: PAGE_SIZE,
  })
  const items = list.data?.items ?? []

  return (
    <Box pos="relative" mih={120}>
      <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && items.length === 0 ? (
        <EmptyState
          icon={<IconHistory size={28} stroke={1.5} />}
          title="Nenhum registro"
          description="As alterações deste cliente aparecem aqui."
        />
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Histórico do cliente" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>Data/hora</Table.Th>
                <Table.Th w={180}>Quem</Table.Th>
                <Table.Th w={120}>Ação</Table.Th>
                <Table.Th>O que mudou (antes → depois)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(entry.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.actorName ?? 'Sistema'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Text size="sm">{actionLabel(entry.action)}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Summary entry={entry} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {list.data ? (
        <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} />
      ) : null}
    </Box>
  )
}
