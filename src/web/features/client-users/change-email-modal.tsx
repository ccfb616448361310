import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconInfoCircle } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import type { ClientUser } from './client-users.types.ts'
import { emailError } from './wizard-form.ts'

interface ChangeEmailModalProps {
  user: ClientUser | null
  onClose: () => void
  onSaved: () => void
}

/** "Alterar e-mail": a pending invitation is re-issued to the new address (the old link stops working). */
export function ChangeEmailModal({ user, onClose, onSaved }: ChangeEmailModalProps) {
  const [saving, setSaving] = useState(false)
  const form = useForm({
    initialValues: { email: '' },
    validate: {
      email: (value) =>
        emailError(value) ??
        (user && value.trim().toLowerCase() === user.email.toLowerCase()
          ? 'Informe um e-mail diferente do atual.'
          : null),
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another user is picked
  useEffect(() => {
    if (!user) return
    form.setValues({ email: user.email })
    form.resetDirty()
    form.clearErrors()
  }, [user])

  if (!user) return null
  const status = user.invitation.status
  const pending = !user.isDemo && status !== 'none' && status !== 'accepted'

  async function submit(values: typeof form.values) {
    if (!user) return
    setSaving(true)
    try {
      const saved = await api.patch<ClientUser>(`/client-users/${user.id}`, { email: values.email.trim() })
      const reissued = Boolean(saved.invitation.sentAt) && saved.invitation.sentAt !== user.invitation.sentAt
      notifySuccess(
        reissued
          ? `E-mail alterado. Convite reenviado para ${saved.email}; o link anterior deixou de funcionar.`
          : `E-mail de ${saved.name} alterado para ${saved.email}.`,
      )
      onSaved()
      onClose()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN' && !error.fields.email) {
        form.setFieldError('email', error.message)
      }
      handleFormError(form, error, 'Não foi possível alterar o e-mail')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal opened onClose={saving ? () => {} : onClose} title="Alterar e-mail" centered size="md">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <TextInput
            label="Novo e-mail"
            type="email"
            required
            data-autofocus
            autoComplete="off"
            description={`E-mail atual: ${user.email}`}
            {...form.getInputProps('email')}
          />
          <Alert color={pending ? 'orange' : 'blue'} variant="light" icon={<IconInfoCircle size={18} />}>
            {user.isDemo
              ? 'Usuário de demonstração: nenhum e-mail é enviado.'
              : pending
                ? `O convite será reenviado para o novo e-mail e o link enviado para ${user.email} deixa de funcionar.`
                : status === 'accepted'
                  ? `${user.name} passará a entrar no Cadastra com o novo e-mail.`
                  : 'O convite, quando for enviado, irá para o novo e-mail.'}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              Alterar e-mail
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
