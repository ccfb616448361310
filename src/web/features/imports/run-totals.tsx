import { Paper, SimpleGrid, Text } from '@mantine/core'
import { formatNumber } from '../../../shared/format.ts'
import type { ImportRun } from './imports.types.ts'

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={color}>
        {formatNumber(value)}
      </Text>
    </Paper>
  )
}

/** The dry run's totals, and what the import created. */
export function RunTotals({ run }: { run: ImportRun }) {
  const started = Boolean(run.startedAt)
  return (
    <SimpleGrid cols={{ base: 2, sm: started ? 5 : 4 }} spacing="sm">
      <Stat label="Linhas" value={run.totals.rows} />
      <Stat label="Válidas" value={run.totals.ok} color="teal" />
      <Stat label="Com erro" value={run.totals.errors} color={run.totals.errors ? 'red' : undefined} />
      <Stat
        label="Já cadastradas"
        value={run.totals.skipped}
        color={run.totals.skipped ? 'orange' : undefined}
      />
      {started ? (
        <Stat
          label={run.status === 'undone' ? 'Criados (removidos)' : 'Criados'}
          value={run.progress.created}
          color={run.status === 'undone' ? 'dimmed' : 'blue'}
        />
      ) : null}
    </SimpleGrid>
  )
}
