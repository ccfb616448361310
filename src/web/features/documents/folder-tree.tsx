import { ActionIcon, Badge, Group, NavLink, Stack, Text, Tooltip } from '@mantine/core'
import { IconChevronRight, IconFolder, IconFolderOpen, IconFolderPlus, IconLock } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { formatCount, formatNumber } from '../../../shared/format.ts'
import { LEVEL_COLORS } from './documents.format.ts'
import type { DocumentTree, DocumentsMode, TreeFolder } from './documents.types.ts'

interface FolderTreeProps {
  tree: DocumentTree
  mode: DocumentsMode
  selectedId: string | null
  onSelect: (folderId: string) => void
  /** Staff: "Nova pasta" on a department. */
  onCreateRoot?: (department: { id: string; name: string }) => void
}

/** Ancestors of a folder (ids), nearest first. */
function ancestorsOf(id: string | null, byId: Map<string, TreeFolder>): string[] {
  const out: string[] = []
  let cur = id ? byId.get(id) : undefined
  while (cur?.parentId && out.length < 20) {
    out.push(cur.parentId)
    cur = byId.get(cur.parentId)
  }
  return out
}

/** The folders of each department, nested; the path to the selected folder stays open. */
export function FolderTree({ tree, mode, selectedId, onSelect, onCreateRoot }: FolderTreeProps) {
  const byId = useMemo(() => new Map(tree.folders.map((f) => [f.id, f])), [tree.folders])
  const childrenOf = useMemo(() => {
    const map = new Map<string | null, TreeFolder[]>()
    for (const f of tree.folders) {
      const key = f.parentId
      map.set(key, [...(map.get(key) ?? []), f])
    }
    return map
  }, [tree.folders])
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set())

  useEffect(() => {
    const path = ancestorsOf(selectedId, byId)
    if (path.length) setExpanded((prev) => new Set([...prev, ...path]))
  }, [selectedId, byId])

  function click(folder: TreeFolder) {
    const hasChildren = (childrenOf.get(folder.id) ?? []).length > 0
    if (folder.id === selectedId && hasChildren) {
      setExpanded((prev) => {
        const next = new Set(prev)
        if (next.has(folder.id)) next.delete(folder.id)
        else next.add(folder.id)
        return next
      })
      return
    }
    if (hasChildren) setExpanded((prev) => new Set([...prev, folder.id]))
    onSelect(folder.id)
  }

  function node(folder: TreeFolder) {
    const children = childrenOf.get(folder.id) ?? []
    const active = folder.id === selectedId
    const hidden = mode === 'staff' && !folder.isVisibleToClients
    return (
      <NavLink
        key={folder.id}
        label={folder.name}
        active={active}
        opened={expanded.has(folder.id)}
        onClick={() => click(folder)}
        aria-current={active ? 'true' : undefined}
        data-testid="folder-node"
        leftSection={
          hidden ? (
            <Tooltip label="Não compartilhada: os usuários do cliente não veem" withArrow>
              <IconLock size={16} stroke={1.6} color="var(--mantine-color-orange-7)" />
            </Tooltip>
          ) : active ? (
            <IconFolderOpen size={16} stroke={1.6} />
          ) : (
            <IconFolder size={16} stroke={1.6} />
          )
        }
        disableRightSectionRotation
        rightSection={
          <Group gap={4} wrap="nowrap">
            {folder.documentCount > 0 ? (
              <Badge
                size="xs"
                variant="light"
                color="gray"
                aria-label={formatCount(folder.documentCount, 'documento', 'documentos')}
              >
                {formatNumber(folder.documentCount)}
              </Badge>
            ) : null}
            {children.length ? (
              <IconChevronRight
                size={14}
                aria-hidden
                style={{
                  transform: expanded.has(folder.id) ? 'rotate(90deg)' : undefined,
                  transition: 'transform 150ms ease',
                }}
              />
            ) : null}
          </Group>
        }
        childrenOffset={14}
        styles={{ label: { overflowWrap: 'anywhere' } }}
      >
        {children.length ? children.map(node) : undefined}
      </NavLink>
    )
  }

  if (tree.departments.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {mode === 'portal'
          ? 'Você ainda não participa de nenhum departamento desta empresa.'
          : 'Nenhum departamento cadastrado.'}
      </Text>
    )
  }

  return (
    <Stack gap="md" component="nav" aria-label="Pastas por departamento">
      {tree.departments.map((department) => {
        const roots = (childrenOf.get(null) ?? []).filter((f) => f.departmentId === department.id)
        return (
          <div key={department.id} role="group" aria-label={`Departamento ${department.name}`}>
            <Group justify="space-between" gap={6} wrap="nowrap" mb={2} px={4}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" truncate>
                {department.name}
              </Text>
              <Group gap={4} wrap="nowrap">
                {department.levelLabel ? (
                  <Badge size="xs" variant="light" color={LEVEL_COLORS[department.level ?? ''] ?? 'gray'}>
                    {department.levelLabel}
                  </Badge>
                ) : null}
                {onCreateRoot ? (
                  <Tooltip label={`Nova pasta no departamento ${department.name}`} withArrow>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`Nova pasta no departamento ${department.name}`}
                      onClick={() => onCreateRoot(department)}
                    >
                      <IconFolderPlus size={16} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
            </Group>
            {roots.length ? (
              roots.map(node)
            ) : (
              <Text size="xs" c="dimmed" px={4}>
                {mode === 'portal' ? 'Nenhuma pasta compartilhada ainda.' : 'Nenhuma pasta.'}
              </Text>
            )}
          </div>
        )
      })}
    </Stack>
  )
}
