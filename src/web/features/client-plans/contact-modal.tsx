import { Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { isValidPhone, maskPhone, normalizePhone } from '../../../shared/documents.ts'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { ClientContact } from './client-plans.types.ts'
import type { Errors } from './plan-form.ts'

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

interface ContactModalProps {
  opened: boolean
  clientOrgId: string
  onClose: () => void
  onSaved: (contact: ClientContact) => void
}

/** Seed 5.3.1 "Contato": the person who will be at the installation; "Gravar" saves it on the client. */
export function ContactModal({ opened, clientOrgId, onClose, onSaved }: ContactModalProps) {
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [email, setEmail] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  function close() {
    if (busy) return
    setName('')
    setPhone('')
    setEmail('')
    setErrors({})
    onClose()
  }

  async function save() {
    const found: Errors = {}
    if (name.trim().split(/\s+/).filter(Boolean).length < 2) found.name = 'Informe o nome e o sobrenome.'
    if (phone.trim() && !isValidPhone(phone)) found.phone = 'Telefone inválido. Use DDD + número.'
    if (email.trim() && !EMAIL_PATTERN.test(email.trim())) found.email = 'E-mail inválido.'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      const contact = await api.post<ClientContact>(`/client-orgs/${clientOrgId}/contacts`, {
        name: name.trim(),
        phone: phone.trim() ? normalizePhone(phone) : null,
        email: email.trim() || null,
      })
      notifySuccess(`Contato ${contact.name} gravado.`)
      setBusy(false)
      onSaved(contact)
      close()
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields)
      notifyError(error, 'Não foi possível gravar o contato')
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Contato" centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="md">
          <TextInput
            label="Nome da Pessoa"
            required
            data-autofocus
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="Telefone"
            inputMode="tel"
            placeholder="(00) 00000-0000"
            value={phone}
            error={errors.phone}
            onChange={(e) => setPhone(maskPhone(e.currentTarget.value))}
          />
          <TextInput
            label="E-mail"
            type="email"
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancelar
            </Button>
            <Button type="submit" loading={busy}>
              Gravar
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
