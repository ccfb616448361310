/**
 * A worker process for the import crash test: runs one import job's work (processImport, one round
 * of batches at a time) until it is done — or until the test kills the process mid-way. After each
 * round it prints the rows the run has committed, so the test knows when to kill it.
 * Input (env IMPORT_WORKER): { url } (PostgreSQL, IMPORT_LANES lanes) or { dir } (a PGlite folder, one lane),
 * with { tenantId, runId, token, dataDir, batchRows }.
 */
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { importLanes, processImport } from '#server/modules/imports/imports.run.ts'
import { openPglite, openPostgres } from '#server/platform/db/database.ts'
import { createLocalStorage } from '#server/platform/storage/index.ts'
import { testConfig } from './app.ts'

const input = JSON.parse(process.env.IMPORT_WORKER ?? '{}') as {
  url?: string
  dir?: string
  tenantId: string
  runId: string
  token: string
  dataDir: string
  batchRows: number
}
const base = testConfig({ dataDir: input.dataDir })
const config = { ...base, imports: { ...base.imports, batchRows: input.batchRows } }
const database = input.url ? await openPostgres(input.url, 4) : await openPglite(input.dir!)
const deps = {
  db: database.db,
  config,
  storage: createLocalStorage(path.join(input.dataDir, 'imports')),
  lanes: importLanes(database, config),
}
const committed = async () => {
  const res = await database.db.execute(sql`select done_rows as n from import_runs where id = ${input.runId}`)
  return (res as unknown as { rows: { n: number }[] }).rows[0].n
}
while (await processImport(deps, input.tenantId, input.runId, input.token, 0))
  process.stdout.write(`${await committed()}\n`)
process.stdout.write('done\n')
await database.close()
