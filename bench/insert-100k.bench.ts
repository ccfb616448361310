/**
 * 100,000 audit_log rows into the real, migrated table, on PGlite and on PostgreSQL:
 *   - our path: drizzle `insert(auditLog).values(batch)` in batches of 1,000 inside one transaction
 *     (the way Cadastra's bulk writes batch);
 *   - raw baseline: one `COPY audit_log (...) FROM STDIN` of the same rows as CSV.
 * Both timings include turning the row objects into what goes on the wire (SQL parameters / CSV).
 * After each run the row count and a checksum of the stored content must match the reference;
 * a mismatch fails the benchmark.
 *
 * BENCH_ROWS overrides the row count (default 100,000) for quick experiments.
 */
import { performance } from 'node:perf_hooks'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sql } from 'drizzle-orm'
import { from as copyFrom } from 'pg-copy-streams'
import { auditLog } from '../src/server/platform/audit/audit.tables.ts'
import type { Database } from '../src/server/platform/db/database.ts'
import {
  type BenchEngine,
  csvField,
  defineBenchmark,
  forEachEngine,
  pick,
  ResultTable,
  seededRandom,
  seededUuid,
  time,
} from './lib.ts'

const ROWS = Number(process.env.BENCH_ROWS) || 100_000
const BATCH = 1_000
const WARMUP_ROWS = 2_000

type AuditRow = typeof auditLog.$inferInsert

const COPY_COLUMNS = [
  'tenant_id',
  'actor_user_id',
  'actor_name',
  'entity',
  'entity_id',
  'action',
  'before',
  'after',
  'ip',
  'request_id',
] as const
const COPY_SQL = `COPY audit_log (${COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`
const PGLITE_COPY_SQL = `COPY audit_log (${COPY_COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`

export default defineBenchmark({
  description: `${ROWS.toLocaleString('en')} audit_log rows: drizzle batched insert (${BATCH}/statement, one transaction) vs COPY`,
  async run() {
    const rows = makeRows(ROWS)
    const warmup = makeRows(WARMUP_ROWS, 7)
    const table = new ResultTable()
    let reference: string | undefined

    await forEachEngine(async (engine) => {
      // Untimed warm-up of both paths so the first timed run doesn't pay for JIT and plan caches.
      await insertDrizzle(engine.database, warmup)
      await truncate(engine.database)
      await insertCopy(engine.database, warmup)
      await truncate(engine.database)

      const methods: Array<{
        method: string
        isBaseline?: boolean
        insert: (db: Database) => Promise<string | undefined>
      }> = [
        { method: `drizzle batched (${BATCH}/insert, 1 tx)`, insert: (db) => insertDrizzle(db, rows) },
        {
          // PGlite has no STDIN: its COPY reads the same CSV from the virtual /dev/blob device.
          method: engine.name === 'PGlite' ? "COPY FROM '/dev/blob' (csv)" : 'COPY FROM STDIN (csv)',
          isBaseline: true,
          insert: (db) => insertCopy(db, rows),
        },
      ]
      for (const { method, isBaseline, insert } of methods) {
        await truncate(engine.database)
        const { seconds, value: note } = await time(() => insert(engine.database))
        const fingerprint = await verify(engine, method, rows.length)
        reference ??= fingerprint
        if (fingerprint !== reference) {
          throw new Error(
            `${engine.name} · ${method}: stored content differs from the first run (checksum ${fingerprint} ≠ ${reference})`,
          )
        }
        table.add({ engine: engine.name, method, rows: rows.length, seconds, isBaseline, note })
      }
      await truncate(engine.database)
    })

    table.print()
  },
})

async function insertDrizzle(database: Database, rows: AuditRow[]): Promise<undefined> {
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx.insert(auditLog).values(rows.slice(i, i + BATCH))
    }
  })
  return undefined
}

/** COPYs the rows as CSV; returns how much of the time went into encoding the CSV. */
async function insertCopy(database: Database, rows: AuditRow[]): Promise<string> {
  const encoding = { seconds: 0, bytes: 0 }
  if (database.raw.kind === 'pglite') {
    // PGlite has no COPY FROM STDIN: it reads the data from its virtual /dev/blob device, so the
    // whole CSV is built in memory first.
    // Buffer.from(string) is always backed by a plain ArrayBuffer, which is what Blob accepts.
    const blob = new Blob(Array.from(csvChunks(rows, encoding)) as Uint8Array<ArrayBuffer>[])
    await database.raw.client.query(PGLITE_COPY_SQL, [], { blob })
  } else {
    const client = await database.raw.pool.connect()
    try {
      await pipeline(Readable.from(csvChunks(rows, encoding)), client.query(copyFrom(COPY_SQL)))
    } finally {
      client.release()
    }
  }
  return `CSV encoding ${encoding.seconds.toFixed(2)} s of it, ${(encoding.bytes / 2 ** 20).toFixed(1)} MiB`
}

