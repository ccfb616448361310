import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconDownload,
  IconLock,
  IconRotate,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatCount, formatDateTime, formatNumber } from '../../../shared/format.ts'
import { API_BASE, api } from '../../shared/api.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { MappingStep } from './mapping-step.tsx'
import { PreviewStep } from './preview-step.tsx'
import { RunProgress } from './run-progress.tsx'
import { RunTotals } from './run-totals.tsx'
import { type ImportRun, KIND_LABELS, STATUS_COLORS } from './imports.types.ts'

/** While the server works (dry run, import), the page asks for the progress this often. */
const POLL_MS = 1000

/**
 * `/importacao/:id`: one import, step by step — mapping, dry run, confirmation, progress, result.
 * Everything shown comes from the server's state of the run, so a reload lands on the same step.
 */
export function ImportRunPage() {
  const { id = '' } = useParams()
  const query = useApiQuery<ImportRun>(`/imports/${id}`)
  const [run, setRun] = useState<ImportRun | undefined>(undefined)
  const [remapping, setRemapping] = useState(false)
  const [undoing, setUndoing] = useState(false)
  const [resuming, setResuming] = useState(false)
  const reload = query.reload

  useEffect(() => {
    if (query.data) setRun(query.data)
  }, [query.data])

  const working = run?.status === 'validating' || run?.status === 'running'
  useEffect(() => {
    if (!working) return
    const timer = setInterval(() => void reload(), POLL_MS)
    return () => clearInterval(timer)
  }, [working, reload])

  if (query.error && !run) return <LoadError error={query.error} onRetry={reload} />
  if (!run)
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    )

  const update = (next: ImportRun) => {
    setRun(next)
    setRemapping(false)
  }
  const showMapping =
    run.status === 'uploaded' || remapping || (run.status === 'failed' && !run.startedAt && !run.validatedAt)
  const reportUrl = `${API_BASE}/imports/${run.id}/error-report`
  const problems = run.totals.errors + run.totals.skipped
  // The actions under the result (a box only when there is one to show).
  const canReport = problems > 0 && !run.purgedAt
  const canUndo = run.status === 'done' || (run.status === 'failed' && Boolean(run.startedAt))
  const listUrl = run.kind === 'client_users' ? '/usuarios' : '/clientes'

  async function resume() {
    setResuming(true)
    try {
      update(await api.post<ImportRun>(`/imports/${run?.id}/resume`))
    } catch (error) {
      notifyError(error)
    } finally {
      setResuming(false)
    }
  }

  return (
    <>
      <Anchor component={Link} to="/importacao" size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Importação
        </Group>
      </Anchor>
      <PageHeader
        title={run.filename}
        description={
          <>
            {KIND_LABELS[run.kind]} · enviada por {run.createdByName} em {formatDateTime(run.createdAt)}
          </>
        }
        actions={
          <Badge size="lg" color={STATUS_COLORS[run.status]} variant="light">
            {run.statusLabel}
          </Badge>
        }
      />

      {run.failureMessage ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title="A operação parou"
          mb="md"
          role="alert"
        >
          <Stack gap="xs">
            <Text size="sm">{run.failureMessage}</Text>
            {run.status === 'failed' && run.startedAt ? (
              <Group>
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconRotate size={16} />}
                  loading={resuming}
                  onClick={() => void resume()}
                >
                  Retomar
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ) : null}

      {run.purgedAt ? (
        <Alert color="gray" icon={<IconLock size={18} />} title="Dados da planilha apagados" mb="md">
          <Text size="sm">
            As linhas desta importação (nomes, e-mails, CPFs e telefones da planilha) e o arquivo foram
            apagados em {formatDateTime(run.purgedAt)}, ao fim do prazo de guarda de dados pessoais. Os totais
            e o histórico continuam aqui
            {run.status === 'expired' ? '; para importar, envie a planilha de novo.' : '.'}
          </Text>
        </Alert>
      ) : null}

      {showMapping ? (
        <MappingStep
          run={run}
          onValidated={update}
          onCancel={remapping ? () => setRemapping(false) : undefined}
        />
      ) : run.status === 'validating' || run.status === 'running' ? (
        <RunProgress run={run} />
      ) : run.status === 'validated' ? (
        <PreviewStep run={run} onConfirmed={update} onRemap={() => setRemapping(true)} />
      ) : (
        <Stack gap="md">
          {run.status === 'done' ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Importação concluída">
              <Text size="sm">
                {run.kind === 'client_users'
                  ? formatCount(run.progress.created, 'usuário cadastrado', 'usuários cadastrados')
                  : formatCount(run.progress.created, 'cliente cadastrado', 'clientes cadastrados')}
                {run.kind === 'client_users' && run.progress.invited > 0
                  ? run.options.invitations === 'end'
                    ? `, ${formatCount(run.progress.invited, 'convite enviado', 'convites enviados')} ou aguardando o treinamento da empresa`
                    : `, ${formatCount(run.progress.invited, 'convite agendado', 'convites agendados')}${
                        run.options.scheduleAt
                          ? ` para ${formatDateTime(run.options.scheduleAt)}`
                          : ' (envie pela lista de usuários)'
                      }`
                  : ''}
                {run.finishedAt ? ` — concluída em ${formatDateTime(run.finishedAt)}.` : '.'}
              </Text>
            </Alert>
          ) : null}
          {run.status === 'undone' ? (
            <Alert color="orange" title="Importação desfeita">
              <Text size="sm">
                Os registros criados por esta importação foram removidos
                {run.undoneByName ? ` por ${run.undoneByName}` : ''}
                {run.undoneAt ? ` em ${formatDateTime(run.undoneAt)}` : ''}.
              </Text>
            </Alert>
          ) : null}
          {run.status === 'failed' && run.startedAt ? <RunProgress run={run} /> : null}
          <RunTotals run={run} />
          {canReport || run.status === 'done' || canUndo ? (
            <Paper withBorder p="md">
              <Group gap="sm">
                {canReport ? (
                  <Button
                    component="a"
                    href={reportUrl}
                    download
                    variant="default"
                    leftSection={<IconDownload size={18} />}
                  >
                    Baixar relatório de erros
                  </Button>
                ) : null}
                {run.status === 'done' ? (
                  <Button component={Link} to={listUrl} variant="light">
                    {run.kind === 'client_users' ? 'Ver usuários de clientes' : 'Ver clientes'}
                  </Button>
                ) : null}
                {canUndo ? (
                  <Button color="red" variant="outline" onClick={() => setUndoing(true)}>
                    Desfazer importação
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ) : null}
        </Stack>
      )}

      <ConfirmModal
        opened={undoing}
        title="Desfazer importação"
        confirmLabel="Desfazer"
        color="red"
        onClose={() => setUndoing(false)}
        onConfirm={async () => {
          const next = await api.post<ImportRun>(`/imports/${run.id}/undo`)
          update(next)
          notifySuccess('Importação desfeita: os registros criados foram removidos.')
        }}
      >
        {`${
          run.progress.created === 1
            ? `O ${run.kind === 'client_users' ? 'usuário' : 'cliente'} criado por esta importação será removido`
            : `Os ${formatNumber(run.progress.created)} ${
                run.kind === 'client_users' ? 'usuários' : 'clientes'
              } criados por esta importação serão removidos`
        }. ${
          run.kind === 'client_users'
            ? 'Só é possível enquanto nenhum deles aceitou o convite; os convites ainda não enviados são cancelados.'
            : 'Só é possível enquanto nenhum deles tem documentos, planos ou usuários ligados.'
        } Continuar?`}
      </ConfirmModal>
    </>
  )
}
