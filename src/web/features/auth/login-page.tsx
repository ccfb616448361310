import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { ApiError, api } from '../../shared/api.ts'
import { destinationFor, useSession } from '../../shared/session.tsx'
import { applyFieldErrors } from '../../shared/ui/errors.ts'
import {
  cleanRecoveryCode,
  KeypassCodeInput,
  RECOVERY_PATTERN,
  TOTP_PATTERN,
} from '../keypass/code-input.tsx'
import { AuthLayout } from './auth-layout.tsx'

/** Only same-app paths are accepted as a return address. */
export function safeNextPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/entrar')) return '/'
  return value
}

export function LoginPage() {
  const { user } = useSession()
  const [params] = useSearchParams()
  const next = safeNextPath(params.get('proximo'))
  const [busy, setBusy] = useState(false)

  // Password accepted, KEYPASS code still missing: the second step of the same page.
  if (user?.stage === 'mfa') return <MfaStep next={next} />
  if (user && !busy) return <Navigate to={destinationFor(user, next)} replace />
  return <PasswordStep next={next} onBusy={setBusy} />
}

function PasswordStep({ next, onBusy }: { next: string; onBusy: (busy: boolean) => void }) {
  const { login } = useSession()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  const form = useForm({
    initialValues: { email: params.get('email') ?? '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : 'Informe o e-mail.'),
      password: (value) => (value ? null : 'Informe a senha.'),
    },
  })

  async function submit(values: typeof form.values) {
    setError(null)
    setSending(true)
    onBusy(true)
    try {
      const user = await login(values.email.trim(), values.password)
      // Stage "mfa" re-renders this page as the code step; anything else leaves it.
      if (user.stage !== 'mfa') navigate(destinationFor(user, next), { replace: true })
    } catch (err) {
      applyFieldErrors(form, err)
      setError(err instanceof ApiError ? err.message : 'Não foi possível entrar. Tente novamente.')
      form.setFieldValue('password', '')
    } finally {
      setSending(false)
      onBusy(false)
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

/** Second step: the 6-digit KEYPASS code, or one of the recovery codes. */
function MfaStep({ next }: { next: string }) {
  const { user, verifyMfa, logout } = useSession()
  const navigate = useNavigate()
  const [useRecovery, setUseRecovery] = useState(false)
  const [code, setCode] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [resending, setResending] = useState(false)
  const [resentTo, setResentTo] = useState<string | null>(null)
  const [resendError, setResendError] = useState<string | null>(null)
  const byMessage = user?.secondFactor === 'email' || user?.secondFactor === 'sms'

  async function resend() {
    setResending(true)
    setResendError(null)
    setResentTo(null)
    try {
      const { sentTo } = await api.post<{ sentTo: string | null }>('/auth/mfa/send-code', {})
      setResentTo(sentTo ?? '')
    } catch (err) {
      setResendError(err instanceof ApiError ? err.message : 'Não foi possível reenviar o código.')
    } finally {
      setResending(false)
    }
  }

  async function submit() {
    const valid = useRecovery ? RECOVERY_PATTERN.test(code) : TOTP_PATTERN.test(code)
    if (!valid) {
      setFieldError(
        useRecovery
          ? 'Digite o código de recuperação no formato xxxxx-xxxxx.'
          : 'Digite os 6 dígitos que aparecem no aplicativo.',
      )
      return
    }
    setError(null)
    setFieldError(null)
    setSending(true)
    try {
      const signedIn = await verifyMfa(useRecovery ? { recoveryCode: code } : { code })
      navigate(destinationFor(signedIn, next), { replace: true })
    } catch (err) {
      setCode('')
      if (err instanceof ApiError && (err.code === 'MFA_CODE_INVALID' || err.code === 'MFA_CODE_REPLAYED')) {
        setFieldError(err.message)
      } else {
        setError(
          err instanceof ApiError ? err.message : 'Não foi possível verificar o código. Tente novamente.',
        )
      }
    } finally {
      setSending(false)
    }
  }

  function toggleRecovery() {
    setUseRecovery((current) => !current)
    setCode('')
    setFieldError(null)
  }

  async function otherAccount() {
    await logout().catch(() => undefined)
  }

  return (
    <AuthLayout
      title="Verificação KEYPASS"
      subtitle={
        useRecovery
          ? 'Digite um dos códigos de recuperação que você guardou ao configurar o KEYPASS. Cada código funciona uma única vez.'
          : user?.secondFactor === 'sms'
            ? 'Enviamos um código de 6 dígitos por SMS para o seu celular. Ele vale por 10 minutos.'
            : user?.secondFactor === 'email'
              ? 'Enviamos um código de 6 dígitos para o seu e-mail. Ele vale por 10 minutos.'
              : 'Abra o aplicativo autenticador no celular e digite o código de 6 dígitos do Cadastra.'
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
        noValidate
      >
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
          {user ? (
            <Text size="sm">
              Entrando como <strong>{user.email}</strong>
            </Text>
          ) : null}
          {useRecovery ? (
            <TextInput
              key="recovery"
              label="Código de recuperação"
              placeholder="xxxxx-xxxxx"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              data-autofocus
              autoFocus
              value={code}
              error={fieldError}
              onChange={(event) => {
                setCode(cleanRecoveryCode(event.currentTarget.value))
                setFieldError(null)
              }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 18 } }}
            />
          ) : (
            <KeypassCodeInput
              key="totp"
              required
              autoFocus
              value={code}
              error={fieldError}
              onChange={(value) => {
                setCode(value)
                setFieldError(null)
              }}
            />
          )}
          <Button type="submit" fullWidth loading={sending} disabled={sending}>
            Verificar
          </Button>
          {byMessage && !useRecovery ? (
            <Stack gap={4} align="center">
              {resentTo !== null ? (
                <Text size="sm" c="teal.8" role="status">
                  Código reenviado{resentTo ? ` para ${resentTo}` : ''}.
                </Text>
              ) : null}
              {resendError ? (
                <Text size="sm" c="red.8" role="alert" ta="center">
                  {resendError}
                </Text>
              ) : null}
              <Button variant="subtle" size="compact-sm" onClick={() => void resend()} loading={resending}>
                Reenviar código
              </Button>
            </Stack>
          ) : null}
          <Text size="sm" ta="center">
            <Anchor component="button" type="button" onClick={toggleRecovery}>
              {useRecovery ? 'Usar o código do aplicativo' : 'Usar um código de recuperação'}
            </Anchor>
          </Text>
          <Text size="sm" ta="center">
            <Anchor component="button" type="button" c="dimmed" onClick={() => void otherAccount()}>
              Entrar com outra conta
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  )
}
