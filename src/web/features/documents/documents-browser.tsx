import { Button, Center, CloseButton, Grid, Loader, Paper, ScrollArea, Stack, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFolderOff, IconSearch, IconTrash } from '@tabler/icons-react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../../shared/api.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { DocumentTree, DocumentsMode } from './documents.types.ts'
import { FolderPanel } from './folder-panel.tsx'
import { FolderTree } from './folder-tree.tsx'
import { NameModal } from './name-modal.tsx'
import { SearchPanel } from './search-panel.tsx'
import { TrashPanel } from './trash-panel.tsx'

interface DocumentsBrowserProps {
  mode: DocumentsMode
  /** `/portal/documents` or `/client-orgs/:id/documents`. */
  treePath: string
  /** Staff: the company whose folders these are. */
  clientOrgId?: string
}

/**
 * Folder tree by department on the left, the chosen folder on the right (`?pasta=` in the URL), the
 * Lixeira (`?lixeira=1`) for those whose level lets them restore something, or the documents found
 * by "Buscar documentos" (`?busca=`, from 2 letters).
 */
export function DocumentsBrowser({ mode, treePath, clientOrgId }: DocumentsBrowserProps) {
  const tree = useApiQuery<DocumentTree>(treePath)
  const [params, setParams] = useSearchParams()
  const [rootFor, setRootFor] = useState<{ id: string; name: string } | null>(null)
  const reloadTree = tree.reload
  const [search, setSearch] = useState(params.get('busca') ?? '')
  const [typed] = useDebouncedValue(search.trim(), 300)

  const select = useCallback(
    (folderId: string) => {
      const next = new URLSearchParams(params)
      next.set('pasta', folderId)
      next.delete('lixeira')
      next.delete('busca')
      setSearch('')
      setParams(next, { replace: true })
    },
    [params, setParams],
  )
  const showTrash = useCallback(() => {
    const next = new URLSearchParams(params)
    next.set('lixeira', '1')
    next.delete('busca')
    setSearch('')
    setParams(next, { replace: true })
  }, [params, setParams])
  // The search goes to the URL (a reload or a shared link keeps it) once typing pauses — only when
  // what was typed changes, so opening a folder from the results is not undone by a late value.
  const lastTyped = useRef(typed)
  useEffect(() => {
    if (typed === lastTyped.current) return
    lastTyped.current = typed
    const next = new URLSearchParams(params)
    if (typed) next.set('busca', typed)
    else next.delete('busca')
    setParams(next, { replace: true })
  }, [typed, params, setParams])

  if (tree.error) return <LoadError error={tree.error} onRetry={() => void tree.reload()} />
  if (!tree.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando pastas" />
      </Center>
    )
  }
  const folders = tree.data.folders
  const requested = params.get('pasta')
  const selectedId = folders.some((f) => f.id === requested)
    ? requested
    : (folders.find((f) => f.parentId === null)?.id ?? null)
  // Staff restore anything; a client user something only as Contribuinte or Proprietário somewhere.
  const hasTrash = mode === 'staff' || tree.data.departments.some((d) => d.level && d.level !== 'revisor')
  const searched = (params.get('busca') ?? '').trim()
  const inSearch = searched.length >= 2
  const inTrash = !inSearch && hasTrash && params.get('lixeira') === '1'

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
        <Stack gap="sm">
          <TextInput
            type="search"
            aria-label="Buscar documentos"
            placeholder="Buscar documentos"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setSearch('')
            }}
            rightSection={
              search ? (
                <CloseButton size="sm" aria-label="Limpar a busca" onClick={() => setSearch('')} />
              ) : null
            }
            description={search.trim().length === 1 ? 'Digite ao menos 2 letras.' : undefined}
          />
          <Paper withBorder p="sm">
            <ScrollArea.Autosize mah={640} type="auto">
              <FolderTree
                tree={tree.data}
                mode={mode}
                selectedId={inTrash || inSearch ? null : selectedId}
                onSelect={select}
                onCreateRoot={mode === 'staff' ? setRootFor : undefined}
              />
            </ScrollArea.Autosize>
          </Paper>
          {hasTrash ? (
            <Button
              variant={inTrash ? 'light' : 'default'}
              leftSection={<IconTrash size={18} />}
              justify="flex-start"
              fullWidth
              aria-pressed={inTrash}
              onClick={showTrash}
            >
              Lixeira
            </Button>
          ) : null}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
        {inSearch ? (
          <SearchPanel mode={mode} searchPath={`${treePath}/search`} text={searched} onOpenFolder={select} />
        ) : inTrash ? (
          <TrashPanel mode={mode} trashPath={`${treePath}/trash`} onRestored={() => void reloadTree()} />
        ) : selectedId ? (
          <FolderPanel
            tree={tree.data}
            key={selectedId}
            mode={mode}
            folderId={selectedId}
            clientOrgId={clientOrgId}
            onNavigate={select}
            onChanged={() => void reloadTree()}
          />
        ) : (
          <Paper withBorder>
            <EmptyState
              icon={<IconFolderOff size={28} stroke={1.5} />}
              title="Nenhuma pasta disponível"
              description={
                mode === 'portal'
                  ? 'Quando o escritório compartilhar pastas com os seus departamentos, elas aparecerão aqui.'
                  : 'Crie uma pasta em um departamento para publicar documentos.'
              }
            />
          </Paper>
        )}
      </Grid.Col>
      {mode === 'staff' && clientOrgId ? (
        <NameModal
          opened={rootFor !== null}
          title={`Nova pasta em ${rootFor?.name ?? ''}`}
          label="Nome da pasta"
          submitLabel="Criar pasta"
          shareOption={rootFor ? { departmentName: rootFor.name } : null}
          onSubmit={async (name, share) => {
            if (!rootFor) return
            const created = await api.post<{ id: string }>(`/client-orgs/${clientOrgId}/documents/folders`, {
              departmentId: rootFor.id,
              name,
              share,
            })
            notifySuccess(`Pasta ${name} criada em ${rootFor.name}.`)
            await reloadTree()
            select(created.id)
          }}
          onClose={() => setRootFor(null)}
        />
      ) : null}
    </Grid>
  )
}
