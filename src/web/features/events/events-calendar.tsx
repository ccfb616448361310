import {
  ActionIcon,
  Box,
  Button,
  Group,
  LoadingOverlay,
  SimpleGrid,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react'
import { Link, useSearchParams } from 'react-router'
import { formatNumber, formatTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { saoPauloDay, toSaoPauloIso } from './event-form.ts'
import { eventStatusColor, eventStatusLabel } from './events.labels.ts'
import type { EventSummary } from './events.types.ts'

const MAX_EVENTS = 200
const PER_DAY = 4
const WEEKDAYS = ['Dom', 'Seg', 'Ter', 'Qua', 'Qui', 'Sex', 'Sáb']
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

/** 'YYYY-MM' plus `delta` months. */
function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1 + delta, 1))
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`
}

function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number)
  const text = new Intl.DateTimeFormat('pt-BR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  )
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The weeks shown for the month, Sunday first: days as 'YYYY-MM-DD', blanks outside the month. */
function monthCells(month: string): { key: string; day: string | null }[] {
  const [y, m] = month.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1, 1))
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const cells: { key: string; day: string | null }[] = []
  for (let i = 0; i < first.getUTCDay(); i++) cells.push({ key: `before-${i}`, day: null })
  for (let d = 1; d <= days; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`
    cells.push({ key: day, day })
  }
  for (let i = 0; cells.length % 7 !== 0; i++) cells.push({ key: `after-${i}`, day: null })
  return cells
}

/** The month grid of the events page (`?visao=calendario&mes=2026-05`): events on their start day. */
export function EventsCalendar({ search, status }: { search: string; status: string }) {
  const [params, setParams] = useSearchParams()
  const today = saoPauloDay(new Date())
  const requested = params.get('mes')
  const month = requested && MONTH_PATTERN.test(requested) ? requested : today.slice(0, 7)
  const list = useApiQuery<Paged<EventSummary>>('/events', {
    search,
    status,
    mainOnly: 'false',
    from: toSaoPauloIso(`${month}-01`, '00:00'),
    to: toSaoPauloIso(`${addMonths(month, 1)}-01`, '00:00'),
    page: 1,
    pageSize: MAX_EVENTS,
  })

  const byDay = new Map<string, EventSummary[]>()
  const sorted = [...(list.data?.items ?? [])].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
  for (const event of sorted) {
    const day = saoPauloDay(event.startsAt)
    byDay.set(day, [...(byDay.get(day) ?? []), event])
  }

  function go(next: string) {
    const updated = new URLSearchParams(params)
    updated.set('visao', 'calendario')
    updated.set('mes', next)
    setParams(updated, { replace: true })
  }

  return (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Title order={2} fz="h3" aria-live="polite">
          {monthTitle(month)}
        </Title>
        <Group gap="xs">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Mês anterior"
            onClick={() => go(addMonths(month, -1))}
          >
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Button variant="default" onClick={() => go(today.slice(0, 7))}>
            Hoje
          </Button>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Próximo mês"
            onClick={() => go(addMonths(month, 1))}
          >
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
      </Group>
      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && list.data.total > MAX_EVENTS ? (
        <Text size="sm" c="orange.8" mb="xs">
          O mês tem {formatNumber(list.data.total)} eventos; o calendário mostra os {formatNumber(MAX_EVENTS)}{' '}
          primeiros. Use a busca ou o status para ver os demais.
        </Text>
      ) : null}
      <Box pos="relative" style={{ overflowX: 'auto' }}>
        <LoadingOverlay visible={list.loading} zIndex={1} overlayProps={{ blur: 1 }} />
        <Box miw={760} role="grid" aria-label={`Calendário de ${monthTitle(month)}`}>
          <SimpleGrid cols={7} spacing={0} role="row">
            {WEEKDAYS.map((name) => (
              <Text
                key={name}
                size="xs"
                fw={700}
                c="dimmed"
                tt="uppercase"
                ta="center"
                py={4}
                role="columnheader"
              >
                {name}
              </Text>
            ))}
          </SimpleGrid>
          <SimpleGrid
            cols={7}
            spacing={0}
            style={{
              borderTop: '1px solid var(--mantine-color-gray-3)',
              borderLeft: '1px solid var(--mantine-color-gray-3)',
            }}
          >
            {monthCells(month).map(({ key, day }) =>
              day ? (
                <DayCell key={key} day={day} today={day === today} events={byDay.get(day) ?? []} />
              ) : (
                <Box key={key} bg="gray.0" style={cellBorder} mih={110} />
              ),
            )}
          </SimpleGrid>
        </Box>
      </Box>
    </>
  )
}

const cellBorder = {
  borderRight: '1px solid var(--mantine-color-gray-3)',
  borderBottom: '1px solid var(--mantine-color-gray-3)',
}

function DayCell({ day, today, events }: { day: string; today: boolean; events: EventSummary[] }) {
  const [y, m, d] = day.split('-')
  const shown = events.slice(0, PER_DAY)
  return (
    <Box p={4} mih={110} style={cellBorder} role="gridcell" aria-label={`${d}/${m}/${y}`}>
      <Text
        size="xs"
        fw={today ? 800 : 500}
        c={today ? 'white' : 'dimmed'}
        bg={today ? 'brand.6' : undefined}
        w={22}
        h={22}
        ta="center"
        lh="22px"
        style={{ borderRadius: 11 }}
        mb={2}
      >
        {Number(d)}
      </Text>
      {shown.map((event) => (
        <EventChip key={event.id} event={event} />
      ))}
      {events.length > shown.length ? (
        <Text size="xs" c="dimmed" px={4}>
          mais {formatNumber(events.length - shown.length)}
        </Text>
      ) : null}
    </Box>
  )
}

function EventChip({ event }: { event: EventSummary }) {
  const color = eventStatusColor(event.status)
  const cancelled = event.status === 'cancelado'
  return (
    <UnstyledButton
      component={Link}
      to={`/eventos/${event.id}`}
      title={`${event.code} — ${event.description} (${eventStatusLabel(event.status)})`}
      display="block"
      w="100%"
      mb={2}
      px={4}
      py={1}
      bg={`${color}.0`}
      style={{ borderLeft: `3px solid var(--mantine-color-${color}-6)`, borderRadius: 3 }}
    >
      <Text
        size="xs"
        lineClamp={2}
        td={cancelled ? 'line-through' : undefined}
        style={{ overflowWrap: 'anywhere' }}
      >
        <Text span size="xs" fw={700}>
          {formatTime(event.startsAt)}
        </Text>{' '}
        {event.description}
      </Text>
    </UnstyledButton>
  )
}
