import { Badge } from '@mantine/core'
import type { OutboxStatus } from './outbox.types.ts'

const STATUS: Record<OutboxStatus, { label: string; color: string }> = {
  queued: { label: 'Na fila', color: 'yellow' },
  sent: { label: 'Enviado', color: 'teal' },
  failed: { label: 'Falhou', color: 'red' },
  cancelled: { label: 'Cancelado', color: 'gray' },
}

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const info = STATUS[status] ?? { label: status, color: 'gray' }
  return (
    // max-content: a narrow table column does not cut the label to "Envia…".
    <Badge variant="light" color={info.color} tt="none" miw="max-content">
      {info.label}
    </Badge>
  )
}
