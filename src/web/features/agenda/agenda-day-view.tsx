import { Box, Group, LoadingOverlay, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import { IconUsers } from '@tabler/icons-react'
import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react'
import { formatPhone } from '../../../shared/documents.ts'
import { formatTime } from '../../../shared/format.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import classes from './agenda-day-view.module.css'
import {
  DEFAULT_SLOT_MINUTES,
  formatHm,
  GRID_END_MINUTES,
  GRID_START_MINUTES,
  minutesOfDay,
  zonedInstant,
} from './agenda-time.ts'
import type { AgendaResource, Booking, DayTechnician, DayView, Period, PickedSlot } from './agenda.types.ts'

export interface AgendaDayViewProps {
  /** São Paulo day, 'YYYY-MM-DD'. */
  date: string
  /** One technician, a role (one merged column: free when any of its technicians is free), or everyone. */
  resource: AgendaResource
  /** A double click (or Enter) on a free cell picks it. Without it free cells are only shown. */
  onPick?: (slot: PickedSlot) => void
  /** Row height of the grid in minutes (default 30). */
  slotMinutes?: number
  /** A click on a booking (reschedule, cancel). Without it bookings are only shown. */
  onOpenBooking?: (booking: Booking) => void
  /** Change it to load the day again (after booking, rescheduling or cancelling elsewhere). */
  refreshKey?: number
}

type Interval = { start: number; end: number }
type Cell =
  | { kind: 'free'; technicianIds: string[] }
  | { kind: 'busy'; bookings: Booking[] }
  | { kind: 'past' }
  | { kind: 'off' }

interface Column {
  key: string
  title: string
  subtitle: string
  /** The technician of the column; null for a role's merged column. */
  technicianId: string | null
  cells: Cell[]
}

const toInterval = (p: Period): Interval => ({
  start: new Date(p.startsAt).getTime(),
  end: new Date(p.endsAt).getTime(),
})
const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end
const fitsIn = (list: Interval[], iv: Interval) => list.some((w) => w.start <= iv.start && iv.end <= w.end)

/** The grid rows: 07:00–20:00, widened to whatever working hours the day has. */
function gridRows(date: string, view: DayView | undefined, slotMinutes: number): Interval[] {
  let from = GRID_START_MINUTES
  let to = GRID_END_MINUTES
  for (const t of view?.technicians ?? []) {
    for (const w of t.working) {
      from = Math.min(from, minutesOfDay(w.startsAt))
      const end = minutesOfDay(w.endsAt)
      to = Math.max(to, end === 0 ? 24 * 60 : end)
    }
  }
  from = Math.floor(from / slotMinutes) * slotMinutes
  to = Math.min(24 * 60, Math.ceil(to / slotMinutes) * slotMinutes)
  const rows: Interval[] = []
  for (let m = from; m < to; m += slotMinutes) {
    rows.push({ start: zonedInstant(date, m), end: zonedInstant(date, m + slotMinutes) })
  }
  return rows
}

function technicianCells(t: DayTechnician, rows: Interval[]): Cell[] {
  const working = t.working.map(toInterval)
  const free = t.free.map(toInterval)
  return rows.map((row) => {
    const bookings = t.bookings.filter((b) => overlaps(toInterval(b), row))
    if (bookings.length > 0) return { kind: 'busy', bookings }
    if (fitsIn(free, row)) return { kind: 'free', technicianIds: [t.id] }
    return working.some((w) => overlaps(w, row)) ? { kind: 'past' } : { kind: 'off' }
  })
}

/** A role's merged column: free when at least one of its technicians is free for the whole cell. */
function roleCells(techs: DayTechnician[], rows: Interval[]): Cell[] {
  const perTech = techs.map((t) => ({
    t,
    working: t.working.map(toInterval),
    free: t.free.map(toInterval),
  }))
  return rows.map((row) => {
    const freeIds = perTech.filter((p) => fitsIn(p.free, row)).map((p) => p.t.id)
    if (freeIds.length > 0) return { kind: 'free', technicianIds: freeIds }
    const bookings = techs.flatMap((t) => t.bookings.filter((b) => overlaps(toInterval(b), row)))
    if (bookings.length > 0) return { kind: 'busy', bookings }
    return perTech.some((p) => p.working.some((w) => overlaps(w, row))) ? { kind: 'past' } : { kind: 'off' }
  })
}

const busyKey = (c: Cell) =>
  c.kind === 'busy'
    ? c.bookings
        .map((b) => b.id)
        .sort()
        .join(',')
    : null

/**
 * One day of the installation agenda as a grid: rows of `slotMinutes` (07:00–20:00 at least),
 * a column per technician (or one merged column for a role). Free cells are green ("Livre"):
 * a double click picks the slot. Booked cells show the client and the contact; outside the working
 * hours (or already past) the cell is grey.
 */
export function AgendaDayView({
  date,
  resource,
  onPick,
  slotMinutes = DEFAULT_SLOT_MINUTES,
  onOpenBooking,
  refreshKey,
}: AgendaDayViewProps) {
  const params = {
    date,
    technicianId: resource && 'technicianId' in resource ? resource.technicianId : undefined,
    roleId: resource && 'roleId' in resource ? resource.roleId : undefined,
  }
  const day = useApiQuery<DayView>('/agenda/day', params)
  const { reload } = day
  const firstKey = useRef(refreshKey)
  useEffect(() => {
    if (refreshKey !== firstKey.current) void reload()
  }, [refreshKey, reload])

  const view = day.data?.date === date ? day.data : undefined
  const rows = useMemo(() => gridRows(date, view, slotMinutes), [date, view, slotMinutes])
  const columns = useMemo<Column[]>(() => {
    if (!view) return []
    if (view.role) {
      const n = view.technicians.length
      return [
        {
          key: `role-${view.role.id}`,
          title: view.role.name,
          subtitle: n === 1 ? '1 técnico' : `${n} técnicos`,
          technicianId: null,
          cells: roleCells(view.technicians, rows),
        },
      ]
    }
    return view.technicians.map((t) => ({
      key: t.id,
      title: t.name,
      subtitle: [t.roleName, t.phone ? formatPhone(t.phone) : null].filter(Boolean).join(' · '),
      technicianId: t.id,
      cells: technicianCells(t, rows),
    }))
  }, [view, rows])

  function pick(row: Interval, column: Column) {
    if (!onPick) return
    const slot: PickedSlot = {
      startsAt: new Date(row.start).toISOString(),
      endsAt: new Date(row.end).toISOString(),
    }
    if (column.technicianId) slot.technicianId = column.technicianId
    else if (view?.role) slot.roleId = view.role.id
    onPick(slot)
  }

  const roleId = params.roleId
  const empty = view && view.technicians.length === 0

  return (
    <Stack gap="xs">
      {day.error ? <LoadError error={day.error} onRetry={() => void reload()} /> : null}
      <Legend canPick={Boolean(onPick)} />
      <Box pos="relative" mih={160}>
        <LoadingOverlay visible={day.loading && !view} zIndex={2} overlayProps={{ blur: 1 }} />
        {empty ? (
          <EmptyState
            icon={<IconUsers size={28} stroke={1.5} />}
            title={roleId ? 'Nenhum técnico ativo neste cargo' : 'Nenhum técnico ativo'}
            description="Cadastre técnicos (com cargo e horário de trabalho) para ver e marcar horários."
          />
        ) : null}
        {view && !empty ? (
          <Table.ScrollContainer minWidth={64 + columns.length * 170} maxHeight={640}>
            <Table
              className={classes.grid}
              withTableBorder
              withColumnBorders
              stickyHeader
              verticalSpacing={2}
              horizontalSpacing={6}
              aria-label={`Agenda de ${date}`}
              aria-busy={day.loading}
            >
              <colgroup>
                <col style={{ width: 64 }} />
                {columns.map((c) => (
                  <col key={c.key} />
                ))}
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th className={classes.time}>Hora</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.key}>
                      <Text size="sm" fw={600} lineClamp={1}>
                        {c.title}
                      </Text>
                      {c.subtitle ? (
                        <Text size="xs" c="dimmed" fw={400} lineClamp={1}>
                          {c.subtitle}
                        </Text>
                      ) : null}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  <Table.Tr key={row.start}>
                    <Table.Td className={classes.time}>{formatHm(minutesOfDay(row.start))}</Table.Td>
                    {columns.map((column) => {
                      const cell = column.cells[i]
                      const key = busyKey(cell)
                      // A booking spanning several rows is one cell.
                      if (key && i > 0 && busyKey(column.cells[i - 1]) === key) return null
                      let span = 1
                      while (key && i + span < rows.length && busyKey(column.cells[i + span]) === key) span++
                      return (
                        <GridCell
                          key={column.key}
                          cell={cell}
                          row={row}
                          rowSpan={span}
                          column={column}
                          onPick={onPick ? () => pick(row, column) : undefined}
                          onOpenBooking={onOpenBooking}
                        />
                      )
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
    </Stack>
  )
}

interface GridCellProps {
  cell: Cell
  row: Interval
  rowSpan: number
  column: Column
  onPick?: () => void
  onOpenBooking?: (booking: Booking) => void
}

function GridCell({ cell, row, rowSpan, column, onPick, onOpenBooking }: GridCellProps) {
  const hours = `${formatTime(new Date(row.start))} às ${formatTime(new Date(row.end))}`
  if (cell.kind === 'free') {
    const many = column.technicianId === null
    const label = many
      ? `Livre · ${cell.technicianIds.length} ${cell.technicianIds.length === 1 ? 'técnico' : 'técnicos'}`
      : 'Livre'
    const onKeyDown = (e: KeyboardEvent) => {
      if (onPick && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault()
        onPick()
      }
    }
    return (
      <Table.Td
        className={classes.free}
        data-slot="livre"
        role={onPick ? 'button' : undefined}
        tabIndex={onPick ? 0 : undefined}
        aria-label={`Livre das ${hours} — ${column.title}`}
        title={onPick ? 'Clique duas vezes para escolher este horário' : undefined}
        onDoubleClick={onPick}
        onKeyDown={onKeyDown}
      >
        {label}
      </Table.Td>
    )
  }
  if (cell.kind === 'busy') {
    return (
      <Table.Td className={classes.busy} rowSpan={rowSpan} data-slot="ocupado">
        <Stack gap={2}>
          {cell.bookings.map((b) => (
            <BookingBlock
              key={b.id}
              booking={b}
              showTechnician={column.technicianId === null}
              onOpen={onOpenBooking}
            />
          ))}
        </Stack>
      </Table.Td>
    )
  }
  return (
    <Table.Td
      className={cell.kind === 'past' ? classes.past : classes.off}
      data-slot={cell.kind === 'past' ? 'indisponivel' : 'fora'}
      title={cell.kind === 'past' ? 'Horário indisponível' : 'Fora do expediente'}
      aria-label={`${cell.kind === 'past' ? 'Indisponível' : 'Fora do expediente'} das ${hours}`}
    />
  )
}

function BookingBlock({
  booking: b,
  showTechnician,
  onOpen,
}: {
  booking: Booking
  showTechnician: boolean
  onOpen?: (booking: Booking) => void
}) {
  const contact = [b.contactName, b.contactPhone ? formatPhone(b.contactPhone) : null]
    .filter(Boolean)
    .join(' · ')
  const body = (
    <>
      <Text size="xs" fw={600} lineClamp={1}>
        {b.clientOrgName ?? 'Agendado (sem cliente)'}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {formatTime(b.startsAt)}–{formatTime(b.endsAt)}
        {showTechnician ? ` · ${b.technicianName}` : ''}
      </Text>
      {contact ? (
        <Text size="xs" lineClamp={1}>
          {contact}
        </Text>
      ) : null}
    </>
  )
  if (!onOpen) return <Box className={classes.booking}>{body}</Box>
  return (
    <UnstyledButton
      className={classes.bookingClickable}
      onClick={() => onOpen(b)}
      aria-label={`Agendamento das ${formatTime(b.startsAt)} às ${formatTime(b.endsAt)}: ${
        b.clientOrgName ?? 'sem cliente'
      }. Abrir para reagendar ou cancelar`}
    >
      {body}
    </UnstyledButton>
  )
}

function Legend({ canPick }: { canPick: boolean }) {
  return (
    <Group gap="md" wrap="wrap">
      <Group gap={6}>
        <span className={classes.legendSwatch} style={{ background: 'var(--mantine-color-green-1)' }} />
        <Text size="xs">Livre{canPick ? ' (clique duplo para escolher)' : ''}</Text>
      </Group>
      <Group gap={6}>
        <span className={classes.legendSwatch} style={{ background: 'var(--mantine-color-brand-1)' }} />
        <Text size="xs">Agendado</Text>
      </Group>
      <Group gap={6}>
        <span className={classes.legendSwatch} style={{ background: 'var(--mantine-color-gray-2)' }} />
        <Text size="xs">Fora do expediente ou indisponível</Text>
      </Group>
    </Group>
  )
}
