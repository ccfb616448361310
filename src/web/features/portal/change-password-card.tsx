import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import { useUser } from '../../shared/session.tsx'
import { applyFieldErrors, notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { PasswordStrength, usePasswordEvaluation } from '../../shared/ui/password-strength.tsx'

/** "Alterar senha": current password, new one with the live meter, and its confirmation. */
export function ChangePasswordCard() {
  const user = useUser()
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({ initialValues: { currentPassword: '', password: '', passwordConfirmation: '' } })
  const evaluation = usePasswordEvaluation(form.values.password, { email: user.email })

  async function submit(values: typeof form.values) {
    const problems: Record<string, string> = {}
    if (!values.currentPassword) problems.currentPassword = 'Informe a senha atual.'
    if (!values.password) problems.password = 'Informe a nova senha.'
    else if (!evaluation.ok) problems.password = evaluation.problems[0] ?? 'A senha não atende às regras.'
    else if (values.password === values.currentPassword)
      problems.password = 'A nova senha precisa ser diferente da atual.'
    if (!values.passwordConfirmation) problems.passwordConfirmation = 'Repita a nova senha.'
    else if (values.passwordConfirmation !== values.password)
      problems.passwordConfirmation = 'As senhas não conferem.'
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems)
      return
    }
    setError(null)
    setSending(true)
    try {
      await api.post('/auth/change-password', values)
      form.reset()
      notifySuccess('Senha alterada. Use a nova senha no próximo acesso.')
    } catch (err) {
      if (err instanceof ApiError) {
        if (Object.keys(err.fields).length > 0) applyFieldErrors(form, err)
        else if (err.code === 'PASSWORD_WEAK') form.setFieldError('password', err.message)
        else if (err.code === 'PASSWORD_MISMATCH') form.setFieldError('passwordConfirmation', err.message)
        else if (err.code.includes('CURRENT') || err.code.includes('INVALID_PASSWORD')) {
          form.setFieldError('currentPassword', err.message)
        } else setError(err.message)
      } else {
        notifyError(err)
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="security-password">
      <Title order={2} fz="h4" mb={4} id="security-password">
        Alterar senha
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Nenhuma senha é enviada por e-mail: só você conhece a sua.
      </Text>
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md" maw={440}>
          {error ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <PasswordInput
            label="Senha atual"
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <div>
            <PasswordInput
              label="Nova senha"
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordStrength password={form.values.password} email={user.email} />
          </div>
          <PasswordInput
            label="Confirmação da senha"
            autoComplete="new-password"
            required
            {...form.getInputProps('passwordConfirmation')}
          />
          <Group>
            <Button type="submit" loading={sending}>
              Alterar senha
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
