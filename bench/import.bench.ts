/**
 * Batch import of 100,000 client users from an .xlsx (written here by the exceljs streaming writer:
 * name with accents, e-mail, CPF typed as a number, phone, two departments), on PGlite and on
 * PostgreSQL:
 *   - our path, end to end, as the screens drive it: uploadImport (checks: zip inspection, header,
 *     guessed mapping; the file stored), startDryRun + the `imports.validate` job (streams the file
 *     again, CreateClientUserBody on every row, department/e-mail/CPF look-ups per 1,000 rows, every
 *     row's verdict stored with COPY), confirmImport + the `imports.run` job (batches of
 *     IMPORT_BATCH_ROWS, one transaction each: one statement for the users, department links, what
 *     the run created and the audit entries, then their invitations — "Enviar mais tarde" — through
 *     the invitations service's bulk functions, and the batch's range; on PostgreSQL IMPORT_LANES
 *     batches side by side);
 *   - raw baseline: the exceljs streaming parse of the same file + one COPY of the same rows
 *     (name, e-mail, CPF, phone) into client_users;
 *   - second baseline: the same parse + COPY of every record the import leaves behind (users, two
 *     department links, one scheduled invitation, the audit entries of both), same tables and
 *     constraints — what the import has to write at the least.
 * The ratio is our rows/s over each baseline's (goal ≥ 0.5 against the first). Peak RSS is sampled
 * during each run, with what the run added over the RSS it started from (both engines share the
 * process; on PGlite it includes the embedded database).
 *
 * BENCH_IMPORT_ROWS overrides the count (default 100,000) for quick runs.
 *
 * Checks (a mismatch fails the benchmark): the dry run finds every row valid; the run ends done with
 * that many users created, each with two department links and one scheduled invitation; the
 * baseline's COPY stored the same number of users.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { from as copyFrom } from 'pg-copy-streams'
import { type Config, loadConfig } from '../src/server/config.ts'
import { ensureDefaultDepartments } from '../src/server/modules/client-users/index.ts'
import { createImportJobs } from '../src/server/modules/imports/imports.jobs.ts'
import { importLanes, processImport } from '../src/server/modules/imports/imports.run.ts'
import { confirmImport, startDryRun, uploadImport } from '../src/server/modules/imports/imports.service.ts'
import { tenants } from '../src/server/modules/tenants/tenants.tables.ts'
import { type Actor, systemActor } from '../src/server/platform/actor.ts'
import { type CopyValue, copyRows } from '../src/server/platform/db/copy.ts'
import type { Database } from '../src/server/platform/db/database.ts'
import { withCpfCheckDigits } from '../src/shared/documents.ts'
import { JobRunner } from '../src/server/platform/jobs/queue.ts'
import { createLocalStorage } from '../src/server/platform/storage/index.ts'
import {
  type BenchEngine,
  defineBenchmark,
  forEachEngine,
  formatInt,
  formatMiB,
  formatSeconds,
  onCleanup,
  pick,
  ResultTable,
  seededRandom,
  time,
  trackPeakRss,
} from './lib.ts'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS) || 100_000
const OURS = 'upload + dry run + import + invitations "later"'
const BASELINE = 'exceljs streaming parse + COPY'
const BASELINE_ALL = 'exceljs streaming parse + COPY of every record the import writes'

const FIRST = [
  'José',
  'Ana Luíza',
  'João',
  'Maria',
  'Antônio',
  'Conceição',
  'Sebastião',
  'Márcia',
  'Zé',
  'Iúri',
]
const LAST = ['da Silva', 'Araújo', 'Gonçalves', 'Peçanha', 'Müller', 'Brandão', 'de Assunção', 'Conceição']

/** A valid CPF from a 9-digit base. */
function cpf(base: number): string {
  return withCpfCheckDigits(String(base).padStart(9, '0'))
}

type Person = { name: string; email: string; cpf: string; phone: string }

function people(n: number): Person[] {
  const random = seededRandom(2026)
  return Array.from({ length: n }, (_, i) => ({
    name: `${pick(random, FIRST)} ${pick(random, LAST)} ${i + 1}`,
    email: `pessoa.${i + 1}@importacao.com.br`,
    cpf: cpf(100_000_000 + i * 7),
    phone: `279${String(80_000_000 + i).padStart(8, '0')}`,
  }))
}

