export { createClamdScanner, parseClamdUrl, ScannerUnavailableError } from './clamd.ts'
export {
  assertStorageKey,
  createLocalStorage,
  type FileStorage,
  StorageNotFoundError,
  StorageUnavailableError,
} from './storage.ts'
export { type BucketCheck, checkS3Bucket, createS3Storage, type S3StorageOptions } from './s3.ts'
export {
  EICAR_SIGNATURE,
  eicarScanner,
  noopScanner,
  type ScanResult,
  type VirusScanner,
} from './virus-scan.ts'
