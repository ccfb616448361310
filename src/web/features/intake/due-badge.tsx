import { Badge } from '@mantine/core'
import { DUE_COLORS, dueText } from './intake.labels.ts'
import type { FichaSummary } from './intake.types.ts'

/** Green "Em dia · N dias úteis", yellow "Vence hoje", red "Atrasada há N dias úteis". */
export function DueBadge({
  ficha,
  size = 'sm',
}: {
  ficha: Pick<FichaSummary, 'due' | 'dueBusinessDays'>
  size?: 'sm' | 'md' | 'lg'
}) {
  if (!ficha.due) return null
  return (
    <Badge
      size={size}
      variant={ficha.due === 'atrasado' ? 'filled' : 'light'}
      color={DUE_COLORS[ficha.due]}
      data-due={ficha.due}
      style={{ minWidth: 'max-content' }}
    >
      {dueText(ficha.due, ficha.dueBusinessDays)}
    </Badge>
  )
}
