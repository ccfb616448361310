import { Badge, Box, Button, LoadingOverlay, Paper, Stack, Table, Tabs, Text } from '@mantine/core'
import { IconAlertTriangle, IconChecklist, IconClockPlay, IconRotateClockwise } from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { formatDateTime } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { RefreshButton } from '../../shared/ui/refresh-button.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { Task, TaskList } from './tasks.types.ts'

type Status = 'failed' | 'retrying'

/**
 * "Tarefas em segundo plano": what the system does out of sight (e-mails, notices, certificates,
 * scheduled invitations, final deletions) and gave up on after its attempts, or is trying again —
 * with the reason, and "Tentar de novo" where that is the way to recover it.
 */
export function TasksPage() {
  const [params, setParams] = useSearchParams()
  const status: Status = params.get('situacao') === 'tentando' ? 'retrying' : 'failed'
  const list = useApiQuery<TaskList>('/tasks', { status })
  const [retrying, setRetrying] = useState<Task | null>(null)

  function selectTab(value: string | null) {
    const next = new URLSearchParams(params)
    if (value === 'retrying') next.set('situacao', 'tentando')
    else next.delete('situacao')
    setParams(next, { replace: true })
  }
  const counts = list.data?.counts
  const items = list.data?.items ?? []

  return (
    <>
      <PageHeader
        title="Tarefas em segundo plano"
        description="O que o sistema faz sem você ver — e-mails, avisos, certificados, convites agendados, exclusões definitivas — e não conseguiu concluir."
        actions={<RefreshButton query={list} />}
      />
      <Tabs value={status} onChange={selectTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab
            value="failed"
            leftSection={<IconAlertTriangle size={16} />}
            rightSection={counts ? <CountBadge n={counts.failed} color="red" /> : null}
          >
            Com falha
          </Tabs.Tab>
          <Tabs.Tab
            value="retrying"
            leftSection={<IconClockPlay size={16} />}
            rightSection={counts ? <CountBadge n={counts.retrying} color="orange" /> : null}
          >
            Tentando de novo
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Paper withBorder p="md">
        {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={list.loading && !list.data} zIndex={1} />
          {list.data && items.length === 0 ? (
            <EmptyState
              icon={<IconChecklist size={28} stroke={1.5} />}
              title={
                status === 'failed' ? 'Nenhuma tarefa com falha' : 'Nenhuma tarefa sendo tentada de novo'
              }
              description={
                status === 'failed'
                  ? 'Quando uma tarefa esgotar as tentativas, ela aparece aqui com o motivo.'
                  : 'Uma tarefa que falhou uma vez volta sozinha para a fila e aparece aqui até dar certo.'
              }
            />
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={760}>
              <Table
                verticalSpacing="sm"
                aria-label={status === 'failed' ? 'Tarefas com falha' : 'Tarefas sendo tentadas de novo'}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Tarefa</Table.Th>
                    <Table.Th>Motivo da última falha</Table.Th>
                    <Table.Th w={110}>Tentativas</Table.Th>
                    <Table.Th w={170} style={{ whiteSpace: 'nowrap' }}>
                      {status === 'failed' ? 'Desistiu em' : 'Próxima tentativa'}
                    </Table.Th>
                    <Table.Th w={1} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((task) => (
                    <Table.Tr key={task.id} data-testid="task-row">
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {task.label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          Criada em {formatDateTime(task.createdAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }} lineClamp={3}>
                          {task.lastError ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {task.attempts} de {task.maxAttempts}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {formatDateTime(
                            (status === 'failed' ? task.finishedAt : task.nextAttemptAt) ?? task.createdAt,
                          )}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {task.canRetry ? (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRotateClockwise size={14} />}
                            aria-label={`Tentar de novo: ${task.label}`}
                            onClick={() => setRetrying(task)}
                          >
                            Tentar de novo
                          </Button>
                        ) : task.hint ? (
                          <Text size="xs" c="dimmed" maw={220} style={{ whiteSpace: 'normal' }}>
                            {task.hint}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Box>
      </Paper>
      <ConfirmModal
        opened={retrying !== null}
        title="Tentar de novo"
        confirmLabel="Tentar de novo"
        onConfirm={async () => {
          if (!retrying) return
          await api.post<Task>(`/tasks/${retrying.id}/retry`)
          notifySuccess(`${retrying.label}: de volta à fila.`)
          await list.reload()
        }}
        onClose={() => setRetrying(null)}
      >
        <Stack gap="xs">
          <Text size="sm">
            A tarefa volta para a fila agora, com as tentativas contadas do zero. O que ela já tinha feito não
            é repetido.
          </Text>
          {retrying?.lastError ? (
            <Text size="sm" c="dimmed">
              Última falha: {retrying.lastError}
            </Text>
          ) : null}
        </Stack>
      </ConfirmModal>
    </>
  )
}

function CountBadge({ n, color }: { n: number; color: string }) {
  return (
    <Badge size="sm" variant="light" color={n > 0 ? color : 'gray'} circle={n < 10}>
      {n}
    </Badge>
  )
}
