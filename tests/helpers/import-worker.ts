/**
 * A worker process for the import tests: runs one import job's work (processImport, two lanes) on a
 * PostgreSQL database until it is done — or until the test kills the process mid-way.
 * Input (env IMPORT_WORKER): { url, tenantId, runId, token, dataDir, batchRows }.
 */
import path from 'node:path'
import { processImport } from '#server/modules/imports/imports.run.ts'
import { openPostgres } from '#server/platform/db/database.ts'
import { createLocalStorage } from '#server/platform/storage/index.ts'
import { testConfig } from './app.ts'

const input = JSON.parse(process.env.IMPORT_WORKER ?? '{}') as {
  url: string
  tenantId: string
  runId: string
  token: string
  dataDir: string
  batchRows: number
}
const base = testConfig({ dataDir: input.dataDir })
const config = { ...base, imports: { ...base.imports, batchRows: input.batchRows } }
const database = await openPostgres(input.url, 4)
const deps = {
  db: database.db,
  config,
  storage: createLocalStorage(path.join(input.dataDir, 'imports')),
  lanes: 2,
}
while (await processImport(deps, input.tenantId, input.runId, input.token)) {}
await database.close()
