import { Alert, Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core'
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react'
import { NOTIFICATION_CHANNELS } from './client-users.labels.ts'
import type { NotificationChannel, OptionItem } from './client-users.types.ts'
import { stepMessages, type WizardForm } from './wizard-form.ts'

interface NotificationsStepProps {
  form: WizardForm
  notificationTypes: OptionItem[] | undefined
}

export function NotificationsStep({ form, notificationTypes }: NotificationsStepProps) {
  const messages = stepMessages(form, 'notifications')
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Defina como o usuário será avisado de cada tipo de novidade: por e-mail, no sistema (as notificações
        do sino, no topo do Portal do Cliente), pelos dois (Ambos) ou por nenhum.
      </Text>
      {form.values.isDemo ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          Usuário de demonstração: os avisos por e-mail nunca são enviados.
        </Alert>
      ) : null}
      {messages.length > 0 ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {messages.join(' ')}
        </Alert>
      ) : null}
      {notificationTypes ? (
        <Stack gap="xs">
          {notificationTypes.map((type) => (
            <Paper key={type.key} withBorder p="sm">
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm" fw={500} id={`notification-${type.key}`}>
                  {type.label}
                </Text>
                <SegmentedControl
                  aria-labelledby={`notification-${type.key}`}
                  size="xs"
                  value={form.values.notifications[type.key] ?? 'none'}
                  onChange={(value) =>
                    form.setFieldValue('notifications', {
                      ...form.values.notifications,
                      [type.key]: value as NotificationChannel,
                    })
                  }
                  data={NOTIFICATION_CHANNELS}
                />
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Loader size="sm" aria-label="Carregando tipos de notificação" />
      )}
    </Stack>
  )
}
