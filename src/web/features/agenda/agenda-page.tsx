import {
  ActionIcon,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Tabs,
  Text,
  Tooltip,
} from '@mantine/core'
import { DateInput } from '@mantine/dates'
import {
  IconBriefcase,
  IconCalendarTime,
  IconChevronLeft,
  IconChevronRight,
  IconTool,
} from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import type { ItemList } from '../../shared/paged.ts'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { parseBrazilianDate } from '../events/event-form.ts'
import { AgendaDayView } from './agenda-day-view.tsx'
import { addDays, dayOf, formatLongDay } from './agenda-time.ts'
import type { AgendaResource, AgendaRole, Booking, PickedSlot, Technician } from './agenda.types.ts'
import { BookingDetailsModal } from './booking-details-modal.tsx'
import { BookingModal } from './booking-modal.tsx'
import { RolesPanel } from './roles-panel.tsx'
import { TechniciansPanel } from './technicians-panel.tsx'

type Mode = 'todos' | 'tecnico' | 'cargo'

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const TABS = ['agenda', 'tecnicos', 'cargos'] as const

/** `/agenda`: "Agenda de instalações" — the day grid by technician or role, and the technicians and roles. */
export function AgendaPage() {
  const [params, setParams] = useSearchParams()
  const tabParam = params.get('aba')
  const tab = TABS.includes(tabParam as (typeof TABS)[number]) ? (tabParam as string) : 'agenda'
  const [refreshKey, setRefreshKey] = useState(0)
  const refresh = () => setRefreshKey((k) => k + 1)

  return (
    <>
      <PageHeader
        title="Agenda de instalações"
        description="Horários dos técnicos por dia: clique duas vezes num horário livre para agendar; clique num agendamento para reagendar ou cancelar."
      />
      <Tabs
        value={tab}
        onChange={(next) => {
          const updated = new URLSearchParams(params)
          if (!next || next === 'agenda') updated.delete('aba')
          else updated.set('aba', next)
          setParams(updated, { replace: true })
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="agenda" leftSection={<IconCalendarTime size={16} />}>
            Agenda
          </Tabs.Tab>
          <Tabs.Tab value="tecnicos" leftSection={<IconTool size={16} />}>
            Técnicos
          </Tabs.Tab>
          <Tabs.Tab value="cargos" leftSection={<IconBriefcase size={16} />}>
            Cargos
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="agenda">
          <DayPanel refreshKey={refreshKey} onChanged={refresh} />
        </Tabs.Panel>
        <Tabs.Panel value="tecnicos">
          <Paper withBorder p="md">
            <TechniciansPanel onChanged={refresh} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="cargos">
          <Paper withBorder p="md">
            <RolesPanel onChanged={refresh} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  )
}

function DayPanel({ refreshKey, onChanged }: { refreshKey: number; onChanged: () => void }) {
  const [params, setParams] = useSearchParams()
  const today = dayOf(new Date())
  const dayParam = params.get('dia')
  const date = dayParam && /^\d{4}-\d{2}-\d{2}$/.test(dayParam) ? dayParam : today
  const [mode, setMode] = useState<Mode>('todos')
  const [technicianId, setTechnicianId] = useState<string | null>(null)
  const [roleId, setRoleId] = useState<string | null>(null)
  const [picked, setPicked] = useState<PickedSlot | null>(null)
  const [opened, setOpened] = useState<Booking | null>(null)
  const technicians = useApiQuery<ItemList<Technician>>('/agenda/technicians', { active: 'true' })
  const roles = useApiQuery<ItemList<AgendaRole>>('/agenda/roles')

  function setDate(next: string | null) {
    const updated = new URLSearchParams(params)
    if (!next || next === today) updated.delete('dia')
    else updated.set('dia', next)
    setParams(updated, { replace: true })
  }

  const resource: AgendaResource =
    mode === 'tecnico' && technicianId ? { technicianId } : mode === 'cargo' && roleId ? { roleId } : null
  const waitingChoice = (mode === 'tecnico' && !technicianId) || (mode === 'cargo' && !roleId)

  const pickedName = picked?.technicianId
    ? (technicians.data?.items.find((t) => t.id === picked.technicianId)?.name ?? 'Técnico')
    : picked?.roleId
      ? `Cargo ${roles.data?.items.find((r) => r.id === picked.roleId)?.name ?? ''} (primeiro técnico livre)`
      : ''

  return (
    <Paper withBorder p="md">
      <Grid gap="sm" mb="md" align="flex-end">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Tooltip label="Dia anterior">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Dia anterior"
                onClick={() => setDate(addDays(date, -1))}
              >
                <IconChevronLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <DateInput
              label="Dia"
              style={{ flex: 1 }}
              valueFormat="DD/MM/YYYY"
              dateParser={parseBrazilianDate}
              value={date}
              onChange={(value) => setDate(value)}
              popoverProps={{ withinPortal: true }}
            />
            <Tooltip label="Próximo dia">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Próximo dia"
                onClick={() => setDate(addDays(date, 1))}
              >
                <IconChevronRight size={18} />
              </ActionIcon>
            </Tooltip>
            <Button variant="default" onClick={() => setDate(today)} disabled={date === today}>
              Hoje
            </Button>
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Text size="sm" fw={500} mb={4} id="agenda-mode-label">
            Agenda de
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby="agenda-mode-label"
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            data={[
              { value: 'todos', label: 'Todos' },
              { value: 'tecnico', label: 'Técnico' },
              { value: 'cargo', label: 'Cargo' },
            ]}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
          {mode === 'tecnico' ? (
            <Select
              label="Técnico"
              placeholder="Escolha o técnico"
              searchable
              data={(technicians.data?.items ?? []).map((t) => ({
                value: t.id,
                label: `${t.name} — ${t.roleName}`,
              }))}
              value={technicianId}
              onChange={setTechnicianId}
              nothingFoundMessage="Nenhum técnico ativo"
              comboboxProps={{ withinPortal: true }}
            />
          ) : mode === 'cargo' ? (
            <Select
              label="Cargo"
              placeholder="Escolha o cargo"
              data={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
              value={roleId}
              onChange={setRoleId}
              nothingFoundMessage="Nenhum cargo"
              comboboxProps={{ withinPortal: true }}
            />
          ) : (
            <Text size="sm" c="dimmed" pb={8}>
              Todos os técnicos ativos, lado a lado.
            </Text>
          )}
        </Grid.Col>
      </Grid>

      <Text fw={600} mb="xs">
        {capitalize(formatLongDay(date))}
      </Text>
      {waitingChoice ? (
        <Text size="sm" c="dimmed">
          {mode === 'tecnico' ? 'Escolha o técnico para ver a agenda.' : 'Escolha o cargo para ver a agenda.'}
        </Text>
      ) : (
        <AgendaDayView
          date={date}
          resource={resource}
          onPick={setPicked}
          onOpenBooking={setOpened}
          refreshKey={refreshKey}
        />
      )}

      <BookingModal
        slot={picked}
        resourceName={pickedName}
        onClose={() => setPicked(null)}
        onDone={() => onChanged()}
      />
      <BookingDetailsModal booking={opened} onClose={() => setOpened(null)} onChanged={onChanged} />
    </Paper>
  )
}
