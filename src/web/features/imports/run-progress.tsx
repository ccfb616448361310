import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { formatCount, formatNumber } from '../../../shared/format.ts'
import type { ImportRun } from './imports.types.ts'

/** "2 min 05 s" / "45 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
}

/** The server's progress of the run (it survives a reload: the page only shows the run's state). */
export function RunProgress({ run }: { run: ImportRun }) {
  const p = run.progress
  const title =
    p.phase === 'validating'
      ? 'Validando a planilha…'
      : p.phase === 'invitations'
        ? run.options.invitations === 'end'
          ? 'Enviando os convites…'
          : 'Agendando os convites…'
        : run.status === 'failed'
          ? 'Importação interrompida'
          : 'Importando…'
  const counting = p.phase === 'validating'
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {title}
        </Title>
        <Progress
          value={counting ? 100 : p.percent}
          animated={run.status !== 'failed'}
          striped={counting}
          size="xl"
          aria-label="Progresso da importação"
        />
        <Group justify="space-between" gap="xs">
          <Text size="sm">
            {counting
              ? formatCount(p.done, 'linha verificada', 'linhas verificadas')
              : `${formatNumber(p.done)} de ${
                  p.phase === 'invitations'
                    ? formatCount(p.total, 'usuário', 'usuários')
                    : formatCount(p.total, 'linha', 'linhas')
                } (${formatNumber(p.percent, p.percent % 1 ? 1 : 0)}%)`}
          </Text>
          {!counting && run.status === 'running' ? (
            <Text size="sm" c="dimmed">
              {p.rowsPerSecond ? `${formatNumber(p.rowsPerSecond)} por segundo` : 'calculando a velocidade…'}
              {p.etaSeconds ? ` · faltam cerca de ${formatDuration(p.etaSeconds)}` : ''}
            </Text>
          ) : null}
        </Group>
        {run.status === 'running' ? (
          <Text size="xs" c="dimmed">
            Pode fechar ou recarregar esta página: a importação continua no servidor e o progresso aparece
            aqui de novo.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  )
}
