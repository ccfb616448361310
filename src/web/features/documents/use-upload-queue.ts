import { notifications } from '@mantine/notifications'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatCount } from '../../../shared/format.ts'
import { errorMessage, isApiError } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'

/** A file that was not sent, with the server's pt-BR reason. */
export interface UploadRefusal {
  fileName: string
  message: string
}

/** Which file is on its way: "Enviando 3 de 12: nome.pdf". */
export interface UploadProgress {
  position: number
  total: number
  fileName: string
}

/** What the last upload of several files left behind, for the alert in the panel. */
export interface UploadSummary {
  total: number
  refused: UploadRefusal[]
}

export interface UploadJob {
  files: File[]
  /** Dropped items refused before sending (a folder). */
  refused?: UploadRefusal[]
  folderName: string
  /** Sends one file (one request). */
  send: (file: File) => Promise<{ name: string }>
  /** Called once at the end when at least one file was saved. */
  onSaved: () => Promise<void>
}

/**
 * Answers about the request itself, not the file (signed out, no permission any more, folder
 * gone): every file left would get the same one, so the queue stops and reports them with it.
 */
const STOPS_THE_QUEUE = new Set([401, 403, 404])

/** "2 de 12 arquivos não foram enviados:" */
export function refusalTitle({ total, refused }: UploadSummary): string {
  if (refused.length === total)
    return total === 1 ? 'O arquivo não foi enviado:' : `Nenhum dos ${total} arquivos foi enviado:`
  return refused.length === 1
    ? `1 de ${total} arquivos não foi enviado:`
    : `${refused.length} de ${total} arquivos não foram enviados:`
}

/**
 * Sends files one request each, in order, showing which one is on its way. One file behaves like
 * the single upload (a toast either way); several end with one toast for what was saved and a
 * summary of what was refused, and the folder is refreshed once.
 */
export function useUploadQueue() {
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const [summary, setSummary] = useState<UploadSummary | null>(null)
  const isRunning = useRef(false)
  const isMounted = useRef(true)

  useEffect(() => {
    isMounted.current = true
    return () => {
      isMounted.current = false
    }
  }, [])

  const upload = useCallback(
    async ({ files, refused: refusedBefore = [], folderName, send, onSaved }: UploadJob) => {
      if (isRunning.current || files.length + refusedBefore.length === 0) return
      isRunning.current = true
      setSummary(null)
      const total = files.length + refusedBefore.length
      const saved: { name: string }[] = []
      const refused = [...refusedBefore]
      try {
        if (total === 1 && files.length === 1) {
          const file = files[0]!
          setProgress({ position: 1, total: 1, fileName: file.name })
          try {
            const one = await send(file)
            notifySuccess(`${one.name} enviado para ${folderName}.`)
            await onSaved()
          } catch (error) {
            notifyError(error, 'Não foi possível enviar o documento')
          }
          return
        }

        for (const [index, file] of files.entries()) {
          setProgress({ position: index + 1, total: files.length, fileName: file.name })
          try {
            saved.push(await send(file))
          } catch (error) {
            const message = errorMessage(error)
            refused.push({ fileName: file.name, message })
            if (isApiError(error) && STOPS_THE_QUEUE.has(error.status)) {
              for (const left of files.slice(index + 1)) refused.push({ fileName: left.name, message })
              break
            }
          }
        }

        if (saved.length === 1) notifySuccess(`${saved[0]!.name} enviado para ${folderName}.`)
        else if (saved.length > 1) {
          notifySuccess(
            `${formatCount(saved.length, 'documento enviado', 'documentos enviados')} para ${folderName}.`,
          )
        }
        if (refused.length > 0) {
          const result = { total, refused }
          if (isMounted.current) setSummary(result)
          else {
            // The panel was left meanwhile: say it in a toast that stays until closed.
            notifications.show({
              color: 'red',
              title: `Envio para ${folderName}: ${refusalTitle(result)}`,
              message: refused.map((r) => `${r.fileName} — ${r.message}`).join(' · '),
              autoClose: false,
            })
          }
        }
        if (saved.length > 0) await onSaved()
      } finally {
        isRunning.current = false
        setProgress(null)
      }
    },
    [],
  )

  const dismissSummary = useCallback(() => setSummary(null), [])

  return { progress, summary, isBusy: progress !== null, upload, dismissSummary }
}
