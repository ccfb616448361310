/**
 * Client-organisation list search on a large tenant, PostgreSQL only:
 *   - setup: a throwaway database on BENCH_DATABASE_URL's server with the real migrations, 3
 *     tenants, then 1,000,000 client organisations for one tenant (and a few thousand for each of
 *     the others) loaded with one `COPY client_orgs (...) FROM STDIN` (pg-copy-streams) into the
 *     table with all its indexes (B-trees and the pg_trgm GIN indexes of migration 0002) in place.
 *     Reported: load throughput, ANALYZE time (and the VACUUM that follows it, so hint bits and the
 *     visibility map are as autovacuum would leave them on a live server).
 *   - our path: the real `clientsRepository(db).find(tenantId, { search, page: 1, pageSize: 20 })`
 *     (one statement collects up to 201 matching ids, which gives the capped count; a second reads the
 *     page of those in name order) for 200 searches of five kinds: common name words, rare
 *     fragments, CNPJ fragments of 4–8 digits, full CNPJs, alphanumeric fragments. Latency
 *     p50/p95/p99/max per kind and overall, split into the two statements (timed at the
 *     pool the drizzle handle runs on), against the goal p95 < 50 ms;
 *   - raw baseline: the same page query by `pool.query` on an indexed exact match
 *     (`tenant_id = $1 and document = $2`).
 *   - `EXPLAIN (ANALYZE, BUFFERS)` of the repository's own SQL for one broad and one narrow search.
 * Data: pt-BR razões sociais, nomes fantasia, names of people and rural properties from word
 * lists and a seeded RNG; CNPJs (≈5 % alphanumeric) and CPFs with correct check digits, unique
 * per tenant (client_orgs_document_key). Queries run one at a time (latency, not throughput).
 *
 * PGlite is skipped on purpose: the embedded engine is for small installs, not for 1M rows.
 * A wrong row count or an invalid generated document fails the benchmark; timings never do.
 *
 * BENCH_CLIENTS overrides the size of the large tenant (default 1,000,000) for quick experiments.
 */
import { performance } from 'node:perf_hooks'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { isValidCnpj, isValidCpf, withCpfCheckDigits } from '../src/shared/documents.ts'
import { clientsRepository } from '../src/server/modules/clients/clients.repository.ts'
import { type Database, type Db, openPostgres } from '../src/server/platform/db/database.ts'
import { runMigrations } from '../src/server/platform/db/migrate.ts'
import {
  benchDatabaseUrl,
  createTempPostgresDatabase,
  csvField,
  defineBenchmark,
  errorMessage,
  formatInt,
  formatSeconds,
  pick,
  printTable,
  redactUrl,
  seededRandom,
  time,
} from './lib.ts'

const BIG_TENANT_CLIENTS = Number(process.env.BENCH_CLIENTS) || 1_000_000
const SMALL_TENANT_CLIENTS = [3_000, 5_000] as const
const PAGE_SIZE = 20
const GOAL_P95_MS = 50
const BASELINE_QUERIES = 200
const CSV_BATCH = 2_000

const COPY_COLUMNS = [
  'tenant_id',
  'document_type',
  'document',
  'name',
  'trade_name',
  'state_registration',
  'emails',
  'phones',
  'environment',
  'trained_at',
  'notes',
  'is_active',
  'created_at',
  'updated_at',
] as const
const COPY_SQL = `COPY client_orgs (${COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`

export default defineBenchmark({
  description:
    `client search on PostgreSQL: ${BIG_TENANT_CLIENTS.toLocaleString('en')} client organisations in one tenant ` +
    `(COPY load), clientsRepository.find (matches + page of ${PAGE_SIZE}) for 200 searches vs a raw exact-match page query`,
  async run() {
    console.log(
      `\n⚠ PGlite skipped: ${BIG_TENANT_CLIENTS.toLocaleString('en')} client organisations are beyond the embedded ` +
        'engine, which is meant for small installs; this benchmark targets PostgreSQL only.',
    )

    const adminUrl = benchDatabaseUrl()
    let temp: Awaited<ReturnType<typeof createTempPostgresDatabase>>
    try {
      temp = await createTempPostgresDatabase(adminUrl)
    } catch (error) {
      console.log(
        `\n⚠ PostgreSQL skipped: cannot create a database on ${redactUrl(adminUrl)} (${errorMessage(error)}). ` +
          'Start the server or set BENCH_DATABASE_URL to run this benchmark.',
      )
      return
    }
    let database: Database | undefined
    try {
      database = await openPostgres(temp.url, 4)
      if (database.raw.kind !== 'postgres') throw new Error('expected a PostgreSQL pool')
      const pool = database.raw.pool
      await runMigrations(database)
      const version = (await pool.query<{ v: string }>("select current_setting('server_version') as v"))
        .rows[0].v
      console.log(`\n▶ PostgreSQL ${version.split(' ')[0]} (${temp.name}), real migrations applied`)
      const { rows: settings } = await pool.query<{ name: string; value: string }>(
        `select name, current_setting(name) as value from pg_settings
          where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit')
          order by name`,
      )
      console.log(`  server settings: ${settings.map((s) => `${s.name} ${s.value}`).join(', ')}`)
      await benchmark(pool)
    } finally {
      await database?.close().catch(() => {})
      await temp.drop()
    }
  },
})

