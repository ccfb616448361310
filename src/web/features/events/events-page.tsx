import {
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  LoadingOverlay,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconCalendarEvent,
  IconCalendarMonth,
  IconList,
  IconPlus,
  IconSearch,
  IconUserPause,
} from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { EventStatusBadge } from './event-status-badge.tsx'
import { EventsCalendar } from './events-calendar.tsx'
import { EVENT_STATUS_OPTIONS, seatsLabel, secondaryCountLabel } from './events.labels.ts'
import type { EventSummary } from './events.types.ts'

const PAGE_SIZE = 20

/** `/eventos`: events and trainings, as a list (main events) or a month calendar (every session). */
export function EventsPage() {
  const [params, setParams] = useSearchParams()
  const calendar = params.get('visao') === 'calendario'
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [status, setStatus] = useState('')
  const [page, setPage] = useState(1)

  function setView(next: 'lista' | 'calendario') {
    const updated = new URLSearchParams(params)
    if (next === 'lista') {
      updated.delete('visao')
      updated.delete('mes')
    } else updated.set('visao', 'calendario')
    setParams(updated, { replace: true })
  }

  return (
    <>
      <PageHeader
        title="Eventos e treinamentos"
        description="Treinamentos, reuniões e eventos abertos ao público: inscrições, presença, e-mails e certificados."
        actions={
          <>
            <Button
              component={Link}
              to="/eventos/convites-aguardando"
              variant="default"
              leftSection={<IconUserPause size={18} />}
            >
              Convites aguardando treinamento
            </Button>
            <Button component={Link} to="/eventos/novo" leftSection={<IconPlus size={18} />}>
              Novo evento
            </Button>
          </>
        }
      />

      <Paper withBorder p="md">
        <Grid gap="sm" mb="md" align="flex-end">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label="Buscar"
              placeholder="Código, descrição, cliente ou responsável"
              type="search"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value)
                setPage(1)
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <NativeSelect
              label="Status"
              data={[{ value: '', label: 'Todos' }, ...EVENT_STATUS_OPTIONS]}
              value={status}
              onChange={(e) => {
                setStatus(e.currentTarget.value)
                setPage(1)
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <Group justify="flex-end" gap={0}>
              <Button.Group aria-label="Visualização">
                <Button
                  variant={calendar ? 'default' : 'filled'}
                  leftSection={<IconList size={16} />}
                  aria-pressed={!calendar}
                  onClick={() => setView('lista')}
                >
                  Lista
                </Button>
                <Button
                  variant={calendar ? 'filled' : 'default'}
                  leftSection={<IconCalendarMonth size={16} />}
                  aria-pressed={calendar}
                  onClick={() => setView('calendario')}
                >
                  Calendário
                </Button>
              </Button.Group>
            </Group>
          </Grid.Col>
        </Grid>

        {calendar ? (
          <EventsCalendar search={debouncedSearch} status={status} />
        ) : (
          <EventsList search={debouncedSearch} status={status} page={page} onPage={setPage} />
        )}
      </Paper>
    </>
  )
}

interface ListProps {
  search: string
  status: string
  page: number
  onPage: (page: number) => void
}

function EventsList({ search, status, page, onPage }: ListProps) {
  const navigate = useNavigate()
  const list = useApiQuery<Paged<EventSummary>>('/events', {
    search,
    status,
    mainOnly: 'true',
    page,
    pageSize: PAGE_SIZE,
  })
  const items = list.data?.items ?? []
  const filtered = Boolean(search || status)

  return (
    <>
      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      <Box pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
        {list.data && items.length === 0 ? (
          <EmptyState
            icon={<IconCalendarEvent size={28} stroke={1.5} />}
            title={filtered ? 'Nenhum evento encontrado' : 'Nenhum evento ainda'}
            description={
              filtered
                ? 'Nenhum evento corresponde à busca e ao status escolhidos.'
                : 'Cadastre treinamentos e eventos para receber inscrições e emitir certificados.'
            }
          >
            {filtered ? null : (
              <Button component={Link} to="/eventos/novo" leftSection={<IconPlus size={18} />}>
                Cadastrar o primeiro evento
              </Button>
            )}
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={1000}>
            <Table aria-label="Eventos" aria-busy={list.loading} highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Código</Table.Th>
                  <Table.Th>Evento</Table.Th>
                  <Table.Th w={150}>Data</Table.Th>
                  <Table.Th w={160}>Cliente</Table.Th>
                  <Table.Th w={115}>Inscritos</Table.Th>
                  <Table.Th w={135}>Responsável</Table.Th>
                  <Table.Th w={120}>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((event) => (
                  <EventRow key={event.id} event={event} onOpen={() => navigate(`/eventos/${event.id}`)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
      {list.data ? (
        <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={onPage} />
      ) : null}
    </>
  )
}

function EventRow({ event, onOpen }: { event: EventSummary; onOpen: () => void }) {
  return (
    <Table.Tr onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {event.code}
        </Text>
      </Table.Td>
      <Table.Td style={{ maxWidth: 0, minWidth: 220 }}>
        <Anchor
          component={Link}
          to={`/eventos/${event.id}`}
          size="sm"
          fw={500}
          c="inherit"
          onClick={(e) => e.stopPropagation()}
          style={{ display: 'block', overflowWrap: 'anywhere' }}
        >
          {event.description}
        </Anchor>
        <Group gap={6} mt={2}>
          <Text size="xs" c="dimmed">
            {event.typeName}
          </Text>
          {event.secondaryCount > 0 ? (
            <Badge size="xs" variant="outline" color="gray">
              {secondaryCountLabel(event.secondaryCount)}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <EventDates startsAt={event.startsAt} endsAt={event.endsAt} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} c={event.clientOrgName ? undefined : 'dimmed'}>
          {event.clientOrgName ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm">{seatsLabel(event.registeredCount, event.capacity)}</Text>
          {event.waitlistCount > 0 ? (
            <Text size="xs" c="orange.8">
              {formatNumber(event.waitlistCount)} na espera
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} c={event.responsibleName ? undefined : 'dimmed'}>
          {event.responsibleName ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <EventStatusBadge status={event.status} />
      </Table.Td>
    </Table.Tr>
  )
}

/** Start and end on two lines: the day, then the hours (or both instants when it spans days). */
function EventDates({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const sameDay = formatDate(startsAt) === formatDate(endsAt)
  return (
    <Stack gap={0} style={{ whiteSpace: 'nowrap' }}>
      <Text size="sm">{sameDay ? formatDate(startsAt) : `${formatDateTime(startsAt)} –`}</Text>
      <Text size="sm" c="dimmed">
        {sameDay ? `${formatTime(startsAt)}–${formatTime(endsAt)}` : formatDateTime(endsAt)}
      </Text>
    </Stack>
  )
}
