import { Button, Group, Modal, NavLink, ScrollArea, Stack, Text } from '@mantine/core'
import { IconFolder, IconFolderOpen } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { DocumentTree, DocumentsMode, TreeFolder } from './documents.types.ts'
import type { Target } from './folder-contents.tsx'

interface MoveModalProps {
  mode: DocumentsMode
  prefix: string
  tree: DocumentTree
  /** The document or folder to move (null: closed). */
  item: Target | null
  onMoved: (folderId: string) => void
  onClose: () => void
}

/**
 * "Mover": the company's folder tree, only the folders where the user may add documents (staff:
 * all; client users: departments where they are Contribuinte or Proprietário). A folder moves
 * inside its own department, never into itself or below it (those are not offered). Where the item
 * is now is shown but cannot be chosen.
 */
export function MoveModal({ mode, prefix, tree, item, onMoved, onClose }: MoveModalProps) {
  const [target, setTarget] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (item) setTarget(null)
  }, [item])
  const isFolder = item?.kind === 'folder'
  const currentId = item ? (item.kind === 'folder' ? item.item.parentId : item.item.folderId) : null

  const departments = useMemo(
    () =>
      tree.departments.filter(
        (d) =>
          (mode === 'staff' || (d.level !== null && d.level !== 'revisor')) &&
          (item?.kind !== 'folder' || d.id === item.item.departmentId),
      ),
    [tree.departments, mode, item],
  )
  const childrenOf = useMemo(() => {
    const map = new Map<string | null, TreeFolder[]>()
    for (const f of tree.folders) map.set(f.parentId, [...(map.get(f.parentId) ?? []), f])
    return map
  }, [tree.folders])

  function node(folder: TreeFolder, depth: number) {
    // A folder is not offered a place inside itself.
    if (isFolder && folder.id === item.item.id) return null
    const current = folder.id === currentId
    const children = childrenOf.get(folder.id) ?? []
    return (
      <div key={folder.id}>
        <NavLink
          label={folder.name}
          description={current ? 'Pasta atual' : undefined}
          active={folder.id === target}
          disabled={current}
          onClick={() => setTarget(folder.id)}
          leftSection={
            folder.id === target ? (
              <IconFolderOpen size={16} stroke={1.6} />
            ) : (
              <IconFolder size={16} stroke={1.6} />
            )
          }
          pl={8 + depth * 16}
          data-testid="move-target"
          styles={{ label: { overflowWrap: 'anywhere' } }}
        />
        {children.map((c) => node(c, depth + 1))}
      </div>
    )
  }

  async function move() {
    if (!item || !target) return
    setBusy(true)
    try {
      const path = item.kind === 'folder' ? `folders/${item.item.id}` : `files/${item.item.id}`
      await api.post(`${prefix}/${path}/move`, { folderId: target })
      const name = tree.folders.find((f) => f.id === target)?.name ?? ''
      notifySuccess(
        item.kind === 'folder'
          ? `Pasta ${item.item.name} movida para ${name}.`
          : `${item.item.name} movido para ${name}.`,
      )
      onMoved(target)
      onClose()
    } catch (error) {
      notifyError(error, isFolder ? 'Não foi possível mover a pasta' : 'Não foi possível mover o documento')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      opened={item !== null}
      onClose={busy ? () => {} : onClose}
      title={isFolder ? `Mover a pasta ${item.item.name}` : `Mover ${item?.item.name ?? ''}`}
      centered
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {!isFolder
            ? 'Escolha a pasta de destino. O documento leva todas as suas versões; ninguém é notificado.'
            : mode === 'staff'
              ? 'Escolha a pasta de destino, no mesmo departamento. A pasta leva as suas subpastas e documentos, e aparece no portal se a pasta de destino estiver compartilhada.'
              : 'Escolha a pasta de destino, no mesmo departamento. A pasta leva as suas subpastas e documentos.'}
        </Text>
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack gap="sm">
            {departments.length === 0 ? (
              <Text size="sm" c="dimmed">
                Você não pode adicionar documentos em nenhuma pasta desta empresa.
              </Text>
            ) : null}
            {departments.map((d) => {
              const roots = (childrenOf.get(null) ?? []).filter((f) => f.departmentId === d.id)
              return (
                <div key={d.id}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed" px={4} mb={2}>
                    {d.name}
                  </Text>
                  {roots.length ? (
                    roots.map((f) => node(f, 0))
                  ) : (
                    <Text size="xs" c="dimmed" px={4}>
                      Nenhuma pasta.
                    </Text>
                  )}
                </div>
              )
            })}
          </Stack>
        </ScrollArea.Autosize>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancelar
          </Button>
          <Button onClick={() => void move()} loading={busy} disabled={!target}>
            Mover
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
