import path from 'node:path'
import { formatNumber } from '#shared/format.ts'
import { loadConfig } from '../config.ts'
import { copyFiles, localKeys } from '../platform/storage/copy.ts'
import { checkStorage, storageFromConfig } from '../platform/storage/from-config.ts'
import { createLocalStorage } from '../platform/storage/storage.ts'

/**
 * `npm run storage:to-s3`: copies the files kept in DATA_DIR (documents, import spreadsheets) to
 * the bucket named by S3_BUCKET, so an installation can switch to it without losing a file. Files
 * the bucket already has are skipped: run it again after an interruption, or once more after the
 * switch to catch uploads made meanwhile. Nothing is deleted from DATA_DIR.
 */
async function main() {
  const config = loadConfig()
  if (config.storage.kind !== 's3') {
    console.error(
      'Defina S3_BUCKET (e S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) para copiar os arquivos para o bucket.',
    )
    process.exit(2)
  }
  const bucket = await checkStorage(config)
  if (!bucket.ok) {
    console.error(`O bucket não está pronto: ${bucket.reason}.`)
    process.exit(bucket.fatal ? 2 : 1)
  }
  const mb = (bytes: number) => `${formatNumber(bytes / (1024 * 1024), 1)} MB`
  console.log(
    `Copiando os arquivos de ${config.dataDir} para o bucket ${config.storage.bucket} (${config.storage.endpoint})`,
  )
  for (const area of ['documents', 'imports'] as const) {
    const root = path.join(config.dataDir, area)
    const keys = await localKeys(root)
    const started = Date.now()
    let last = 0
    const result = await copyFiles(createLocalStorage(root), storageFromConfig(config, area), keys, {
      onProgress: (p) => {
        if (Date.now() - last < 1000 && p.done < p.total) return
        last = Date.now()
        const seconds = Math.max((Date.now() - started) / 1000, 0.001)
        console.log(
          `  ${area}: ${formatNumber(p.done)} de ${formatNumber(p.total)} arquivos (${mb(p.bytes)} copiados, ${formatNumber(p.copied / seconds, 1)} arquivos/s)`,
        )
      },
    })
    console.log(
      `  ${area}: ${formatNumber(result.copied)} copiados, ${formatNumber(result.skipped)} já estavam no bucket.`,
    )
  }
  console.log('Pronto. Os arquivos continuam também em DATA_DIR; apague-os quando o bucket estiver em uso.')
}

main().catch((err) => {
  console.error(`A cópia parou: ${err instanceof Error ? err.message : String(err)}`)
  console.error('Rode de novo para continuar: o que já está no bucket não é copiado outra vez.')
  process.exit(1)
})
