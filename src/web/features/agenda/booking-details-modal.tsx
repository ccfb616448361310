import {
  Alert,
  Button,
  Divider,
  Grid,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { DateInput } from '@mantine/dates'
import { IconCalendarTime, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { formatPhone } from '../../../shared/documents.ts'
import { formatTime } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { parseBrazilianDate } from '../events/event-form.ts'
import { dayOf, formatLongDay, maskHm, parseHm, toIso } from './agenda-time.ts'
import type { Booking, Technician } from './agenda.types.ts'

interface BookingDetailsModalProps {
  booking: Booking | null
  onClose: () => void
  /** After a reschedule or a cancellation: reload the day. */
  onChanged: () => void
}

type Mode = 'view' | 'reschedule' | 'cancel'

/** An occupied cell: the booking's details, "Reagendar" (new day/hours/technician) and "Cancelar agendamento". */
export function BookingDetailsModal({ booking, onClose, onChanged }: BookingDetailsModalProps) {
  const [mode, setMode] = useState<Mode>('view')
  useEffect(() => {
    if (booking) setMode('view')
  }, [booking])

  return (
    <Modal opened={booking !== null} onClose={onClose} title="Agendamento" size="lg" centered>
      {booking ? (
        <Stack gap="sm">
          <Details booking={booking} />
          <Divider />
          {mode === 'view' ? (
            <Group justify="flex-end">
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} />}
                onClick={() => setMode('cancel')}
              >
                Cancelar agendamento
              </Button>
              <Button leftSection={<IconCalendarTime size={16} />} onClick={() => setMode('reschedule')}>
                Reagendar
              </Button>
            </Group>
          ) : null}
          {mode === 'reschedule' ? (
            <RescheduleForm
              booking={booking}
              onBack={() => setMode('view')}
              onDone={() => {
                onChanged()
                onClose()
              }}
            />
          ) : null}
          {mode === 'cancel' ? (
            <CancelForm
              booking={booking}
              onBack={() => setMode('view')}
              onDone={() => {
                onChanged()
                onClose()
              }}
            />
          ) : null}
        </Stack>
      ) : null}
    </Modal>
  )
}

function Details({ booking: b }: { booking: Booking }) {
  const rows: [string, string][] = [
    [
      'Quando',
      `${formatLongDay(dayOf(b.startsAt))}, das ${formatTime(b.startsAt)} às ${formatTime(b.endsAt)}`,
    ],
    ['Técnico', b.roleName ? `${b.technicianName} (pelo cargo ${b.roleName})` : b.technicianName],
    ['Cliente', b.clientOrgName ?? '—'],
    ...(b.clientPlanNumber !== null ? ([['Plano', `nº ${b.clientPlanNumber}`]] as [string, string][]) : []),
    [
      'Acompanha',
      [b.contactName, b.contactPhone ? formatPhone(b.contactPhone) : null].filter(Boolean).join(' · ') || '—',
    ],
    ['Observação', b.notes ?? '—'],
  ]
  return (
    <Stack gap={4}>
      {rows.map(([label, value]) => (
        <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" w={96} style={{ flexShrink: 0 }}>
            {label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  )
}

function RescheduleForm({
  booking,
  onBack,
  onDone,
}: {
  booking: Booking
  onBack: () => void
  onDone: () => void
}) {
  const technicians = useApiQuery<ItemList<Technician>>('/agenda/technicians', { active: 'true' })
  const [date, setDate] = useState<string | null>(dayOf(booking.startsAt))
  const [startTime, setStartTime] = useState(formatTime(booking.startsAt))
  const [endTime, setEndTime] = useState(formatTime(booking.endsAt))
  const [technicianId, setTechnicianId] = useState<string | null>(booking.technicianId)
  const [errors, setErrors] = useState<Record<string, string | undefined>>({})
  const [busy, setBusy] = useState(false)

  async function submit() {
    const found: Record<string, string> = {}
    if (!date) found.date = 'Escolha o dia.'
    const start = parseHm(startTime)
    const end = parseHm(endTime)
    if (start === null) found.startTime = 'Informe a hora inicial (HH:MM).'
    if (end === null) found.endTime = 'Informe a hora final (HH:MM).'
    if (start !== null && end !== null && end <= start)
      found.endTime = 'A hora final precisa ser depois da inicial.'
    setErrors(found)
    if (Object.keys(found).length > 0 || !date) return
    setBusy(true)
    try {
      const result = await api.post<{ booking: Booking }>(`/agenda/bookings/${booking.id}/reschedule`, {
        startsAt: toIso(date, startTime),
        endsAt: toIso(date, endTime),
        ...(technicianId && technicianId !== booking.technicianId ? { technicianId } : {}),
      })
      notifySuccess(
        `${result.booking.technicianName}, ${formatLongDay(date)} das ${formatTime(result.booking.startsAt)} às ${formatTime(result.booking.endsAt)}.`,
        'Agendamento reagendado',
      )
      onDone()
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({ startTime: error.fields.startsAt, endTime: error.fields.endsAt })
      }
      notifyError(error, 'Não foi possível reagendar')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <Stack gap="sm">
        <Text fw={600} size="sm">
          Reagendar
        </Text>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <DateInput
              label="Dia"
              valueFormat="DD/MM/YYYY"
              dateParser={parseBrazilianDate}
              value={date}
              onChange={setDate}
              error={errors.date}
              popoverProps={{ withinPortal: true }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              label="Hr. Ini"
              inputMode="numeric"
              value={startTime}
              error={errors.startTime}
              onChange={(e) => setStartTime(maskHm(e.currentTarget.value))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              label="Hr. Fin"
              inputMode="numeric"
              value={endTime}
              error={errors.endTime}
              onChange={(e) => setEndTime(maskHm(e.currentTarget.value))}
            />
          </Grid.Col>
        </Grid>
        <Select
          label="Técnico"
          data={(technicians.data?.items ?? []).map((t) => ({
            value: t.id,
            label: `${t.name} — ${t.roleName}`,
          }))}
          value={technicianId}
          onChange={setTechnicianId}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={busy}>
            Voltar
          </Button>
          <Button type="submit" loading={busy}>
            Confirmar novo horário
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function CancelForm({
  booking,
  onBack,
  onDone,
}: {
  booking: Booking
  onBack: () => void
  onDone: () => void
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function submit() {
    if (reason.trim().length < 3) {
      setError('Informe o motivo do cancelamento.')
      return
    }
    setBusy(true)
    try {
      await api.post(`/agenda/bookings/${booking.id}/cancel`, { reason })
      notifySuccess('O horário ficou livre de novo.', 'Agendamento cancelado')
      onDone()
    } catch (err) {
      if (err instanceof ApiError) setError(err.fields.reason)
      notifyError(err, 'Não foi possível cancelar')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <Stack gap="sm">
        <Alert color="red" variant="light" title="Cancelar agendamento">
          O horário fica livre para outro agendamento. O histórico guarda o motivo.
        </Alert>
        <Textarea
          label="Motivo do cancelamento"
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          error={error}
          onChange={(e) => {
            setReason(e.currentTarget.value)
            setError(undefined)
          }}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={busy}>
            Voltar
          </Button>
          <Button type="submit" color="red" loading={busy}>
            Confirmar cancelamento
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
