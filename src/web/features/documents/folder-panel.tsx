import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Center,
  FileButton,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core'
import {
  IconFile,
  IconFileZip,
  IconFolderPlus,
  IconFolderSymlink,
  IconPencil,
  IconQuestionMark,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { api } from '../../shared/api.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { useDownload } from '../../shared/use-download.ts'
import { ACCEPT, LEVEL_COLORS, LEVEL_YOU_CAN } from './documents.format.ts'
import {
  API_PREFIX,
  type DocumentSummary,
  type DocumentsMode,
  type DocumentTree,
  type FolderView,
} from './documents.types.ts'
import { DropOverlay, useFileDrop } from './file-drop.tsx'
import { FolderContents, type Target } from './folder-contents.tsx'
import { MoveModal } from './move-modal.tsx'
import { NameModal } from './name-modal.tsx'
import { UploadProgressCard, UploadRefusalAlert } from './upload-status.tsx'
import { type UploadRefusal, useUploadQueue } from './use-upload-queue.ts'
import { VersionsModal } from './versions-modal.tsx'
import { WhyModal } from './why-modal.tsx'

interface FolderPanelProps {
  mode: DocumentsMode
  folderId: string
  /** Staff: the company, for "Por que vê?". */
  clientOrgId?: string
  onNavigate: (folderId: string) => void
  /** Something changed that the tree shows (folders, counts). */
  onChanged: () => void
  /** The company's tree, for "Mover" (the folders where the user may add documents). */
  tree: DocumentTree
}

function sendFile(path: string, file: File) {
  const body = new FormData()
  body.append('arquivo', file)
  return api.upload<DocumentSummary>(path, body)
}

/** One folder: its path, what the level allows, subfolders and documents with their actions. */
export function FolderPanel({ mode, folderId, clientOrgId, onNavigate, onChanged, tree }: FolderPanelProps) {
  const prefix = API_PREFIX[mode]
  const view = useApiQuery<FolderView>(`${prefix}/folders/${folderId}`)
  const [uploading, setUploading] = useState(false)
  const [creating, setCreating] = useState(false)
  const [renaming, setRenaming] = useState<Target | null>(null)
  const [deleting, setDeleting] = useState<Target | null>(null)
  const [versionsOf, setVersionsOf] = useState<string | null>(null)
  const [moving, setMoving] = useState<Target | null>(null)
  const [whyOpen, setWhyOpen] = useState(false)
  const [sharing, setSharing] = useState(false)
  const versionInput = useRef<HTMLInputElement>(null)
  const versionTarget = useRef<DocumentSummary | null>(null)
  const queue = useUploadQueue()
  const zip = useDownload('Não foi possível baixar a pasta')
  const drop = useFileDrop()
  const resetPicker = useRef<() => void>(null)

  if (view.error) return <LoadError error={view.error} onRetry={() => void view.reload()} />
  const data = view.data?.folder.id === folderId ? view.data : undefined
  if (!data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando pasta" />
      </Center>
    )
  }
  const { folder, can } = data
  const refresh = async () => {
    await view.reload()
    onChanged()
  }

  /** Picked or dropped files, one request each, in order. */
  async function upload(files: File[], refused: UploadRefusal[] = []) {
    await queue.upload({
      files,
      refused,
      folderName: folder.name,
      send: (file) => sendFile(`${prefix}/folders/${folder.id}/documents`, file),
      onSaved: refresh,
    })
    // Picking the same files again (after fixing them) must fire onChange again.
    resetPicker.current?.()
  }

  async function uploadVersion(file: File | undefined) {
    const target = versionTarget.current
    if (!file || !target) return
    setUploading(true)
    try {
      const saved = await sendFile(`${prefix}/files/${target.id}/versions`, file)
      notifySuccess(`Versão ${saved.version} de ${saved.name} enviada.`)
      await refresh()
    } catch (error) {
      notifyError(error, 'Não foi possível enviar a nova versão')
    } finally {
      setUploading(false)
      if (versionInput.current) versionInput.current.value = ''
    }
  }

  async function toggleShare(isShared: boolean) {
    setSharing(true)
    try {
      await api.patch(`${prefix}/folders/${folder.id}`, { isShared })
      notifySuccess(
        isShared
          ? `${folder.name} compartilhada com o departamento ${folder.departmentName}.`
          : `${folder.name} deixou de ser compartilhada.`,
      )
      await refresh()
    } catch (error) {
      notifyError(error)
    } finally {
      setSharing(false)
    }
  }

  const levelDescription = data.level ? LEVEL_YOU_CAN[data.level] : null
  // The level would let them send files, but "Envia documentos ao escritório" is not ticked.
  const missingPermission = mode === 'portal' && data.level !== 'revisor' && !data.canSendDocuments
  const hasContent = data.folders.length > 0 || data.documents.length > 0
  // "Baixar tudo": the documents here and in the subfolders shown (their counts).
  const hasDocuments = data.documents.length > 0 || data.folders.some((f) => f.documentCount > 0)
  const isBusy = uploading || queue.isBusy
  const dropZone = drop.zoneProps({
    isEnabled: can.upload,
    isBusy,
    onDrop: ({ files, refused }) => void upload(files, refused),
  })

  return (
    <Stack gap="md" pos="relative" data-testid="folder-drop-zone" {...dropZone}>
      <Stack gap={6}>
        {data.path.length > 1 ? (
          <Breadcrumbs separator="›" separatorMargin={6} aria-label="Caminho da pasta">
            {data.path.map((p, i) =>
              i === data.path.length - 1 ? (
                <Text size="sm" key={p.id} c="dimmed">
                  {p.name}
                </Text>
              ) : (
                <Anchor
                  size="sm"
                  key={p.id}
                  component="button"
                  type="button"
                  onClick={() => onNavigate(p.id)}
                >
                  {p.name}
                </Anchor>
              ),
            )}
          </Breadcrumbs>
        ) : null}
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="xs" style={{ minWidth: 0 }}>
            <Title order={2} fz="h3" style={{ overflowWrap: 'anywhere' }}>
              {folder.name}
            </Title>
            {data.levelLabel ? (
              <Badge variant="light" color={LEVEL_COLORS[data.level ?? ''] ?? 'gray'}>
                {data.levelLabel}
              </Badge>
            ) : null}
            {mode === 'staff' && folder.isSystem ? (
              <Badge variant="light" color="gray">
                Pasta do departamento
              </Badge>
            ) : null}
            {mode === 'staff' && !folder.isVisibleToClients ? (
              <Badge variant="light" color="orange">
                Não compartilhada
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs">
            {can.upload ? (
              <FileButton
                multiple
                onChange={(files) => void upload(files)}
                accept={ACCEPT}
                resetRef={resetPicker}
                disabled={isBusy}
                inputProps={{ 'aria-label': 'Arquivos para enviar' }}
              >
                {(props) => (
                  <Button {...props} leftSection={<IconUpload size={18} />} loading={isBusy}>
                    Enviar documento
                  </Button>
                )}
              </FileButton>
            ) : null}
            {hasDocuments ? (
              <Button
                variant="default"
                leftSection={<IconFileZip size={18} />}
                loading={zip.busy}
                disabled={isBusy}
                onClick={() => void zip.download(`${prefix}/folders/${folder.id}/zip`)}
              >
                Baixar tudo (.zip)
              </Button>
            ) : null}
            {can.createFolder ? (
              <Button
                variant="default"
                leftSection={<IconFolderPlus size={18} />}
                disabled={isBusy}
                onClick={() => setCreating(true)}
              >
                Nova pasta
              </Button>
            ) : null}
            {can.rename ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={18} />}
                disabled={isBusy}
                onClick={() => setRenaming({ kind: 'folder', item: folder })}
              >
                Renomear pasta
              </Button>
            ) : null}
            {can.move ? (
              <Button
                variant="default"
                leftSection={<IconFolderSymlink size={18} />}
                disabled={isBusy}
                onClick={() => setMoving({ kind: 'folder', item: folder })}
              >
                Mover pasta
              </Button>
            ) : null}
            {can.delete ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={18} />}
                disabled={isBusy}
                onClick={() => setDeleting({ kind: 'folder', item: folder })}
              >
                Excluir pasta
              </Button>
            ) : null}
          </Group>
        </Group>
        {levelDescription ? (
          <Text size="sm" c="dimmed">
            Como {data.levelLabel}, você {levelDescription}
          </Text>
        ) : null}
        {missingPermission ? (
          <Alert color="yellow" variant="light" data-testid="upload-not-permitted">
            Seu usuário não tem permissão para enviar documentos ao escritório. Peça ao administrador.
          </Alert>
        ) : null}
        {mode === 'staff' ? (
          <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
            {folder.isSystem ? (
              <Text size="sm" c="dimmed">
                Pasta do departamento padrão {folder.departmentName}: compartilhada automaticamente com os
                usuários do cliente que participam do departamento.
              </Text>
            ) : can.share ? (
              <Switch
                checked={folder.isShared}
                disabled={sharing}
                onChange={(e) => void toggleShare(e.currentTarget.checked)}
                label={`Compartilhada com o departamento ${folder.departmentName}`}
                description={
                  folder.isShared && !folder.isVisibleToClients
                    ? 'Uma pasta acima desta não está compartilhada: o cliente ainda não a vê.'
                    : 'Pastas criadas pelo escritório só aparecem no portal depois de compartilhadas.'
                }
              />
            ) : (
              <span />
            )}
            {clientOrgId ? (
              <Button
                variant="light"
                size="sm"
                style={{ flexShrink: 0 }}
                leftSection={<IconQuestionMark size={18} />}
                onClick={() => setWhyOpen(true)}
              >
                Por que vê?
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>

      {queue.progress && queue.progress.total > 1 ? <UploadProgressCard progress={queue.progress} /> : null}
      {queue.summary ? <UploadRefusalAlert summary={queue.summary} onClose={queue.dismissSummary} /> : null}

      {!hasContent ? (
        <Paper withBorder>
          <EmptyState
            icon={<IconFile size={28} stroke={1.5} />}
            title="Pasta vazia"
            description={
              can.upload
                ? 'Envie documentos (PDF, imagem, Word, Excel, CSV, TXT, XML ou OFX, até 10 MB cada) pelo botão ou arrastando os arquivos para cá, ou crie uma subpasta.'
                : 'Nenhum documento publicado nesta pasta ainda.'
            }
          />
        </Paper>
      ) : (
        <FolderContents
          mode={mode}
          prefix={prefix}
          view={data}
          onOpenFolder={onNavigate}
          onVersions={setVersionsOf}
          onNewVersion={(d) => {
            versionTarget.current = d
            versionInput.current?.click()
          }}
          onRename={setRenaming}
          onDelete={setDeleting}
          onMove={setMoving}
        />
      )}

      {mode === 'portal' && !can.upload && !missingPermission ? (
        <Alert color="gray" variant="light">
          Para enviar documentos nesta pasta, peça ao escritório o nível Contribuinte ou Proprietário.
        </Alert>
      ) : null}

      <input
        ref={versionInput}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="new-version-input"
        onChange={(e) => void uploadVersion(e.currentTarget.files?.[0])}
      />

      <NameModal
        opened={creating}
        title={`Nova pasta em ${folder.name}`}
        label="Nome da pasta"
        submitLabel="Criar pasta"
        shareOption={mode === 'staff' ? { departmentName: folder.departmentName } : null}
        onSubmit={async (name, share) => {
          await api.post(
            `${prefix}/folders/${folder.id}/folders`,
            mode === 'staff' ? { name, share } : { name },
          )
          notifySuccess(`Pasta ${name} criada.`)
          await refresh()
        }}
        onClose={() => setCreating(false)}
      />
      <NameModal
        opened={renaming !== null}
        title={renaming?.kind === 'document' ? 'Renomear documento' : 'Renomear pasta'}
        label={renaming?.kind === 'document' ? 'Nome do documento' : 'Nome da pasta'}
        description={renaming?.kind === 'document' ? 'A extensão do arquivo é mantida.' : undefined}
        initialName={renaming?.item.name ?? ''}
        submitLabel="Salvar"
        onSubmit={async (name) => {
          if (!renaming) return
          const path =
            renaming.kind === 'document'
              ? `${prefix}/files/${renaming.item.id}`
              : `${prefix}/folders/${renaming.item.id}`
          await api.patch(path, { name })
          notifySuccess('Nome alterado.')
          await refresh()
        }}
        onClose={() => setRenaming(null)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={deleting?.kind === 'document' ? 'Excluir documento' : 'Excluir pasta'}
        confirmLabel="Excluir"
        color="red"
        onConfirm={async () => {
          if (!deleting) return
          const isFolder = deleting.kind === 'folder'
          await api.delete(
            isFolder ? `${prefix}/folders/${deleting.item.id}` : `${prefix}/files/${deleting.item.id}`,
          )
          notifySuccess(
            isFolder ? `Pasta ${deleting.item.name} excluída.` : `${deleting.item.name} excluído.`,
          )
          if (isFolder && deleting.item.id === folder.id) {
            // The folder itself is gone: show its parent (or the first folder) and refresh the tree.
            if (folder.parentId) onNavigate(folder.parentId)
            onChanged()
          } else await refresh()
        }}
        onClose={() => setDeleting(null)}
      >
        {deleting?.kind === 'document'
          ? `${deleting.item.name} e todas as suas versões vão para a Lixeira, onde podem ser restaurados por 30 dias. A exclusão fica registrada na auditoria.`
          : `A pasta ${deleting?.item.name ?? ''} e todo o seu conteúdo vão para a Lixeira, onde podem ser restaurados por 30 dias.`}
      </ConfirmModal>
      <VersionsModal prefix={prefix} documentId={versionsOf} onClose={() => setVersionsOf(null)} />
      <MoveModal
        mode={mode}
        prefix={prefix}
        tree={tree}
        item={moving}
        onMoved={() => void refresh()}
        onClose={() => setMoving(null)}
      />
      {clientOrgId ? (
        <WhyModal
          clientOrgId={clientOrgId}
          folder={whyOpen ? { id: folder.id, name: data.path.map((p) => p.name).join(' / ') } : null}
          onClose={() => setWhyOpen(false)}
        />
      ) : null}
      {drop.isOver && can.upload ? (
        <DropOverlay label={`Solte os arquivos para enviar a ${folder.name}`} isBusy={isBusy} />
      ) : null}
    </Stack>
  )
}
