import { buffer } from 'node:stream/consumers'
import { StorageNotFoundError } from '../../platform/storage/index.ts'
import { importsRepository } from './imports.repository.ts'
import type { ImportsDeps } from './imports.run.ts'

/** Where a run's spreadsheet is kept in the imports' storage (generated ids only, never a filename). */
export const importFileKey = (tenantId: string, runId: string) => `${tenantId}/${runId}`

/**
 * The spreadsheet of a run, as uploaded: from the storage, or from the row for runs uploaded before
 * the storage existed. Null when it is gone (the dry run then has nothing to read).
 */
export async function loadImportFile(
  deps: ImportsDeps,
  run: { tenantId: string; id: string; fileKey: string | null },
): Promise<Buffer | null> {
  if (!run.fileKey) return importsRepository(deps.db).legacyFile(run.tenantId, run.id)
  try {
    return await buffer(await deps.storage.get(run.fileKey))
  } catch (err) {
    if (err instanceof StorageNotFoundError) return null
    throw err
  }
}
