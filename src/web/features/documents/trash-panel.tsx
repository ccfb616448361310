import {
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { IconFile, IconFolder, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { formatCount, formatDate } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { WhenWho } from './folder-contents.tsx'
import {
  API_PREFIX,
  type DocumentsMode,
  type Restored,
  type Trash,
  type TrashItem,
} from './documents.types.ts'

interface TrashPanelProps {
  mode: DocumentsMode
  /** `/portal/documents/trash` or `/client-orgs/:id/documents/trash`. */
  trashPath: string
  /** A restored item is back in the tree: open its folder. */
  onRestored: (folderId: string) => void
}

/** "Lixeira": what was deleted (as the level allows), where it was, who and when; "Restaurar". */
export function TrashPanel({ mode, trashPath, onRestored }: TrashPanelProps) {
  const trash = useApiQuery<Trash>(trashPath)
  const [restoring, setRestoring] = useState<TrashItem | null>(null)
  const prefix = API_PREFIX[mode]

  if (trash.error) return <LoadError error={trash.error} onRetry={() => void trash.reload()} />
  if (!trash.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando a lixeira" />
      </Center>
    )
  }
  const { items, retentionDays } = trash.data

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="h3">
          Lixeira
        </Title>
        <Text size="sm" c="dimmed">
          {mode === 'portal'
            ? `Documentos e pastas excluídos das suas pastas. Eles ficam aqui por ${retentionDays} dias; depois são apagados definitivamente.`
            : `Documentos e pastas excluídos deste cliente. Eles ficam aqui por ${retentionDays} dias; depois são apagados definitivamente.`}
        </Text>
      </Stack>
      {items.length === 0 ? (
        <Paper withBorder>
          <EmptyState icon={<IconTrash size={28} stroke={1.5} />} title="A lixeira está vazia." />
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="sm" aria-label="Itens na lixeira">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ minWidth: 200 }}>Nome</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>Onde estava</Table.Th>
                  <Table.Th>Excluído</Table.Th>
                  <Table.Th w={1}>
                    <VisuallyHidden>Ações</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.kind}:${item.id}`} data-testid="trash-row">
                    <Table.Td>
                      <Group gap={8} wrap="nowrap" align="flex-start">
                        {item.kind === 'folder' ? (
                          <IconFolder size={20} stroke={1.6} style={{ flexShrink: 0 }} />
                        ) : (
                          <IconFile size={20} stroke={1.6} style={{ flexShrink: 0 }} />
                        )}
                        <div style={{ minWidth: 0 }}>
                          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                            {item.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {item.kind === 'folder' ? 'Pasta' : 'Documento'}
                            {item.kind === 'folder' && item.contentCount > 0
                              ? ` com ${formatCount(item.contentCount, 'item', 'itens')}`
                              : ''}
                            {` · apagad${item.kind === 'folder' ? 'a' : 'o'} definitivamente em ${formatDate(item.purgeAt)}`}
                          </Text>
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {item.location}
                      </Text>
                      {item.isParentInTrash ? (
                        <Text size="xs" c="orange.8">
                          Esta pasta também está na lixeira
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <WhenWho at={item.deletedAt} by={item.deletedByName} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {item.canRestore ? (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`Restaurar ${item.name}`}
                          onClick={() => setRestoring(item)}
                        >
                          Restaurar
                        </Button>
                      ) : (
                        <Text size="xs" c="dimmed" miw={170} maw={200} style={{ whiteSpace: 'normal' }}>
                          Só um Proprietário ou o escritório pode restaurar
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ConfirmModal
        opened={restoring !== null}
        title={restoring?.kind === 'folder' ? 'Restaurar pasta' : 'Restaurar documento'}
        confirmLabel="Restaurar"
        onConfirm={async () => {
          if (!restoring) return
          const path = restoring.kind === 'folder' ? 'folders' : 'files'
          const done = await api.post<Restored>(`${prefix}/${path}/${restoring.id}/restore`)
          notifySuccess(
            done.kind === 'folder'
              ? `Pasta ${done.name} restaurada${done.contentCount > 0 ? ' com o seu conteúdo' : ''}.`
              : `${done.name} restaurado em ${restoring.location}.`,
          )
          await trash.reload()
          onRestored(done.folderId)
        }}
        onClose={() => setRestoring(null)}
      >
        {restoring?.kind === 'folder'
          ? `A pasta ${restoring.name} volta para ${restoring.location}${
              restoring.contentCount > 0 ? ', com os documentos e subpastas excluídos junto com ela' : ''
            }.`
          : `${restoring?.name ?? ''} volta para a pasta ${restoring?.location ?? ''}.`}
      </ConfirmModal>
    </Stack>
  )
}