/** The spreadsheet, written row by row with the exceljs streaming writer. */
async function writeXlsx(file: string, list: Person[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
  })
  const ws = wb.addWorksheet('Usuários')
  ws.addRow(['Nome', 'E-mail', 'CPF', 'Telefone', 'Departamentos']).commit()
  for (const p of list)
    ws.addRow([p.name, p.email, Number(p.cpf), p.phone, 'Pessoal; Fiscal: Contribuinte']).commit()
  ws.commit()
  await wb.commit()
}

export default defineBenchmark({
  description:
    `${ROWS.toLocaleString('en')} client users from an .xlsx: our import end to end (upload, dry run, batched ` +
    'import job) vs the exceljs streaming parse of the same file + COPY of the same rows',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cadastra-import-bench-'))
    onCleanup(() => rm(dir, { recursive: true, force: true }))
    const file = path.join(dir, 'usuarios.xlsx')
    const list = people(ROWS)
    const written = await time(() => writeXlsx(file, list))
    const bytes = await readFile(file)
    console.log(
      `  file: ${formatInt(ROWS)} rows, ${formatMiB(bytes.length)} written in ${formatSeconds(written.seconds)} s`,
    )
    const config = benchConfig(bytes.length)
    const table = new ResultTable('rows')
    const summary: string[] = []

    await forEachEngine(async (engine) => {
      // Baseline first, on its own tenant (same e-mails are fine: unique per tenant).
      const baseTenant = await newTenant(engine, 'Base')
      const baseRss = trackPeakRss()
      const base = await time(() => parseAndCopy(engine.database, baseTenant, bytes))
      const basePeak = baseRss.stop()
      if (base.value !== ROWS) throw new Error(`${engine.name} baseline: ${base.value} rows parsed`)
      const copied = await countOf(
        engine,
        sql`select count(*)::int as n from client_users where tenant_id = ${baseTenant}`,
      )
      if (copied !== ROWS) throw new Error(`${engine.name} baseline: ${copied} users copied`)
      table.add({
        engine: engine.name,
        method: BASELINE,
        rows: ROWS,
        seconds: base.seconds,
        isBaseline: true,
        note: `peak RSS ${formatMiB(basePeak)} (+${formatMiB(basePeak - baseRss.start)} during the run)`,
      })

      const tenantId = await newTenant(engine, 'Importação')
      await ensureDefaultDepartments(engine.database.db, tenantId)
      const actor: Actor = {
        ...systemActor(tenantId, 'Benchmark'),
        userId: '11111111-1111-4111-8111-111111111111',
        permissions: new Set(['imports:run', 'users:manage', 'portal:use', 'invitations:send']),
      }
      const deps = {
        db: engine.database.db,
        config,
        storage: createLocalStorage(path.join(dir, 'imports')),
        lanes: importLanes(engine.database, config),
      }
      const runner = new JobRunner(engine.database.db, createImportJobs(deps), {
        pollMs: 1000,
        concurrency: 1,
      })
      const phases: string[] = []
      const rss = trackPeakRss()
      const ours = await time(async () => {
        const up = await time(() =>
          uploadImport(deps, actor, 'client_users', { filename: 'usuarios.xlsx', bytes }),
        )
        phases.push(`upload ${formatSeconds(up.seconds)} s`)
        const mapping = up.value.mapping.map((m) => ({ column: m.column, field: m.field }))
        const dry = await time(async () => {
          await startDryRun(deps, actor, up.value.id, { mapping })
          await runner.drain(1000)
        })
        phases.push(`dry run ${formatSeconds(dry.seconds)} s`)
        // The import job ("Enviar mais tarde": each batch schedules its users' invitations), run
        // here in the job runner's 10 s slices.
        await confirmImport(deps, actor, up.value.id, { invitations: 'later', scheduleAt: null })
        const token = await takeRunJob(engine, up.value.id)
        const run = await time(async () => {
          while (await processImport(deps, tenantId, up.value.id, token)) {}
        })
        phases.push(`import ${formatSeconds(run.seconds)} s`)
        return up.value.id
      })
      const peak = rss.stop()
      await verify(engine, tenantId, ours.value)
      table.add({
        engine: engine.name,
        method: OURS,
        rows: ROWS,
        seconds: ours.seconds,
        note: `${phases.join(', ')}; peak RSS ${formatMiB(peak)} (+${formatMiB(peak - rss.start)} during the run)`,
      })
      // The second baseline: every record the import writes, by COPY, on a tenant of its own (after
      // ours, so that its arrays of 500,000 records do not count in our peak RSS).
      const allTenant = await newTenant(engine, 'Base completa')
      await ensureDefaultDepartments(engine.database.db, allTenant)
      const allDepartments = await departmentIds(engine, allTenant)
      const all = await time(() => parseAndCopyAll(engine.database, allTenant, allDepartments, bytes))
      if (all.value.rows !== ROWS)
        throw new Error(`${engine.name} full baseline: ${all.value.rows} rows parsed`)
      table.add({
        engine: engine.name,
        method: BASELINE_ALL,
        rows: ROWS,
        seconds: all.seconds,
        note: `users, 2 department links, 1 invitation and 2 audit entries a row: ${all.value.parts}`,
      })

      const ratio = base.seconds / ours.seconds
      const allRatio = all.seconds / ours.seconds
      summary.push(
        `${engine.name}: end to end ${formatInt(ROWS / ours.seconds)} rows/s vs baseline ${formatInt(ROWS / base.seconds)} rows/s → ` +
          `ratio ${ratio.toFixed(2)} (goal ≥ 0.50${ratio >= 0.5 ? ', met' : ', NOT met'}); ` +
          `RSS added during the run ${formatMiB(peak - rss.start)} (baseline ${formatMiB(basePeak - baseRss.start)})`,
        `${engine.name}: against parse + COPY of every record the import writes (${formatInt(ROWS / all.seconds)} rows/s): ` +
          `end to end ratio ${allRatio.toFixed(2)}`,
      )
    })

    table.print()
    for (const line of summary) console.log(line)
  },
})

