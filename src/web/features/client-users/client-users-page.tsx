import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Chip,
  Group,
  LoadingOverlay,
  Menu,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconDots,
  IconKeyOff,
  IconMailCog,
  IconMailForward,
  IconPencil,
  IconSearch,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatDateTime } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { ExportButtons } from '../imports/export-buttons.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ChangeEmailModal } from './change-email-modal.tsx'
import { FILTERS, INVITATION_STATUS } from './client-users.labels.ts'
import type { ClientUser, ClientUserFilter, ClientUserFunnel } from './client-users.types.ts'
import { FunnelCards } from './funnel-cards.tsx'

const PAGE_SIZE = 20

type Dialog =
  | { kind: 'email'; user: ClientUser }
  | { kind: 'toggle'; user: ClientUser }
  | { kind: 'keypass'; user: ClientUser }
  | null

/** `/usuarios`: the tenant's client users, the invitation funnel and the per-user actions. */
export function ClientUsersPage() {
  const { can } = useSession()
  const navigate = useNavigate()
  const canSend = can(PERMISSIONS.invitationsSend)
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [filter, setFilter] = useState<ClientUserFilter>('all')
  const [page, setPage] = useState(1)
  const [dialog, setDialog] = useState<Dialog>(null)

  const funnel = useApiQuery<ClientUserFunnel>('/client-users/funnel')
  const list = useApiQuery<Paged<ClientUser>>('/client-users', {
    search: debouncedSearch,
    status: filter === 'all' ? undefined : filter,
    page,
    pageSize: PAGE_SIZE,
  })
  const items = list.data?.items ?? []
  const filtered = Boolean(debouncedSearch) || filter !== 'all'

  async function reload() {
    await Promise.all([list.reload(), funnel.reload()])
  }

  async function sendInvitation(user: ClientUser) {
    const resend = user.invitation.status !== 'none' && user.invitation.status !== 'scheduled'
    try {
      const saved = await api.post<ClientUser>(`/client-users/${user.id}/invitation`, {})
      notifySuccess(
        resend
          ? `Convite reenviado para ${saved.email}. O link anterior deixou de funcionar.`
          : `Convite enviado para ${saved.email}.`,
      )
      await reload()
    } catch (error) {
      notifyError(error, 'Não foi possível enviar o convite')
    }
  }

  async function toggleAccess(user: ClientUser) {
    const saved = await api.patch<ClientUser>(`/client-users/${user.id}`, {
      portalActive: !user.portalActive,
    })
    notifySuccess(
      saved.portalActive ? `Acesso de ${saved.name} reativado.` : `Acesso de ${saved.name} desativado.`,
    )
    await reload()
  }

  async function resetKeypass(user: ClientUser) {
    const saved = await api.post<ClientUser>(`/client-users/${user.id}/keypass-reset`, {})
    notifySuccess(
      `KEYPASS de ${saved.name} redefinido. No próximo acesso, será preciso configurá-lo de novo.`,
    )
    await reload()
  }

  return (
    <>
      <PageHeader
        title="Usuários de clientes"
        description="Quem acessa o Portal do Cliente: convites, departamentos, empresas e KEYPASS de cada usuário."
        actions={
          <>
            <ExportButtons
              list="client-users"
              params={{ search: debouncedSearch, status: filter === 'all' ? undefined : filter }}
            />
            <Button component={Link} to="/usuarios/novo" leftSection={<IconUserPlus size={18} />}>
              Novo usuário
            </Button>
          </>
        }
      />

      <FunnelCards funnel={funnel.data} error={funnel.error} />

      <Paper withBorder p="md">
        <Stack gap="sm" mb="md">
          <TextInput
            label="Buscar"
            placeholder="Nome, e-mail, CPF ou empresa"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value)
              setPage(1)
            }}
            maw={420}
            type="search"
          />
          <Box role="radiogroup" aria-label="Situação">
            <Chip.Group
              multiple={false}
              value={filter}
              onChange={(value) => {
                setFilter(value as ClientUserFilter)
                setPage(1)
              }}
            >
              <Group gap="xs">
                {FILTERS.map((f) => (
                  <Chip key={f.value} value={f.value} size="sm" variant="outline">
                    {f.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Box>
        </Stack>

        {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}

        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
          {list.data && items.length === 0 ? (
            <EmptyState
              icon={<IconUsers size={28} stroke={1.5} />}
              title={filtered ? 'Nenhum usuário encontrado' : 'Nenhum usuário de cliente ainda'}
              description={
                filtered
                  ? 'Nenhum usuário corresponde à busca e à situação escolhidas.'
                  : 'Cadastre os usuários dos seus clientes para que eles acessem o Portal do Cliente.'
              }
            >
              {filtered ? null : (
                <Button component={Link} to="/usuarios/novo" leftSection={<IconUserPlus size={18} />}>
                  Cadastrar o primeiro usuário
                </Button>
              )}
            </EmptyState>
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={960}>
              <Table aria-label="Usuários de clientes" aria-busy={list.loading}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome</Table.Th>
                    <Table.Th>E-mail</Table.Th>
                    <Table.Th>Empresas</Table.Th>
                    <Table.Th>Convite</Table.Th>
                    <Table.Th>KEYPASS</Table.Th>
                    <Table.Th w={150} style={{ whiteSpace: 'nowrap' }}>
                      Último acesso
                    </Table.Th>
                    <Table.Th w={90}>Ações</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((user) => (
                    <ClientUserRow
                      key={user.id}
                      user={user}
                      canSend={canSend}
                      onEdit={() => navigate(`/usuarios/${user.id}`)}
                      onSend={() => void sendInvitation(user)}
                      onChangeEmail={() => setDialog({ kind: 'email', user })}
                      onToggle={() => setDialog({ kind: 'toggle', user })}
                      onResetKeypass={() => setDialog({ kind: 'keypass', user })}
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

      <ChangeEmailModal
        user={dialog?.kind === 'email' ? dialog.user : null}
        onClose={() => setDialog(null)}
        onSaved={() => void reload()}
      />

      {dialog?.kind === 'toggle' ? (
        <ConfirmModal
          opened
          title={dialog.user.portalActive ? 'Desativar acesso' : 'Reativar acesso'}
          confirmLabel={dialog.user.portalActive ? 'Desativar acesso' : 'Reativar acesso'}
          color={dialog.user.portalActive ? 'red' : undefined}
          onConfirm={() => toggleAccess(dialog.user)}
          onClose={() => setDialog(null)}
        >
          {dialog.user.portalActive
            ? `${dialog.user.name} não conseguirá mais entrar no Portal do Cliente até o acesso ser reativado. Os dados e vínculos do usuário são mantidos.`
            : dialog.user.invitation.status === 'accepted'
              ? `${dialog.user.name} voltará a entrar no Portal do Cliente com a senha e o KEYPASS que já tem.`
              : `${dialog.user.name} poderá voltar a acessar o Portal do Cliente. Se o convite foi revogado, envie um novo em “Reenviar convite”.`}
        </ConfirmModal>
      ) : null}

      {dialog?.kind === 'keypass' ? (
        <ConfirmModal
          opened
          title="Redefinir KEYPASS"
          confirmLabel="Redefinir KEYPASS"
          color="red"
          onConfirm={() => resetKeypass(dialog.user)}
          onClose={() => setDialog(null)}
        >
          <Stack gap="xs">
            <Text size="sm">
              O KEYPASS atual de <strong>{dialog.user.name}</strong> e os códigos de recuperação deixam de
              funcionar.
            </Text>
            <Text size="sm">
              No próximo acesso, depois da senha, o usuário precisará configurar o KEYPASS de novo no
              aplicativo autenticador. Use quando a pessoa trocar ou perder o celular.
            </Text>
          </Stack>
        </ConfirmModal>
      ) : null}
    </>
  )
}

interface ClientUserRowProps {
  user: ClientUser
  canSend: boolean
  onEdit: () => void
  onSend: () => void
  onChangeEmail: () => void
  onToggle: () => void
  onResetKeypass: () => void
}

function ClientUserRow({
  user,
  canSend,
  onEdit,
  onSend,
  onChangeEmail,
  onToggle,
  onResetKeypass,
}: ClientUserRowProps) {
  const { invitation } = user
  const status = INVITATION_STATUS[invitation.status]
  const firstSend = invitation.status === 'none' || invitation.status === 'scheduled'
  const sendBlocked = !canSend
    ? 'Seu perfil não permite enviar convites'
    : user.isDemo
      ? 'Usuário de demonstração não recebe e-mails'
      : !user.portalActive
        ? 'Reative o acesso para enviar o convite'
        : invitation.status === 'accepted'
          ? 'O convite já foi aceito'
          : null

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}
        </Text>
        <Group gap={4} mt={2}>
          {user.isDemo ? (
            <Badge size="xs" variant="light" color="violet">
              Demonstração
            </Badge>
          ) : null}
          {user.portalActive ? null : (
            <Badge size="xs" variant="light" color="gray">
              Acesso inativo
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate maw={280} title={user.email}>
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Companies user={user} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={invitationTooltip(user)} disabled={!invitationTooltip(user)} multiline maw={260}>
          <Badge variant="light" color={status.color} style={{ minWidth: 'max-content' }}>
            {status.label}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Badge
          variant="light"
          color={user.hasKeypass ? 'teal' : 'yellow'}
          style={{ minWidth: 'max-content' }}
        >
          {user.hasKeypass ? 'Configurado' : 'Pendente'}
        </Badge>
      </Table.Td>
      <Table.Td>
        {user.lastLoginAt ? (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(user.lastLoginAt)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Nunca acessou
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Editar cadastro">
            <ActionIcon variant="subtle" color="gray" aria-label="Editar" onClick={onEdit}>
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Menu position="bottom-end" withinPortal shadow="md" width={250}>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label="Mais ações">
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{user.name}</Menu.Label>
              <Menu.Item
                leftSection={<IconMailForward size={16} />}
                onClick={onSend}
                disabled={sendBlocked !== null}
                title={sendBlocked ?? undefined}
              >
                {firstSend ? 'Enviar convite' : 'Reenviar convite'}
              </Menu.Item>
              <Menu.Item leftSection={<IconMailCog size={16} />} onClick={onChangeEmail}>
                Alterar e-mail
              </Menu.Item>
              <Menu.Item
                leftSection={user.portalActive ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
                color={user.portalActive ? 'red' : undefined}
                onClick={onToggle}
              >
                {user.portalActive ? 'Desativar acesso' : 'Reativar acesso'}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconKeyOff size={16} />}
                onClick={onResetKeypass}
                disabled={!user.hasKeypass}
                title={user.hasKeypass ? undefined : 'O usuário ainda não configurou o KEYPASS'}
              >
                Redefinir KEYPASS
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

function Companies({ user }: { user: ClientUser }) {
  if (user.companies.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nenhuma
      </Text>
    )
  }
  const [first, ...rest] = user.companies
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" truncate maw={170} title={first.name} style={{ minWidth: 0 }}>
        {first.name}
      </Text>
      {rest.length > 0 ? (
        <Tooltip label={rest.map((c) => c.name).join(', ')} multiline maw={280}>
          <Badge size="sm" variant="light" color="gray" style={{ flexShrink: 0 }}>
            +{rest.length}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  )
}

function invitationTooltip(user: ClientUser): string {
  const { invitation } = user
  const lines: string[] = []
  if (invitation.sentAt) lines.push(`Enviado em ${formatDateTime(invitation.sentAt)}`)
  if (invitation.openedAt) lines.push(`Aberto em ${formatDateTime(invitation.openedAt)}`)
  if (invitation.acceptedAt) lines.push(`Aceito em ${formatDateTime(invitation.acceptedAt)}`)
  else if (invitation.expiresAt) {
    const expired = new Date(invitation.expiresAt).getTime() < Date.now()
    lines.push(`${expired ? 'Expirou' : 'Expira'} em ${formatDateTime(invitation.expiresAt)}`)
  }
  return lines.join(' · ')
}
