import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import {
  type Database,
  openPglite,
  openPostgres,
  PGLITE_EXTENSIONS,
  wrapPglite,
} from '#server/platform/db/database.ts'
import { runMigrations } from '#server/platform/db/migrate.ts'

export type TestEngine = 'pglite' | 'postgres'
export const TEST_ENGINE: TestEngine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite'

export type TestDatabase = {
  database: Database
  url: string | null
  dataDir: string | null
  drop(): Promise<void>
}

/**
 * A fresh, migrated database for one test file: an in-memory (or given-folder) PGlite, or a new
 * database on the TEST_DATABASE_URL server that is dropped afterwards.
 */
export async function createTestDatabase(opts: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (TEST_ENGINE === 'pglite') {
    const dataDir = opts.dataDir ?? 'memory://'
    // The test runner prepares one migrated PGlite dump per run; loading it is ~4x faster than initdb.
    const template = process.env.TEST_PGLITE_TEMPLATE
    const database =
      !opts.dataDir && template && existsSync(template)
        ? wrapPglite(
            await PGlite.create({
              loadDataDir: new Blob([readFileSync(template)]),
              extensions: PGLITE_EXTENSIONS,
            }),
          )
        : await openPglite(dataDir)
    await runMigrations(database)
    return { database, url: null, dataDir, drop: () => database.close() }
  }
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_ENGINE=postgres requer TEST_DATABASE_URL')
  const name = `cadastra_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  const database = await openPostgres(url.toString(), 5)
  await runMigrations(database)
  return {
    database,
    url: url.toString(),
    dataDir: null,
    drop: async () => {
      await database.close().catch(() => {})
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

/** Opens another connection to the same test database (a "restarted server"). */
export async function reopen(t: TestDatabase): Promise<Database> {
  if (t.url) return openPostgres(t.url, 5)
  return openPglite(t.dataDir!)
}
