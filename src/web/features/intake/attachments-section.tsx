import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core'
import { IconPaperclip, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime, formatNumber } from '../../../shared/format.ts'
import { API_BASE, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { FichaAttachment, FichaDetail } from './intake.types.ts'

const ACCEPT = 'application/pdf,image/png,image/jpeg'

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`
}

/** Sends the file as multipart (field "arquivo"). */
function upload(fichaId: string, file: File): Promise<FichaDetail> {
  const body = new FormData()
  body.append('arquivo', file)
  return api.upload<FichaDetail>(`/fichas/${fichaId}/attachments`, body)
}

interface AttachmentsProps {
  ficha: FichaDetail
  onUploaded: (ficha: FichaDetail) => void
}

/** The original ficha as received (PDF or image): list with downloads, and "Anexar original". */
export function Attachments({ ficha, onUploaded }: AttachmentsProps) {
  const [busy, setBusy] = useState(false)
  const attachments: FichaAttachment[] = ficha.attachments ?? []

  async function attach(file: File | null) {
    if (!file) return
    setBusy(true)
    try {
      const next = await upload(ficha.id, file)
      notifySuccess(`${file.name} anexado à ficha.`)
      onUploaded(next)
    } catch (error) {
      notifyError(error, 'Não foi possível anexar')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="sm">
      {attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nenhum anexo. Anexe a ficha original (PDF, PNG ou JPEG, até 10 MB) quando ela chegar por e-mail ou
          em papel.
        </Text>
      ) : (
        <Stack gap={6}>
          {attachments.map((a) => (
            <Group key={a.id} gap={6} wrap="nowrap" align="flex-start">
              <IconPaperclip size={16} style={{ flexShrink: 0, marginTop: 2 }} />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor
                  href={`${API_BASE}/fichas/${ficha.id}/attachments/${a.id}`}
                  size="sm"
                  download={a.filename}
                  style={{ wordBreak: 'break-all' }}
                >
                  {a.filename}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatSize(a.size)} · {formatDateTime(a.createdAt)}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
      <FileButton onChange={(file) => void attach(file)} accept={ACCEPT}>
        {(props) => (
          <Button
            {...props}
            variant="default"
            size="sm"
            leftSection={<IconUpload size={16} />}
            loading={busy}
          >
            Anexar original
          </Button>
        )}
      </FileButton>
    </Stack>
  )
}
