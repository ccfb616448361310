import { fileURLToPath } from 'node:url'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import type { Database } from './database.ts'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../migrations', import.meta.url))

/** Any constant works; it only has to be the same for every Cadastra process. */
const MIGRATION_LOCK_KEY = 715_021_001

/**
 * Applies the drizzle-kit migrations. On PostgreSQL an advisory lock keeps two processes
 * starting at once from migrating the same database twice.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.raw.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER })
    return
  }
  const client = await database.raw.pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    const { drizzle } = await import('drizzle-orm/node-postgres')
    await migratePg(drizzle(client) as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_FOLDER })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {})
    client.release()
  }
}
