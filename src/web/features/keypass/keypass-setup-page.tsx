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
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconAlertCircle, IconCheck, IconCopy, IconShieldCheck } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { ApiError, api } from '../../shared/api.ts'
import { homePathFor, useSession, useUser } from '../../shared/session.tsx'
import { notifyError } from '../../shared/ui/errors.ts'
import { KeypassCodeInput, TOTP_PATTERN } from './code-input.tsx'
import { KeypassLayout } from './keypass-layout.tsx'
import { RecoveryCodes } from './recovery-codes.tsx'

interface KeypassSetup {
  secret: string | null
  otpauthUrl: string | null
  qrDataUrl: string | null
  issuer: string
  account: string
}

export const AUTHENTICATOR_APPS = ['Google Authenticator', 'Microsoft Authenticator', 'FreeOTP']

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
  const [setup, setSetup] = useState<KeypassSetup | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const started = useRef(false)

  async function load() {
    setLoadError(null)
    try {
      setSetup(await api.post<KeypassSetup>('/auth/keypass/setup', {}))
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : 'Não foi possível gerar o KEYPASS.')
    }
  }

  // Each call makes a new pending secret: ask once per visit (StrictMode runs effects twice in dev).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit
  useEffect(() => {
    if (started.current) return
    started.current = true
    void load()
  }, [])

  async function confirm() {
    if (!TOTP_PATTERN.test(code)) {
      setCodeError('Digite os 6 dígitos que aparecem no aplicativo.')
      return
    }
    setSending(true)
    setCodeError(null)
    try {
      const { recoveryCodes } = await api.post<{ recoveryCodes: string[] }>('/auth/keypass/confirm', { code })
      onConfirmed(recoveryCodes)
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 401) {
        setCodeError(error.fields.code ?? error.message)
        setCode('')
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

  return (
    <KeypassLayout
      title="Configure seu KEYPASS"
      subtitle="O KEYPASS é a segunda etapa de segurança da sua conta. O sistema gera automaticamente o KEYPASS após a criação da senha: a partir de agora, você usará a senha e o KEYPASS para entrar."
    >
      <Stack gap="lg">
        <section aria-labelledby="keypass-step-app">
          <Title order={2} fz="md" mb={6} id="keypass-step-app">
            1. Instale um aplicativo autenticador no celular
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
            2. Leia o QR code com o aplicativo
          </Title>
          {loadError ? (
            <Alert
              color="red"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              title="Não foi possível gerar o KEYPASS"
            >
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{loadError}</Text>
                <Button size="xs" variant="white" color="red" onClick={() => void load()}>
                  Tentar de novo
                </Button>
              </Stack>
            </Alert>
          ) : !setup ? (
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
                style={{ letterSpacing: '0.08em', whiteSpace: 'normal', wordSpacing: '0.2em', width: '100%' }}
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

        <section aria-labelledby="keypass-step-code">
          <Title order={2} fz="md" mb={6} id="keypass-step-code">
            3. Digite o código de 6 dígitos que aparece no aplicativo
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
                disabled={!setup}
                required
              />
              <Button type="submit" loading={sending} disabled={!setup} fullWidth>
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
    <KeypassLayout title="KEYPASS já configurado">
      <Stack gap="md">
        <Alert color="teal" icon={<IconShieldCheck size={18} />} role="status">
          Sua conta já está protegida pelo KEYPASS. Você entra com a senha e o código do aplicativo.
        </Alert>
        <Button fullWidth onClick={() => navigate(homePathFor(user), { replace: true })}>
          Continuar
        </Button>
      </Stack>
    </KeypassLayout>
  )
}
