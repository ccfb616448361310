import { Alert, Button, Group, Text } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import type { ApiError } from '../api.ts'

/** Inline error for a list or detail that failed to load, with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title="Não foi possível carregar" role="alert">
      <Group justify="space-between" gap="sm">
        <Text size="sm">{error.message}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Tentar de novo
          </Button>
        ) : null}
      </Group>
    </Alert>
  )
}
