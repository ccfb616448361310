import {
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  LoadingOverlay,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  NativeSelect,
  VisuallyHidden,
} from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useDebouncedValue } from '@mantine/hooks'
import { IconCalendar, IconFilterOff, IconHistory, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { AuditDiff } from './audit-diff.tsx'
import { actionLabel, entityLabel } from './audit-labels.ts'
import type { AuditEntry, AuditFacets } from './audit.types.ts'

const PAGE_SIZE = 20

interface Filters {
  entity: string | null
  action: string | null
  actorId: string | null
  from: string | null
  to: string | null
}

const NO_FILTERS: Filters = { entity: null, action: null, actorId: null, from: null, to: null }

/** Calendar days are São Paulo days: send the whole day as an explicit instant range. */
function dayStart(day: string | null): string | undefined {
  return day ? `${day}T00:00:00-03:00` : undefined
}
function dayEnd(day: string | null): string | undefined {
  return day ? `${day}T23:59:59.999-03:00` : undefined
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<AuditEntry | null>(null)

  const facets = useApiQuery<AuditFacets>('/audit/facets')
  const people = (facets.data?.actors ?? [])
    .map((p) => ({ value: p.id, label: p.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'pt-BR'))
  const list = useApiQuery<Paged<AuditEntry>>('/audit', {
    entity: filters.entity,
    action: filters.action,
    actorId: filters.actorId,
    from: dayStart(filters.from),
    to: dayEnd(filters.to),
    search: debouncedSearch,
    page,
    pageSize: PAGE_SIZE,
  })
  const items = list.data?.items ?? []
  const filtered = Object.values(filters).some(Boolean) || debouncedSearch !== ''

  function update(patch: Partial<Filters>) {
    setFilters((current) => ({ ...current, ...patch }))
    setPage(1)
  }

  function clearFilters() {
    setFilters(NO_FILTERS)
    setSearch('')
    setPage(1)
  }

  return (
    <>
      <PageHeader
        title="Auditoria"
        description="Tudo o que muda no sistema fica registrado: quem fez, quando e o que mudou."
      />

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" mb="md">
          <NativeSelect
            label="Entidade"
            data={[
              { value: '', label: 'Todas' },
              ...(facets.data?.entities ?? []).map((code) => ({ value: code, label: entityLabel(code) })),
            ]}
            value={filters.entity ?? ''}
            onChange={(event) => update({ entity: event.currentTarget.value || null })}
          />
          <NativeSelect
            label="Ação"
            data={[
              { value: '', label: 'Todas' },
              ...(facets.data?.actions ?? []).map((code) => ({ value: code, label: actionLabel(code) })),
            ]}
            value={filters.action ?? ''}
            onChange={(event) => update({ action: event.currentTarget.value || null })}
          />
          <NativeSelect
            label="Quem"
            data={[{ value: '', label: 'Qualquer pessoa' }, ...people]}
            value={filters.actorId ?? ''}
            onChange={(event) => update({ actorId: event.currentTarget.value || null })}
          />
          <DatePickerInput
            label="De"
            placeholder="dd/mm/aaaa"
            valueFormat="DD/MM/YYYY"
            clearable
            leftSection={<IconCalendar size={16} />}
            value={filters.from}
            maxDate={filters.to ?? undefined}
            onChange={(value) => update({ from: value })}
          />
          <DatePickerInput
            label="Até"
            placeholder="dd/mm/aaaa"
            valueFormat="DD/MM/YYYY"
            clearable
            leftSection={<IconCalendar size={16} />}
            value={filters.to}
            minDate={filters.from ?? undefined}
            onChange={(value) => update({ to: value })}
          />
          <TextInput
            label="Busca"
            placeholder="Nome, e-mail, identificador…"
            type="search"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value)
              setPage(1)
            }}
          />
        </SimpleGrid>
        {filtered ? (
          <Group justify="flex-end" mb="sm" mt={-4}>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconFilterOff size={14} />}
              onClick={clearFilters}
            >
              Limpar filtros
            </Button>
          </Group>
        ) : null}

        {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}

        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={list.loading && !list.data} zIndex={1} />
          {list.data && items.length === 0 ? (
            <EmptyState
              icon={<IconHistory size={28} stroke={1.5} />}
              title="Nenhum registro encontrado"
              description={
                filtered
                  ? 'Nenhum registro corresponde aos filtros escolhidos.'
                  : 'Ainda não há registros de auditoria.'
              }
            />
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={820}>
              <Table aria-label="Registros de auditoria" aria-busy={list.loading}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={150}>Data/hora</Table.Th>
                    <Table.Th>Quem</Table.Th>
                    <Table.Th>Ação</Table.Th>
                    <Table.Th>Entidade</Table.Th>
                    <Table.Th>Registro</Table.Th>
                    <Table.Th w={110}>
                      <VisuallyHidden>Detalhes</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((entry) => (
                    <Table.Tr
                      key={entry.id}
                      className="cadastra-row-clickable"
                      onClick={() => setSelected(entry)}
                    >
                      <Table.Td>
                        <Text size="sm">{formatDateTime(entry.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{entry.actorName ?? 'Sistema'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <ActionBadge action={entry.action} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{entityLabel(entry.entity)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <RecordLabel entry={entry} />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={(event) => {
                            event.stopPropagation()
                            setSelected(entry)
                          }}
                        >
                          Detalhes
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Box>

        {list.data ? (
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} />
        ) : null}
      </Paper>

      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="min(960px, 100%)"
        title={
          selected ? (
            <Text
              fw={700}
              fz="lg"
            >{`${actionLabel(selected.action)} · ${entityLabel(selected.entity)}`}</Text>
          ) : null
        }
      >
        {selected ? <AuditDetails entry={selected} /> : null}
      </Drawer>
    </>
  )
}

const ACTION_COLORS: Record<string, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  login: 'gray',
  logout: 'gray',
  login_failed: 'orange',
  account_locked: 'red',
  login_locked: 'red',
}

function ActionBadge({ action }: { action: string }) {
  return (
    <Badge variant="light" color={ACTION_COLORS[action] ?? 'brand'} tt="none" miw="max-content">
      {actionLabel(action)}
    </Badge>
  )
}

function recordName(entry: AuditEntry): string | null {
  for (const data of [entry.after, entry.before]) {
    // Events are named by their description and fichas by their protocol.
    const name = data?.name ?? data?.email ?? data?.subject ?? data?.description ?? data?.protocol
    if (typeof name === 'string' && name) return name
  }
  return null
}

function RecordLabel({ entry }: { entry: AuditEntry }) {
  const name = recordName(entry)
  return (
    <Stack gap={0}>
      {name ? <Text size="sm">{name}</Text> : null}
      {entry.entityId ? (
        <Text size="xs" c="dimmed" ff="monospace" truncate maw={220}>
          {entry.entityId}
        </Text>
      ) : name ? null : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
    </Stack>
  )
}

function AuditDetails({ entry }: { entry: AuditEntry }) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Detail label="Data/hora" value={formatDateTime(entry.createdAt)} />
        <Detail label="Quem" value={entry.actorName ?? 'Sistema'} />
        <Detail label="Ação" value={actionLabel(entry.action)} />
        <Detail label="Entidade" value={entityLabel(entry.entity)} />
        <Detail label="Registro" value={entry.entityId ?? '—'} mono />
        <Detail label="Endereço IP" value={entry.ip ?? '—'} mono />
      </SimpleGrid>
      <AuditDiff before={entry.before} after={entry.after} />
    </Stack>
  )
}

function Detail({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </div>
  )
}