/** The rows as UTF-8 CSV, in chunks of BATCH lines (column order = COPY_COLUMNS). */
function* csvChunks(rows: AuditRow[], encoding: { seconds: number; bytes: number }): Generator<Buffer> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const start = performance.now()
    let chunk = ''
    for (const r of rows.slice(i, i + BATCH)) {
      chunk += `${csvField(r.tenantId)},${csvField(r.actorUserId)},${csvField(r.actorName)},${csvField(r.entity)},${csvField(r.entityId)},${csvField(r.action)},${csvField(r.before)},${csvField(r.after)},${csvField(r.ip)},${csvField(r.requestId)}\n`
    }
    const buffer = Buffer.from(chunk, 'utf8')
    encoding.seconds += (performance.now() - start) / 1000
    encoding.bytes += buffer.length
    yield buffer
  }
}

async function truncate(database: Database): Promise<void> {
  await database.exec('TRUNCATE audit_log RESTART IDENTITY')
}

/** Checks the row count and returns a checksum of the stored content (equal across engines and methods). */
async function verify(engine: BenchEngine, method: string, expected: number): Promise<string> {
  const [row] = await engine.database.db
    .select({
      count: sql<number>`count(*)::int`,
      checksum: sql<string>`md5(coalesce(string_agg(concat_ws('|', ${auditLog.tenantId}, ${auditLog.actorUserId},
        ${auditLog.actorName}, ${auditLog.entity}, ${auditLog.entityId}, ${auditLog.action},
        ${auditLog.before}::text, ${auditLog.after}::text, ${auditLog.ip}), E'\n' order by ${auditLog.requestId}), ''))`,
    })
    .from(auditLog)
  if (Number(row.count) !== expected) {
    throw new Error(`${engine.name} · ${method}: expected ${expected} rows in audit_log, found ${row.count}`)
  }
  return row.checksum
}

// ---------------------------------------------------------------------------------------------
// Realistic rows: staff created in a few dozen tenants, pt-BR names and text with accents, plus
// the characters CSV and JSON must escape (quotes, commas, semicolons, apostrophes, line breaks).

const FIRST_NAMES = [
  'João',
  'Maria',
  'José',
  'Antônio',
  'Conceição',
  'Inês',
  'Sebastião',
  'Cláudia',
  'Fábio',
  'Luíza',
  'Márcio',
  'Patrícia',
  'Vinícius',
  'Lúcia',
  'Estêvão',
  'Açucena',
] as const
const LAST_NAMES = [
  'da Silva',
  'Gonçalves',
  'Araújo',
  'Simões',
  'Magalhães',
  'Assunção',
  'Brandão',
  "D'Ávila",
  'Conceição',
  'Nóbrega',
  'Guimarães',
  'Loureiro',
] as const
const PROFILES = [
  'Atendimento',
  'Financeiro',
  'Coordenação pedagógica',
  'Secretaria acadêmica',
  'Diretoria',
] as const
const CITIES = [
  ['São Paulo', 'SP'],
  ['Belém', 'PA'],
  ['Maceió', 'AL'],
  ['Florianópolis', 'SC'],
  ['Goiânia', 'GO'],
  ['Brasília', 'DF'],
  ['São Luís', 'MA'],
  ['Ribeirão Preto', 'SP'],
] as const
const NOTES = [
  null,
  null,
  'Cadastro revisado, "ficha" conferida; homologação pendente',
  'Responsável pela área financeira — boletos e notas',
  'Observação: acesso liberado após validação do CPF\nSegunda linha da anotação',
  'Transferido da unidade de Niterói (RJ)',
] as const

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z]+/g, '.')
    .toLowerCase()
}

function makeRows(count: number, seed = 2026): AuditRow[] {
  const random = seededRandom(seed)
  const tenants = Array.from({ length: 40 }, () => seededUuid(random))
  const actors = Array.from({ length: 200 }, () => ({
    id: seededUuid(random),
    name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
  }))
  const rows: AuditRow[] = []
  for (let i = 0; i < count; i++) {
    const actor = pick(random, actors)
    const first = pick(random, FIRST_NAMES)
    const last = pick(random, LAST_NAMES)
    const [cidade, uf] = pick(random, CITIES)
    const note = pick(random, NOTES)
    rows.push({
      tenantId: pick(random, tenants),
      actorUserId: actor.id,
      actorName: actor.name,
      entity: 'staff',
      entityId: seededUuid(random),
      action: 'create',
      before: null,
      after: {
        nome: `${first} ${last}`,
        email: `${slug(first)}.${slug(last)}${i}@exemplo.com.br`,
        perfil: pick(random, PROFILES),
        cidade,
        uf,
        telefone: `(11) 9${String(Math.floor(random() * 1e8))
          .padStart(8, '0')
          .replace(/^(\d{4})/, '$1-')}`,
        ativo: random() < 0.9,
        ...(note ? { observacao: note } : {}),
      },
      ip: `189.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
      requestId: `req-${i.toString(36).padStart(6, '0')}`,
    })
  }
  return rows
}
