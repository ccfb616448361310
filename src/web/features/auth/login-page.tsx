import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../shared/api.ts'
import { useSession } from '../../shared/session.tsx'
import { applyFieldErrors } from '../../shared/ui/errors.ts'
import { AuthLayout } from './auth-layout.tsx'

/** Only same-app paths are accepted as a return address. */
export function safeNextPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/entrar')) return '/'
  return value
}

export function LoginPage() {
  const { user, login } = useSession()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const next = safeNextPath(params.get('proximo'))
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  const form = useForm({
    initialValues: { email: params.get('email') ?? '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : 'Informe o e-mail.'),
      password: (value) => (value ? null : 'Informe a senha.'),
    },
  })

  if (user && !sending) return <Navigate to={next} replace />

  async function submit(values: typeof form.values) {
    setError(null)
    setSending(true)
    try {
      await login(values.email.trim(), values.password)
      navigate(next, { replace: true })
    } catch (err) {
      applyFieldErrors(form, err)
      setError(err instanceof ApiError ? err.message : 'Não foi possível entrar. Tente novamente.')
      form.setFieldValue('password', '')
    } finally {
      setSending(false)
    }
  }

  return (
    <AuthLayout title="Entrar" subtitle="Use o e-mail e a senha da sua conta.">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          {error ? (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              title="Não foi possível entrar"
            >
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            placeholder="voce@empresa.com.br"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Senha"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" fullWidth loading={sending} disabled={sending} mt="xs">
            Entrar
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/esqueci-senha">
              Esqueci minha senha
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  )
}
