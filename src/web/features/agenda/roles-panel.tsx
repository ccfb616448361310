import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconBriefcase, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { EditModal, FormActions, ModalForm, useFormSubmit } from '../../shared/ui/modal-form.tsx'
import { QueryTable } from '../../shared/ui/query-table.tsx'
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
      <QueryTable
        query={roles}
        empty={{
          icon: <IconBriefcase size={28} stroke={1.5} />,
          title: 'Nenhum cargo ainda',
          description: 'Crie um cargo (por exemplo, Instalador) com o horário de trabalho padrão.',
        }}
        label="Cargos"
        minWidth={640}
        head={
          <>
            <Table.Th>Cargo</Table.Th>
            <Table.Th>Horário de trabalho</Table.Th>
            <Table.Th w={110}>Técnicos</Table.Th>
            <Table.Th w={90} />
          </>
        }
        row={(role) => (
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
        )}
      />
      <EditModal
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle="Novo cargo"
        editTitle={(role) => `Alterar cargo — ${role.name}`}
      >
        {(role) => (
          <RoleForm
            role={role}
            onClose={() => setEditing(null)}
            onSaved={() => {
              void roles.reload()
              onChanged()
            }}
          />
        )}
      </EditModal>
    </Stack>
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
  const { busy, run } = useFormSubmit()

  async function submit() {
    const parsed = textsToHours(hours)
    setHoursErrors('errors' in parsed ? parsed.errors : {})
    setNameError(name.trim().length < 2 ? 'Informe o nome do cargo.' : undefined)
    if ('errors' in parsed || name.trim().length < 2) return
    await run(
      async () => {
        const body = { name, workingHours: parsed.hours }
        if (role) await api.patch(`/agenda/roles/${role.id}`, body)
        else await api.post('/agenda/roles', body)
        notifySuccess(role ? 'Cargo alterado.' : 'Cargo criado.')
        onSaved()
        onClose()
      },
      {
        onApiError: (error) => {
          setNameError(
            error.fields.name ?? (error.code === 'AGENDA_ROLE_DUPLICATE' ? error.message : undefined),
          )
          setHoursErrors(hoursErrorsFromApi(error.fields))
        },
      },
    )
  }

  return (
    <ModalForm
      onSubmit={submit}
      actions={<FormActions busy={busy} onCancel={onClose} submitLabel="Gravar" />}
    >
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
    </ModalForm>
  )
}
