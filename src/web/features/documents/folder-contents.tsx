import {
  ActionIcon,
  Badge,
  Group,
  Paper,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import {
  IconDownload,
  IconFile,
  IconFolder,
  IconFolderSymlink,
  IconPencil,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { formatCount, formatDateTime } from '../../../shared/format.ts'
import { API_BASE } from '../../shared/api.ts'
import { formatSize, kindOf } from './documents.format.ts'
import type { DocumentSummary, DocumentsMode, FolderView } from './documents.types.ts'

export type FolderItem = FolderView['folders'][number]
/** What a rename or delete applies to. */
export type Target =
  | { kind: 'folder'; item: FolderItem | FolderView['folder'] }
  | { kind: 'document'; item: DocumentSummary }

interface FolderContentsProps {
  mode: DocumentsMode
  prefix: string
  view: FolderView
  onOpenFolder: (folderId: string) => void
  onVersions: (documentId: string) => void
  onNewVersion: (doc: DocumentSummary) => void
  onRename: (target: Target) => void
  onDelete: (target: Target) => void
  /** "Mover": documents the user may delete (the source's right), folders the level lets them move. */
  onMove: (target: Target) => void
}

/** Subfolders then documents: name, version, size, date, who, and the actions the level allows. */
export function FolderContents(props: FolderContentsProps) {
  const { mode, prefix, view, onOpenFolder, onVersions, onNewVersion, onRename, onDelete, onMove } = props
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover aria-label={`Conteúdo de ${view.folder.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ minWidth: 200 }}>Nome</Table.Th>
              <Table.Th w={72}>Versão</Table.Th>
              <Table.Th w={96}>Tamanho</Table.Th>
              <Table.Th style={{ minWidth: 150 }}>Atualizado</Table.Th>
              <Table.Th w={1}>
                <VisuallyHidden>Ações</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.folders.map((f) => (
              <Table.Tr key={f.id} data-testid="folder-row">
                <Table.Td>
                  <UnstyledButton onClick={() => onOpenFolder(f.id)} aria-label={`Abrir a pasta ${f.name}`}>
                    <Group gap={8} wrap="nowrap">
                      <IconFolder
                        size={20}
                        stroke={1.6}
                        color="var(--mantine-color-brand-6)"
                        style={{ flexShrink: 0 }}
                      />
                      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {f.name}
                      </Text>
                      {mode === 'staff' && !f.isVisibleToClients ? (
                        <Badge size="xs" variant="light" color="orange">
                          Não compartilhada
                        </Badge>
                      ) : null}
                    </Group>
                  </UnstyledButton>
                </Table.Td>
                <Table.Td c="dimmed">—</Table.Td>
                <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatCount(f.documentCount, 'documento', 'documentos')}
                </Table.Td>
                <Table.Td>
                  <WhenWho at={f.createdAt} by={f.createdByName} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {f.can.rename ? (
                      <RowAction
                        label={`Renomear a pasta ${f.name}`}
                        onClick={() => onRename({ kind: 'folder', item: f })}
                      >
                        <IconPencil size={18} />
                      </RowAction>
                    ) : null}
                    {f.can.move ? (
                      <RowAction
                        label={`Mover a pasta ${f.name}`}
                        onClick={() => onMove({ kind: 'folder', item: f })}
                      >
                        <IconFolderSymlink size={18} />
                      </RowAction>
                    ) : null}
                    {f.can.delete ? (
                      <RowAction
                        label={`Excluir a pasta ${f.name}`}
                        color="red"
                        onClick={() => onDelete({ kind: 'folder', item: f })}
                      >
                        <IconTrash size={18} />
                      </RowAction>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {view.documents.map((d) => (
              <Table.Tr key={d.id} data-testid="document-row">
                <Table.Td>
                  <UnstyledButton onClick={() => onVersions(d.id)} aria-label={`Versões de ${d.name}`}>
                    <DocumentLabel doc={d} />
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Tooltip label="Ver todas as versões" withArrow>
                    <UnstyledButton
                      onClick={() => onVersions(d.id)}
                      aria-label={`Versão ${d.version}: ver versões`}
                    >
                      <Badge variant="light" color="gray" size="sm" style={{ cursor: 'pointer' }}>
                        v{d.version}
                      </Badge>
                    </UnstyledButton>
                  </Tooltip>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatSize(d.sizeBytes)}</Table.Td>
                <Table.Td>
                  <WhenWho at={d.updatedAt} by={d.updatedByName} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <DownloadAction prefix={prefix} doc={d} />
                    {d.can.newVersion ? (
                      <RowAction label={`Enviar nova versão de ${d.name}`} onClick={() => onNewVersion(d)}>
                        <IconUpload size={18} />
                      </RowAction>
                    ) : null}
                    {d.can.rename ? (
                      <RowAction
                        label={`Renomear ${d.name}`}
                        onClick={() => onRename({ kind: 'document', item: d })}
                      >
                        <IconPencil size={18} />
                      </RowAction>
                    ) : null}
                    {d.can.delete ? (
                      <RowAction
                        label={`Mover ${d.name}`}
                        onClick={() => onMove({ kind: 'document', item: d })}
                      >
                        <IconFolderSymlink size={18} />
                      </RowAction>
                    ) : null}
                    {d.can.delete ? (
                      <RowAction
                        label={`Excluir ${d.name}`}
                        color="red"
                        onClick={() => onDelete({ kind: 'document', item: d })}
                      >
                        <IconTrash size={18} />
                      </RowAction>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  )
}

/** "05/12/2026 14:30" over "por Ana Administradora": one column instead of two. */
/** A document's icon, name, and kind under it ("PDF · v2 · enviado por você"). */
export function DocumentLabel({ doc, showVersion = false }: { doc: DocumentSummary; showVersion?: boolean }) {
  return (
    <Group gap={8} wrap="nowrap">
      <IconFile size={20} stroke={1.6} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {doc.name}
        </Text>
        <Text size="xs" c="dimmed">
          {kindOf(doc.mime)}
          {showVersion ? ` · v${doc.version}` : ''}
          {doc.isMine ? ' · enviado por você' : ''}
        </Text>
      </div>
    </Group>
  )
}

/** "Baixar": the current version, as a link (the browser downloads it; the server audits it). */
export function DownloadAction({ prefix, doc }: { prefix: string; doc: DocumentSummary }) {
  return (
    <Tooltip label="Baixar" withArrow>
      <ActionIcon
        component="a"
        href={`${API_BASE}${prefix}/files/${doc.id}/download`}
        download
        variant="subtle"
        aria-label={`Baixar ${doc.name}`}
      >
        <IconDownload size={18} />
      </ActionIcon>
    </Tooltip>
  )
}

/** A date and time with "por X" under it: when something was updated or deleted, and by whom. */
export function WhenWho({ at, by }: { at: string; by: string | null }) {
  return (
    <>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(at)}
      </Text>
      {by ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          por {by}
        </Text>
      ) : null}
    </>
  )
}

function RowAction({
  label,
  color,
  onClick,
  children,
}: {
  label: string
  color?: string
  onClick: () => void
  children: ReactNode
}) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        {children}
      </ActionIcon>
    </Tooltip>
  )
}
