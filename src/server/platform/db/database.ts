import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Config } from '../../config.ts'
import { registerDriver } from './copy.ts'

/** Drizzle handle shared by both engines. A transaction handle has the same shape. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>

export type DatabaseKind = 'pglite' | 'postgres'

/** An open database: the drizzle handle plus the raw driver for the few things drizzle lacks (COPY). */
export type Database = {
  kind: DatabaseKind
  db: Db
  /** Runs raw SQL (several statements allowed) outside drizzle: migrations locks, maintenance. */
  exec(sql: string): Promise<void>
  close(): Promise<void>
  raw: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool }
}

export async function openDatabase(config: Pick<Config, 'database'>): Promise<Database> {
  if (config.database.kind === 'postgres') return openPostgres(config.database.url)
  return openPglite(config.database.dataDir)
}

/** PGlite in a data folder ('memory://' for a throwaway in-memory database). */
/**
 * Extensions the migrations use (pg_trgm: fragment search on names and documents; btree_gist: the
 * agenda's no-overlap exclusion constraint).
 */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gist }

export async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir.startsWith('memory://'))
    return wrapPglite(await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS }))
  const release = lockDataDir(dataDir)
  try {
    const database = wrapPglite(await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS }))
    const close = database.close
    return {
      ...database,
      close: async () => {
        await close()
        release()
      },
    }
  } catch (err) {
    release()
    throw err
  }
}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it. A lock file
 * with the owner's PID refuses the second one (a lock left by a dead process is taken over).
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`)
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const owner = Number(readFileSync(file, 'utf8').trim())
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `O banco embutido em ${dataDir} já está aberto por outro processo (PID ${owner}). ` +
          'Encerre-o antes de iniciar outro, ou use outro DATA_DIR.',
      )
    }
    writeFileSync(file, String(process.pid))
  }
  return () => rmSync(file, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Wraps an already open PGlite (e.g. one loaded from a dump) as a Database. */
export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client) as unknown as Db
  registerDriver(db, { kind: 'pglite', client })
  return {
    kind: 'pglite',
    db,
    raw: { kind: 'pglite', client },
    exec: async (sql) => {
      await client.exec(sql)
    },
    close: () => client.close(),
  }
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 })
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {})
  const db = drizzlePg(pool) as unknown as Db
  registerDriver(db, { kind: 'postgres', pool })
  await pool.query('select 1')
  return {
    kind: 'postgres',
    db,
    raw: { kind: 'postgres', pool },
    exec: async (sql) => {
      await pool.query(sql)
    },
    close: () => pool.end(),
  }
}
