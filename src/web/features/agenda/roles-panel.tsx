import {
  Badge,
  Box,
  Button,
  Group,
  LoadingOverlay,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { IconBriefcase, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { summarizeHours } from './agenda-time.ts'
import type { AgendaRole } from './agenda.types.ts'
import {
  DEFAULT_HOURS_TEXTS,
  type HoursErrors,
  type HoursTexts,
  hoursErrorsFromApi,
  hoursToTexts,
  textsToHours,
  WorkingHoursInput,
} from './working-hours-input.tsx'

/** "Cargos": the roles a technician belongs to, each with default working hours. */
export function RolesPanel({ onChanged }: { onChanged: () => void }) {
  const roles = useApiQuery<ItemList<AgendaRole>>('/agenda/roles')
  const [editing, setEditing] = useState<AgendaRole | 'new' | null>(null)
  const items = roles.data?.items ?? []

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Cada técnico tem um cargo; o horário do cargo vale para quem não tem horário próprio.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Novo cargo
        </Button>
      </Group>
      {roles.error ? <LoadError error={roles.error} onRetry={() => void roles.reload()} /> : null}
      <Box pos="relative" mih={100}>
        <LoadingOverlay visible={roles.loading && !roles.data} zIndex={1} />
        {roles.data && items.length === 0 ? (
          <EmptyState
            icon={<IconBriefcase size={28} stroke={1.5} />}
            title="Nenhum cargo ainda"
            description="Crie um cargo (por exemplo, Instalador) com o horário de trabalho padrão."
          />
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Cargos">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Cargo</Table.Th>
                  <Table.Th>Horário de trabalho</Table.Th>
                  <Table.Th w={110}>Técnicos</Table.Th>
                  <Table.Th w={90} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((role) => (
                  <Table.Tr key={role.id}>
                    <Table.Td fw={500}>{role.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{summarizeHours(role.workingHours)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={role.technicianCount > 0 ? 'brand' : 'gray'}>
                        {role.technicianCount} ativo{role.technicianCount === 1 ? '' : 's'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(role)}>
                        Alterar
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
      <RoleModal
        role={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void roles.reload()
          onChanged()
        }}
      />
    </Stack>
  )
}

function RoleModal({
  role,
  onClose,
  onSaved,
}: {
  role: AgendaRole | 'new' | null
  onClose: () => void
  onSaved: () => void
}) {
  const existing = role && role !== 'new' ? role : null
  return (
    <Modal
      opened={role !== null}
      onClose={onClose}
      title={existing ? `Alterar cargo — ${existing.name}` : 'Novo cargo'}
      size="lg"
      centered
    >
      {role !== null ? (
        <RoleForm key={existing?.id ?? 'new'} role={existing} onClose={onClose} onSaved={onSaved} />
      ) : null}
    </Modal>
  )
}

function RoleForm({
  role,
  onClose,
  onSaved,
}: {
  role: AgendaRole | null
  onClose: () => void
  onSaved: () => void
}) {
  const [name, setName] = useState(role?.name ?? '')
  const [hours, setHours] = useState<HoursTexts>(role ? hoursToTexts(role.workingHours) : DEFAULT_HOURS_TEXTS)
  const [nameError, setNameError] = useState<string | undefined>()
  const [hoursErrors, setHoursErrors] = useState<HoursErrors>({})
  const [busy, setBusy] = useState(false)

  async function submit() {
    const parsed = textsToHours(hours)
    setHoursErrors('errors' in parsed ? parsed.errors : {})
    setNameError(name.trim().length < 2 ? 'Informe o nome do cargo.' : undefined)
    if ('errors' in parsed || name.trim().length < 2) return
    setBusy(true)
    try {
      const body = { name, workingHours: parsed.hours }
      if (role) await api.patch(`/agenda/roles/${role.id}`, body)
      else await api.post('/agenda/roles', body)
      notifySuccess(role ? 'Cargo alterado.' : 'Cargo criado.')
      onSaved()
      onClose()
    } catch (error) {
      if (error instanceof ApiError) {
        setNameError(
          error.fields.name ?? (error.code === 'AGENDA_ROLE_DUPLICATE' ? error.message : undefined),
        )
        setHoursErrors(hoursErrorsFromApi(error.fields))
      }
      notifyError(error)
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
      <Stack gap="md">
        <TextInput
          label="Nome do cargo"
          placeholder="Instalador"
          maxLength={80}
          value={name}
          error={nameError}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <WorkingHoursInput value={hours} onChange={setHours} errors={hoursErrors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancelar
          </Button>
          <Button type="submit" loading={busy}>
            Gravar
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
