export { createClamdScanner, parseClamdUrl, ScannerUnavailableError } from './clamd.ts'
export {
  assertStorageKey,
  createLocalStorage,
  type FileStorage,
  StorageNotFoundError,
} from './storage.ts'
export {
  EICAR_SIGNATURE,
  eicarScanner,
  noopScanner,
  type ScanResult,
  type VirusScanner,
} from './virus-scan.ts'
