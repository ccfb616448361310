import { Alert, Anchor, Badge, Box, Button, Group, Loader, Table, Text } from '@mantine/core'
import { IconUserPlus, IconUsers } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router'
import { formatCount, formatDateTime } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { INVITATION_STATUS } from '../client-users/client-users.labels.ts'
import type { ClientUser } from '../client-users/client-users.types.ts'
import type { ClientOrgDetail } from './client-orgs.types.ts'

const PAGE_SIZE = 200
const MAX_PAGES = 25

/**
 * The client users linked to this company (the list API filters by company), page by page.
 */
function useCompanyUsers(orgId: string, enabled: boolean) {
  const [users, setUsers] = useState<ClientUser[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      const found: ClientUser[] = []
      for (let page = 1; page <= MAX_PAGES; page++) {
        const result = await api.get<Paged<ClientUser>>('/client-users', {
          companyId: orgId,
          page,
          pageSize: PAGE_SIZE,
        })
        found.push(...result.items)
        if (page * PAGE_SIZE >= result.total) break
      }
      found.sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'))
      setUsers(found)
    } catch (err) {
      setError(
        err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'Algo deu errado. Tente novamente.'),
      )
    }
  }, [orgId])

  useEffect(() => {
    if (enabled) void load()
  }, [enabled, load])

  return { users, error, reload: load }
}

/** "Usuários" tab: the client users linked to this company. */
export function ClientOrgUsers({ org }: { org: ClientOrgDetail }) {
  const { can } = useSession()
  const canManageUsers = can(PERMISSIONS.usersManage) && can(PERMISSIONS.portalUse)
  const { users, error, reload } = useCompanyUsers(org.id, canManageUsers)

  if (!canManageUsers) {
    return (
      <Alert color="gray" title={formatCount(org.userCount, 'usuário vinculado', 'usuários vinculados')}>
        Seu perfil não permite ver os usuários de clientes (é preciso “Gerenciar usuários” e “Utiliza Portal
        do Cliente”).
      </Alert>
    )
  }

  const newUser = (
    <Button component={Link} to="/usuarios/novo" leftSection={<IconUserPlus size={18} />} variant="light">
      Novo usuário
    </Button>
  )

  return (
    <Box>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          Pessoas deste cliente que acessam o Portal do Cliente.
        </Text>
        {newUser}
      </Group>
      {error ? <LoadError error={error} onRetry={() => void reload()} /> : null}
      {!users && !error ? (
        <Group justify="center" py="lg">
          <Loader size="sm" aria-label="Carregando usuários" />
        </Group>
      ) : null}
      {users && users.length === 0 ? (
        <EmptyState
          icon={<IconUsers size={28} stroke={1.5} />}
          title="Nenhum usuário vinculado"
          description="Cadastre um usuário e vincule-o a este cliente na etapa “Clientes”."
        />
      ) : null}
      {users && users.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Usuários do cliente">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nome</Table.Th>
                <Table.Th>E-mail</Table.Th>
                <Table.Th>Convite</Table.Th>
                <Table.Th>Último acesso</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((user) => {
                const status = INVITATION_STATUS[user.invitation.status]
                return (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/usuarios/${user.id}`} size="sm" fw={500}>
                        {user.name}
                      </Anchor>
                      {user.portalActive ? null : (
                        <Badge size="xs" variant="light" color="gray" ml={6}>
                          Acesso inativo
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{user.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={status.color} style={{ minWidth: 'max-content' }}>
                        {status.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {user.lastLoginAt ? (
                        <Text size="sm">{formatDateTime(user.lastLoginAt)}</Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Nunca acessou
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Box>
  )
}
