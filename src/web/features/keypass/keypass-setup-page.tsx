import {
  Alert,
  Anchor,
  Button,
  Center,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Loader,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconAlertCircle, IconCheck, IconCopy, IconMailCheck, IconShieldCheck } from '@tabler/icons-react'
import { isValidPhone, maskPhone } from '../../../shared/documents.ts'
import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { ApiError, api } from '../../shared/api.ts'
import { homePathFor, useSession, useUser } from '../../shared/session.tsx'
import { notifyError } from '../../shared/ui/errors.ts'
import { KeypassCodeInput, TOTP_PATTERN } from './code-input.tsx'
import { KeypassLayout } from './keypass-layout.tsx'
import { RecoveryCodes } from './recovery-codes.tsx'

export type SecondFactor = 'totp' | 'email' | 'sms'

interface KeypassSetup {
  method?: SecondFactor
  secret: string | null
  otpauthUrl: string | null
  qrDataUrl: string | null
  issuer: string
  account: string
  /** E-mail/SMS: where the code went, masked. */
  sentTo?: string | null
}

interface KeypassStatusInfo {
  allowedMethods?: SecondFactor[]
}

export const AUTHENTICATOR_APPS = ['Google Authenticator', 'Microsoft Authenticator', 'FreeOTP']

const METHOD_LABELS: Record<SecondFactor, string> = {
  totp: 'Aplicativo autenticador (recomendado)',
  email: 'Código por e-mail',
  sms: 'Código por SMS',
}

/** 'JBSWY3DPEHPK3PXP' → 'JBSW Y3DP EHPK 3PXP' */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}

type Phase = { kind: 'setup' } | { kind: 'codes'; codes: string[] } | { kind: 'already' }

/** `/keypass/configurar`: the second factor, right after the password (and whenever it was reset). */
export function KeypassSetupPage() {
  const user = useUser()
  // Decided once: confirming makes the session "full" with a KEYPASS, and the codes must stay on screen.
  const [phase, setPhase] = useState<Phase>(() =>
    user.stage === 'full' && user.hasKeypass ? { kind: 'already' } : { kind: 'setup' },
  )

  if (phase.kind === 'already') return <AlreadyConfigured />
  if (phase.kind === 'codes') return <SaveRecoveryCodes codes={phase.codes} account={user.email} />
  return <SetupStep onConfirmed={(codes) => setPhase({ kind: 'codes', codes })} />
}

