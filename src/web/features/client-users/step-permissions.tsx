import { Alert, Checkbox, Loader, Stack, Text } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { PERMISSION_HELP } from './client-users.labels.ts'
import type { OptionItem } from './client-users.types.ts'
import { stepMessages, type WizardForm } from './wizard-form.ts'

export function PermissionsStep({
  form,
  permissions,
}: {
  form: WizardForm
  permissions: OptionItem[] | undefined
}) {
  const messages = stepMessages(form, 'permissions')
  return (
    <Stack gap="md">
      {messages.length > 0 ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {messages.join(' ')}
        </Alert>
      ) : null}
      {permissions ? (
        <Checkbox.Group
          label="Permissões no Portal do Cliente"
          description="Defina as ações que o usuário poderá realizar no portal."
          value={form.values.permissions}
          onChange={(value) => form.setFieldValue('permissions', value)}
        >
          <Stack gap="sm" mt="sm">
            {permissions.map((permission) => (
              <Checkbox
                key={permission.key}
                value={permission.key}
                label={permission.label}
                description={PERMISSION_HELP[permission.key]}
              />
            ))}
            {permissions.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nenhuma permissão disponível.
              </Text>
            ) : null}
          </Stack>
        </Checkbox.Group>
      ) : (
        <Loader size="sm" aria-label="Carregando permissões" />
      )}
    </Stack>
  )
}
