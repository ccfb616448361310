import { useCallback, useState } from 'react'
import { downloadFile, type QueryParams } from './api.ts'
import { notifyError } from './ui/errors.ts'

/**
 * Downloads a generated file (an export) and says so while it is made; a refusal ("filtre a
 * lista") shows as a toast with the server's pt-BR message.
 */
export function useDownload(failureTitle = 'Não foi possível exportar') {
  const [busy, setBusy] = useState(false)
  const download = useCallback(
    async (path: string, params?: QueryParams) => {
      setBusy(true)
      try {
        await downloadFile(path, params)
      } catch (error) {
        notifyError(error, failureTitle)
      } finally {
        setBusy(false)
      }
    },
    [failureTitle],
  )
  return { busy, download }
}