function SetupStep({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const { logout } = useSession()
  const navigate = useNavigate()
  const [allowed, setAllowed] = useState<SecondFactor[] | null>(null)
  const [method, setMethod] = useState<SecondFactor>('totp')
  const [setup, setSetup] = useState<KeypassSetup | null>(null)
  const [starting, setStarting] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [phone, setPhone] = useState('')
  const [phoneError, setPhoneError] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const started = useRef(false)

  /** Starts (or restarts) the set-up: a new secret for the app, or a code sent by e-mail/SMS. */
  async function start(chosen: SecondFactor) {
    setLoadError(null)
    setStarting(true)
    try {
      const body = chosen === 'totp' ? {} : chosen === 'sms' ? { method: chosen, phone } : { method: chosen }
      setSetup(await api.post<KeypassSetup>('/auth/keypass/setup', body))
    } catch (error) {
      if (error instanceof ApiError && error.fields.phone) setPhoneError(error.fields.phone)
      else setLoadError(error instanceof ApiError ? error.message : 'Não foi possível gerar o KEYPASS.')
    } finally {
      setStarting(false)
    }
  }

  // Ask once per visit which methods the tenant allows, then start with the app (StrictMode runs
  // effects twice in development: each set-up call makes a new pending secret).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit
  useEffect(() => {
    if (started.current) return
    started.current = true
    api
      .get<KeypassStatusInfo>('/auth/keypass')
      .then((status) => status.allowedMethods ?? [])
      .catch((): SecondFactor[] => [])
      .then((list) => {
        const methods: SecondFactor[] = list.length > 0 ? list : ['totp']
        const first = methods.includes('totp') ? 'totp' : methods[0]
        setAllowed(methods)
        setMethod(first)
        if (first === 'totp') void start('totp')
      })
  }, [])

  function choose(next: SecondFactor) {
    setMethod(next)
    setSetup(null)
    setCode('')
    setCodeError(null)
    setLoadError(null)
    if (next === 'totp') void start('totp')
  }

  async function confirm() {
    if (!TOTP_PATTERN.test(code)) {
      setCodeError(
        method === 'totp'
          ? 'Digite os 6 dígitos que aparecem no aplicativo.'
          : 'Digite os 6 dígitos do código que enviamos.',
      )
      return
    }
    setSending(true)
    setCodeError(null)
    try {
      const { recoveryCodes } = await api.post<{ recoveryCodes: string[] }>('/auth/keypass/confirm', { code })
      onConfirmed(recoveryCodes)
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 401) {
        setCode('')
        setCodeError(error.fields.code ?? error.message)
      } else {
        notifyError(error, 'Não foi possível confirmar o KEYPASS')
      }
    } finally {
      setSending(false)
    }
  }

  async function signOut() {
    try {
      await logout()
    } finally {
      navigate('/entrar', { replace: true })
    }
  }

  const methods = allowed ?? ['totp']
  const ready = setup !== null && (setup.method ?? 'totp') === method
  const step = (n: number) => (methods.length > 1 ? n + 1 : n)

  return (
    <KeypassLayout
      title="Configure seu KEYPASS"
      subtitle="O KEYPASS é a segunda etapa de segurança da sua conta. O sistema gera automaticamente o KEYPASS após a criação da senha: a partir de agora, você usará a senha e o KEYPASS para entrar."
    >
      <Stack gap="lg">
        {methods.length > 1 ? (
          <Radio.Group
            label="1. Como você quer receber o KEYPASS?"
            value={method}
            onChange={(value) => choose(value as SecondFactor)}
            styles={{ label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 700, marginBottom: 6 } }}
          >
            <Stack gap={6}>
              {methods.map((m) => (
                <Radio key={m} value={m} label={METHOD_LABELS[m]} />
              ))}
            </Stack>
          </Radio.Group>
        ) : null}

        {method === 'totp' ? (
          <>
            <section aria-labelledby="keypass-step-app">
              <Title order={2} fz="md" mb={6} id="keypass-step-app">
                {step(1)}. Instale um aplicativo autenticador no celular
              </Title>
              <Text size="sm" c="dimmed" mb={4}>
                Qualquer aplicativo compatível com códigos TOTP serve, por exemplo:
              </Text>
              <List size="sm" spacing={2} aria-label="Aplicativos compatíveis">
                {AUTHENTICATOR_APPS.map((app) => (
                  <List.Item key={app}>{app}</List.Item>
                ))}
              </List>
            </section>

            <section aria-labelledby="keypass-step-qr">
              <Title order={2} fz="md" mb={6} id="keypass-step-qr">
                {step(2)}. Leia o QR code com o aplicativo
              </Title>
              {loadError ? (
                <SetupError message={loadError} onRetry={() => void start('totp')} />
              ) : !ready || !setup ? (
                <Center py="lg">
                  <Loader aria-label="Gerando o KEYPASS" />
                </Center>
              ) : (
                <Stack gap="sm" align="center">
                  <Paper withBorder p="xs" radius="md" bg="white">
                    {setup.qrDataUrl ? (
                      <Image src={setup.qrDataUrl} alt="QR code do KEYPASS" w={200} h={200} fit="contain" />
                    ) : null}
                  </Paper>
                  <Text size="sm" c="dimmed" ta="center">
                    Não consegue ler o QR? Digite esta chave no aplicativo:
                  </Text>
                  <Code
                    block
                    fz="md"
                    ta="center"
                    data-testid="keypass-secret"
                    style={{
                      letterSpacing: '0.08em',
                      whiteSpace: 'normal',
                      wordSpacing: '0.2em',
                      width: '100%',
                    }}
                  >
                    {groupSecret(setup.secret ?? '')}
                  </Code>
                  <CopyButton value={setup.secret ?? ''}>
                    {({ copied, copy }) => (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={copy}
                        leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      >
                        {copied ? 'Chave copiada' : 'Copiar chave'}
                      </Button>
                    )}
                  </CopyButton>
                  <Text size="xs" c="dimmed" ta="center">
                    Conta: {setup.account} · Emissor: {setup.issuer}
                  </Text>
                </Stack>
              )}
            </section>
          </>
        ) : (
          <section aria-labelledby="keypass-step-send">
            <Title order={2} fz="md" mb={6} id="keypass-step-send">
              {step(1)}. {method === 'sms' ? 'Receba o código por SMS' : 'Receba o código por e-mail'}
            </Title>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {method === 'sms'
                  ? 'A cada entrada, enviaremos um código de 6 dígitos para o seu celular. Ele vale por 10 minutos.'
                  : 'A cada entrada, enviaremos um código de 6 dígitos para o seu e-mail. Ele vale por 10 minutos.'}
              </Text>
              {method === 'sms' ? (
                <TextInput
                  label="Celular"
                  type="tel"
                  placeholder="(27) 99999-9999"
                  value={phone}
                  error={phoneError}
                  onChange={(event) => {
                    setPhone(maskPhone(event.currentTarget.value))
                    setPhoneError(null)
                  }}
                />
              ) : null}
              {loadError ? <SetupError message={loadError} onRetry={() => void start(method)} /> : null}
              {ready && setup?.sentTo ? (
                <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />} role="status">
                  Enviamos o código para <strong>{setup.sentTo}</strong>.
                </Alert>
              ) : null}
              <Group>
                <Button
                  variant={ready ? 'default' : 'filled'}
                  onClick={() => {
                    if (method === 'sms' && !isValidPhone(phone)) {
                      setPhoneError('Informe um celular válido, com DDD.')
                      return
                    }
                    void start(method)
                  }}
                  loading={starting}
                >
                  {ready ? 'Reenviar código' : 'Enviar código'}
                </Button>
              </Group>
            </Stack>
          </section>
        )}

        <section aria-labelledby="keypass-step-code">
          <Title order={2} fz="md" mb={6} id="keypass-step-code">
            {method === 'totp'
              ? `${step(3)}. Digite o código de 6 dígitos que aparece no aplicativo`
              : `${step(2)}. Digite o código de 6 dígitos que enviamos`}
          </Title>
          <form
            onSubmit={(event) => {
              event.preventDefault()
              void confirm()
            }}
            noValidate
          >
            <Stack gap="sm">
              <KeypassCodeInput
                value={code}
                onChange={(value) => {
                  setCode(value)
                  setCodeError(null)
                }}
                error={codeError}
                disabled={!ready}
                required
              />
              <Button type="submit" loading={sending} disabled={!ready} fullWidth>
                Ativar KEYPASS
              </Button>
            </Stack>
          </form>
        </section>

        <Text size="sm" ta="center">
          <Anchor component="button" type="button" onClick={() => void signOut()}>
            Sair e configurar depois
          </Anchor>
        </Text>
      </Stack>
    </KeypassLayout>
  )
}

