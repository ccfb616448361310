import { Box, Stack, Text } from '@mantine/core'
import { IconClockPause, IconUpload } from '@tabler/icons-react'
import { type DragEvent, useRef, useState } from 'react'
import type { UploadRefusal } from './use-upload-queue.ts'

/** What a drop brought: the files, and the folders (refused: the API takes one file per request). */
export interface DroppedFiles {
  files: File[]
  refused: UploadRefusal[]
}

/** Reads the drop at once (the browser empties the DataTransfer once the event is over). */
export function filesFromDrop(data: DataTransfer): DroppedFiles {
  const files: File[] = []
  const refused: UploadRefusal[] = []
  const items = Array.from(data.items).filter((item) => item.kind === 'file')
  if (items.length === 0) return { files: Array.from(data.files), refused }
  for (const item of items) {
    const entry = item.webkitGetAsEntry?.()
    const file = item.getAsFile()
    if (entry?.isDirectory) {
      refused.push({ fileName: entry.name, message: 'É uma pasta: arraste os arquivos de dentro dela.' })
    } else if (file) files.push(file)
  }
  return { files, refused }
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files')

interface DropOptions {
  /** Off: drags pass through untouched. */
  isEnabled: boolean
  /** An upload is running: a drop is refused (instead of the browser opening the file in the tab). */
  isBusy: boolean
  onDrop: (dropped: DroppedFiles) => void
}

/**
 * Files dragged from the computer onto an element: spread `zoneProps(options)` on it (positioned,
 * so that the overlay covers it) and show `<DropOverlay>` inside while `isOver`. The element stays
 * as it was for the keyboard (nothing focusable is added): the upload button remains the way to
 * send files without a mouse.
 */
export function useFileDrop() {
  const [isOver, setOver] = useState(false)
  // dragenter/dragleave fire for every child crossed: count them to know when the drag has left.
  const depth = useRef(0)

  const zoneProps = ({ isEnabled, isBusy, onDrop }: DropOptions) => ({
    onDragEnter(e: DragEvent) {
      if (!isEnabled || !carriesFiles(e)) return
      e.preventDefault()
      depth.current += 1
      setOver(true)
    },
    onDragOver(e: DragEvent) {
      if (!isEnabled || !carriesFiles(e)) return
      e.preventDefault()
      e.dataTransfer.dropEffect = isBusy ? 'none' : 'copy'
    },
    onDragLeave() {
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setOver(false)
    },
    onDrop(e: DragEvent) {
      depth.current = 0
      setOver(false)
      if (!isEnabled || !carriesFiles(e)) return
      e.preventDefault()
      if (!isBusy) onDrop(filesFromDrop(e.dataTransfer))
    },
  })

  return { isOver, zoneProps }
}

/** The dashed target over the drop area: where the files go, or to wait for the upload running. */
export function DropOverlay({ label, isBusy }: { label: string; isBusy: boolean }) {
  return (
    <Box
      aria-hidden
      data-testid="drop-overlay"
      style={{
        position: 'absolute',
        inset: 0,
        // Over the folder's content, under the app header (100) and modals.
        zIndex: 50,
        pointerEvents: 'none',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        border: `2px dashed var(--mantine-color-${isBusy ? 'gray' : 'blue'}-6)`,
        borderRadius: 'var(--mantine-radius-md)',
        background: 'color-mix(in srgb, var(--mantine-color-body) 88%, transparent)',
      }}
    >
      {/* Kept within the visible part of the screen when the folder is longer than it. */}
      <Stack align="center" gap={6} p="md" style={{ position: 'sticky', top: '30vh', bottom: '30vh' }}>
        {isBusy ? (
          <IconClockPause size={40} stroke={1.5} color="var(--mantine-color-gray-6)" />
        ) : (
          <IconUpload size={40} stroke={1.5} color="var(--mantine-color-blue-6)" />
        )}
        <Text fw={600} size="lg" ta="center">
          {isBusy ? 'Aguarde: o envio em andamento ainda não terminou.' : label}
        </Text>
        {isBusy ? null : (
          <Text size="sm" c="dimmed" ta="center">
            PDF, imagem, Word, Excel, CSV, TXT, XML ou OFX, até 10 MB cada
          </Text>
        )}
      </Stack>
    </Box>
  )
}
