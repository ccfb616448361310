import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect, useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { AccessProfile } from '../profiles/profiles.types.ts'
import type { Staff } from './staff.types.ts'

interface StaffFormModalProps {
  opened: boolean
  /** The member being edited; absent to create a new one. */
  staff: Staff | null
  onClose: () => void
  onSaved: (staff: Staff) => void
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function StaffFormModal({ opened, staff, onClose, onSaved }: StaffFormModalProps) {
  const editing = staff !== null
  const [saving, setSaving] = useState(false)
  const profiles = useApiQuery<ItemList<AccessProfile>>(opened ? '/profiles' : null)

  const form = useForm({
    initialValues: { name: '', email: '', profileId: '' },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : 'Informe o nome completo.'),
      email: (value) =>
        !value.trim() ? 'Informe o e-mail.' : EMAIL_PATTERN.test(value.trim()) ? null : 'E-mail inválido.',
      profileId: (value) => (value ? null : 'Escolha o perfil de acesso.'),
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.setValues({ name: staff?.name ?? '', email: staff?.email ?? '', profileId: staff?.profileId ?? '' })
    form.resetDirty()
    form.clearErrors()
  }, [opened, staff])

  async function submit(values: typeof form.values) {
    setSaving(true)
    try {
      if (staff) {
        const saved = await api.patch<Staff>(`/staff/${staff.id}`, {
          name: values.name.trim(),
          profileId: values.profileId,
        })
        notifySuccess(`Dados de ${saved.name} atualizados.`)
        onSaved(saved)
      } else {
        const email = values.email.trim()
        const saved = await api.post<Staff>('/staff', {
          name: values.name.trim(),
          email,
          profileId: values.profileId,
        })
        notifySuccess(`Convite de acesso enviado para ${saved.email ?? email}.`)
        onSaved(saved)
      }
      onClose()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN' && !error.fields.email) {
        form.setFieldError('email', error.message)
      }
      handleFormError(form, error, editing ? 'Não foi possível salvar' : 'Não foi possível criar o acesso')
    } finally {
      setSaving(false)
    }
  }

  const profileOptions = (profiles.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))
  // Keep the current profile selectable even if the list is not available to this user.
  if (staff && !profileOptions.some((o) => o.value === staff.profileId)) {
    profileOptions.unshift({ value: staff.profileId, label: staff.profileName })
  }

  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title={editing ? 'Editar membro da equipe' : 'Novo membro da equipe'}
      centered
      size="md"
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <TextInput
            label="Nome completo"
            required
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <TextInput
            label="E-mail"
            type="email"
            required
            autoComplete="off"
            disabled={editing}
            description={
              editing
                ? 'O e-mail não pode ser alterado aqui.'
                : 'Enviaremos um link para a pessoa definir a senha.'
            }
            {...form.getInputProps('email')}
          />
          <NativeSelect
            label="Perfil de acesso"
            required
            data={[
              {
                value: '',
                label: profiles.loading ? 'Carregando perfis…' : 'Escolha um perfil',
                disabled: true,
              },
              ...profileOptions,
            ]}
            description={
              profiles.error ? `Não foi possível carregar os perfis: ${profiles.error.message}` : undefined
            }
            {...form.getInputProps('profileId')}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? 'Salvar' : 'Criar e enviar convite'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
