import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconCircleCheck, IconClockExclamation, IconLink } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { PasswordPolicy } from '../../../shared/password/policy.ts'
import { ApiError, api } from '../../shared/api.ts'
import { homePathFor, type SessionResponse, useSession } from '../../shared/session.tsx'
import { applyFieldErrors, notifyError } from '../../shared/ui/errors.ts'
import { PasswordStrength, usePasswordEvaluation } from '../../shared/ui/password-strength.tsx'
import { AuthLayout } from '../auth/auth-layout.tsx'

interface InvitationInfo {
  status: 'valid' | 'expired'
  mode: 'new' | 'link'
  name: string
  email: string
  tenantName: string
  /** The tenant's password policy, when the server sends it (the meter then applies it). */
  passwordPolicy?: Partial<PasswordPolicy>
}

type State =
  | { kind: 'loading' }
  | { kind: 'invalid'; message: string | null }
  | { kind: 'unavailable'; message: string }
  | { kind: 'expired'; info: InvitationInfo | null }
  | { kind: 'ready'; info: InvitationInfo }

const INVALID_TEXT =
  'Este convite não é válido: ele pode já ter sido usado ou substituído por um mais novo. Se você já criou sua senha, entre normalmente.'

function isInvalid(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'INVITATION_INVALID' || error.status === 404 || error.status === 400)
  )
}

function isExpired(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'INVITATION_EXPIRED' || error.status === 410)
}

/** `/convite?token=…`: the link of the invitation e-mail (create the password, or link an existing account). */
export function InvitationPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const [state, setState] = useState<State>(token ? { kind: 'loading' } : { kind: 'invalid', message: null })

  useEffect(() => {
    if (!token) return
    let cancelled = false
    api
      .get<InvitationInfo>('/invitations/lookup', { token })
      .then((info) => {
        if (cancelled) return
        setState(info.status === 'expired' ? { kind: 'expired', info } : { kind: 'ready', info })
      })
      .catch((error: unknown) => {
        if (cancelled) return
        if (isExpired(error)) setState({ kind: 'expired', info: null })
        else if (isInvalid(error)) setState({ kind: 'invalid', message: null })
        else {
          setState({
            kind: 'unavailable',
            message: error instanceof ApiError ? error.message : 'Não foi possível verificar o convite.',
          })
        }
      })
    return () => {
      cancelled = true
    }
  }, [token])

  if (state.kind === 'loading') {
    return (
      <AuthLayout title="Convite de acesso">
        <Center py="lg">
          <Loader aria-label="Carregando" />
        </Center>
      </AuthLayout>
    )
  }

  if (state.kind === 'invalid' || state.kind === 'unavailable') {
    return (
      <AuthLayout
        title={state.kind === 'invalid' ? 'Convite inválido' : 'Não foi possível verificar o convite'}
      >
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
            {state.message ?? INVALID_TEXT}
          </Alert>
          <Anchor component={Link} to="/entrar">
            Ir para a página de entrada
          </Anchor>
        </Stack>
      </AuthLayout>
    )
  }

  if (state.kind === 'expired') return <ExpiredInvitation token={token} info={state.info} />

  const onTokenProblem = (error: unknown): boolean => {
    if (isExpired(error)) {
      setState({ kind: 'expired', info: state.info })
      return true
    }
    if (error instanceof ApiError && error.code === 'INVITATION_INVALID') {
      setState({ kind: 'invalid', message: null })
      return true
    }
    return false
  }

  const { info } = state
  if (info.mode === 'link')
    return <LinkAccountForm token={token} info={info} onTokenProblem={onTokenProblem} />
  return <CreatePasswordForm token={token} info={info} onTokenProblem={onTokenProblem} />
}

interface FormProps {
  token: string
  info: InvitationInfo
  /** Returns true when the error was about the invitation itself (and the page changed). */
  onTokenProblem: (error: unknown) => boolean
}

/** After accepting, the session says where to go: KEYPASS setup (stage enrol), the code step or home. */
function useAfterAccept() {
  const { applySession } = useSession()
  const navigate = useNavigate()
  return (session: SessionResponse) => {
    applySession(session)
    navigate(session.user ? homePathFor(session.user) : '/entrar', { replace: true })
  }
}

