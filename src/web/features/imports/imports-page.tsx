import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  LoadingOverlay,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconDownload, IconFileImport, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatDateTime, formatNumber } from '../../../shared/format.ts'
import { API_BASE, api } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import {
  type ImportKind,
  type ImportRun,
  type ImportRunSummary,
  KIND_LABELS,
  STATUS_COLORS,
} from './imports.types.ts'

const ACCEPT =
  '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/vnd.ms-excel'
const PAGE_SIZE = 15

/** `/importacao`: choose what to import, download the template, send the file; the history of runs. */
export function ImportsPage() {
  const { can } = useSession()
  const navigate = useNavigate()
  const kinds = (['client_users', 'client_orgs'] as const).filter((k) =>
    can(k === 'client_users' ? PERMISSIONS.usersManage : PERMISSIONS.clientsManage),
  )
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'client_users')
  // On a phone the two choices are stacked: side by side they are wider than the screen.
  const theme = useMantineTheme()
  const narrow = !useMediaQuery(`(min-width: ${theme.breakpoints.xs})`, true)
  const [busy, setBusy] = useState(false)
  const [page, setPage] = useState(1)
  const history = useApiQuery<Paged<ImportRunSummary>>('/imports', { page, pageSize: PAGE_SIZE })

  async function send(file: File | null) {
    if (!file) return
    setBusy(true)
    try {
      const body = new FormData()
      body.append('arquivo', file)
      const run = await api.upload<ImportRun>(`/imports?kind=${kind}`, body)
      navigate(`/importacao/${run.id}`)
    } catch (error) {
      notifyError(error, 'Planilha recusada')
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <PageHeader
        title="Importação"
        description="Cadastre muitos usuários de clientes ou clientes de uma vez, a partir de uma planilha Excel (.xlsx) ou CSV: modelo para baixar, conferência das colunas, prévia com os erros de cada linha e importação acompanhada."
      />
      <Paper withBorder p="lg" mb="lg">
        <Stack gap="md">
          <Title order={2} fz="h4">
            Nova importação
          </Title>
          {kinds.length === 0 ? (
            <Text size="sm" c="dimmed">
              Seu perfil não permite cadastrar usuários de clientes nem clientes.
            </Text>
          ) : (
            <>
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  O que você vai importar?
                </Text>
                <SegmentedControl
                  value={kind}
                  onChange={(v) => setKind(v as ImportKind)}
                  data={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                  orientation={narrow ? 'vertical' : 'horizontal'}
                  fullWidth={narrow}
                  style={narrow ? undefined : { alignSelf: 'flex-start' }}
                  aria-label="Tipo de importação"
                />
              </Stack>
              <List size="sm" spacing={4} c="dimmed">
                <List.Item>
                  A primeira linha da planilha tem os nomes das colunas (em português ou inglês, em qualquer
                  ordem).
                </List.Item>
                <List.Item>
                  {kind === 'client_users'
                    ? 'Obrigatórios: nome e e-mail. Departamentos e empresas (CNPJ) precisam estar cadastrados antes.'
                    : 'Obrigatórios: CNPJ ou CPF e razão social. O endereço, se vier, precisa estar completo.'}
                </List.Item>
                <List.Item>
                  Linhas já cadastradas (mesmo {kind === 'client_users' ? 'e-mail' : 'CNPJ/CPF'}) são
                  ignoradas: importar o mesmo arquivo de novo não duplica nada.
                </List.Item>
              </List>
              <Group gap="sm">
                <Button
                  component="a"
                  href={`${API_BASE}/imports/templates/${kind}`}
                  download
                  variant="default"
                  leftSection={<IconDownload size={18} />}
                >
                  Baixar planilha modelo
                </Button>
                <FileButton onChange={(file) => void send(file)} accept={ACCEPT}>
                  {(props) => (
                    <Button {...props} loading={busy} leftSection={<IconUpload size={18} />}>
                      Enviar planilha
                    </Button>
                  )}
                </FileButton>
              </Group>
            </>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" pos="relative">
        <LoadingOverlay visible={history.loading && !history.data} />
        <Title order={2} fz="h4" mb="sm">
          Histórico
        </Title>
        {history.error ? (
          <LoadError error={history.error} onRetry={history.reload} />
        ) : history.data && history.data.items.length === 0 ? (
          <EmptyState
            icon={<IconFileImport size={28} stroke={1.5} />}
            title="Nenhuma importação ainda"
            description="As planilhas enviadas aparecem aqui, com a situação e o resultado de cada uma."
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Enviada em</Table.Th>
                  <Table.Th>Arquivo</Table.Th>
                  <Table.Th>Tipo</Table.Th>
                  <Table.Th>Situação</Table.Th>
                  <Table.Th ta="right">Linhas</Table.Th>
                  <Table.Th ta="right">Criados</Table.Th>
                  <Table.Th ta="right">Erros</Table.Th>
                  <Table.Th>Por</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(history.data?.items ?? []).map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/importacao/${r.id}`} size="sm">
                        <Group gap={6} wrap="nowrap">
                          <IconFileSpreadsheet size={16} />
                          <span style={{ wordBreak: 'break-all' }}>{r.filename}</span>
                        </Group>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{KIND_LABELS[r.kind]}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[r.status]} variant="light">
                        {r.statusLabel}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(r.totals.rows)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.progress.created)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.totals.errors)}</Table.Td>
                    <Table.Td>{r.createdByName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {history.data && history.data.total > PAGE_SIZE ? (
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={history.data.total} onChange={setPage} />
        ) : null}
      </Paper>
    </>
  )
}