function benchConfig(fileBytes: number): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(36).toString('base64url'),
    APP_URL: 'https://cadastra.bench',
    IMPORT_MAX_BYTES: String(Math.max(fileBytes * 2, 20 * 1024 * 1024)),
    IMPORT_MAX_ROWS: String(ROWS),
  })
}

async function newTenant(engine: BenchEngine, name: string): Promise<string> {
  const [t] = await engine.database.db
    .insert(tenants)
    .values({
      name: `${name} ${randomBytes(3).toString('hex')}`,
      slug: `bench-${randomBytes(4).toString('hex')}`,
    })
    .returning({ id: tenants.id })
  return t.id
}

async function departmentIds(engine: BenchEngine, tenantId: string): Promise<string[]> {
  const res = (await engine.database.db.execute(
    sql`select id from departments where tenant_id = ${tenantId} order by name limit 2`,
  )) as unknown as { rows: { id: string }[] }
  return res.rows.map((r) => r.id)
}

async function countOf(engine: BenchEngine, q: ReturnType<typeof sql>): Promise<number> {
  const res = (await engine.database.db.execute(q)) as unknown as { rows: { n: number }[] }
  return Number(res.rows[0].n)
}

async function verify(engine: BenchEngine, tenantId: string, runId: string) {
  const [run] = (
    (await engine.database.db.execute(
      sql`select status, ok_rows, error_rows, created_count from import_runs where id = ${runId}`,
    )) as unknown as {
      rows: { status: string; ok_rows: number; error_rows: number; created_count: number }[]
    }
  ).rows
  if (run.status !== 'done' || run.ok_rows !== ROWS || run.created_count !== ROWS)
    throw new Error(`${engine.name} import: ${JSON.stringify(run)}`)
  const users = await countOf(
    engine,
    sql`select count(*)::int as n from client_users where tenant_id = ${tenantId}`,
  )
  const links = await countOf(
    engine,
    sql`select count(*)::int as n from client_user_departments where tenant_id = ${tenantId}`,
  )
  const invitations = await countOf(
    engine,
    sql`select count(*)::int as n from invitations where tenant_id = ${tenantId} and status = 'scheduled'`,
  )
  if (users !== ROWS || links !== 2 * ROWS || invitations !== ROWS)
    throw new Error(
      `${engine.name} import: ${users} users, ${links} department links, ${invitations} invitations`,
    )
}

/** The data rows of the first worksheet (exceljs streaming reader), as `row.values` (1-based). */
async function* dataRows(bytes: Buffer): AsyncGenerator<unknown[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  let header = true
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (header) header = false
      else yield row.values as unknown[]
    }
    break
  }
}