async function benchmark(pool: pg.Pool): Promise<void> {
  // ---- Tenants and the load ------------------------------------------------------------------
  const tenantSizes = [BIG_TENANT_CLIENTS, ...SMALL_TENANT_CLIENTS]
  const tenantIds: string[] = []
  for (const [i, size] of tenantSizes.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      'insert into tenants (name, slug) values ($1, $2) returning id',
      [`Prestadora ${i + 1} (${size.toLocaleString('en')} clientes)`, `bench-${i + 1}`],
    )
    tenantIds.push(rows[0].id)
  }
  const bigTenant = tenantIds[0]

  const samples = new Samples()
  const encoding = { seconds: 0, bytes: 0 }
  const totalRows = tenantSizes.reduce((a, b) => a + b, 0)
  // The small tenants first, then the large one; every tenant has its own seeded generator.
  const order = [1, 2, 0]
  const load = await time(async () => {
    const client = await pool.connect()
    try {
      const chunks = (function* () {
        for (const t of order)
          yield* csvChunks(tenantIds[t], tenantSizes[t], 1_000 + t, encoding, t === 0 ? samples : null)
      })()
      await pipeline(Readable.from(chunks), client.query(copyFrom(COPY_SQL)))
    } finally {
      client.release()
    }
  })
  console.log(
    `  load: ${formatInt(totalRows)} client_orgs rows by COPY FROM STDIN (csv), all indexes in place, in ` +
      `${formatSeconds(load.seconds)} s → ${formatInt(totalRows / load.seconds)} rows/s ` +
      `(generating + CSV encoding ${encoding.seconds.toFixed(2)} s of it, ${(encoding.bytes / 2 ** 20).toFixed(1)} MiB)`,
  )

  // Row counts must be exact; the generated documents must pass the app's own validators.
  const { rows: counts } = await pool.query<{ tenant_id: string; n: number }>(
    'select tenant_id, count(*)::int as n from client_orgs group by tenant_id',
  )
  for (const [i, id] of tenantIds.entries()) {
    const found = counts.find((c) => c.tenant_id === id)?.n ?? 0
    if (found !== tenantSizes[i])
      throw new Error(`tenant ${i + 1}: expected ${tenantSizes[i]} client_orgs, found ${found}`)
  }
  const invalid = samples.documents.filter((d) => !(d.length === 11 ? isValidCpf(d) : isValidCnpj(d)))
  if (invalid.length > 0)
    throw new Error(`generated invalid documents, e.g. ${invalid.slice(0, 3).join(', ')}`)
  const { rows: mix } = await pool.query<{ cnpj: number; alnum: number; cpf: number; trade: number }>(
    `select count(*) filter (where document_type = 'cnpj')::int as cnpj,
            count(*) filter (where document ~ '[A-Z]')::int as alnum,
            count(*) filter (where document_type = 'cpf')::int as cpf,
            count(trade_name)::int as trade
       from client_orgs where tenant_id = $1`,
    [bigTenant],
  )
  const pct = (n: number) => `${((100 * n) / BIG_TENANT_CLIENTS).toFixed(1)} %`
  console.log(
    `  large tenant: ${formatInt(mix[0].cnpj)} CNPJ (${formatInt(mix[0].alnum)} alphanumeric, ${pct(mix[0].alnum)}), ` +
      `${formatInt(mix[0].cpf)} CPF (${pct(mix[0].cpf)}), nome fantasia on ${pct(mix[0].trade)}; ` +
      `${formatInt(samples.documents.length)} sampled documents pass isValidCnpj/isValidCpf`,
  )

  const analyze = await time(() => pool.query('ANALYZE client_orgs'))
  console.log(`  ANALYZE client_orgs: ${formatSeconds(analyze.seconds)} s`)
  const vacuum = await time(() => pool.query('VACUUM client_orgs'))
  console.log(
    `  VACUUM client_orgs (untimed setup: hint bits + visibility map, GIN pending lists flushed): ` +
      `${formatSeconds(vacuum.seconds)} s`,
  )
  const { rows: sizes } = await pool.query<{ name: string; size: string }>(
    `select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size
       from pg_class c where c.relname = 'client_orgs' or c.oid in
         (select indexrelid from pg_index where indrelid = 'client_orgs'::regclass)
      order by pg_relation_size(c.oid) desc`,
  )
  console.log(`  sizes: ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}`)

  // ---- The searches ----------------------------------------------------------------------------
  // The repository runs on a drizzle handle over the same pool; the proxy only times each
  // statement (matches, then page) so the split can be reported.
  const statementMs: number[] = []
  const timedPool = new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query') {
        return (...args: unknown[]) => {
          const start = performance.now()
          return (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args).then((r) => {
            statementMs.push(performance.now() - start)
            return r
          })
        }
      }
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  const repo = clientsRepository(drizzle(timedPool) as unknown as Db)

  const queries = buildQueries(samples)
  // Untimed warm-up: a few of every kind (plans, caches, JIT of the driver path).
  for (const kind of KINDS) {
    for (const q of queries.filter((x) => x.kind === kind).slice(0, 3)) {
      await repo.find(bigTenant, { search: q.search, page: 1, pageSize: PAGE_SIZE })
    }
  }

  const measured: Measured[] = []
  const searchPhase = await time(async () => {
    for (const q of queries) {
      statementMs.length = 0
      const start = performance.now()
      const result = await repo.find(bigTenant, { search: q.search, page: 1, pageSize: PAGE_SIZE })
      const ms = performance.now() - start
      if (statementMs.length !== 2)
        throw new Error(`expected 2 statements per find, saw ${statementMs.length}`)
      if (q.kind === 'full CNPJ' && result.total < 1) throw new Error(`full CNPJ ${q.search} not found`)
      measured.push({
        ...q,
        ms,
        pageMs: statementMs[0],
        countMs: statementMs[1],
        total: Number(result.total),
      })
    }
  })
  console.log(
    `\n  clientsRepository.find(tenant with ${formatInt(BIG_TENANT_CLIENTS)} clients, { search, page: 1, ` +
      `pageSize: ${PAGE_SIZE} }): ${measured.length} searches, one at a time, in ${formatSeconds(searchPhase.seconds)} s`,
  )
  console.log('  (ms; "matches p95"/"page p95" = the two statements find runs, timed at the pool)\n')
  const rows: string[][] = []
  for (const kind of KINDS) {
    const of = measured.filter((m) => m.kind === kind)
    rows.push(statsRow(kind, of))
  }
  rows.push(statsRow('overall', measured))
  printTable(
    ['kind', 'queries', 'matches (min–max)', 'p50', 'p95', 'p99', 'max', 'matches p95', 'page p95'],
    rows,
    [false, true, true, true, true, true, true, true, true],
  )

  const overallP95 = percentile(
    measured.map((m) => m.ms),
    95,
  )
  console.log(
    `\n  p95 < ${GOAL_P95_MS} ms: ${overallP95 < GOAL_P95_MS ? 'met' : 'not met'} (overall p95 ${overallP95.toFixed(1)} ms)`,
  )
  for (const kind of KINDS) {
    const of = measured.filter((m) => m.kind === kind)
    const p95 = percentile(
      of.map((m) => m.ms),
      95,
    )
    if (p95 < GOAL_P95_MS) continue
    const pageP95 = percentile(
      of.map((m) => m.pageMs),
      95,
    )
    const countP95 = percentile(
      of.map((m) => m.countMs),
      95,
    )
    console.log(
      `  ✗ ${kind}: p95 ${p95.toFixed(1)} ms — ${(p95 - GOAL_P95_MS).toFixed(1)} ms over the goal ` +
        `(${(p95 / GOAL_P95_MS).toFixed(1)}×); matches statement p95 ${pageP95.toFixed(1)} ms, page statement p95 ${countP95.toFixed(1)} ms`,
    )
  }
  console.log('\n  slowest searches:')
  for (const m of [...measured].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
    console.log(
      `    ${m.ms.toFixed(1).padStart(7)} ms  ${m.kind.padEnd(17)} ${JSON.stringify(m.search).padEnd(22)} ` +
        `${formatInt(m.total).padStart(9)} matches (matches ${m.pageMs.toFixed(1)} ms + page ${m.countMs.toFixed(1)} ms)`,
    )
  }

  // ---- Raw baseline ---------------------------------------------------------------------------
  const baselineSql = `select c.*, (select count(*)::int from client_user_orgs cuo
       where cuo.client_org_id = c.id and cuo.tenant_id = c.tenant_id) as user_count
     from client_orgs c where c.tenant_id = $1 and c.document = $2 order by c.name limit ${PAGE_SIZE}`
  const baselineRandom = seededRandom(77)
  for (let i = 0; i < 10; i++)
    await pool.query(baselineSql, [bigTenant, pick(baselineRandom, samples.documents)])
  const rawMs: number[] = []
  for (let i = 0; i < BASELINE_QUERIES; i++) {
    const document = pick(baselineRandom, samples.documents)
    const start = performance.now()
    const { rowCount } = await pool.query(baselineSql, [bigTenant, document])
    rawMs.push(performance.now() - start)
    if (rowCount !== 1) throw new Error(`raw baseline: document ${document} returned ${rowCount} rows`)
  }
  const rawP50 = percentile(rawMs, 50)
  const rawP95 = percentile(rawMs, 95)
  const findAll = measured.map((m) => m.ms)
  const findFull = measured.filter((m) => m.kind === 'full CNPJ').map((m) => m.ms)
  console.log(
    `\n  raw baseline — pool.query page query, tenant_id = $1 and document = $2 (B-tree client_orgs_document_key), ` +
      `${BASELINE_QUERIES} queries: p50 ${rawP50.toFixed(2)} ms, p95 ${rawP95.toFixed(2)} ms`,
  )
  console.log(
    `  find vs raw: overall p50 ${ratio(percentile(findAll, 50), rawP50)}, p95 ${ratio(percentile(findAll, 95), rawP95)}; ` +
      `full CNPJ (same row, found by the trigram search, then its page) p50 ${ratio(percentile(findFull, 50), rawP50)}, ` +
      `p95 ${ratio(percentile(findFull, 95), rawP95)}`,
  )

  // ---- Plans -----------------------------------------------------------------------------------
  const captured: Array<{ sql: string; params: unknown[] }> = []
  const capturing = clientsRepository(
    drizzle(pool, {
      logger: { logQuery: (sql: string, params: unknown[]) => void captured.push({ sql, params }) },
    }) as unknown as Db,
  )
  const narrow = measured.find((m) => m.kind === 'CNPJ fragment' && m.search.length === 8) ?? measured[0]
  for (const [label, search] of [
    ['broad', 'silva'],
    ['narrow', narrow.search],
  ] as const) {
    captured.length = 0
    await capturing.find(bigTenant, { search, page: 1, pageSize: PAGE_SIZE })
    for (const [i, statement] of captured.entries()) {
      const { rows: plan } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
        statement.params,
      )
      console.log(
        `\n  EXPLAIN (ANALYZE, BUFFERS) — ${label} search ${JSON.stringify(search)}, ${i === 0 ? 'matches' : 'page'} statement:`,
      )
      for (const line of plan) console.log(`    ${line['QUERY PLAN']}`)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers

const KINDS = ['common word', 'rare fragment', 'CNPJ fragment', 'full CNPJ', 'alphanumeric'] as const
type Kind = (typeof KINDS)[number]
type Query = { kind: Kind; search: string }
type Measured = Query & { ms: number; pageMs: number; countMs: number; total: number }

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

function statsRow(label: string, of: Measured[]): string[] {
  const ms = of.map((m) => m.ms)
  const totals = of.map((m) => m.total)
  return [
    label,
    String(of.length),
    `${formatInt(Math.min(...totals))}–${formatInt(Math.max(...totals))}`,
    percentile(ms, 50).toFixed(1),
    percentile(ms, 95).toFixed(1),
    percentile(ms, 99).toFixed(1),
    Math.max(...ms).toFixed(1),
    percentile(
      of.map((m) => m.pageMs),
      95,
    ).toFixed(1),
    percentile(
      of.map((m) => m.countMs),
      95,
    ).toFixed(1),
  ]
}

function ratio(ms: number, baselineMs: number): string {
  return `${(ms / baselineMs).toFixed(1)}× the raw time`
}

/** 200 searches, kinds interleaved in a seeded order. */
function buildQueries(samples: Samples): Query[] {
  const random = seededRandom(4242)
  const queries: Query[] = []
  const common = ['padaria', 'silva', 'comércio', 'santos', 'materiais', 'fazenda', 'auto peças', 'oliveira']
  for (let i = 0; i < 64; i++) queries.push({ kind: 'common word', search: common[i % common.length] })
  // Place names that occur in a few hundred names each, and fragments that match nothing.
  const rare = [
    'jequitib',
    'pindamonhang',
    'quixeramob',
    'oiapoque',
    'xique-xique',
    'caraguatat',
    'zqwx',
    'anhangab',
  ]
  for (let i = 0; i < 40; i++) queries.push({ kind: 'rare fragment', search: rare[i % rare.length] })
  for (let i = 0; i < 48; i++) {
    const cnpj = pick(random, samples.numericCnpjs)
    const length = 4 + Math.floor(random() * 5)
    const start = Math.floor(random() * (cnpj.length - length + 1))
    queries.push({ kind: 'CNPJ fragment', search: cnpj.slice(start, start + length) })
  }
  for (let i = 0; i < 28; i++) {
    const cnpj = pick(random, samples.numericCnpjs)
    queries.push({ kind: 'full CNPJ', search: i % 2 === 0 ? cnpj : formatCnpj(cnpj) })
  }
  for (let i = 0; i < 20; i++) {
    if (i % 4 === 0) {
      queries.push({ kind: 'alphanumeric', search: 'ABC' })
      continue
    }
    // 3–6 characters of an alphanumeric root that include a letter (lower case every other time).
    const cnpj = pick(random, samples.alphanumericCnpjs)
    const length = 3 + Math.floor(random() * 4)
    let start = Math.floor(random() * (8 - length + 1))
    while (!/[A-Z]/.test(cnpj.slice(start, start + length))) start = (start + 1) % (8 - length + 1)
    const fragment = cnpj.slice(start, start + length)
    queries.push({ kind: 'alphanumeric', search: i % 2 === 0 ? fragment.toLowerCase() : fragment })
  }
  // Seeded Fisher–Yates so kinds interleave (caches warm for all kinds alike).
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[queries[i], queries[j]] = [queries[j], queries[i]]
  }
  return queries
}

