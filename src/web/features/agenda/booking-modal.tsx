import { Button, Grid, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { maskPhone } from '../../../shared/documents.ts'
import { formatTime } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { type Option, RemoteSelect } from '../events/remote-select.tsx'
import { dayOf, formatLongDay, maskHm, parseHm, toIso } from './agenda-time.ts'
import type { Booking, BookingBody, PickedSlot } from './agenda.types.ts'

interface BookingModalProps {
  /** The free cell that was double-clicked; null closes the modal. */
  slot: PickedSlot | null
  /** Who the slot belongs to, for the title (technician or role name). */
  resourceName: string
  onClose: () => void
  /** After the booking was created (or refused because someone took the slot): reload the day. */
  onDone: (booking: Booking | null) => void
}

type Errors = Partial<
  Record<'startTime' | 'endTime' | 'clientOrgId' | 'contactName' | 'contactPhone' | 'notes', string>
>

const clientOption = (org: { id: string; name: string; document: string }): Option => ({
  value: org.id,
  label: `${org.name} — ${org.document}`,
})

/** "Novo agendamento": the picked slot (Hr. Fin can be extended), the client, who follows it and notes. */
export function BookingModal({ slot, resourceName, onClose, onDone }: BookingModalProps) {
  const [startTime, setStartTime] = useState('')
  const [endTime, setEndTime] = useState('')
  const [clientOrgId, setClientOrgId] = useState<string | null>(null)
  const [contactName, setContactName] = useState('')
  const [contactPhone, setContactPhone] = useState('')
  const [notes, setNotes] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!slot) return
    setStartTime(formatTime(slot.startsAt))
    setEndTime(formatTime(slot.endsAt))
    setClientOrgId(null)
    setContactName('')
    setContactPhone('')
    setNotes('')
    setErrors({})
  }, [slot])

  const date = slot ? dayOf(slot.startsAt) : ''

  async function submit() {
    if (!slot) return
    const found: Errors = {}
    const start = parseHm(startTime)
    const end = parseHm(endTime)
    if (start === null) found.startTime = 'Informe a hora inicial (HH:MM).'
    if (end === null) found.endTime = 'Informe a hora final (HH:MM).'
    if (start !== null && end !== null && end <= start)
      found.endTime = 'A hora final precisa ser depois da inicial.'
    setErrors(found)
    if (Object.keys(found).length > 0) return

    const body: BookingBody = {
      ...(slot.technicianId ? { technicianId: slot.technicianId } : { roleId: slot.roleId }),
      startsAt: toIso(date, startTime),
      endsAt: toIso(date, endTime),
      clientOrgId,
      contactName,
      contactPhone,
      notes,
    }
    setBusy(true)
    try {
      const booking = await api.post<Booking>('/agenda/bookings', body)
      notifySuccess(
        `${booking.technicianName}, ${formatLongDay(date)} das ${formatTime(booking.startsAt)} às ${formatTime(booking.endsAt)}.`,
        'Horário agendado',
      )
      onDone(booking)
      onClose()
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({
          startTime: error.fields.startsAt,
          endTime: error.fields.endsAt,
          clientOrgId: error.fields.clientOrgId,
          contactName: error.fields.contactName,
          contactPhone: error.fields.contactPhone,
          notes: error.fields.notes,
        })
        if (error.code === 'AGENDA_SLOT_TAKEN' || error.code === 'AGENDA_ROLE_FULL') onDone(null)
      }
      notifyError(error, 'Não foi possível agendar')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={slot !== null} onClose={onClose} title="Novo agendamento" size="lg" centered>
      {slot ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              <Text span fw={600}>
                {resourceName}
              </Text>{' '}
              · {formatLongDay(date)}
            </Text>
            <Grid gap="sm">
              <Grid.Col span={6}>
                <TextInput
                  label="Hr. Ini"
                  inputMode="numeric"
                  autoComplete="off"
                  value={startTime}
                  error={errors.startTime}
                  onChange={(e) => setStartTime(maskHm(e.currentTarget.value))}
                />
              </Grid.Col>
              <Grid.Col span={6}>
                <TextInput
                  label="Hr. Fin"
                  description="Aumente para um serviço mais longo."
                  inputMode="numeric"
                  autoComplete="off"
                  value={endTime}
                  error={errors.endTime}
                  onChange={(e) => setEndTime(maskHm(e.currentTarget.value))}
                />
              </Grid.Col>
            </Grid>
            <RemoteSelect
              label="Cliente"
              description="Opcional: o cliente da instalação."
              placeholder="Buscar por nome ou documento"
              clearable
              path="/client-orgs"
              toOption={clientOption}
              value={clientOrgId}
              onChange={(value) => setClientOrgId(value)}
              error={errors.clientOrgId}
            />
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <TextInput
                  label="Nome da pessoa"
                  description="Quem acompanha a instalação no local."
                  maxLength={200}
                  value={contactName}
                  error={errors.contactName}
                  onChange={(e) => setContactName(e.currentTarget.value)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  label="Telefone"
                  description="Com DDD."
                  inputMode="tel"
                  value={contactPhone}
                  error={errors.contactPhone}
                  onChange={(e) => setContactPhone(maskPhone(e.currentTarget.value))}
                />
              </Grid.Col>
            </Grid>
            <Textarea
              label="Observação"
              autosize
              minRows={2}
              maxLength={1000}
              value={notes}
              error={errors.notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={onClose} disabled={busy}>
                Voltar
              </Button>
              <Button type="submit" loading={busy}>
                Agendar
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  )
}