function SetupError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert
      color="red"
      icon={<IconAlertCircle size={18} />}
      role="alert"
      title="Não foi possível gerar o KEYPASS"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="white" color="red" onClick={onRetry}>
          Tentar de novo
        </Button>
      </Stack>
    </Alert>
  )
}

function SaveRecoveryCodes({ codes, account }: { codes: string[]; account: string }) {
  const { refresh } = useSession()
  const navigate = useNavigate()
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  // The session became "full" when the code was confirmed: load it and go to the user's home.
  async function proceed() {
    setBusy(true)
    try {
      const next = await refresh()
      navigate(next ? homePathFor(next) : '/entrar', { replace: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <KeypassLayout title="KEYPASS ativado" subtitle="Guarde seus códigos de recuperação.">
      <Stack gap="md">
        <Alert color="teal" icon={<IconShieldCheck size={18} />} role="status">
          Pronto! A partir de agora você entra com a senha e o código KEYPASS do aplicativo.
        </Alert>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color="orange" radius="xl" style={{ flexShrink: 0 }}>
            <IconAlertCircle size={18} />
          </ThemeIcon>
          <Text size="sm">
            Se perder o celular, use um destes códigos no lugar do código do aplicativo. Cada um funciona uma
            única vez. Eles não serão mostrados de novo.
          </Text>
        </Group>
        <RecoveryCodes codes={codes} account={account} />
        <Checkbox
          label="Guardei meus códigos de recuperação em local seguro"
          checked={saved}
          onChange={(event) => setSaved(event.currentTarget.checked)}
        />
        <Button fullWidth disabled={!saved} loading={busy} onClick={() => void proceed()}>
          Continuar
        </Button>
      </Stack>
    </KeypassLayout>
  )
}

function AlreadyConfigured() {
  const user = useUser()
  const navigate = useNavigate()
  return (
    <KeypassLayout title={user.hasKeypass ? 'KEYPASS já configurado' : 'Nada a configurar agora'}>
      <Stack gap="md">
        <Alert color={user.hasKeypass ? 'teal' : 'blue'} icon={<IconShieldCheck size={18} />} role="status">
          {user.hasKeypass
            ? 'Sua conta já está protegida pelo KEYPASS. Você entra com a senha e o código do aplicativo.'
            : 'O KEYPASS é configurado no primeiro acesso ao Portal do Cliente, logo depois da criação da senha.'}
        </Alert>
        <Button fullWidth onClick={() => navigate(homePathFor(user), { replace: true })}>
          Continuar
        </Button>
      </Stack>
    </KeypassLayout>
  )
}
