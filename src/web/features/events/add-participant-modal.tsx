import { Button, Group, Modal, SegmentedControl, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { isValidCpf, maskCpf } from '../../../shared/documents.ts'
import { formatNumber } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { AddRegistrationBody, Registration } from './events.types.ts'
import { type Option, RemoteSelect } from './remote-select.tsx'

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

type Mode = 'user' | 'person'

interface ClientUserItem {
  id: string
  name: string
  email: string
  companies?: { name: string }[]
}

function clientUserOption(user: ClientUserItem): Option {
  const company = user.companies?.[0]?.name
  return { value: user.id, label: `${user.name} — ${user.email}${company ? ` (${company})` : ''}` }
}

interface Props {
  opened: boolean
  eventId: string
  onClose: () => void
  onAdded: (registration: Registration) => void
}

/** "Adicionar participante": a client user of the tenant, or anyone by name, e-mail and CPF. */
export function AddParticipantModal({ opened, eventId, onClose, onAdded }: Props) {
  const [mode, setMode] = useState<Mode>('user')
  const [clientUserId, setClientUserId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [cpf, setCpf] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  function reset() {
    setClientUserId(null)
    setName('')
    setEmail('')
    setCpf('')
    setErrors({})
  }

  function close() {
    if (busy) return
    reset()
    onClose()
  }

  function check(): Record<string, string> {
    const found: Record<string, string> = {}
    if (mode === 'user') {
      if (!clientUserId) found.clientUserId = 'Escolha o usuário.'
      return found
    }
    if (name.trim().length < 2) found.name = 'Informe o nome completo.'
    if (!EMAIL_PATTERN.test(email.trim())) found.email = 'E-mail inválido.'
    if (cpf.trim() && !isValidCpf(cpf)) found.cpf = 'CPF inválido: confira os dígitos.'
    return found
  }

  async function submit() {
    const found = check()
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const body: AddRegistrationBody =
      mode === 'user' && clientUserId
        ? { clientUserId }
        : { name: name.trim(), email: email.trim(), cpf: cpf.trim() || null }
    setBusy(true)
    try {
      const registration = await api.post<Registration>(`/events/${eventId}/registrations`, body)
      notifySuccess(
        registration.status === 'espera'
          ? `${registration.name} entrou na lista de espera${
              registration.waitlistPosition
                ? ` (${formatNumber(registration.waitlistPosition)}º na fila)`
                : ''
            }.`
          : `${registration.name} inscrito.`,
      )
      reset()
      onClose()
      onAdded(registration)
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields)
      notifyError(error, 'Não foi possível adicionar o participante')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Adicionar participante" centered size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Stack gap="md">
          <SegmentedControl
            aria-label="Quem participa"
            value={mode}
            onChange={(value) => {
              setMode(value as Mode)
              setErrors({})
            }}
            data={[
              { value: 'user', label: 'Usuário de cliente' },
              { value: 'person', label: 'Outra pessoa' },
            ]}
          />
          {mode === 'user' ? (
            <RemoteSelect<ClientUserItem>
              label="Usuário"
              description="Busque pelo nome, e-mail ou CPF de um usuário de cliente."
              placeholder="Digite para buscar"
              path="/client-users"
              toOption={clientUserOption}
              value={clientUserId}
              onChange={(value) => {
                setClientUserId(value)
                setErrors({})
              }}
              error={errors.clientUserId}
              data-autofocus
            />
          ) : (
            <>
              <TextInput
                label="Nome"
                required
                value={name}
                error={errors.name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-autofocus
              />
              <TextInput
                label="E-mail"
                type="email"
                required
                value={email}
                error={errors.email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <TextInput
                label="CPF"
                description="Opcional; necessário para emitir o certificado."
                inputMode="numeric"
                value={cpf}
                error={errors.cpf}
                onChange={(e) => setCpf(maskCpf(e.currentTarget.value))}
              />
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancelar
            </Button>
            <Button type="submit" loading={busy}>
              Adicionar
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
