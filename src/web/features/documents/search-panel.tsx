import { Anchor, Center, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core'
import { IconFileSearch } from '@tabler/icons-react'
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

/** "Buscar documentos": the documents whose name contains the text, newest first, where each one is. */
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
  const { items, hasMore } = found.data
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="h3">
          Documentos com “{text}”
        </Title>
        <Text size="sm" c="dimmed" aria-live="polite">
          {items.length === 0
            ? 'Nenhum documento encontrado.'
            : hasMore
              ? `Os ${items.length} mais recentes; há outros com esse nome: refine a busca.`
              : items.length === 1
                ? '1 documento encontrado.'
                : `${items.length} documentos encontrados, os mais recentes primeiro.`}
        </Text>
      </Stack>
      {items.length === 0 ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconFileSearch size={28} stroke={1.5} />}
            title="Nenhum documento encontrado"
            description={
              mode === 'portal'
                ? 'A busca olha o nome dos documentos nas pastas que você pode ver nesta empresa. Tente outra parte do nome.'
                : 'A busca olha o nome dos documentos em todas as pastas deste cliente. Tente outra parte do nome.'
            }
          />
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={`Documentos com ${text}`}>
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
