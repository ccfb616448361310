import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import {
  IconArrowLeft,
  IconBuildingSkyscraper,
  IconFolder,
  IconHistory,
  IconMapPin,
  IconPackage,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconUsers,
} from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { formatCep } from '../../../shared/documents.ts'
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ClientPlansTab } from '../client-plans/client-plans-tab.tsx'
import { ClientOrgDocumentsTab } from '../documents/client-org-documents-tab.tsx'
import type { ExtraFieldDefinitions } from '../settings/settings.types.ts'
import { sortAddresses } from './client-org-form.ts'
import { ClientOrgHistory } from './client-org-history.tsx'
import { ClientOrgUsers } from './client-org-users.tsx'
import { ADDRESS_KINDS, ENVIRONMENTS } from './client-orgs.labels.ts'
import type { ClientOrgAddress, ClientOrgDetail } from './client-orgs.types.ts'

const TABS = ['dados', 'enderecos', 'usuarios', 'planos', 'documentos', 'historico'] as const
type Tab = (typeof TABS)[number]

/** `/clientes/:id`: one client organisation, with its data, addresses, users, plans and history. */
export function ClientOrgPage() {
  const { id = '' } = useParams()
  const org = useApiQuery<ClientOrgDetail>(`/client-orgs/${encodeURIComponent(id)}`)

  if (org.error?.status === 404 || org.error?.status === 400) return <NotFoundContent />
  if (org.error && !org.data) return <LoadError error={org.error} onRetry={() => void org.reload()} />
  if (!org.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando cliente" />
      </Center>
    )
  }
  return <ClientOrgView org={org.data} reload={org.reload} />
}

function ClientOrgView({ org, reload }: { org: ClientOrgDetail; reload: () => Promise<void> }) {
  useDocumentTitle(`${org.name} · Cadastra`)
  const { can } = useSession()
  const canManage = can(PERMISSIONS.clientsManage)
  const canAudit = can(PERMISSIONS.auditRead)
  const canDocuments = can('documents:manage')
  const [params, setParams] = useSearchParams()
  const [toggling, setToggling] = useState(false)
  const requested = params.get('aba') as Tab | null
  const tab: Tab =
    requested &&
    TABS.includes(requested) &&
    (requested !== 'historico' || canAudit) &&
    (requested !== 'documentos' || canDocuments)
      ? requested
      : 'dados'
  const environment = ENVIRONMENTS[org.environment]
  const editPath = `/clientes/${org.id}/editar`

  async function toggleActive() {
    const saved = await api.patch<ClientOrgDetail>(`/client-orgs/${org.id}`, { isActive: !org.isActive })
    notifySuccess(saved.isActive ? `Cliente ${saved.name} ativado.` : `Cliente ${saved.name} desativado.`)
    await reload()
  }

  return (
    <>
      <Anchor component={Link} to="/clientes" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> Clientes
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="md" mb="lg" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Title order={1} fz="h2">
            {org.name}
          </Title>
          {org.tradeName ? (
            <Text c="dimmed" size="sm" mt={-4}>
              {org.tradeName}
            </Text>
          ) : null}
          <Group gap="xs">
            <Text size="sm" ff="monospace" aria-label={org.documentType === 'cnpj' ? 'CNPJ' : 'CPF'}>
              {org.document}
            </Text>
            <Badge variant="light" color={environment.color}>
              {environment.label}
            </Badge>
            <Badge variant="light" color={org.isActive ? 'teal' : 'gray'}>
              {org.isActive ? 'Ativo' : 'Inativo'}
            </Badge>
            <Text size="sm" c={org.trainedAt ? undefined : 'orange.8'}>
              {org.trainedAt ? `Treinada em ${formatDate(org.trainedAt)}` : 'Ainda não treinada'}
            </Text>
          </Group>
        </Stack>
        {canManage ? (
          <Group gap="sm">
            <Button component={Link} to={editPath} leftSection={<IconPencil size={18} />}>
              Editar
            </Button>
            <Button
              variant="default"
              color={org.isActive ? 'red' : undefined}
              leftSection={org.isActive ? <IconPlayerPause size={18} /> : <IconPlayerPlay size={18} />}
              onClick={() => setToggling(true)}
            >
              {org.isActive ? 'Desativar' : 'Ativar'}
            </Button>
          </Group>
        ) : null}
      </Group>

      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params)
          if (!value || value === 'dados') next.delete('aba')
          else next.set('aba', value)
          setParams(next, { replace: true })
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="dados" leftSection={<IconBuildingSkyscraper size={16} />}>
            Dados
          </Tabs.Tab>
          <Tabs.Tab value="enderecos" leftSection={<IconMapPin size={16} />}>
            Endereços ({formatNumber(org.addresses.length)})
          </Tabs.Tab>
          <Tabs.Tab value="usuarios" leftSection={<IconUsers size={16} />}>
            Usuários ({formatNumber(org.userCount)})
          </Tabs.Tab>
          <Tabs.Tab value="planos" leftSection={<IconPackage size={16} />}>
            Planos
          </Tabs.Tab>
          {canDocuments ? (
            <Tabs.Tab value="documentos" leftSection={<IconFolder size={16} />}>
              Documentos
            </Tabs.Tab>
          ) : null}
          {canAudit ? (
            <Tabs.Tab value="historico" leftSection={<IconHistory size={16} />}>
              Histórico
            </Tabs.Tab>
          ) : null}
        </Tabs.List>

        <Tabs.Panel value="dados">
          <DataPanel org={org} editPath={canManage ? editPath : null} />
        </Tabs.Panel>
        <Tabs.Panel value="enderecos">
          <AddressesPanel org={org} editPath={canManage ? editPath : null} />
        </Tabs.Panel>
        <Tabs.Panel value="usuarios">
          <Paper withBorder p="md">
            <ClientOrgUsers org={org} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="planos">
          <Paper withBorder p="md">
            <ClientPlansTab clientOrgId={org.id} />
          </Paper>
        </Tabs.Panel>
        {canDocuments ? (
          <Tabs.Panel value="documentos">
            <ClientOrgDocumentsTab clientOrgId={org.id} />
          </Tabs.Panel>
        ) : null}
        {canAudit ? (
          <Tabs.Panel value="historico">
            <Paper withBorder p="md">
              <ClientOrgHistory orgId={org.id} />
            </Paper>
          </Tabs.Panel>
        ) : null}
      </Tabs>

      <ConfirmModal
        opened={toggling}
        title={org.isActive ? 'Desativar cliente' : 'Ativar cliente'}
        confirmLabel={org.isActive ? 'Desativar' : 'Ativar'}
        color={org.isActive ? 'red' : undefined}
        onConfirm={toggleActive}
        onClose={() => setToggling(false)}
      >
        {org.isActive
          ? `${org.name} ficará inativo. Os dados, endereços e usuários são mantidos e você pode ativá-lo de novo quando quiser.`
          : `${org.name} voltará a ficar ativo.`}
      </ConfirmModal>
    </>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {label}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          Não informado
        </Text>
      ) : typeof children === 'string' ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {children}
        </Text>
      ) : (
        children
      )}
    </Stack>
  )
}

