import { Button, Group, Modal, NavLink, ScrollArea, Stack, Text } from '@mantine/core'
import { IconFolder, IconFolderOpen } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { DocumentSummary, DocumentTree, DocumentsMode, TreeFolder } from './documents.types.ts'

interface MoveModalProps {
  mode: DocumentsMode
  prefix: string
  tree: DocumentTree
  /** The document to move (null: closed). */
  document: DocumentSummary | null
  onMoved: (folderId: string) => void
  onClose: () => void
}

/**
 * "Mover": the company's folder tree, only the folders where the user may add documents (staff:
 * all; client users: departments where they are Contribuinte or Proprietário); the current folder
 * is shown but cannot be chosen.
 */
export function MoveModal({ mode, prefix, tree, document, onMoved, onClose }: MoveModalProps) {
  const [target, setTarget] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (document) setTarget(null)
  }, [document])

  const departments = useMemo(
    () => tree.departments.filter((d) => mode === 'staff' || (d.level !== null && d.level !== 'revisor')),
    [tree.departments, mode],
  )
  const childrenOf = useMemo(() => {
    const map = new Map<string | null, TreeFolder[]>()
    for (const f of tree.folders) map.set(f.parentId, [...(map.get(f.parentId) ?? []), f])
    return map
  }, [tree.folders])

  function node(folder: TreeFolder, depth: number) {
    const current = folder.id === document?.folderId
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
    if (!document || !target) return
    setBusy(true)
    try {
      await api.post(`${prefix}/files/${document.id}/move`, { folderId: target })
      const name = tree.folders.find((f) => f.id === target)?.name ?? ''
      notifySuccess(`${document.name} movido para ${name}.`)
      onMoved(target)
      onClose()
    } catch (error) {
      notifyError(error, 'Não foi possível mover o documento')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      opened={document !== null}
      onClose={busy ? () => {} : onClose}
      title={`Mover ${document?.name ?? ''}`}
      centered
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Escolha a pasta de destino. O documento leva todas as suas versões; ninguém é notificado.
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
