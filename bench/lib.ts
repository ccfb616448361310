/**
 * Shared helpers for benchmarks: timing, result tables, machine info and throwaway databases
 * on both engines (a temporary PGlite data dir, a temporary PostgreSQL database).
 *
 * A benchmark is a `bench/<name>.bench.ts` file whose default export is `defineBenchmark({...})`;
 * `npm run bench [name...]` runs them (see bench/run.ts). Benchmarks report numbers, they never
 * assert on timings; a wrong result (row count, checksum) is an error.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { type Database, openPglite, openPostgres } from '../src/server/platform/db/database.ts'
import { runMigrations } from '../src/server/platform/db/migrate.ts'

// ---------------------------------------------------------------------------------------------
// Benchmark definition

export type Benchmark = {
  /** Short description printed before the run. */
  description: string
  run(): Promise<void>
}

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark
}

// ---------------------------------------------------------------------------------------------
// Cleanup: temporary databases are removed even when a benchmark fails or is interrupted.

const cleanups: Array<() => Promise<void>> = []

/** Registers a cleanup; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(cleanup: () => Promise<void>): () => Promise<void> {
  let done = false
  const once = async () => {
    if (done) return
    done = true
    const i = cleanups.indexOf(once)
    if (i >= 0) cleanups.splice(i, 1)
    await cleanup()
  }
  cleanups.push(once)
  return once
}

/** Runs every pending cleanup, newest first, reporting (not throwing) failures. */
export async function runPendingCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups[cleanups.length - 1]
    try {
      await cleanup()
    } catch (error) {
      console.error(`cleanup failed: ${errorMessage(error)}`)
      cleanups.pop()
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Timing and formatting

/** Runs `fn` once and returns its value and the elapsed wall time in seconds. */
export async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { seconds: (performance.now() - start) / 1000, value }
}

export function formatSeconds(seconds: number): string {
  return seconds < 10 ? seconds.toFixed(3) : seconds.toFixed(2)
}

export function formatInt(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "6.3× slower" / "1.2× faster" / "same speed" for `seconds` compared with `baselineSeconds`. */
export function formatRatio(seconds: number, baselineSeconds: number): string {
  const ratio = seconds / baselineSeconds
  if (!Number.isFinite(ratio)) return 'n/a'
  if (ratio >= 1.05) return `${ratio.toFixed(1)}× slower`
  if (ratio <= 1 / 1.05) return `${(1 / ratio).toFixed(1)}× faster`
  return 'same speed'
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map((e) => errorMessage(e)).join('; ')
  }
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

/** Prints a left/right aligned text table (numbers right aligned). */
export function printTable(headers: string[], rows: string[][], rightAligned: boolean[] = []): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  console.log(line(headers))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
}

export type Result = {
  engine: string
  method: string
  rows: number
  seconds: number
  /** The raw path the other methods of the same engine are compared with. */
  isBaseline?: boolean
  /** Extra detail printed with the run (not in the table), e.g. a breakdown of the time. */
  note?: string
}

/**
 * Collects results and prints them as one table with throughput and the ratio of every method to
 * its engine's baseline, followed by one plain sentence per comparison.
 */
export class ResultTable {
  readonly results: Result[] = []

  /** `unit` names what `rows` counts in the output ("rows", "logins", …). */
  constructor(readonly unit = 'rows') {}

  add(result: Result): void {
    this.results.push(result)
    const unit = this.unit
    console.log(
      `  ${result.engine} · ${result.method}: ${formatInt(result.rows)} ${unit} in ${formatSeconds(result.seconds)} s ` +
        `(${formatInt(result.rows / result.seconds)} ${unit}/s)${result.note ? ` — ${result.note}` : ''}`,
    )
  }

  print(): void {
    if (this.results.length === 0) {
      console.log('(no results)')
      return
    }
    const baselineOf = (engine: string) => this.results.find((r) => r.engine === engine && r.isBaseline)
    const rows = this.results.map((r) => {
      const baseline = baselineOf(r.engine)
      const vs = r.isBaseline ? 'baseline' : baseline ? perRowRatio(r, baseline) : 'n/a'
      return [
        r.engine,
        r.method,
        formatInt(r.rows),
        formatSeconds(r.seconds),
        formatInt(r.rows / r.seconds),
        vs,
      ]
    })
    console.log('')
    printTable(['engine', 'method', this.unit, 'seconds', `${this.unit}/s`, 'vs baseline'], rows, [
      false,
      false,
      true,
      true,
      true,
      false,
    ])
    console.log('')
    for (const r of this.results) {
      const baseline = baselineOf(r.engine)
      if (r.isBaseline || !baseline) continue
      const ratio = perRowRatio(r, baseline)
      const comparison = ratio === 'same speed' ? 'runs at the same speed as' : `is ${ratio} than`
      console.log(`${r.engine}: ${r.method} ${comparison} ${baseline.method}`)
    }
  }
}

/** The ratio of the time per row (per operation), so methods that did different counts compare fairly. */
function perRowRatio(r: Result, baseline: Result): string {
  return formatRatio(r.seconds / r.rows, baseline.seconds / baseline.rows)
}

