import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconMailForward,
  IconPencil,
  IconSearch,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
  IconUsersGroup,
} from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession, useUser } from '../../shared/session.tsx'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { StaffFormModal } from './staff-form-modal.tsx'
import type { Staff } from './staff.types.ts'

const PAGE_SIZE = 20

type Dialog = { kind: 'form'; staff: Staff | null } | { kind: 'toggle'; staff: Staff } | null

export function StaffListPage() {
  const { can } = useSession()
  const canManage = can(PERMISSIONS.staffManage)
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [page, setPage] = useState(1)
  const [dialog, setDialog] = useState<Dialog>(null)

  const list = useApiQuery<Paged<Staff>>('/staff', { search: debouncedSearch, page, pageSize: PAGE_SIZE })
  const items = list.data?.items ?? []

  function changeSearch(value: string) {
    setSearch(value)
    setPage(1)
  }

  async function resendAccess(staff: Staff) {
    try {
      await api.post(`/staff/${staff.id}/resend-access`)
      notifySuccess(`Novo link de acesso enviado para ${staff.email}.`)
    } catch (error) {
      notifyError(error, 'Não foi possível reenviar o acesso')
    }
  }

  async function toggleActive(staff: Staff) {
    const saved = await api.patch<Staff>(`/staff/${staff.id}`, { isActive: !staff.isActive })
    notifySuccess(
      saved.isActive ? `Acesso de ${saved.name} reativado.` : `Acesso de ${saved.name} desativado.`,
    )
    await list.reload()
  }

  return (
    <>
      <PageHeader
        title="Equipe"
        description="Pessoas da sua organização que usam o Cadastra e o perfil de acesso de cada uma."
        actions={
          canManage ? (
            <Button
              leftSection={<IconUserPlus size={18} />}
              onClick={() => setDialog({ kind: 'form', staff: null })}
            >
              Novo membro da equipe
            </Button>
          ) : null
        }
      />

      <Paper withBorder p="md">
        <TextInput
          label="Buscar"
          placeholder="Nome ou e-mail"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => changeSearch(event.currentTarget.value)}
          maw={420}
          mb="md"
          type="search"
        />

        {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}

        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
          {list.data && items.length === 0 ? (
            <EmptyState
              icon={<IconUsersGroup size={28} stroke={1.5} />}
              title={debouncedSearch ? 'Ninguém encontrado' : 'Nenhum membro da equipe ainda'}
              description={
                debouncedSearch
                  ? `Nenhum membro da equipe corresponde a “${debouncedSearch}”.`
                  : 'Convide as pessoas que vão trabalhar no Cadastra.'
              }
            />
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={860}>
              <Table aria-label="Membros da equipe" aria-busy={list.loading}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome</Table.Th>
                    <Table.Th>E-mail</Table.Th>
                    <Table.Th>Perfil</Table.Th>
                    <Table.Th w={110}>Situação</Table.Th>
                    <Table.Th>Último acesso</Table.Th>
                    {canManage ? <Table.Th w={130}>Ações</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((staff) => (
                    <StaffRow
                      key={staff.id}
                      staff={staff}
                      canManage={canManage}
                      onEdit={() => setDialog({ kind: 'form', staff })}
                      onToggle={() => setDialog({ kind: 'toggle', staff })}
                      onResend={() => void resendAccess(staff)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Box>

        {list.data ? (
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} />
        ) : null}
      </Paper>

      <StaffFormModal
        opened={dialog?.kind === 'form'}
        staff={dialog?.kind === 'form' ? dialog.staff : null}
        onClose={() => setDialog(null)}
        onSaved={() => void list.reload()}
      />

      {dialog?.kind === 'toggle' ? (
        <ConfirmModal
          opened
          title={dialog.staff.isActive ? 'Desativar acesso' : 'Reativar acesso'}
          confirmLabel={dialog.staff.isActive ? 'Desativar' : 'Ativar'}
          color={dialog.staff.isActive ? 'red' : undefined}
          onConfirm={() => toggleActive(dialog.staff)}
          onClose={() => setDialog(null)}
        >
          {dialog.staff.isActive
            ? `${dialog.staff.name} não conseguirá mais entrar no Cadastra até o acesso ser reativado. Deseja desativar?`
            : `${dialog.staff.name} voltará a entrar no Cadastra com o perfil ${dialog.staff.profileName}. Deseja ativar?`}
        </ConfirmModal>
      ) : null}
    </>
  )
}

interface StaffRowProps {
  staff: Staff
  canManage: boolean
  onEdit: () => void
  onToggle: () => void
  onResend: () => void
}

function StaffRow({ staff, canManage, onEdit, onToggle, onResend }: StaffRowProps) {
  const user = useUser()
  const isSelf = (staff.userId ?? staff.id) === user.id
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {staff.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{staff.email}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{staff.profileName}</Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={staff.isActive ? 'teal' : 'gray'}>
          {staff.isActive ? 'Ativo' : 'Inativo'}
        </Badge>
      </Table.Td>
      <Table.Td>
        {staff.lastLoginAt ? (
          <Text size="sm">{formatDateTime(staff.lastLoginAt)}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            {staff.hasPassword ? 'Nunca acessou' : 'Convite pendente'}
          </Text>
        )}
      </Table.Td>
      {canManage ? (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Editar nome e perfil">
              <ActionIcon variant="subtle" color="gray" aria-label="Editar" onClick={onEdit}>
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip
              label={
                isSelf
                  ? 'Você não pode desativar o próprio acesso'
                  : staff.isActive
                    ? 'Desativar acesso'
                    : 'Ativar acesso'
              }
            >
              <ActionIcon
                variant="subtle"
                color={staff.isActive ? 'red' : 'teal'}
                aria-label={staff.isActive ? 'Desativar' : 'Ativar'}
                onClick={onToggle}
                disabled={isSelf && staff.isActive}
              >
                {staff.isActive ? <IconUserOff size={18} /> : <IconUserCheck size={18} />}
              </ActionIcon>
            </Tooltip>
            <Tooltip
              label={staff.isActive ? 'Reenviar link de acesso' : 'Ative o acesso para reenviar o link'}
            >
              <ActionIcon
                variant="subtle"
                color="brand"
                aria-label="Reenviar acesso"
                onClick={onResend}
                disabled={!staff.isActive}
              >
                <IconMailForward size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Table.Td>
      ) : null}
    </Table.Tr>
  )
}
