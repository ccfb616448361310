import path from 'node:path'
import type { Config } from '../../config.ts'
import { createS3Storage } from './s3.ts'
import { createLocalStorage, type FileStorage } from './storage.ts'

export type StorageArea = 'documents' | 'imports'

/** A storage of files (`documents`, `imports`): a folder of DATA_DIR, or the same name in the bucket. */
export function storageFromConfig(config: Config, area: StorageArea): FileStorage {
  const s = config.storage
  if (s.kind === 'local') return createLocalStorage(path.join(config.dataDir, area))
  return createS3Storage({ ...s, prefix: `${s.prefix}${area}/` })
}
