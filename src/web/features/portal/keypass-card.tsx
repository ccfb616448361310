import { Badge, Button, Checkbox, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime, formatNumber } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { useUser } from '../../shared/session.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { KeypassCodeInput, TOTP_PATTERN } from '../keypass/code-input.tsx'
import { RecoveryCodes } from '../keypass/recovery-codes.tsx'
import type { KeypassStatus } from './portal.types.ts'

const METHOD_TEXT = {
  totp: 'aplicativo autenticador',
  email: 'código por e-mail',
  sms: 'código por SMS',
} as const

/** KEYPASS status and "Gerar novos códigos de recuperação" (asks for a current code). */
export function KeypassCard() {
  const status = useApiQuery<KeypassStatus>('/auth/keypass')
  const [regenerating, setRegenerating] = useState(false)

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="security-keypass">
      <Title order={2} fz="h4" mb={4} id="security-keypass">
        KEYPASS
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A segunda etapa de segurança: depois da senha, o código de 6 dígitos do aplicativo autenticador.
      </Text>
      {status.error ? <LoadError error={status.error} onRetry={() => void status.reload()} /> : null}
      {!status.data && !status.error ? <Loader size="sm" aria-label="Carregando o KEYPASS" /> : null}
      {status.data ? (
        <Stack gap="sm">
          <Group gap="sm">
            <Text size="sm" fw={500}>
              Situação:
            </Text>
            <Badge variant="light" color={status.data.enabled ? 'teal' : 'yellow'}>
              {status.data.enabled ? 'Configurado' : 'Pendente'}
            </Badge>
            {status.data.enabled && status.data.enabledAt ? (
              <Text size="sm" c="dimmed">
                desde {formatDateTime(status.data.enabledAt)}
              </Text>
            ) : null}
          </Group>
          {status.data.enabled && status.data.method ? (
            <Text size="sm">
              Método: <strong>{METHOD_TEXT[status.data.method]}</strong>
            </Text>
          ) : null}
          {status.data.enabled ? (
            <>
              <Text size="sm" data-testid="recovery-codes-left">
                Códigos de recuperação disponíveis:{' '}
                <strong>{formatNumber(status.data.recoveryCodesLeft)}</strong> de 10
              </Text>
              {(status.data.method ?? 'totp') === 'totp' ? (
                <Group>
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} />}
                    onClick={() => setRegenerating(true)}
                    // On a phone the label wraps instead of being cut off.
                    h="auto"
                    mih={36}
                    py={6}
                    styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
                  >
                    Gerar novos códigos de recuperação
                  </Button>
                </Group>
              ) : (
                <Text size="xs" c="dimmed">
                  Novos códigos de recuperação pedem o código do aplicativo autenticador. Se precisar deles,
                  peça à equipe para redefinir o seu KEYPASS.
                </Text>
              )}
            </>
          ) : null}
        </Stack>
      ) : null}
      <RegenerateModal
        opened={regenerating}
        onClose={() => {
          setRegenerating(false)
          void status.reload()
        }}
      />
    </Paper>
  )
}

function RegenerateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const user = useUser()
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [saved, setSaved] = useState(false)

  function close() {
    setCode('')
    setError(null)
    setCodes(null)
    setSaved(false)
    onClose()
  }

  async function generate() {
    if (!TOTP_PATTERN.test(code)) {
      setError('Digite os 6 dígitos que aparecem no aplicativo.')
      return
    }
    setSending(true)
    setError(null)
    try {
      const result = await api.post<{ recoveryCodes: string[] }>('/auth/keypass/recovery-codes', { code })
      setCodes(result.recoveryCodes)
      notifySuccess('Novos códigos de recuperação gerados. Os anteriores deixaram de funcionar.')
    } catch (err) {
      setCode('')
      if (err instanceof ApiError && err.status < 500 && err.status !== 401)
        setError(err.fields.code ?? err.message)
      else notifyError(err, 'Não foi possível gerar os códigos')
    } finally {
      setSending(false)
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={codes && !saved ? () => {} : close}
      title="Gerar novos códigos de recuperação"
      centered
      closeOnClickOutside={!codes}
    >
      {codes ? (
        <Stack gap="md">
          <Text size="sm">
            Guarde estes códigos: cada um funciona uma única vez, no lugar do código do aplicativo. Eles não
            serão mostrados de novo.
          </Text>
          <RecoveryCodes codes={codes} account={user.email} />
          <Checkbox
            label="Guardei meus códigos de recuperação em local seguro"
            checked={saved}
            onChange={(event) => setSaved(event.currentTarget.checked)}
          />
          <Button onClick={close} disabled={!saved} fullWidth>
            Concluído
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void generate()
          }}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm">
              Os códigos de recuperação atuais deixarão de funcionar. Para confirmar, digite o código de 6
              dígitos que aparece agora no aplicativo autenticador.
            </Text>
            <KeypassCodeInput
              value={code}
              onChange={(value) => {
                setCode(value)
                setError(null)
              }}
              error={error}
              required
              data-autofocus
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={sending}>
                Cancelar
              </Button>
              <Button type="submit" loading={sending}>
                Gerar códigos
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
