import {
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { IconPlus, IconTool } from '@tabler/icons-react'
import { useState } from 'react'
import { formatPhone, maskPhone } from '../../../shared/documents.ts'
import { api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { EditModal, FormActions, ModalForm, useFormSubmit } from '../../shared/ui/modal-form.tsx'
import { QueryTable } from '../../shared/ui/query-table.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { summarizeHours } from './agenda-time.ts'
import type { AgendaRole, Technician } from './agenda.types.ts'
import {
  type HoursErrors,
  type HoursTexts,
  hoursErrorsFromApi,
  hoursToTexts,
  textsToHours,
  WorkingHoursInput,
} from './working-hours-input.tsx'

/** "Técnicos": name, phone, role, own working hours (or the role's) and whether they take bookings. */
export function TechniciansPanel({ onChanged }: { onChanged: () => void }) {
  const technicians = useApiQuery<ItemList<Technician>>('/agenda/technicians')
  const roles = useApiQuery<ItemList<AgendaRole>>('/agenda/roles')
  const [editing, setEditing] = useState<Technician | 'new' | null>(null)
  const noRoles = roles.data && roles.data.items.length === 0

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Quem faz as instalações. Técnicos inativos não aparecem na agenda.
        </Text>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setEditing('new')}
          disabled={Boolean(noRoles)}
        >
          Novo técnico
        </Button>
      </Group>
      {noRoles ? (
        <Text size="sm" c="orange.8">
          Crie um cargo primeiro (aba Cargos).
        </Text>
      ) : null}
      <QueryTable
        query={technicians}
        empty={{
          icon: <IconTool size={28} stroke={1.5} />,
          title: 'Nenhum técnico ainda',
          description: 'Cadastre os técnicos para montar a agenda de instalações.',
        }}
        label="Técnicos"
        minWidth={760}
        head={
          <>
            <Table.Th>Técnico</Table.Th>
            <Table.Th w={150}>Telefone</Table.Th>
            <Table.Th w={160}>Cargo</Table.Th>
            <Table.Th>Horário de trabalho</Table.Th>
            <Table.Th w={90}>Situação</Table.Th>
            <Table.Th w={90} />
          </>
        }
        row={(t) => (
          <Table.Tr key={t.id}>
            <Table.Td fw={500}>{t.name}</Table.Td>
            <Table.Td>{t.phone ? formatPhone(t.phone) : '—'}</Table.Td>
            <Table.Td>{t.roleName}</Table.Td>
            <Table.Td>
              <Text size="sm">{summarizeHours(t.effectiveWorkingHours)}</Text>
              <Text size="xs" c="dimmed">
                {t.workingHours ? 'Horário próprio' : 'Horário do cargo'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={t.isActive ? 'teal' : 'gray'}>
                {t.isActive ? 'Ativo' : 'Inativo'}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Button size="compact-sm" variant="subtle" onClick={() => setEditing(t)}>
                Alterar
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <EditModal
        editing={editing}
        onClose={() => setEditing(null)}
        newTitle="Novo técnico"
        editTitle={(t) => `Alterar técnico — ${t.name}`}
      >
        {(technician) => (
          <TechnicianForm
            technician={technician}
            roles={roles.data?.items ?? []}
            onClose={() => setEditing(null)}
            onSaved={() => {
              void technicians.reload()
              void roles.reload()
              onChanged()
            }}
          />
        )}
      </EditModal>
    </Stack>
  )
}

type FieldErrors = Partial<Record<'name' | 'phone' | 'roleId', string>>

function TechnicianForm({
  technician,
  roles,
  onClose,
  onSaved,
}: {
  technician: Technician | null
  roles: AgendaRole[]
  onClose: () => void
  onSaved: () => void
}) {
  const [name, setName] = useState(technician?.name ?? '')
  const [phone, setPhone] = useState(technician?.phone ? formatPhone(technician.phone) : '')
  const [roleId, setRoleId] = useState<string | null>(
    technician?.roleId ?? (roles.length === 1 ? roles[0].id : null),
  )
  const [ownHours, setOwnHours] = useState(Boolean(technician?.workingHours))
  const [hours, setHours] = useState<HoursTexts>(() =>
    hoursToTexts(technician?.workingHours ?? roles.find((r) => r.id === technician?.roleId)?.workingHours),
  )
  const [isActive, setIsActive] = useState(technician?.isActive ?? true)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [hoursErrors, setHoursErrors] = useState<HoursErrors>({})
  const { busy, run } = useFormSubmit()
  const role = roles.find((r) => r.id === roleId)

  async function submit() {
    const found: FieldErrors = {}
    if (name.trim().length < 2) found.name = 'Informe o nome completo.'
    if (!roleId) found.roleId = 'Escolha o cargo.'
    const parsed = ownHours ? textsToHours(hours) : null
    setHoursErrors(parsed && 'errors' in parsed ? parsed.errors : {})
    setErrors(found)
    if (Object.keys(found).length > 0 || (parsed && 'errors' in parsed)) return
    await run(
      async () => {
        const body = {
          name,
          phone,
          roleId,
          workingHours: parsed && 'hours' in parsed ? parsed.hours : null,
          isActive,
        }
        if (technician) await api.patch(`/agenda/technicians/${technician.id}`, body)
        else await api.post('/agenda/technicians', body)
        notifySuccess(technician ? 'Técnico alterado.' : 'Técnico cadastrado.')
        onSaved()
        onClose()
      },
      {
        onApiError: (error) => {
          setErrors({
            name: error.fields.name,
            phone: error.fields.phone,
            roleId:
              error.fields.roleId ?? (error.code === 'AGENDA_ROLE_NOT_FOUND' ? error.message : undefined),
          })
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
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <TextInput
            label="Nome"
            maxLength={200}
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput
            label="Telefone"
            inputMode="tel"
            placeholder="(27) 99999-9999"
            value={phone}
            error={errors.phone}
            onChange={(e) => setPhone(maskPhone(e.currentTarget.value))}
          />
        </Grid.Col>
      </Grid>
      <Select
        label="Cargo"
        placeholder="Escolha o cargo"
        data={roles.map((r) => ({ value: r.id, label: r.name }))}
        value={roleId}
        onChange={setRoleId}
        error={errors.roleId}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Checkbox
        label="Horário próprio (diferente do horário do cargo)"
        description={!ownHours && role ? `Horário do cargo: ${summarizeHours(role.workingHours)}` : undefined}
        checked={ownHours}
        onChange={(e) => {
          const checked = e.currentTarget.checked
          setOwnHours(checked)
          if (checked && !technician?.workingHours && role) setHours(hoursToTexts(role.workingHours))
        }}
      />
      {ownHours ? <WorkingHoursInput value={hours} onChange={setHours} errors={hoursErrors} /> : null}
      {technician ? (
        <Switch
          label="Ativo (recebe agendamentos)"
          checked={isActive}
          onChange={(e) => setIsActive(e.currentTarget.checked)}
        />
      ) : null}
    </ModalForm>
  )
}
