import {
  Badge,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { DateTimePicker } from '@mantine/dates'
import { IconColumns, IconDownload, IconFileImport } from '@tabler/icons-react'
import { useState } from 'react'
import { formatCount, formatNumber } from '../../../shared/format.ts'
import { API_BASE, api } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { notifyError } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { ImportRow, ImportRun, InvitationMode } from './imports.types.ts'
import { RunTotals } from './run-totals.tsx'

const PAGE_SIZE = 25
const ROW_STATUS: Record<ImportRow['status'], { label: string; color: string }> = {
  ok: { label: 'OK', color: 'teal' },
  error: { label: 'Erro', color: 'red' },
  skipped: { label: 'Já cadastrada', color: 'orange' },
}

interface PreviewStepProps {
  run: ImportRun
  onConfirmed: (run: ImportRun) => void
  onRemap: () => void
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The picker's value ("YYYY-MM-DD HH:mm:ss", local time) for a date. */
function pickerValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00`
}

/** The next full hour from now. */
function inAnHour(): string {
  const d = new Date(Date.now() + 3_600_000)
  d.setMinutes(0, 0, 0)
  return pickerValue(d)
}

/** Step 3: the dry run's verdict on every row, the invitations choice and "Importar". */
export function PreviewStep({ run, onConfirmed, onRemap }: PreviewStepProps) {
  const { can } = useSession()
  const [filter, setFilter] = useState<'' | 'error' | 'skipped'>(run.totals.errors ? 'error' : '')
  const [page, setPage] = useState(1)
  const rows = useApiQuery<Paged<ImportRow>>(`/imports/${run.id}/rows`, {
    status: filter,
    page,
    pageSize: PAGE_SIZE,
  })
  const canInvite = can(PERMISSIONS.invitationsSend)
  const [mode, setMode] = useState<InvitationMode>(canInvite ? 'end' : 'later')
  const [scheduleAt, setScheduleAt] = useState(inAnHour)
  const [scheduleError, setScheduleError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const users = run.kind === 'client_users'
  const problems = run.totals.errors + run.totals.skipped

  async function confirm() {
    setScheduleError(null)
    let at: string | null = null
    if (users && mode === 'schedule') {
      const d = new Date(scheduleAt.replace(' ', 'T'))
      if (!scheduleAt || Number.isNaN(d.getTime()) || d.getTime() <= Date.now()) {
        setScheduleError('Informe uma data e hora no futuro.')
        return
      }
      at = d.toISOString()
    }
    setBusy(true)
    try {
      onConfirmed(
        await api.post<ImportRun>(`/imports/${run.id}/confirm`, {
          invitations: users ? mode : 'later',
          scheduleAt: at,
        }),
      )
    } catch (error) {
      notifyError(error, 'Não foi possível importar')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="md">
      <RunTotals run={run} />
      <Paper withBorder p="md" pos="relative">
        <LoadingOverlay visible={rows.loading && !rows.data} />
        <Group justify="space-between" mb="sm" gap="sm">
          <Title order={2} fz="h4">
            Prévia, linha a linha
          </Title>
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              value={filter}
              onChange={(v) => {
                setFilter(v as typeof filter)
                setPage(1)
              }}
              data={[
                { value: '', label: `Todas (${formatNumber(run.totals.rows)})` },
                { value: 'error', label: `Só erros (${formatNumber(run.totals.errors)})` },
                { value: 'skipped', label: `Já cadastradas (${formatNumber(run.totals.skipped)})` },
              ]}
              aria-label="Filtrar linhas"
            />
            {problems > 0 ? (
              <Button
                size="xs"
                variant="default"
                component="a"
                href={`${API_BASE}/imports/${run.id}/error-report`}
                download
                leftSection={<IconDownload size={16} />}
              >
                Baixar relatório de erros
              </Button>
            ) : null}
          </Group>
        </Group>
        {rows.error ? (
          <LoadError error={rows.error} onRetry={rows.reload} />
        ) : (rows.data?.items.length ?? 0) === 0 && rows.data ? (
          <Text size="sm" c="dimmed" py="md">
            {filter === 'error'
              ? 'Nenhuma linha com erro.'
              : filter === 'skipped'
                ? 'Nenhuma linha já cadastrada.'
                : 'Nenhuma linha.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Linha</Table.Th>
                  <Table.Th w={130}>Situação</Table.Th>
                  <Table.Th w={150}>Coluna</Table.Th>
                  <Table.Th>Mensagem</Table.Th>
                  <Table.Th>Dados da linha</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(rows.data?.items ?? []).map((r) => (
                  <Table.Tr key={r.rowNumber}>
                    <Table.Td>{r.rowNumber}</Table.Td>
                    <Table.Td>
                      <Badge color={ROW_STATUS[r.status].color} variant="light">
                        {ROW_STATUS[r.status].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.columnName ?? '—'}</Table.Td>
                    <Table.Td c={r.status === 'error' ? 'red.8' : undefined}>
                      {r.message ?? 'Pronta para importar.'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                        {r.cells.filter(Boolean).join(' · ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {rows.data ? (
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={rows.data.total} onChange={setPage} />
        ) : null}
      </Paper>

      <Paper withBorder p="lg">
        <Stack gap="md">
          {users && run.totals.ok > 0 ? (
            <Radio.Group
              label="Convites de acesso ao portal"
              description="Os convites seguem o fluxo normal: link de uso único por e-mail; empresas ainda não treinadas recebem depois do treinamento, quando a regra estiver ligada."
              value={mode}
              onChange={(v) => setMode(v as InvitationMode)}
            >
              <Stack gap="xs" mt="xs">
                <Radio value="end" label="Enviar ao final da importação" disabled={!canInvite} />
                <Group gap="sm" align="flex-start" wrap="wrap">
                  <Radio value="schedule" label="Agendar o envio para" disabled={!canInvite} mt={8} />
                  <DateTimePicker
                    aria-label="Data e hora do envio dos convites"
                    valueFormat="DD/MM/YYYY HH:mm"
                    value={scheduleAt}
                    onChange={(v) => setScheduleAt(v ?? '')}
                    minDate={pickerValue(new Date())}
                    disabled={mode !== 'schedule'}
                    error={scheduleError}
                    w={200}
                  />
                </Group>
                <Radio value="later" label="Enviar mais tarde, pela lista de usuários" />
              </Stack>
            </Radio.Group>
          ) : null}
          <Group justify="space-between" gap="sm">
            <Button variant="default" leftSection={<IconColumns size={18} />} onClick={onRemap}>
              Revisar colunas
            </Button>
            <Button
              leftSection={<IconFileImport size={18} />}
              loading={busy}
              disabled={run.totals.ok === 0}
              onClick={() => void confirm()}
            >
              {run.totals.ok === 0
                ? 'Nenhuma linha para importar'
                : `Importar ${formatCount(run.totals.ok, 'linha válida', 'linhas válidas')}`}
            </Button>
          </Group>
          {run.totals.errors > 0 && run.totals.ok > 0 ? (
            <Text size="xs" c="dimmed" ta="right">
              As linhas com erro ficam de fora; corrija-as no relatório de erros e envie-o como uma nova
              planilha.
            </Text>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  )
}