function formatCnpj(cnpj: string): string {
  return `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}`
}

// ---------------------------------------------------------------------------------------------
// Documents: CNPJ (numeric and alphanumeric) and CPF with correct check digits

const DIGITS = '0123456789'
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const CNPJ_WEIGHTS_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
const CNPJ_WEIGHTS_2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]

/** Mod 11 over the characters' values (charCode − 48: '0' → 0, 'A' → 17). */
function cnpjCheckDigit(base: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < base.length; i++) sum += (base.charCodeAt(i) - 48) * weights[i]
  const rest = sum % 11
  return rest < 2 ? 0 : 11 - rest
}

function randomChars(random: () => number, alphabet: string, length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)]
  return s
}

/** Root (8) + branch (4: mostly the head office 0001) + two check digits. */
function makeCnpj(random: () => number, alphanumeric: boolean): string {
  let root = randomChars(random, alphanumeric ? ALPHANUMERIC : DIGITS, 8)
  if (alphanumeric && !/[A-Z]/.test(root))
    root = `${root.slice(0, 7)}${ALPHANUMERIC[10 + Math.floor(random() * 26)]}`
  const branch = random() < 0.85 ? '0001' : String(2 + Math.floor(random() * 40)).padStart(4, '0')
  const base = root + branch
  const dv1 = cnpjCheckDigit(base, CNPJ_WEIGHTS_1)
  const dv2 = cnpjCheckDigit(base + dv1, CNPJ_WEIGHTS_2)
  return `${base}${dv1}${dv2}`
}