/**
 * Runs `task(0)` … `task(total - 1)` with at most `concurrency` in flight, in index order. The first
 * error stops handing out new tasks and is rethrown once the ones in flight have settled.
 */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async () => {
    while (!failure && next < total) {
      const index = next++
      try {
        await task(index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, worker))
  if (failure) throw failure.error
}

export function machineInfo(): string {
  const cpus = os.cpus()
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown cpu'
  return [
    `node ${process.version} (${process.platform} ${process.arch})`,
    `${cpus.length} × ${model}`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `load avg ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ].join(' · ')
}

// ---------------------------------------------------------------------------------------------
// Deterministic data: every engine and method gets exactly the same rows.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]
}

/** A version-4 shaped UUID drawn from `random` (so runs are reproducible). */
export function seededUuid(random: () => number): string {
  const hex: string[] = []
  for (let i = 0; i < 32; i++) hex.push(Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

/** One CSV field for `COPY ... WITH (FORMAT csv)`: null is an unquoted empty field, text is quoted. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`
}

// ---------------------------------------------------------------------------------------------
// Engines: a fresh, migrated database on PGlite and on PostgreSQL.

export type EngineName = 'PGlite' | 'PostgreSQL'

export type BenchEngine = {
  name: EngineName
  /** e.g. "PGlite 0.5.16 (PostgreSQL 18.1)" or "PostgreSQL 15.14 (cadastra_bench_ab12cd)". */
  label: string
  database: Database
}

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable URL)'
  }
}

/** A fresh PGlite data dir under the OS temp dir; closing removes it. */
export async function openTempPglite(): Promise<{ database: Database; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cadastra-bench-'))
  let database: Database | undefined
  const close = onCleanup(async () => {
    try {
      await database?.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
  try {
    database = await openPglite(dir)
  } catch (error) {
    await close()
    throw error
  }
  return { database, close }
}

/**
 * Creates `<prefix><random>` on the server at `adminUrl` and returns its URL and a `drop` that
 * removes it (terminating leftover connections). Throws when the server cannot be reached.
 */
export async function createTempPostgresDatabase(
  adminUrl: string,
  prefix = 'cadastra_bench_',
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
  admin.on('error', () => {})
  try {
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end().catch(() => {})
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  if (process.env.BENCH_KEEP_DB === '1') {
    // For EXPLAIN sessions in psql after the run: the database stays, its name is printed.
    const keep = async () => console.log(`  BENCH_KEEP_DB=1: database ${name} kept`)
    return { name, url: url.toString(), drop: keep }
  }
  const drop = onCleanup(async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    } finally {
      await client.end().catch(() => {})
    }
  })
  return { name, url: url.toString(), drop }
}

/**
 * Runs `fn` on a fresh, migrated database of each engine in turn: PGlite in a temporary data
 * dir, then PostgreSQL in a throwaway database on BENCH_DATABASE_URL's server. When PostgreSQL
 * cannot be reached it prints why it was skipped and carries on. Everything is removed afterwards.
 */
export async function forEachEngine(fn: (engine: BenchEngine) => Promise<void>): Promise<void> {
  const only = (process.env.BENCH_ENGINES ?? '').toLowerCase()
  if (!only || only.includes('pglite')) {
    const version = await pgliteVersion()
    const { database, close } = await openTempPglite()
    try {
      await runMigrations(database)
      const label = `PGlite ${version} (${await serverVersion(database)}, temp data dir)`
      console.log(`\n▶ ${label}`)
      await fn({ name: 'PGlite', label, database })
    } finally {
      await close()
    }
  }

  if (!only || only.includes('postgres')) {
    const adminUrl = benchDatabaseUrl()
    let temp: Awaited<ReturnType<typeof createTempPostgresDatabase>>
    try {
      temp = await createTempPostgresDatabase(adminUrl)
    } catch (error) {
      console.log(
        `\n⚠ PostgreSQL skipped: cannot create a database on ${redactUrl(adminUrl)} (${errorMessage(error)}). ` +
          'Start the server or set BENCH_DATABASE_URL to benchmark PostgreSQL.',
      )
      return
    }
    let database: Database | undefined
    try {
      database = await openPostgres(temp.url, 4)
      await runMigrations(database)
      const label = `PostgreSQL ${await serverVersion(database)} (${temp.name})`
      console.log(`\n▶ ${label}`)
      await fn({ name: 'PostgreSQL', label, database })
    } finally {
      await database?.close().catch(() => {})
      await temp.drop()
    }
  }
}

/** The installed PGlite version (its package.json is not exported, so read it next to the entry). */
async function pgliteVersion(): Promise<string> {
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'))
    const manifest = JSON.parse(await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'))
    return String(manifest.version)
  } catch {
    return '(unknown version)'
  }
}

async function serverVersion(database: Database): Promise<string> {
  const sql = "select current_setting('server_version') as v"
  if (database.raw.kind === 'pglite') {
    const r = await database.raw.client.query<{ v: string }>(sql)
    return `PostgreSQL ${r.rows[0].v}`
  }
  const r = await database.raw.pool.query<{ v: string }>(sql)
  return r.rows[0].v.split(' ')[0]
}

// ---------------------------------------------------------------------------------------------
// Memory

export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`
}

/**
 * Samples the process's resident set size every `intervalMs` until `stop()`, which returns the
 * peak seen (including a last sample). RSS covers everything in the process: Node's heap, native
 * buffers and, on PGlite, the embedded database.
 */
export function trackPeakRss(intervalMs = 25): { stop: () => number; start: number } {
  const start = process.memoryUsage.rss()
  let peak = start
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }
  const timer = setInterval(sample, intervalMs)
  timer.unref()
  return {
    /** RSS when tracking began: peak − start is what the measured work added. */
    start,
    stop: () => {
      clearInterval(timer)
      sample()
      return peak
    },
  }
}
