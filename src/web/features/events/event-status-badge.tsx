import { Badge, type BadgeProps } from '@mantine/core'
import { eventStatusColor, eventStatusLabel } from './events.labels.ts'

export function EventStatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  return (
    <Badge
      variant="light"
      color={eventStatusColor(status)}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      {...props}
    >
      {eventStatusLabel(status)}
    </Badge>
  )
}