function makeCpf(random: () => number): string {
  return withCpfCheckDigits(randomChars(random, DIGITS, 9))
}

/** What the query mix draws on: documents of the large tenant (every 50th row). */
class Samples {
  readonly documents: string[] = []
  readonly numericCnpjs: string[] = []
  readonly alphanumericCnpjs: string[] = []
  add(document: string): void {
    this.documents.push(document)
    if (document.length === 14)
      (/[A-Z]/.test(document) ? this.alphanumericCnpjs : this.numericCnpjs).push(document)
  }
}

// ---------------------------------------------------------------------------------------------
// pt-BR names from word lists. `w(...)` repeats an entry by weight so `pick` draws it that often.

function w<T>(entries: Array<[T, number]>): T[] {
  return entries.flatMap(([value, weight]) => Array.from({ length: weight }, () => value))
}

const ACTIVITIES = w([
  ['Padaria', 6],
  ['Panificadora', 2],
  ['Comércio de Materiais de Construção', 3],
  ['Comércio de Materiais Elétricos', 2],
  ['Comércio de Alimentos', 2],
  ['Comércio de Peças e Acessórios', 1],
  ['Comércio e Representações', 1],
  ['Mercearia', 3],
  ['Supermercado', 4],
  ['Mercado', 3],
  ['Açougue', 2],
  ['Farmácia', 3],
  ['Drogaria', 2],
  ['Restaurante', 4],
  ['Lanchonete', 3],
  ['Pizzaria', 2],
  ['Auto Peças', 3],
  ['Oficina Mecânica', 2],
  ['Transportadora', 2],
  ['Distribuidora de Alimentos', 2],
  ['Distribuidora de Bebidas', 2],
  ['Construtora', 3],
  ['Clínica Odontológica', 2],
  ['Clínica Médica', 2],
  ['Laboratório de Análises Clínicas', 1],
  ['Escola de Educação Infantil', 1],
  ['Colégio', 1],
  ['Loja de Roupas', 2],
  ['Confecções', 2],
  ['Calçados', 2],
  ['Papelaria', 2],
  ['Academia', 2],
  ['Salão de Beleza', 2],
  ['Barbearia', 1],
  ['Pet Shop', 2],
  ['Clínica Veterinária', 1],
  ['Indústria de Móveis', 1],
  ['Agropecuária', 2],
  ['Laticínios', 1],
  ['Serralheria', 1],
  ['Vidraçaria', 1],
  ['Imobiliária', 2],
  ['Escritório de Contabilidade', 2],
  ['Hotel', 1],
  ['Pousada', 1],
  ['Posto de Combustíveis', 2],
  ['Madeireira', 1],
  ['Gráfica', 1],
  ['Informática', 2],
  ['Ótica', 1],
  ['Floricultura', 1],
  ['Sorveteria', 1],
  ['Hortifrúti', 1],
])
const SHORT_ACTIVITIES = w([
  ['Transportes', 3],
  ['Comércio', 3],
  ['Materiais', 2],
  ['Alimentos', 2],
  ['Serviços', 3],
  ['Engenharia', 1],
  ['Confecções', 1],
  ['Representações', 1],
  ['Advogados Associados', 1],
  ['Tecnologia', 1],
  ['Consultoria', 1],
  ['Distribuidora', 1],
])
const DESCRIPTORS = w([
  ['Pão Quente', 1],
  ['Boa Vista', 3],
  ['Central', 3],
  ['Nova Era', 2],
  ['São José', 3],
  ['Santa Luzia', 2],
  ['Santa Rita', 2],
  ['Estrela', 2],
  ['Primavera', 2],
  ['Bom Jesus', 2],
  ['Nossa Senhora Aparecida', 1],
  ['Progresso', 2],
  ['Vila Nova', 2],
  ['Bela Vista', 2],
  ['Esperança', 1],
  ['Paraíso', 1],
  ['Real', 2],
  ['Imperial', 1],
  ['Brasil', 3],
  ['Paulista', 2],
  ['Capixaba', 1],
  ['do Vale', 2],
  ['da Serra', 2],
  ['Horizonte', 1],
  ['Aliança', 1],
  ['União', 2],
  ['Sol Nascente', 1],
  ['Três Irmãos', 1],
  ['Ipê', 1],
  ['Pioneiro', 1],
  ['Ouro Verde', 1],
  ['Popular', 2],
  ['Express', 1],
  ['Premium', 1],
])
/** Rare on purpose (≈0.1 % of names each): the "rare fragment" searches look for them. */
const RARE_PLACES = [
  'Jequitibá',
  'Pindamonhangaba',
  'Quixeramobim',
  'Oiapoque',
  'Xique-Xique',
  'Caraguatatuba',
  'Guaratinguetá',
  'Jaboticabal',
]
const SURNAMES = w([
  ['Silva', 22],
  ['Santos', 12],
  ['Oliveira', 10],
  ['Souza', 9],
  ['Rodrigues', 6],
  ['Ferreira', 6],
  ['Alves', 6],
  ['Pereira', 6],
  ['Lima', 5],
  ['Gomes', 5],
  ['Costa', 5],
  ['Ribeiro', 5],
  ['Martins', 4],
  ['Carvalho', 4],
  ['Almeida', 4],
  ['Lopes', 3],
  ['Soares', 3],
  ['Fernandes', 3],
  ['Vieira', 3],
  ['Barbosa', 3],
  ['Rocha', 2],
  ['Dias', 2],
  ['Nascimento', 2],
  ['Andrade', 2],
  ['Moreira', 2],
  ['Nunes', 2],
  ['Marques', 2],
  ['Machado', 2],
  ['Mendes', 2],
  ['Freitas', 2],
  ['Cardoso', 2],
  ['Gonçalves', 2],
  ['Araújo', 2],
  ['Teixeira', 2],
  ['Magalhães', 1],
  ['Nóbrega', 1],
  ['Brandão', 1],
  ['Assunção', 1],
  ["D'Ávila", 1],
  ['Guimarães', 1],
])
const FIRST_NAMES = [
  'João',
  'José',
  'Maria',
  'Ana',
  'Antônio',
  'Francisco',
  'Carlos',
  'Paulo',
  'Pedro',
  'Lucas',
  'Luiz',
  'Marcos',
  'Gabriel',
  'Rafael',
  'Francisca',
  'Antônia',
  'Adriana',
  'Juliana',
  'Márcia',
  'Fernanda',
  'Patrícia',
  'Aline',
  'Sandra',
  'Camila',
  'Letícia',
  'Júlia',
  'Sebastião',
  'Raimundo',
  'Conceição',
  'Inês',
  'Cláudia',
  'Fábio',
  'Luíza',
  'Vinícius',
  'Lúcia',
  'Estêvão',
]
const MIDDLE_NAMES = [
  'Aparecida',
  'Carlos',
  'Eduardo',
  'Henrique',
  'Cristina',
  'das Graças',
  'de Fátima',
  'Augusto',
]
const SUFFIXES = w([
  ['Ltda', 45],
  ['ME', 15],
  ['Ltda ME', 5],
  ['EIRELI', 6],
  ['EPP', 5],
  ['Ltda - EPP', 3],
  ['S.A.', 3],
  ['S/A', 1],
])
const RURAL_TYPES = w([
  ['Sítio', 4],
  ['Fazenda', 4],
  ['Chácara', 2],
  ['Granja', 1],
  ['Estância', 1],
  ['Rancho', 1],
])
const RURAL_NAMES = [
  'Boa Esperança',
  'Santa Rita',
  'São João',
  'Bela Vista',
  'Recanto Verde',
  'Água Limpa',
  'Santo Antônio',
  'Três Marias',
  'Monte Alegre',
  'Bom Retiro',
  "Pau d'Alho",
  'Cachoeira',
  'Palmeiras',
  'Ipê Amarelo',
  'Serra Azul',
]
const NOTES = [
  'Cliente desde a abertura; contato preferencial por e-mail',
  'Cobrança concentrada na matriz',
  'Aguardando documentação do responsável legal',
  'Atendimento somente no período da manhã',
]
const DDDS = ['11', '19', '21', '27', '31', '41', '48', '51', '61', '62', '71', '81', '85', '91', '98']

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z]+/g, '')
    .toLowerCase()
}
const slugCache = new Map<string, string>()
const cachedSlug = (text: string) => {
  let s = slugCache.get(text)
  if (s === undefined) {
    s = slug(text)
    slugCache.set(text, s)
  }
  return s
}

