import { Button, Code, CopyButton, Group, PasswordInput, Progress, Stack, Text } from '@mantine/core'
import { IconCopy, IconEye } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { PasswordStrength } from '../../shared/ui/password-strength.tsx'
import type { ClientPlan, ClientPlanService } from './client-plans.types.ts'
import { ActionModal, Refusal, useAction } from './plan-action-modals.tsx'
import { checkPassword, type Errors } from './plan-form.ts'

/** How long a revealed password stays on screen. */
export const REVEAL_SECONDS = 30

/** 'Login RADIUS joao.silva' / 'Conta de e-mail contato@empresa.com.br' */
export function serviceName(service: ClientPlanService): string {
  const who =
    service.kind === 'email' && service.login && service.domain
      ? `${service.login}@${service.domain}`
      : (service.login ?? service.domain ?? '')
  return who ? `${service.label} ${who}` : service.label
}

interface PasswordModalProps {
  plan: ClientPlan
  service: ClientPlanService
  opened: boolean
  onClose: () => void
  onDone: () => void
}

/** Seed 6.8 "trocar a senha" of a RADIUS login or an e-mail account, with the strength meter. */
export function ChangeServicePasswordModal({ plan, service, opened, onClose, onDone }: PasswordModalProps) {
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const { busy, refusal, run } = useAction()
  const email =
    service.kind === 'email' && service.login && service.domain ? `${service.login}@${service.domain}` : null

  async function save() {
    const found = checkPassword(password, confirmation, { login: service.login, email })
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const ok = await run(async () => {
      await api.post(`/client-plans/${plan.id}/services/${service.id}/password`, {
        password,
        passwordConfirmation: confirmation,
      })
    }, setErrors)
    if (ok) {
      notifySuccess(`Senha de ${serviceName(service)} trocada.`)
      onDone()
    }
  }

  return (
    <ActionModal
      title={`Trocar senha — ${serviceName(service)}`}
      plan={plan}
      opened={opened}
      onClose={onClose}
      busy={busy}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="md">
          <div>
            <PasswordInput
              label="Nova senha"
              required
              autoComplete="new-password"
              data-autofocus
              value={password}
              error={errors.password}
              onChange={(e) => {
                setPassword(e.currentTarget.value)
                setErrors({})
              }}
            />
            <PasswordStrength password={password} login={service.login} email={email} />
          </div>
          <PasswordInput
            label="Confirmação da senha"
            required
            autoComplete="new-password"
            value={confirmation}
            error={errors.passwordConfirmation}
            onChange={(e) => {
              setConfirmation(e.currentTarget.value)
              setErrors({})
            }}
          />
          <Refusal message={refusal} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Fechar
            </Button>
            <Button type="submit" loading={busy}>
              Trocar senha
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  )
}

/**
 * "Ver senha" (permission plans:secrets; every reveal is audited by the server): the password for
 * 30 seconds, then it is wiped from the screen.
 */
export function RevealPasswordModal({ plan, service, opened, onClose }: Omit<PasswordModalProps, 'onDone'>) {
  const [password, setPassword] = useState<string | null>(null)
  const [left, setLeft] = useState(0)
  const { busy, refusal, run } = useAction()

  useEffect(() => {
    if (password === null) return
    if (left <= 0) {
      setPassword(null)
      return
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000)
    return () => clearTimeout(timer)
  }, [password, left])

  function close() {
    setPassword(null)
    setLeft(0)
    onClose()
  }

  async function reveal() {
    await run(async () => {
      const result = await api.post<{ password: string }>(
        `/client-plans/${plan.id}/services/${service.id}/reveal`,
      )
      setPassword(result.password)
      setLeft(REVEAL_SECONDS)
    })
  }

  return (
    <ActionModal
      title={`Ver senha — ${serviceName(service)}`}
      plan={plan}
      opened={opened}
      onClose={close}
      busy={busy}
      size="md"
    >
      <Stack gap="md">
        {password === null ? (
          <>
            <Text size="sm">
              A senha aparece por {REVEAL_SECONDS} segundos. Quem viu e quando fica registrado na auditoria.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Fechar
              </Button>
              <Button leftSection={<IconEye size={16} />} loading={busy} onClick={() => void reveal()}>
                Mostrar senha
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Group gap="xs" wrap="nowrap">
              <Code fz="lg" px="sm" py={6} style={{ flex: 1, wordBreak: 'break-all' }} aria-label="Senha">
                {password}
              </Code>
              <CopyButton value={password}>
                {({ copied, copy }) => (
                  <Button variant="light" leftSection={<IconCopy size={16} />} onClick={copy}>
                    {copied ? 'Copiada' : 'Copiar'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Progress value={(left / REVEAL_SECONDS) * 100} size="xs" aria-hidden />
            <Text size="xs" c="dimmed" aria-live="polite">
              Some em {left} s.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Fechar
              </Button>
            </Group>
          </>
        )}
        <Refusal message={refusal} />
      </Stack>
    </ActionModal>
  )
}
