import { EmptyState as MantineEmptyState } from '@mantine/core'
import { IconInbox } from '@tabler/icons-react'
import type { ReactNode } from 'react'

interface EmptyStateProps {
  title: string
  description?: ReactNode
  icon?: ReactNode
  /** Buttons shown under the text. */
  children?: ReactNode
}

export function EmptyState({ title, description, icon, children }: EmptyStateProps) {
  return (
    <MantineEmptyState
      py="xl"
      variant="light"
      title={title}
      description={description}
      icon={icon ?? <IconInbox size={28} stroke={1.5} />}
    >
      {children ? <MantineEmptyState.Actions>{children}</MantineEmptyState.Actions> : null}
    </MantineEmptyState>
  )
}
