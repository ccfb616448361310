import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { evaluatePassword } from '../../../shared/password/policy.ts'
import { ApiError, api } from '../../shared/api.ts'
import { applyFieldErrors, notifyError } from '../../shared/ui/errors.ts'
import { PasswordStrength } from '../../shared/ui/password-strength.tsx'
import { AuthLayout } from './auth-layout.tsx'

interface PasswordTokenInfo {
  name: string
  email: string
  tenantName: string
  purpose: 'set_password' | 'reset_password'
}

type TokenProblem = 'invalid' | 'expired' | 'unavailable'

type State =
  | { kind: 'loading' }
  | { kind: 'problem'; problem: TokenProblem; message: string | null }
  | { kind: 'ready'; info: PasswordTokenInfo }
  | { kind: 'done'; info: PasswordTokenInfo }

export const PASSWORD_RULE =
  'Use pelo menos 8 caracteres, com 3 destes 4 tipos: letras minúsculas, letras maiúsculas, números e símbolos.'

const PROBLEM_TEXT: Record<TokenProblem, { title: string; text: string }> = {
  invalid: {
    title: 'Link inválido',
    text: 'Este link de acesso não é válido ou já foi usado. Peça um novo link ao administrador da sua equipe.',
  },
  expired: {
    title: 'Link expirado',
    text: 'Este link de acesso expirou. Peça um novo link ao administrador da sua equipe.',
  },
  unavailable: {
    title: 'Não foi possível verificar o link',
    text: 'O servidor não respondeu. Verifique sua conexão e abra o link de novo.',
  },
}

function problemOf(error: unknown): TokenProblem | null {
  if (!(error instanceof ApiError)) return null
  if (error.code === 'TOKEN_EXPIRED' || error.status === 410) return 'expired'
  if (error.code === 'TOKEN_INVALID' || error.status === 404) return 'invalid'
  return null
}

export function SetPasswordPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const [state, setState] = useState<State>(
    token ? { kind: 'loading' } : { kind: 'problem', problem: 'invalid', message: null },
  )

  useEffect(() => {
    if (!token) return
    let cancelled = false
    api
      .get<PasswordTokenInfo>('/auth/password-token', { token })
      .then((info) => {
        if (!cancelled) setState({ kind: 'ready', info })
      })
      .catch((error: unknown) => {
        if (cancelled) return
        // A malformed token (400) is just another invalid link.
        const problem =
          problemOf(error) ?? (error instanceof ApiError && error.status === 400 ? 'invalid' : null)
        setState({
          kind: 'problem',
          problem: problem ?? 'unavailable',
          message: problem ? null : messageOf(error),
        })
      })
    return () => {
      cancelled = true
    }
  }, [token])

  if (state.kind === 'loading') {
    return (
      <AuthLayout title="Definir senha">
        <Center py="lg">
          <Loader aria-label="Carregando" />
        </Center>
      </AuthLayout>
    )
  }

  if (state.kind === 'problem') {
    const text = PROBLEM_TEXT[state.problem]
    return (
      <AuthLayout title={text.title}>
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
            {state.message ?? text.text}
          </Alert>
          <Anchor component={Link} to="/entrar">
            Ir para a página de entrada
          </Anchor>
        </Stack>
      </AuthLayout>
    )
  }

  const { info } = state
  const title = info.purpose === 'reset_password' ? 'Redefinir senha' : 'Definir senha'

  if (state.kind === 'done') {
    return (
      <AuthLayout title="Senha definida">
        <Stack gap="md">
          <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
            Pronto, {firstName(info.name)}! Sua senha foi definida. Agora você já pode entrar no Cadastra.
          </Alert>
          <Button component={Link} to={`/entrar?email=${encodeURIComponent(info.email)}`} fullWidth>
            Ir para a entrada
          </Button>
        </Stack>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout
      title={title}
      subtitle={
        <>
          Olá, <strong>{info.name}</strong>. Escolha a senha da sua conta <strong>{info.email}</strong> em{' '}
          <strong>{info.tenantName}</strong>.
        </>
      }
    >
      <PasswordForm
        token={token}
        email={info.email}
        onDone={() => setState({ kind: 'done', info })}
        onTokenProblem={(problem) => setState({ kind: 'problem', problem, message: null })}
      />
    </AuthLayout>
  )
}

interface PasswordFormProps {
  token: string
  email: string
  onDone: () => void
  onTokenProblem: (problem: TokenProblem) => void
}

function PasswordForm({ token, email, onDone, onTokenProblem }: PasswordFormProps) {
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { password: '', passwordConfirmation: '' },
    validate: {
      // The same engine the server runs: the tenant's exact policy is checked again on submit.
      password: (value) =>
        !value ? 'Informe a nova senha.' : (evaluatePassword(value, { email }).problems[0] ?? null),
      passwordConfirmation: (value, values) =>
        !value ? 'Repita a nova senha.' : value !== values.password ? 'As senhas não conferem.' : null,
    },
  })

  async function submit(values: typeof form.values) {
    setError(null)
    setSending(true)
    try {
      await api.post('/auth/password', { token, ...values })
      onDone()
    } catch (err) {
      const problem = problemOf(err) ?? (err instanceof ApiError && err.fields.token ? 'invalid' : null)
      if (problem && err instanceof ApiError && err.code !== 'PASSWORD_WEAK') {
        onTokenProblem(problem)
        return
      }
      if (err instanceof ApiError) {
        if (err.code === 'PASSWORD_WEAK' && !err.fields.password) form.setFieldError('password', err.message)
        else if (Object.keys(err.fields).length > 0) applyFieldErrors(form, err)
        else setError(err.message)
      } else {
        notifyError(err)
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
      <Stack gap="md">
        {error ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        <PasswordInput
          label="Nova senha"
          autoComplete="new-password"
          required
          data-autofocus
          {...form.getInputProps('password')}
        />
        <PasswordStrength password={form.values.password} email={email} />
        <PasswordInput
          label="Confirmação da senha"
          autoComplete="new-password"
          required
          {...form.getInputProps('passwordConfirmation')}
        />
        <Button type="submit" fullWidth loading={sending} disabled={sending}>
          Salvar senha
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          Nenhuma senha é enviada por e-mail: só você conhece a sua.
        </Text>
      </Stack>
    </form>
  )
}

function messageOf(error: unknown): string | null {
  return error instanceof ApiError ? error.message : null
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}
