import { Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core'
import { IconKey, IconLogin2, IconLock, IconMailOpened, IconSend } from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { formatNumber } from '../../../shared/format.ts'
import type { ApiError } from '../../shared/api.ts'
import type { ClientUserFunnel } from './client-users.types.ts'

const STAGES: {
  key: keyof ClientUserFunnel
  label: string
  icon: ComponentType<{ size?: number; stroke?: number }>
}[] = [
  { key: 'invited', label: 'Convidados', icon: IconSend },
  { key: 'opened', label: 'Abriram', icon: IconMailOpened },
  { key: 'passwordSet', label: 'Definiram senha', icon: IconLock },
  { key: 'keypass', label: 'KEYPASS', icon: IconKey },
  { key: 'firstLogin', label: 'Primeiro acesso', icon: IconLogin2 },
]

/** Convidados → Abriram → Definiram senha → KEYPASS → Primeiro acesso, with the share of the invited. */
export function FunnelCards({
  funnel,
  error,
}: {
  funnel: ClientUserFunnel | undefined
  error: ApiError | null
}) {
  if (error) return null
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, lg: 5 }}
      spacing="sm"
      mb="lg"
      component="section"
      aria-label="Funil de convites"
    >
      {STAGES.map((stage, index) => {
        const Icon = stage.icon
        const value = funnel?.[stage.key]
        const share =
          funnel && index > 0 && funnel.invited > 0 ? Math.round((100 * (value ?? 0)) / funnel.invited) : null
        return (
          <Paper key={stage.key} withBorder p="md" role="group" aria-label={stage.label}>
            <Group justify="space-between" wrap="nowrap" gap="xs" mb={6}>
              <Text size="sm" c="dimmed" fw={500}>
                {stage.label}
              </Text>
              <ThemeIcon variant="light" size={28} radius="md">
                <Icon size={16} stroke={1.7} />
              </ThemeIcon>
            </Group>
            {value === undefined ? (
              <Skeleton h={28} w={60} />
            ) : (
              <Group gap={6} align="baseline">
                <Text fz={26} fw={700} lh={1.1} data-testid={`funnel-${stage.key}`}>
                  {formatNumber(value)}
                </Text>
                {share !== null ? (
                  <Text size="xs" c="dimmed">
                    {share}% dos convidados
                  </Text>
                ) : null}
              </Group>
            )}
          </Paper>
        )
      })}
    </SimpleGrid>
  )
}