function personName(random: () => number): string {
  const first = pick(random, FIRST_NAMES)
  const middle = random() < 0.3 ? ` ${pick(random, MIDDLE_NAMES)}` : ''
  const last = random() < 0.2 ? `dos ${pick(random, SURNAMES)}` : pick(random, SURNAMES)
  const last2 = random() < 0.5 ? ` ${pick(random, SURNAMES)}` : ''
  return `${first}${middle} ${last}${last2}`
}

/** A place or business descriptor, rarely one of the RARE_PLACES. */
function descriptor(random: () => number): string {
  return random() < 0.008 ? pick(random, RARE_PLACES) : pick(random, DESCRIPTORS)
}

type Org = {
  documentType: 'cnpj' | 'cpf'
  document: string
  name: string
  tradeName: string | null
  key: string
}

function makeOrg(random: () => number, used: Set<string>): Org {
  const isCpf = random() < 0.18
  let document: string
  do {
    document = isCpf ? makeCpf(random) : makeCnpj(random, random() < 0.05)
  } while (used.has(document) || /^(.)\1*$/.test(document))
  used.add(document)

  if (isCpf) {
    const rural = `${pick(random, RURAL_TYPES)} ${random() < 0.01 ? pick(random, RARE_PLACES) : pick(random, RURAL_NAMES)}`
    if (random() < 0.4) return { documentType: 'cpf', document, name: rural, tradeName: null, key: rural }
    const name = personName(random)
    return { documentType: 'cpf', document, name, tradeName: random() < 0.2 ? rural : null, key: name }
  }

  const r = random()
  const suffix = pick(random, SUFFIXES)
  const hasTrade = random() < 0.6
  let name: string
  let tradeName: string | null = null
  let key: string
  if (r < 0.4) {
    const activity = pick(random, ACTIVITIES)
    const d = descriptor(random)
    name = `${activity} ${d} ${suffix}` // "Padaria Pão Quente Ltda"
    if (hasTrade) tradeName = random() < 0.5 ? d : `${activity} ${d}`
    key = d
  } else if (r < 0.65) {
    const activity = pick(random, ACTIVITIES)
    const surname = pick(random, SURNAMES)
    const family = random() < 0.25 ? ' & Filhos' : ''
    name = `${activity} ${surname}${family} ${suffix}` // "Comércio de Materiais Silva & Filhos ME"
    if (hasTrade) tradeName = `${activity} ${surname}`
    key = surname
  } else if (r < 0.77) {
    const a = pick(random, SURNAMES)
    const b = pick(random, SURNAMES)
    const activity = pick(random, SHORT_ACTIVITIES)
    name = `${a} & ${b} ${activity} ${suffix}`
    if (hasTrade) tradeName = `${a} ${activity}`
    key = a
  } else if (r < 0.92) {
    const activity = pick(random, SHORT_ACTIVITIES)
    const d = random() < 0.5 ? pick(random, SURNAMES) : descriptor(random)
    name = `${d} ${activity} ${suffix}` // "Oliveira Materiais Ltda"
    if (hasTrade) tradeName = `${d} ${activity}`
    key = d
  } else {
    // MEI: the razão social is the CNPJ root followed by the owner's name.
    const owner = personName(random)
    name = `${document.slice(0, 2)}.${document.slice(2, 5)}.${document.slice(5, 8)} ${owner}`
    if (hasTrade) tradeName = `${pick(random, ACTIVITIES)} ${owner.split(' ')[0]}`
    key = owner
  }
  return { documentType: 'cnpj', document, name, tradeName, key }
}

