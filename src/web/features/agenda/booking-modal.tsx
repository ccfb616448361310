import { Grid, Modal, Text, Textarea, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { maskPhone } from '../../../shared/documents.ts'
import { formatTime } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { FormActions, ModalForm, useFormSubmit } from '../../shared/ui/modal-form.tsx'
import { type Option, RemoteSelect } from '../events/remote-select.tsx'
import { dayOf, formatLongDay, toIso } from './agenda-time.ts'
import type { Booking, BookingBody, PickedSlot } from './agenda.types.ts'
import { bookingToast, checkTimes, TimeInput } from './booking-fields.tsx'

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
  const { busy, run } = useFormSubmit()

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
    const found: Errors = checkTimes(startTime, endTime)
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
    await run(
      async () => {
        const booking = await api.post<Booking>('/agenda/bookings', body)
        notifySuccess(bookingToast(booking, date), 'Horário agendado')
        onDone(booking)
        onClose()
      },
      {
        errorTitle: 'Não foi possível agendar',
        onApiError: (error) => {
          setErrors({
            startTime: error.fields.startsAt,
            endTime: error.fields.endsAt,
            clientOrgId: error.fields.clientOrgId,
            contactName: error.fields.contactName,
            contactPhone: error.fields.contactPhone,
            notes: error.fields.notes,
          })
          if (error.code === 'AGENDA_SLOT_TAKEN' || error.code === 'AGENDA_ROLE_FULL') onDone(null)
        },
      },
    )
  }

  return (
    <Modal opened={slot !== null} onClose={onClose} title="Novo agendamento" size="lg" centered>
      {slot ? (
        <ModalForm
          onSubmit={submit}
          gap="sm"
          actions={
            <FormActions busy={busy} onCancel={onClose} cancelLabel="Voltar" submitLabel="Agendar" mt="xs" />
          }
        >
          <Text size="sm">
            <Text span fw={600}>
              {resourceName}
            </Text>{' '}
            · {formatLongDay(date)}
          </Text>
          <Grid gap="sm">
            <Grid.Col span={6}>
              <TimeInput
                label="Hr. Ini"
                description="O horário escolhido na agenda."
                autoComplete="off"
                value={startTime}
                error={errors.startTime}
                onChange={setStartTime}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TimeInput
                label="Hr. Fin"
                description="Aumente para um serviço mais longo."
                autoComplete="off"
                value={endTime}
                error={errors.endTime}
                onChange={setEndTime}
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
        </ModalForm>
      ) : null}
    </Modal>
  )
}
