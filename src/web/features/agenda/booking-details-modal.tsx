import { Alert, Button, Divider, Grid, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core'
import { DateInput } from '@mantine/dates'
import { IconCalendarTime, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { formatPhone } from '../../../shared/documents.ts'
import { formatTime } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { FormActions, ModalForm, useFormSubmit } from '../../shared/ui/modal-form.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { parseBrazilianDate } from '../events/event-form.ts'
import { dayOf, formatLongDay, toIso } from './agenda-time.ts'
import type { Booking, Technician } from './agenda.types.ts'
import { bookingToast, checkTimes, TimeInput } from './booking-fields.tsx'

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
  const done = () => {
    onChanged()
    onClose()
  }

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
            <RescheduleForm booking={booking} onBack={() => setMode('view')} onDone={done} />
          ) : null}
          {mode === 'cancel' ? (
            <CancelForm booking={booking} onBack={() => setMode('view')} onDone={done} />
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
  const { busy, run } = useFormSubmit()

  async function submit() {
    const found: Record<string, string | undefined> = checkTimes(startTime, endTime)
    if (!date) found.date = 'Escolha o dia.'
    setErrors(found)
    if (Object.keys(found).length > 0 || !date) return
    await run(
      async () => {
        const result = await api.post<{ booking: Booking }>(`/agenda/bookings/${booking.id}/reschedule`, {
          startsAt: toIso(date, startTime),
          endsAt: toIso(date, endTime),
          ...(technicianId && technicianId !== booking.technicianId ? { technicianId } : {}),
        })
        notifySuccess(bookingToast(result.booking, date), 'Agendamento reagendado')
        onDone()
      },
      {
        errorTitle: 'Não foi possível reagendar',
        onApiError: (error) => setErrors({ startTime: error.fields.startsAt, endTime: error.fields.endsAt }),
      },
    )
  }

  return (
    <ModalForm
      onSubmit={submit}
      gap="sm"
      actions={
        <FormActions
          busy={busy}
          onCancel={onBack}
          cancelLabel="Voltar"
          submitLabel="Confirmar novo horário"
        />
      }
    >
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
          <TimeInput label="Hr. Ini" value={startTime} error={errors.startTime} onChange={setStartTime} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TimeInput label="Hr. Fin" value={endTime} error={errors.endTime} onChange={setEndTime} />
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
    </ModalForm>
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
  const { busy, run } = useFormSubmit()

  async function submit() {
    if (reason.trim().length < 3) {
      setError('Informe o motivo do cancelamento.')
      return
    }
    await run(
      async () => {
        await api.post(`/agenda/bookings/${booking.id}/cancel`, { reason })
        notifySuccess('O horário ficou livre de novo.', 'Agendamento cancelado')
        onDone()
      },
      { errorTitle: 'Não foi possível cancelar', onApiError: (err) => setError(err.fields.reason) },
    )
  }

  return (
    <ModalForm
      onSubmit={submit}
      gap="sm"
      actions={
        <FormActions
          busy={busy}
          onCancel={onBack}
          cancelLabel="Voltar"
          submitLabel="Confirmar cancelamento"
          submitColor="red"
        />
      }
    >
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
    </ModalForm>
  )
}
