import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertCircle, IconMailCheck } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ApiError, api } from '../../shared/api.ts'
import { applyFieldErrors } from '../../shared/ui/errors.ts'
import { AuthLayout } from './auth-layout.tsx'

/** "Esqueci minha senha": asks for a reset link. The answer never says whether the e-mail exists. */
export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Informe um e-mail válido.') },
  })

  async function submit(values: typeof form.values) {
    setError(null)
    setSending(true)
    try {
      await api.post('/auth/password-reset', { email: values.email.trim() })
      setSentTo(values.email.trim())
    } catch (err) {
      applyFieldErrors(form, err)
      setError(err instanceof ApiError ? err.message : 'Não foi possível enviar o pedido. Tente novamente.')
    } finally {
      setSending(false)
    }
  }

  if (sentTo) {
    return (
      <AuthLayout title="Verifique o seu e-mail">
        <Stack gap="md">
          <Alert color="teal" icon={<IconMailCheck size={18} />} role="status">
            Se <strong>{sentTo}</strong> tiver acesso ao Cadastra, enviamos um link para redefinir a senha.
            Ele vale por 2 horas.
          </Alert>
          <Anchor component={Link} to="/entrar" size="sm">
            Voltar para a entrada
          </Anchor>
        </Stack>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout
      title="Esqueci minha senha"
      subtitle="Informe o e-mail da sua conta e enviaremos um link para escolher uma nova senha."
    >
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          {error ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <Button type="submit" fullWidth loading={sending}>
            Enviar link
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/entrar">
              Voltar para a entrada
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  )
}
