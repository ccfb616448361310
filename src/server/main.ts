import { buildApp } from './app.ts'
import { prepareDatabase } from './boot.ts'
import { loadConfig } from './config.ts'
import { checkStorage } from './platform/storage/from-config.ts'
import { DEMO_LOGINS } from './seed.ts'
import { ensureWebBuilt } from './web-build.ts'

async function main() {
  const config = loadConfig()
  // A bucket that does not exist or refuses the credentials stops the start here, said plainly;
  // one that does not answer now is reported and the server starts (documents answer 503 meanwhile).
  const bucket = await checkStorage(config)
  if (!bucket.ok && bucket.fatal) throw new Error(`Armazenamento de arquivos (S3_BUCKET): ${bucket.reason}.`)
  // `npm run dev` serves the web app from Vite instead of dist/web.
  const webDir = config.skipWebBuild ? null : await ensureWebBuilt()
  const { database, seeded } = await prepareDatabase(config)
  const app = await buildApp(config, { database, webDir })

  let closing = false
  const close = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'encerrando')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    await app.close().catch(() => {})
    await database.close().catch(() => {})
    process.exit(0)
  }
  process.on('SIGINT', () => void close('SIGINT'))
  process.on('SIGTERM', () => void close('SIGTERM'))

  await app.listen({ host: config.host, port: config.port })
  const where =
    config.database.kind === 'pglite'
      ? `PGlite embutido em ${config.database.dataDir}`
      : 'PostgreSQL (DATABASE_URL)'
  const lines = [
    '',
    `  Cadastra no ar: ${config.appUrl}`,
    `  Banco de dados: ${where}${seeded ? ' — dados de demonstração criados' : ''}`,
    `  E-mail: ${config.mail.transport === 'mailbox' ? `caixa de saída local (${config.appUrl}/caixa-de-saida)` : 'SMTP (SMTP_URL)'}`,
    `  Arquivos (documentos e importações): ${config.storage.kind === 's3' ? `bucket S3 ${config.storage.bucket} em ${config.storage.endpoint}` : `${config.dataDir} (defina S3_BUCKET para um bucket S3)`}`,
    ...(bucket.ok
      ? []
      : [
          `  ATENÇÃO: o bucket não respondeu (${bucket.reason}); documentos e importações ficam indisponíveis até ele voltar.`,
        ]),
    `  Antivírus dos documentos: ${config.clamav ? `ClamAV (${config.clamav.url})` : 'nenhum (defina CLAMAV_URL)'}`,
    `  Documentação da API: ${config.appUrl}/api/docs`,
    '',
    '  Acessos de demonstração:',
    ...DEMO_LOGINS.map((l) => `    ${l.role}: ${l.email} / ${l.password}`),
    '',
  ]
  console.log(lines.join('\n'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
