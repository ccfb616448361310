import {
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  LoadingOverlay,
  NativeSelect,
  Paper,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconBuildingSkyscraper,
  IconFilterOff,
  IconLogin2,
  IconPlus,
  IconSearch,
  IconSparkles,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatDate, formatNumber } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ExportButtons } from '../imports/export-buttons.tsx'
import { NewSignupModal } from '../trial/new-signup-modal.tsx'
import { CLIENTS_CHANNEL } from '../trial/trial-wizard-page.tsx'
import { ENVIRONMENTS } from './client-orgs.labels.ts'
import type { ClientOrg } from './client-orgs.types.ts'

const PAGE_SIZE = 20

interface Filters {
  environment: string
  status: string
  trained: string
}

const NO_FILTERS: Filters = { environment: '', status: '', trained: '' }

/** `/clientes`: the tenant's client organisations, with search and filters. */
export function ClientOrgsPage() {
  const { can } = useSession()
  const navigate = useNavigate()
  const canManage = can(PERMISSIONS.clientsManage)
  // "Novo Cadastro" (seed 002): the plan-based wizard, in a new tab.
  const canSignUp = canManage && can(PERMISSIONS.plansManage)
  const [choosingCategory, setChoosingCategory] = useState(false)
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [page, setPage] = useState(1)

  const list = useApiQuery<Paged<ClientOrg> & { totalCapped?: boolean }>('/client-orgs', {
    search: debouncedSearch,
    environment: filters.environment,
    status: filters.status,
    trained: filters.trained,
    page,
    pageSize: PAGE_SIZE,
  })
  const items = list.data?.items ?? []
  const reloadList = list.reload
  // A client created by the wizard in the other tab shows up here at once.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return
    const channel = new BroadcastChannel(CLIENTS_CHANNEL)
    channel.onmessage = () => void reloadList()
    return () => channel.close()
  }, [reloadList])
  const filtered = Boolean(debouncedSearch) || Object.values(filters).some(Boolean)

  function update(patch: Partial<Filters>) {
    setFilters((current) => ({ ...current, ...patch }))
    setPage(1)
  }

  function clear() {
    setFilters(NO_FILTERS)
    setSearch('')
    setPage(1)
  }

  return (
    <>
      <PageHeader
        title="Clientes"
        description="Organizações atendidas, identificadas pelo CNPJ ou CPF: dados cadastrais, endereços, ambiente, treinamento e usuários."
        actions={
          <>
            <ExportButtons list="client-orgs" params={{ search: debouncedSearch, ...filters }} />
            {canManage ? (
              <>
                {canSignUp ? (
                  <Button
                    color="green"
                    leftSection={<IconSparkles size={18} />}
                    onClick={() => setChoosingCategory(true)}
                  >
                    Novo Cadastro
                  </Button>
                ) : null}
                <Button component={Link} to="/clientes/novo" leftSection={<IconPlus size={18} />}>
                  Novo cliente
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <NewSignupModal opened={choosingCategory} onClose={() => setChoosingCategory(false)} />

      <Paper withBorder p="md">
        <Grid gap="sm" mb="md">
          <Grid.Col span={{ base: 12, lg: 4.5 }}>
            <TextInput
              label="Buscar"
              placeholder="Nome, nome fantasia, CPF ou CNPJ"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(event) => {
                setSearch(event.currentTarget.value)
                setPage(1)
              }}
              type="search"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, lg: 2.5 }}>
            <NativeSelect
              label="Ambiente"
              data={[
                { value: '', label: 'Todos' },
                { value: 'homologacao', label: 'Homologação' },
                { value: 'producao', label: 'Produção' },
              ]}
              value={filters.environment}
              onChange={(event) => update({ environment: event.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, lg: 2.5 }}>
            <NativeSelect
              label="Situação"
              data={[
                { value: '', label: 'Todas' },
                { value: 'ativo', label: 'Ativo' },
                { value: 'inativo', label: 'Inativo' },
              ]}
              value={filters.status}
              onChange={(event) => update({ status: event.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, lg: 2.5 }}>
            <NativeSelect
              label="Treinamento"
              data={[
                { value: '', label: 'Todos' },
                { value: 'true', label: 'Treinada' },
                { value: 'false', label: 'Não treinada' },
              ]}
              value={filters.trained}
              onChange={(event) => update({ trained: event.currentTarget.value })}
            />
          </Grid.Col>
        </Grid>
        {filtered ? (
          <Group justify="flex-end" mt={-8} mb="sm">
            <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={16} />} onClick={clear}>
              Limpar filtros
            </Button>
          </Group>
        ) : null}

        {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}

        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
          {list.data && items.length === 0 ? (
            <EmptyState
              icon={<IconBuildingSkyscraper size={28} stroke={1.5} />}
              title={filtered ? 'Nenhum cliente encontrado' : 'Nenhum cliente ainda'}
              description={
                filtered
                  ? 'Nenhum cliente corresponde à busca e aos filtros escolhidos.'
                  : 'Cadastre as organizações que você atende para dar acesso aos usuários delas.'
              }
            >
              {!filtered && canManage ? (
                <Button component={Link} to="/clientes/novo" leftSection={<IconPlus size={18} />}>
                  Cadastrar o primeiro cliente
                </Button>
              ) : null}
            </EmptyState>
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={900}>
              <Table aria-label="Clientes" aria-busy={list.loading} highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome/Razão social</Table.Th>
                    <Table.Th w={200}>CPF/CNPJ</Table.Th>
                    <Table.Th w={130}>Ambiente</Table.Th>
                    <Table.Th w={90}>Portal</Table.Th>
                    <Table.Th w={120}>Treinada</Table.Th>
                    <Table.Th w={90} ta="right">
                      Usuários
                    </Table.Th>
                    {canSignUp ? (
                      <Table.Th w={110}>
                        <VisuallyHidden>Ações</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((org) => (
                    <ClientOrgRow
                      key={org.id}
                      org={org}
                      canAccess={canSignUp}
                      onOpen={() => navigate(`/clientes/${org.id}`)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Box>

        {list.data ? (
          <PaginationBar
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            totalCapped={list.data.totalCapped}
            onChange={setPage}
          />
        ) : null}
      </Paper>
    </>
  )
}

function ClientOrgRow({
  org,
  canAccess,
  onOpen,
}: {
  org: ClientOrg
  /** "Acessar" (first access of a client in Homologação) needs clients:manage and plans:manage. */
  canAccess: boolean
  onOpen: () => void
}) {
  const environment = ENVIRONMENTS[org.environment ?? 'homologacao']
  return (
    <Table.Tr
      onClick={onOpen}
      style={{ cursor: 'pointer' }}
      data-inactive={org.isActive === false || undefined}
    >
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Anchor
            component={Link}
            to={`/clientes/${org.id}`}
            size="sm"
            fw={500}
            c="inherit"
            onClick={(event) => event.stopPropagation()}
          >
            {org.name}
          </Anchor>
          {org.isActive === false ? (
            <Badge size="xs" variant="light" color="gray">
              Inativo
            </Badge>
          ) : null}
        </Group>
        {org.tradeName ? (
          <Text size="xs" c="dimmed">
            {org.tradeName}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {org.document}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={environment.color} style={{ minWidth: 'max-content' }}>
          {environment.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={org.portalEnabled ? 'teal' : 'gray'}>
          {org.portalEnabled ? 'Sim' : 'Não'}
        </Badge>
      </Table.Td>
      <Table.Td>
        {org.trainedAt ? (
          <Text size="sm">{formatDate(org.trainedAt)}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            Não
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{formatNumber(org.userCount)}</Text>
      </Table.Td>
      {canAccess ? (
        <Table.Td ta="right">
          {org.environment === 'homologacao' ? (
            <Button
              component={Link}
              to={`/clientes/${org.id}/primeiro-acesso`}
              size="xs"
              variant="light"
              leftSection={<IconLogin2 size={14} />}
              onClick={(event: React.MouseEvent) => event.stopPropagation()}
              aria-label={`Acessar ${org.name} (primeiro acesso)`}
            >
              Acessar
            </Button>
          ) : null}
        </Table.Td>
      ) : null}
    </Table.Tr>
  )
}
