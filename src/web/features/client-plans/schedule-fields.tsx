import {
  Box,
  Button,
  Grid,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { DateInput } from '@mantine/dates'
import { IconCalendar, IconCalendarTime, IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDate, formatTime } from '../../../shared/format.ts'
import type { ItemList } from '../../shared/paged.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { AgendaDayView } from '../agenda/agenda-day-view.tsx'
import { maskTime, parseBrazilianDate, saoPauloDay } from '../events/event-form.ts'
import type { AgendaRole, ClientContact, PickedSlot, Technician } from './client-plans.types.ts'
import { ContactModal } from './contact-modal.tsx'
import { clear, type Errors, type ScheduleMode, type ScheduleValues } from './plan-form.ts'

interface ScheduleFieldsProps {
  clientOrgId: string
  value: ScheduleValues
  onChange: (next: ScheduleValues) => void
  errors: Errors
  onErrors: (errors: Errors) => void
}

/**
 * Seed 5 "Agendamento da Instalação": for a technician or a role (cargo), the day, "Hr. Ini" and
 * "Hr. Fin" — typed, or filled by a double click on a free hour of the "Agenda" — and the person who
 * will be there ("Nome da Pessoa", or "Adicionar" a new contact).
 */
export function ScheduleFields({ clientOrgId, value, onChange, errors, onErrors }: ScheduleFieldsProps) {
  const technicians = useApiQuery<ItemList<Technician>>('/agenda/technicians', { active: 'true' })
  const roles = useApiQuery<ItemList<AgendaRole>>('/agenda/roles')
  const contacts = useApiQuery<ItemList<ClientContact>>(`/client-orgs/${clientOrgId}/contacts`)
  const [agendaOpen, setAgendaOpen] = useState(false)
  const [adding, setAdding] = useState(false)

  const set = <K extends keyof ScheduleValues>(field: K, next: ScheduleValues[K]) => {
    onChange({ ...value, [field]: next })
    if (errors[field as string]) onErrors(clear(errors, field as string))
  }

  const resource =
    value.mode === 'technician'
      ? value.technicianId
        ? { technicianId: value.technicianId }
        : null
      : value.roleId
        ? { roleId: value.roleId }
        : null

  function openAgenda() {
    const found: Errors = {}
    if (!resource)
      found[value.mode === 'technician' ? 'technicianId' : 'roleId'] =
        value.mode === 'technician'
          ? 'Escolha o técnico para ver a agenda.'
          : 'Escolha o cargo para ver a agenda.'
    if (!value.date) found.date = 'Escolha a data para ver a agenda.'
    if (Object.keys(found).length > 0) {
      onErrors({ ...errors, ...found })
      return
    }
    setAgendaOpen(true)
  }

  function pick(slot: PickedSlot) {
    onChange({
      ...value,
      date: saoPauloDay(slot.startsAt),
      startTime: formatTime(slot.startsAt),
      endTime: formatTime(slot.endsAt),
      pickedTechnicianId: slot.technicianId ?? null,
    })
    onErrors(clear(errors, 'date', 'startTime', 'endTime', 'technicianId', 'roleId'))
    setAgendaOpen(false)
  }

  const resourceName =
    value.mode === 'technician'
      ? technicians.data?.items.find((t) => t.id === value.technicianId)?.name
      : roles.data?.items.find((r) => r.id === value.roleId)?.name

  return (
    <Stack gap="md">
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Input.Label id="schedule-mode-label" mb={4}>
            Agenda de
          </Input.Label>
          <SegmentedControl
            fullWidth
            aria-labelledby="schedule-mode-label"
            value={value.mode}
            data={[
              { value: 'technician', label: 'Técnico' },
              { value: 'role', label: 'Cargo' },
            ]}
            onChange={(mode) => {
              onChange({ ...value, mode: mode as ScheduleMode, pickedTechnicianId: null })
              onErrors(clear(errors, 'technicianId', 'roleId'))
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          {value.mode === 'technician' ? (
            <Select
              label="Técnico"
              required
              searchable
              placeholder={technicians.loading ? 'Carregando…' : 'Escolha o técnico'}
              data={(technicians.data?.items ?? []).map((t) => ({
                value: t.id,
                label: t.roleName ? `${t.name} — ${t.roleName}` : t.name,
              }))}
              nothingFoundMessage="Nenhum técnico ativo"
              value={value.technicianId}
              error={errors.technicianId ?? technicians.error?.message}
              onChange={(id) => set('technicianId', id)}
              comboboxProps={{ withinPortal: true }}
            />
          ) : (
            <Select
              label="Cargo"
              required
              searchable
              placeholder={roles.loading ? 'Carregando…' : 'Escolha o cargo'}
              data={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
              nothingFoundMessage="Nenhum cargo cadastrado"
              value={value.roleId}
              error={errors.roleId ?? roles.error?.message}
              onChange={(id) => set('roleId', id)}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateInput
            withAsterisk={false}
            label="Data"
            required
            placeholder="dd/mm/aaaa"
            valueFormat="DD/MM/YYYY"
            dateParser={parseBrazilianDate}
            minDate={saoPauloDay(new Date())}
            leftSection={<IconCalendar size={16} />}
            value={value.date}
            error={errors.date}
            onChange={(date) => set('date', date)}
            popoverProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <TextInput
            label="Hr. Ini"
            required
            placeholder="08:00"
            inputMode="numeric"
            autoComplete="off"
            value={value.startTime}
            error={errors.startTime}
            onChange={(e) => set('startTime', maskTime(e.currentTarget.value))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <TextInput
            label="Hr. Fin"
            required
            placeholder="10:00"
            inputMode="numeric"
            autoComplete="off"
            value={value.endTime}
            error={errors.endTime}
            onChange={(e) => set('endTime', maskTime(e.currentTarget.value))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Box pb={errors.startTime || errors.endTime || errors.date ? 22 : 0}>
            <Button
              fullWidth
              variant="light"
              leftSection={<IconCalendarTime size={18} />}
              onClick={openAgenda}
            >
              Agenda
            </Button>
          </Box>
        </Grid.Col>
      </Grid>

      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Nome da Pessoa"
          description="Quem vai acompanhar a instalação no local."
          placeholder={contacts.loading ? 'Carregando…' : 'Escolha um contato do cliente'}
          searchable
          clearable
          style={{ flex: 1 }}
          data={(contacts.data?.items ?? []).map((c) => ({
            value: c.id,
            label: c.phone ? `${c.name} — ${c.phone}` : c.name,
          }))}
          nothingFoundMessage="Nenhum contato; use Adicionar"
          value={value.contactId}
          error={errors.contactId}
          onChange={(id) => set('contactId', id)}
          comboboxProps={{ withinPortal: true }}
        />
        <Button
          variant="default"
          leftSection={<IconUserPlus size={16} />}
          onClick={() => setAdding(true)}
          mb={errors.contactId ? 22 : 0}
        >
          Adicionar
        </Button>
      </Group>
      <Textarea
        label="Observação"
        autosize
        minRows={2}
        maxLength={500}
        value={value.notes}
        error={errors.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
      />

      <Modal
        opened={agendaOpen}
        onClose={() => setAgendaOpen(false)}
        title={
          <Stack gap={0}>
            <Text fw={600}>Agenda</Text>
            <Text size="sm" c="dimmed">
              {resourceName ?? ''} · {value.date ? formatDate(value.date) : ''} — dê um clique duplo num
              horário livre.
            </Text>
          </Stack>
        }
        size="xl"
        centered
      >
        {agendaOpen && value.date ? (
          <AgendaDayView date={value.date} resource={resource} onPick={pick} />
        ) : null}
      </Modal>
      <ContactModal
        opened={adding}
        clientOrgId={clientOrgId}
        onClose={() => setAdding(false)}
        onSaved={(contact) => {
          void contacts.reload()
          onChange({ ...value, contactId: contact.id })
          onErrors(clear(errors, 'contactId'))
        }}
      />
    </Stack>
  )
}
