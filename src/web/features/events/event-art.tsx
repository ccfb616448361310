import { Button, FileButton, Group, Image, Stack, Text } from '@mantine/core'
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { EventDetail } from './events.types.ts'

const ACCEPT = 'image/png,image/jpeg,image/webp'
const MAX_BYTES = 5 * 1024 * 1024

/** The event's art: preview, "Enviar arte" / "Trocar arte" and "Remover arte". */
export function EventArt({ event, onChanged }: { event: EventDetail; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const [removing, setRemoving] = useState(false)

  async function upload(file: File | null) {
    if (!file) return
    if (!ACCEPT.split(',').includes(file.type)) {
      notifyError(new ApiError(0, 'ART_TYPE', 'Use uma imagem PNG, JPEG ou WebP.'), 'Arte não enviada')
      return
    }
    if (file.size > MAX_BYTES) {
      notifyError(
        new ApiError(0, 'ART_SIZE', 'A imagem passa de 5 MB. Reduza o tamanho e tente de novo.'),
        'Arte não enviada',
      )
      return
    }
    const form = new FormData()
    form.append('file', file)
    setBusy(true)
    try {
      // The API takes the art with PUT (multipart); `api` sends FormData as multipart on any method.
      await api.put<EventDetail>(`/events/${event.id}/art`, form)
      notifySuccess(event.artUrl ? 'Arte trocada.' : 'Arte enviada.')
      await onChanged()
    } catch (error) {
      notifyError(error, 'Não foi possível enviar a arte')
    } finally {
      setBusy(false)
    }
  }

  async function remove() {
    await api.delete<EventDetail>(`/events/${event.id}/art`)
    notifySuccess('Arte removida.')
    await onChanged()
  }

  return (
    <Stack gap="sm" align="flex-start">
      {event.artUrl ? (
        <Image
          src={event.artUrl}
          alt={`Arte do evento ${event.description}`}
          maw={480}
          mah={320}
          fit="contain"
          radius="sm"
          style={{ border: '1px solid var(--mantine-color-gray-3)' }}
        />
      ) : (
        <Group gap="xs" c="dimmed">
          <IconPhoto size={20} stroke={1.5} />
          <Text size="sm">Nenhuma arte enviada.</Text>
        </Group>
      )}
      <Group gap="sm">
        <FileButton onChange={(file) => void upload(file)} accept={ACCEPT}>
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={busy}>
              {event.artUrl ? 'Trocar arte' : 'Enviar arte'}
            </Button>
          )}
        </FileButton>
        {event.artUrl ? (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => setRemoving(true)}
          >
            Remover arte
          </Button>
        ) : null}
      </Group>
      <ConfirmModal
        opened={removing}
        title="Remover arte"
        confirmLabel="Remover"
        color="red"
        onConfirm={remove}
        onClose={() => setRemoving(false)}
      >
        A página pública do evento ficará sem imagem.
      </ConfirmModal>
    </Stack>
  )
}
