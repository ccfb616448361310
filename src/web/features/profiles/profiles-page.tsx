import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Table,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconPencil, IconPlus, IconShieldLock, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { formatNumber } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ProfileEditorModal } from './profile-editor-modal.tsx'
import type { AccessProfile, PermissionInfo } from './profiles.types.ts'

type Dialog =
  | { kind: 'edit'; profile: AccessProfile | null }
  | { kind: 'delete'; profile: AccessProfile }
  | null

export function ProfilesPage() {
  const profiles = useApiQuery<ItemList<AccessProfile>>('/profiles')
  const permissions = useApiQuery<ItemList<PermissionInfo>>('/permissions')
  const [dialog, setDialog] = useState<Dialog>(null)
  const items = profiles.data?.items ?? []
  const labels = new Map((permissions.data?.items ?? []).map((p) => [p.key, p.label]))

  async function remove(profile: AccessProfile) {
    await api.delete(`/profiles/${profile.id}`)
    notifySuccess(`Perfil “${profile.name}” excluído.`)
    await profiles.reload()
  }

  return (
    <>
      <PageHeader
        title="Perfis de acesso"
        description="Cada membro da equipe recebe um perfil, que define o que ele pode ver e fazer."
        actions={
          <Button
            leftSection={<IconPlus size={18} />}
            onClick={() => setDialog({ kind: 'edit', profile: null })}
            disabled={!permissions.data}
          >
            Novo perfil
          </Button>
        }
      />

      <Paper withBorder p="md">
        {profiles.error ? <LoadError error={profiles.error} onRetry={() => void profiles.reload()} /> : null}
        {permissions.error ? (
          <LoadError error={permissions.error} onRetry={() => void permissions.reload()} />
        ) : null}
        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={profiles.loading && !profiles.data} zIndex={1} />
          {profiles.data && items.length === 0 ? (
            <EmptyState
              icon={<IconShieldLock size={28} stroke={1.5} />}
              title="Nenhum perfil de acesso"
              description="Crie perfis para agrupar as permissões da equipe."
            />
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label="Perfis de acesso">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome</Table.Th>
                    <Table.Th>Descrição</Table.Th>
                    <Table.Th>Permissões</Table.Th>
                    <Table.Th>Membros</Table.Th>
                    <Table.Th w={100}>Ações</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((profile) => (
                    <Table.Tr key={profile.id}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm" fw={500}>
                            {profile.name}
                          </Text>
                          {profile.isSystem ? (
                            <Badge size="xs" variant="light" color="gray">
                              Do sistema
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={profile.description ? undefined : 'dimmed'} lineClamp={2}>
                          {profile.description || 'Sem descrição'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip
                          multiline
                          w={320}
                          disabled={profile.permissions.length === 0}
                          label={profile.permissions.map((key) => labels.get(key) ?? key).join(' · ')}
                        >
                          <Text size="sm" component="span">
                            {permissionCount(profile.permissions.length)}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatNumber(profile.staffCount)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label="Editar perfil">
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label="Editar"
                              disabled={!permissions.data}
                              onClick={() => setDialog({ kind: 'edit', profile })}
                            >
                              <IconPencil size={18} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip
                            label={
                              profile.isSystem
                                ? 'Perfis do sistema não podem ser excluídos'
                                : 'Excluir perfil'
                            }
                          >
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label="Excluir"
                              disabled={profile.isSystem}
                              onClick={() => setDialog({ kind: 'delete', profile })}
                            >
                              <IconTrash size={18} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Box>
      </Paper>

      <ProfileEditorModal
        opened={dialog?.kind === 'edit'}
        profile={dialog?.kind === 'edit' ? dialog.profile : null}
        permissions={permissions.data?.items ?? []}
        onClose={() => setDialog(null)}
        onSaved={() => void profiles.reload()}
      />

      {dialog?.kind === 'delete' ? (
        <ConfirmModal
          opened
          title="Excluir perfil de acesso"
          confirmLabel="Excluir"
          color="red"
          onConfirm={() => remove(dialog.profile)}
          onClose={() => setDialog(null)}
        >
          {dialog.profile.staffCount > 0
            ? `O perfil “${dialog.profile.name}” está atribuído a ${memberCount(dialog.profile.staffCount)}. Mude o perfil dessas pessoas antes de excluí-lo.`
            : `Excluir o perfil “${dialog.profile.name}”? Esta ação não pode ser desfeita.`}
        </ConfirmModal>
      ) : null}
    </>
  )
}

function permissionCount(n: number): string {
  if (n === 0) return 'Nenhuma'
  return n === 1 ? '1 permissão' : `${formatNumber(n)} permissões`
}

function memberCount(n: number): string {
  return n === 1 ? '1 membro da equipe' : `${formatNumber(n)} membros da equipe`
}
