import type { Config } from './config.ts'
import { type Database, openDatabase } from './platform/db/database.ts'
import { runMigrations } from './platform/db/migrate.ts'
import { seedDemoData } from './seed.ts'

/** Opens the configured database, applies migrations and, on an empty database, the demo data. */
export async function prepareDatabase(
  config: Config,
  opts: { seed?: boolean } = {},
): Promise<{ database: Database; seeded: boolean }> {
  const database = await openDatabase(config)
  try {
    await runMigrations(database)
    const seeded = (opts.seed ?? config.seedDemo) ? await seedDemoData(database.db, config) : false
    return { database, seeded }
  } catch (err) {
    await database.close().catch(() => {})
    throw err
  }
}