const START = Date.UTC(2019, 0, 1)
const SPAN = Date.UTC(2026, 0, 1) - START
const DAY = 86_400_000

/** `count` rows of one tenant as UTF-8 CSV in chunks (column order = COPY_COLUMNS). */
function* csvChunks(
  tenantId: string,
  count: number,
  seed: number,
  encoding: { seconds: number; bytes: number },
  samples: Samples | null,
): Generator<Buffer> {
  const random = seededRandom(seed)
  const used = new Set<string>()
  const tenant = csvField(tenantId)
  for (let i = 0; i < count; i += CSV_BATCH) {
    const start = performance.now()
    let chunk = ''
    for (let j = i; j < Math.min(count, i + CSV_BATCH); j++) {
      const org = makeOrg(random, used)
      if (samples && j % 50 === 0) samples.add(org.document)
      const created = START + Math.floor(random() * SPAN)
      const updated = Math.min(START + SPAN, created + Math.floor(random() * 400 * DAY))
      const trained =
        random() < 0.6 ? new Date(created + Math.floor(random() * 60 * DAY)).toISOString() : null
      const stateRegistration =
        org.documentType === 'cnpj'
          ? random() < 0.15
            ? 'ISENTO'
            : random() < 0.8
              ? randomChars(random, DIGITS, 9 + Math.floor(random() * 4))
              : null
          : null
      const domain = `${cachedSlug(org.key)}${j % 997}.com.br`
      const emails =
        random() < 0.7 ? `{contato@${domain}${random() < 0.3 ? `,financeiro@${domain}` : ''}}` : '{}'
      const phones = random() < 0.6 ? `{+55${pick(random, DDDS)}9${randomChars(random, DIGITS, 8)}}` : '{}'
      chunk +=
        `${tenant},${org.documentType},${org.document},${csvField(org.name)},${csvField(org.tradeName)},` +
        `${csvField(stateRegistration)},${csvField(emails)},${csvField(phones)},` +
        `${random() < 0.92 ? 'producao' : 'homologacao'},${csvField(trained)},` +
        `${csvField(random() < 0.1 ? pick(random, NOTES) : null)},${random() < 0.95 ? 't' : 'f'},` +
        `${new Date(created).toISOString()},${new Date(updated).toISOString()}\n`
    }
    const buffer = Buffer.from(chunk, 'utf8')
    encoding.seconds += (performance.now() - start) / 1000
    encoding.bytes += buffer.length
    yield buffer
  }
}
