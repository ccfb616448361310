import { Badge, Box, Button, LoadingOverlay, Paper, Table, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { formatNumber } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ClientOrgFormModal } from './client-org-form-modal.tsx'
import type { ClientOrg } from './client-orgs.types.ts'

const PAGE_SIZE = 20

/** "Clientes": the tenant's client organisations (a minimal list for now). */
export function ClientOrgsPage() {
  const { can } = useSession()
  const canManage = can(PERMISSIONS.clientsManage)
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [page, setPage] = useState(1)
  const [creating, setCreating] = useState(false)

  const list = useApiQuery<Paged<ClientOrg>>('/client-orgs', {
    search: debouncedSearch,
    page,
    pageSize: PAGE_SIZE,
  })
  const items = list.data?.items ?? []

  return (
    <>
      <PageHeader
        title="Clientes"
        description="Organizações atendidas, identificadas pelo CNPJ ou CPF, e quantos usuários cada uma tem no Portal do Cliente."
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              Novo cliente
            </Button>
          ) : null
        }
      />

      <Paper withBorder p="md">
        <TextInput
          label="Buscar"
          placeholder="Nome, CPF ou CNPJ"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value)
            setPage(1)
          }}
          maw={420}
          mb="md"
          type="search"
        />

        {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}

        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
          {list.data && items.length === 0 ? (
            <EmptyState
              icon={<IconBuildingSkyscraper size={28} stroke={1.5} />}
              title={debouncedSearch ? 'Nenhum cliente encontrado' : 'Nenhum cliente ainda'}
              description={
                debouncedSearch
                  ? `Nenhum cliente corresponde a “${debouncedSearch}”.`
                  : 'Cadastre as organizações que você atende para dar acesso aos usuários delas.'
              }
            />
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label="Clientes" aria-busy={list.loading}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome</Table.Th>
                    <Table.Th>CPF/CNPJ</Table.Th>
                    <Table.Th w={170}>Portal habilitado</Table.Th>
                    <Table.Th w={110} ta="right">
                      Usuários
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((org) => (
                    <Table.Tr key={org.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {org.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {org.document}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={org.portalEnabled ? 'teal' : 'gray'}>
                          {org.portalEnabled ? 'Sim' : 'Não'}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{formatNumber(org.userCount)}</Text>
                      </Table.Td>
                    </Table.Tr>
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

      <ClientOrgFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void list.reload()}
      />
    </>
  )
}
