import {
  Anchor,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { IconFileSearch, IconFolder } from '@tabler/icons-react'
import { formatCount } from '../../../shared/format.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { API_PREFIX, type DocumentSearch, type DocumentsMode } from './documents.types.ts'
import { DocumentLabel, DownloadAction, WhenWho } from './folder-contents.tsx'

interface SearchPanelProps {
  mode: DocumentsMode
  /** `/portal/documents/search` or `/client-orgs/:id/documents/search`. */
  searchPath: string
  /** At least 2 letters (the browser asks for more before calling this). */
  text: string
  /** "Abrir a pasta": the folder of a result, leaving the search. */
  onOpenFolder: (folderId: string) => void
}

/** "Buscar documentos": the folders and the documents (newest first) whose name contains the text, and where each one is. */
export function SearchPanel({ mode, searchPath, text, onOpenFolder }: SearchPanelProps) {
  const found = useApiQuery<DocumentSearch>(searchPath, { q: text })
  const prefix = API_PREFIX[mode]

  if (found.error) return <LoadError error={found.error} onRetry={() => void found.reload()} />
  if (!found.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Buscando documentos" />
      </Center>
    )
  }
  const { folders, items, hasMore } = found.data
  const nothing = items.length === 0 && folders.length === 0
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="h3">
          Resultados para “{text}”
        </Title>
        <Text size="sm" c="dimmed" aria-live="polite">
          {nothing
            ? 'Nenhum documento ou pasta encontrado.'
            : [
                folders.length ? formatCount(folders.length, 'pasta', 'pastas') : null,
                items.length === 0
                  ? 'nenhum documento'
                  : hasMore
                    ? `os ${items.length} documentos mais recentes (há outros: refine a busca)`
                    : formatCount(items.length, 'documento', 'documentos'),
              ]
                .filter(Boolean)
                .join(' e ')
                .replace(/^./, (c) => c.toUpperCase())}
        </Text>
      </Stack>
      {folders.length > 0 ? (
        <Paper withBorder p="xs">
          <Stack gap={2} aria-label="Pastas encontradas" role="list">
            {folders.map((f) => (
              <UnstyledButton
                key={f.id}
                role="listitem"
                data-testid="search-folder"
                aria-label={`Abrir a pasta ${f.path}`}
                onClick={() => onOpenFolder(f.id)}
                className="cadastra-search-folder"
                p={6}
              >
                <Group gap={8} wrap="nowrap">
                  <IconFolder
                    size={20}
                    stroke={1.6}
                    color="var(--mantine-color-brand-6)"
                    style={{ flexShrink: 0 }}
                  />
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {f.path}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      ) : null}
      {nothing ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconFileSearch size={28} stroke={1.5} />}
            title="Nenhum documento ou pasta encontrado"
            description={
              mode === 'portal'
                ? 'A busca olha o nome dos documentos e pastas que você pode ver nesta empresa. Tente outra parte do nome.'
                : 'A busca olha o nome dos documentos e pastas deste cliente. Tente outra parte do nome.'
            }
          />
        </Paper>
      ) : items.length === 0 ? null : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={`Documentos encontrados para ${text}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ minWidth: 200 }}>Nome</Table.Th>
                  <Table.Th>Pasta</Table.Th>
                  <Table.Th style={{ minWidth: 150 }}>Atualizado</Table.Th>
                  <Table.Th w={1}>
                    <VisuallyHidden>Ações</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id} data-testid="search-row">
                    <Table.Td>
                      <DocumentLabel doc={d} showVersion />
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        style={{ overflowWrap: 'anywhere', textAlign: 'left' }}
                        aria-label={`Abrir a pasta ${d.folderPath}`}
                        onClick={() => onOpenFolder(d.folderId)}
                      >
                        {d.folderPath}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <WhenWho at={d.updatedAt} by={d.updatedByName} />
                    </Table.Td>
                    <Table.Td>
                      <DownloadAction prefix={prefix} doc={d} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  )
}