function DataPanel({ org, editPath }: { org: ClientOrgDetail; editPath: string | null }) {
  const extras = Object.entries(org.extraFields)
  const definitions = useApiQuery<ExtraFieldDefinitions>('/settings/extra-fields').data?.clients ?? []
  const labelOf = (key: string) => definitions.find((d) => d.key === key)?.label ?? key
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4">
          Dados cadastrais
        </Title>
        {editPath ? (
          <Button component={Link} to={editPath} variant="light" leftSection={<IconPencil size={16} />}>
            Editar dados
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing="md">
        <Field label="Nome/Razão social">{org.name}</Field>
        <Field label="Nome fantasia">{org.tradeName ?? ''}</Field>
        <Field label={org.documentType === 'cnpj' ? 'CNPJ' : 'CPF'}>{org.document}</Field>
        <Field label="Inscrição Estadual">{org.stateRegistration ?? ''}</Field>
        <Field label="E-mails">{org.emails.join('\n')}</Field>
        <Field label="Telefones">{org.phones.join('\n')}</Field>
        <Field label="Ambiente">{ENVIRONMENTS[org.environment].label}</Field>
        <Field label="Portal do Cliente">{org.portalEnabled ? 'Habilitado' : 'Desabilitado'}</Field>
        <Field label="Treinamento">
          {org.trainedAt ? `Treinada em ${formatDate(org.trainedAt)}` : 'Ainda não treinada'}
        </Field>
        <Field label="Cadastrado em">{formatDateTime(org.createdAt)}</Field>
      </SimpleGrid>
      <Stack gap="md" mt="lg">
        <Field label="Observações">{org.notes ?? ''}</Field>
        <Field label="Campos extras">
          {extras.length > 0 ? (
            <Table withTableBorder maw={640} fz="sm" aria-label="Campos extras">
              <Table.Tbody>
                {extras.map(([name, value]) => (
                  <Table.Tr key={name}>
                    <Table.Th w="40%">{labelOf(name)}</Table.Th>
                    <Table.Td>{value || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </Field>
      </Stack>
    </Paper>
  )
}

export function addressLines(a: ClientOrgAddress): string[] {
  return [
    [a.street, a.number].filter(Boolean).join(', ') + (a.complement ? ` — ${a.complement}` : ''),
    `${a.district} · ${a.city}/${a.uf}`,
    `CEP ${formatCep(a.cep)}`,
  ]
}

function AddressesPanel({ org, editPath }: { org: ClientOrgDetail; editPath: string | null }) {
  const edit = editPath ? (
    <Button component={Link} to={editPath} variant="light" leftSection={<IconPencil size={16} />}>
      Editar endereços
    </Button>
  ) : null
  if (org.addresses.length === 0) {
    return (
      <Paper withBorder p="md">
        <EmptyState
          icon={<IconMapPin size={28} stroke={1.5} />}
          title="Nenhum endereço"
          description="Cadastre o endereço principal, de cobrança ou de instalação do cliente."
        >
          {edit}
        </EmptyState>
      </Paper>
    )
  }
  return (
    <Stack gap="md">
      {edit ? <Group justify="flex-end">{edit}</Group> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {sortAddresses(org.addresses).map((address) => (
          <Paper
            withBorder
            p="md"
            key={address.id}
            component="section"
            aria-label={ADDRESS_KINDS[address.kind]}
          >
            <Badge variant="light" mb="xs">
              {ADDRESS_KINDS[address.kind]}
            </Badge>
            {addressLines(address).map((line) => (
              <Text size="sm" key={line}>
                {line}
              </Text>
            ))}
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  )
}
