import {
  Alert,
  Button,
  Checkbox,
  Paper,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconInfoCircle } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api.ts'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import type { AccessProfile, PermissionInfo } from './profiles.types.ts'

interface ProfileEditorModalProps {
  opened: boolean
  profile: AccessProfile | null
  permissions: PermissionInfo[]
  onClose: () => void
  onSaved: () => void
}

export function groupPermissions(
  permissions: PermissionInfo[],
): { group: string; items: PermissionInfo[] }[] {
  const groups = new Map<string, PermissionInfo[]>()
  for (const permission of permissions) {
    const list = groups.get(permission.group) ?? []
    list.push(permission)
    groups.set(permission.group, list)
  }
  return [...groups.entries()].map(([group, items]) => ({ group, items }))
}

export function ProfileEditorModal({
  opened,
  profile,
  permissions,
  onClose,
  onSaved,
}: ProfileEditorModalProps) {
  const [saving, setSaving] = useState(false)
  const form = useForm({
    initialValues: { name: '', description: '', permissions: [] as string[] },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : 'Informe o nome do perfil.'),
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.setValues({
      name: profile?.name ?? '',
      description: profile?.description ?? '',
      permissions: profile?.permissions ?? [],
    })
    form.resetDirty()
    form.clearErrors()
  }, [opened, profile])

  async function submit(values: typeof form.values) {
    setSaving(true)
    const body = {
      name: values.name.trim(),
      description: values.description.trim() || null,
      permissions: values.permissions,
    }
    try {
      if (profile) {
        await api.patch(`/profiles/${profile.id}`, body)
        notifySuccess(`Perfil “${body.name}” atualizado.`)
      } else {
        await api.post('/profiles', body)
        notifySuccess(`Perfil “${body.name}” criado.`)
      }
      onSaved()
      onClose()
    } catch (error) {
      handleFormError(form, error, 'Não foi possível salvar o perfil')
    } finally {
      setSaving(false)
    }
  }

  const selected = new Set(form.values.permissions)
  function setGroup(items: PermissionInfo[], checked: boolean) {
    const next = new Set(selected)
    for (const item of items) {
      if (checked) next.add(item.key)
      else next.delete(item.key)
    }
    form.setFieldValue('permissions', [...next])
  }

  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title={profile ? `Editar perfil “${profile.name}”` : 'Novo perfil de acesso'}
      size="xl"
      centered
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          {profile?.isSystem ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />}>
              Este é um perfil do sistema: pode ser ajustado, mas não pode ser excluído.
            </Alert>
          ) : null}
          <TextInput label="Nome" required data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label="Descrição"
            autosize
            minRows={2}
            maxRows={4}
            {...form.getInputProps('description')}
          />

          <Checkbox.Group
            label="Permissões"
            description="Marque o que as pessoas com este perfil podem fazer."
            {...form.getInputProps('permissions')}
          >
            <Stack gap="sm" mt="xs">
              {groupPermissions(permissions).map(({ group, items }) => {
                const count = items.filter((i) => selected.has(i.key)).length
                return (
                  <Paper key={group} withBorder p="sm" role="group" aria-label={group}>
                    <Group justify="space-between" gap="xs" mb="xs">
                      <Group gap="xs">
                        <Text fw={600} size="sm">
                          {group}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {count} de {items.length}
                        </Text>
                      </Group>
                      {items.length > 1 ? (
                        <Button
                          variant="subtle"
                          size="compact-xs"
                          onClick={() => setGroup(items, count < items.length)}
                          aria-label={`${count < items.length ? 'Marcar' : 'Desmarcar'} todas de ${group}`}
                        >
                          {count < items.length ? 'Marcar todas' : 'Desmarcar todas'}
                        </Button>
                      ) : null}
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
                      {items.map((item) => (
                        <Checkbox key={item.key} value={item.key} label={item.label} />
                      ))}
                    </SimpleGrid>
                  </Paper>
                )
              })}
            </Stack>
          </Checkbox.Group>

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              {profile ? 'Salvar' : 'Criar perfil'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