/** The baseline: stream the rows out of the .xlsx and COPY them in, as CSV, in one go. */
async function parseAndCopy(database: Database, tenantId: string, bytes: Buffer): Promise<number> {
  let n = 0
  const esc = (v: unknown) => {
    const s = String(v ?? '')
    return `"${s.replaceAll('"', '""')}"`
  }
  async function* csv(): AsyncGenerator<Buffer> {
    let lines: string[] = []
    for await (const v of dataRows(bytes)) {
      lines.push(
        `${tenantId},${esc(v[1])},${esc(v[2])},${esc(String(v[3]).padStart(11, '0'))},${esc(v[4])}\n`,
      )
      n++
      if (lines.length >= 1000) {
        yield Buffer.from(lines.join(''))
        lines = []
      }
    }
    if (lines.length) yield Buffer.from(lines.join(''))
  }
  const columns = 'tenant_id, name, email, cpf, phone'
  if (database.raw.kind === 'pglite') {
    const chunks: Buffer[] = []
    for await (const c of csv()) chunks.push(c)
    const blob = new Blob(chunks as Uint8Array<ArrayBuffer>[])
    await database.raw.client.query(`COPY client_users (${columns}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob,
    })
  } else {
    const client = await database.raw.pool.connect()
    try {
      await pipeline(
        Readable.from(csv()),
        client.query(copyFrom(`COPY client_users (${columns}) FROM STDIN WITH (FORMAT csv)`)),
      )
    } finally {
      client.release()
    }
  }
  return n
}

/**
 * The second baseline: the same file parsed, then every record the import leaves behind written
 * with COPY (no validation, no look-ups, no staging, no batches): the users, their two department
 * links, one scheduled invitation each and the audit entries of both — into the same tables, with
 * the same indexes and foreign-key checks.
 */
async function parseAndCopyAll(
  database: Database,
  tenantId: string,
  departments: string[],
  bytes: Buffer,
): Promise<{ rows: number; parts: string }> {
  const started = performance.now()
  const users: CopyValue[][] = []
  const links: CopyValue[][] = []
  const invitations: CopyValue[][] = []
  const audit: CopyValue[][] = []
  for await (const v of dataRows(bytes)) {
    const id = randomUUID()
    const invitation = randomUUID()
    const email = String(v[2])
    const cpf = String(v[3]).padStart(11, '0')
    users.push([id, tenantId, String(v[1]), email, cpf, String(v[4])])
    links.push([tenantId, id, departments[0], 'revisor'], [tenantId, id, departments[1], 'contribuinte'])
    invitations.push([invitation, tenantId, id, email, 'scheduled'])
    audit.push(
      [tenantId, 'Benchmark', 'client_user', id, 'create', { name: v[1], email, cpf }],
      [tenantId, 'Benchmark', 'invitation', invitation, 'scheduled', { email }],
    )
  }
  // What each kind of record costs, for deciding what an import could stop writing.
  const parts = [`parse ${formatSeconds((performance.now() - started) / 1000)} s`]
  const copy = async (label: string, table: string, columns: string[], rows: CopyValue[][]) => {
    const t = await time(() => copyRows(database.db, table, columns, rows))
    parts.push(`${label} ${formatSeconds(t.seconds)} s`)
  }
  await copy('users', 'client_users', ['id', 'tenant_id', 'name', 'email', 'cpf', 'phone'], users)
  await copy(
    'links',
    'client_user_departments',
    ['tenant_id', 'client_user_id', 'department_id', 'level'],
    links,
  )
  await copy(
    'invitations',
    'invitations',
    ['id', 'tenant_id', 'client_user_id', 'email', 'status'],
    invitations,
  )
  await copy(
    'audit',
    'audit_log',
    ['tenant_id', 'actor_name', 'entity', 'entity_id', 'action', 'after'],
    audit,
  )
  return { rows: users.length, parts: parts.join(', ') }
}

/** Takes the run's queued job off the queue (the benchmark runs its slices itself) and returns its token. */
async function takeRunJob(engine: BenchEngine, runId: string): Promise<string> {
  const res = (await engine.database.db.execute(
    sql`update jobs set status = 'done', finished_at = now() where name = 'imports.run' and status = 'queued'
        and payload->>'runId' = ${runId} returning payload`,
  )) as unknown as { rows: { payload: { token: string } | string }[] }
  const payload = res.rows[0].payload
  return (typeof payload === 'string' ? JSON.parse(payload) : payload).token
}
