import path from 'node:path'
import type { Config } from '../../config.ts'
import { type BucketCheck, checkS3Bucket, createS3Storage } from './s3.ts'
import { createLocalStorage, type FileStorage } from './storage.ts'

export type StorageArea = 'documents' | 'imports'

/** A storage of files (`documents`, `imports`): a folder of DATA_DIR, or the same name in the bucket. */
export function storageFromConfig(config: Config, area: StorageArea): FileStorage {
  const s = config.storage
  if (s.kind === 'local') return createLocalStorage(path.join(config.dataDir, area))
  return createS3Storage({ ...s, prefix: `${s.prefix}${area}/` })
}

/** The bucket answers (see checkS3Bucket); the local disk has nothing to check before use. */
export async function checkStorage(config: Config): Promise<BucketCheck> {
  return config.storage.kind === 's3' ? checkS3Bucket(config.storage) : { ok: true }
}