function CreatePasswordForm({ token, info, onTokenProblem }: FormProps) {
  const afterAccept = useAfterAccept()
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { password: '', passwordConfirmation: '' },
  })
  const evaluation = usePasswordEvaluation(form.values.password, {
    email: info.email,
    policy: info.passwordPolicy,
  })

  async function submit(values: typeof form.values) {
    const problems: Record<string, string> = {}
    if (!values.password) problems.password = 'Informe a nova senha.'
    else if (!evaluation.ok) problems.password = evaluation.problems[0] ?? 'A senha não atende às regras.'
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
      afterAccept(await api.post<SessionResponse>('/invitations/accept', { token, ...values }))
    } catch (err) {
      if (onTokenProblem(err)) return
      if (err instanceof ApiError) {
        if (err.code === 'PASSWORD_WEAK' && !err.fields.password) form.setFieldError('password', err.message)
        else if (err.code === 'PASSWORD_MISMATCH' && !err.fields.passwordConfirmation) {
          form.setFieldError('passwordConfirmation', err.message)
        } else if (Object.keys(err.fields).length > 0) applyFieldErrors(form, err)
        else setError(err.message)
      } else {
        notifyError(err)
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <AuthLayout
      title="Crie sua senha"
      subtitle={
        <>
          Olá, <strong>{info.name}</strong>. <strong>{info.tenantName}</strong> convidou você para o Portal do
          Cliente. Crie a senha da conta <strong>{info.email}</strong>.
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          {error ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <div>
            <PasswordInput
              label="Nova senha"
              autoComplete="new-password"
              required
              data-autofocus
              {...form.getInputProps('password')}
            />
            <PasswordStrength
              password={form.values.password}
              email={info.email}
              policy={info.passwordPolicy}
            />
          </div>
          <PasswordInput
            label="Confirmação da senha"
            autoComplete="new-password"
            required
            {...form.getInputProps('passwordConfirmation')}
          />
          <Button type="submit" fullWidth loading={sending} disabled={sending}>
            Criar senha
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Depois da senha, você vai configurar o KEYPASS, a segunda etapa de segurança da sua conta.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  )
}

function LinkAccountForm({ token, info, onTokenProblem }: FormProps) {
  const afterAccept = useAfterAccept()
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const form = useForm({
    initialValues: { currentPassword: '' },
    validate: { currentPassword: (value) => (value ? null : 'Informe a senha que você já usa.') },
  })

  async function submit(values: typeof form.values) {
    setError(null)
    setSending(true)
    try {
      afterAccept(await api.post<SessionResponse>('/invitations/accept', { token, ...values }))
    } catch (err) {
      if (onTokenProblem(err)) return
      if (err instanceof ApiError && err.code === 'LINK_PASSWORD_INVALID') {
        form.setFieldValue('currentPassword', '')
        form.setFieldError('currentPassword', err.message)
      } else if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        applyFieldErrors(form, err)
      } else {
        setError(
          err instanceof ApiError ? err.message : 'Não foi possível vincular as contas. Tente novamente.',
        )
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <AuthLayout
      title="Vincular contas"
      subtitle={
        <>
          Olá, <strong>{info.name}</strong>. <strong>{info.tenantName}</strong> convidou você para o Portal do
          Cliente.
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconLink size={18} />}>
            Já existe uma conta Cadastra com o e-mail <strong>{info.email}</strong>. Informe a senha que você
            já usa para vincular as contas.
          </Alert>
          {error ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <PasswordInput
            label="Senha atual"
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps('currentPassword')}
          />
          <Button type="submit" fullWidth loading={sending} disabled={sending}>
            Vincular contas
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Depois de vincular, você alterna entre os acessos pelo menu do seu nome, no canto superior
            direito.
          </Text>
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

function ExpiredInvitation({ token, info }: { token: string; info: InvitationInfo | null }) {
  const [sent, setSent] = useState(false)
  const [sending, setSending] = useState(false)
  const sentOnce = useRef(false)

  async function request() {
    if (sentOnce.current) return
    setSending(true)
    try {
      await api.post('/invitations/request-new', { token })
      sentOnce.current = true
      setSent(true)
    } catch (error) {
      notifyError(error, 'Não foi possível enviar o pedido')
    } finally {
      setSending(false)
    }
  }

  const team = info ? `a equipe de ${info.tenantName}` : 'a equipe que convidou você'
  return (
    <AuthLayout title="Este convite expirou">
      <Stack gap="md">
        {sent ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
            Pedido enviado à equipe de {info?.tenantName ?? 'atendimento'}. Você receberá um novo convite por
            e-mail.
          </Alert>
        ) : (
          <>
            <Alert color="orange" icon={<IconClockExclamation size={18} />} role="alert">
              Por segurança, o link do convite vale por tempo limitado. Peça um novo convite: avisaremos{' '}
              {team}.
            </Alert>
            <Button onClick={() => void request()} loading={sending} fullWidth>
              Pedir um novo convite
            </Button>
          </>
        )}
        <Anchor component={Link} to="/entrar" size="sm">
          Ir para a página de entrada
        </Anchor>
      </Stack>
    </AuthLayout>
  )
}
