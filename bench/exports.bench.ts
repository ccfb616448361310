/**
 * Exporting the client-user list at the largest size one file holds (EXPORT_MAX_ROWS, 50,000), on
 * PGlite and on PostgreSQL:
 *   - our path: `exportClientUsers(deps, actor, {}, 'xlsx' | 'csv')`, the function behind
 *     "Exportar" — it pages through the list's own service (same filters, same order, each user with
 *     companies, departments, invitation and KEYPASS) and writes the file with formula cells
 *     neutralised;
 *   - raw baseline: one SELECT of the same users with their company and department names aggregated,
 *     then exceljs (`addRows` + `writeBuffer`) or a plain `;`-joined CSV of those rows — the reading
 *     and writing the export builds on, without its paging, its DTOs or its checks.
 * Setup (untimed): 50,000 users loaded by COPY, each linked to one of 20 companies and two
 * departments, with an invitation. Checks (a mismatch fails the benchmark): every file has one
 * header and 50,000 rows; a user's row names their company and departments.
 *
 * BENCH_EXPORT_ROWS overrides the count (default 50,000) for quick runs.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { type Config, loadConfig } from '../src/server/config.ts'
import { ensureDefaultDepartments } from '../src/server/modules/client-users/index.ts'
import { exportClientUsers } from '../src/server/modules/imports/exports.service.ts'
import { tenants } from '../src/server/modules/tenants/tenants.tables.ts'
import { type Actor, systemActor } from '../src/server/platform/actor.ts'
import { type CopyValue, copyRows } from '../src/server/platform/db/copy.ts'
import { withCpfCheckDigits } from '../src/shared/documents.ts'
import {
  type BenchEngine,
  defineBenchmark,
  forEachEngine,
  formatInt,
  formatMiB,
  ResultTable,
  time,
  trackPeakRss,
} from './lib.ts'

const ROWS = Number(process.env.BENCH_EXPORT_ROWS) || 50_000
const COMPANIES = 20

export default defineBenchmark({
  description:
    `${ROWS.toLocaleString('en')} client users exported to .xlsx and .csv: exportClientUsers (the list's ` +
    'own pages, DTOs, neutralised cells) vs one SELECT of the same rows + exceljs / a joined CSV',
  async run() {
    const table = new ResultTable('rows')
    await forEachEngine(async (engine) => {
      const { seconds: setup, value: fixture } = await time(() => seed(engine))
      console.log(
        `  setup: ${formatInt(ROWS)} users, ${COMPANIES} companies, by COPY in ${setup.toFixed(1)} s (untimed)`,
      )
      const config = benchConfig()
      const deps = { db: engine.database.db, config }
      const actor: Actor = {
        ...systemActor(fixture.tenantId, 'Benchmark'),
        userId: '11111111-1111-4111-8111-111111111111',
        permissions: new Set(['imports:run', 'users:manage', 'portal:use']),
      }
      // Untimed warm-up (JIT, plan caches) on a filtered list.
      await exportClientUsers(deps, actor, { search: 'usuario1@' }, 'csv')

      for (const format of ['xlsx', 'csv'] as const) {
        const base = trackPeakRss()
        const baseline = await time(() => rawExport(engine, fixture.tenantId, format))
        const basePeak = base.stop()
        await check(format, baseline.value, `${engine.name} baseline`)
        // Each format is compared with its own baseline.
        const label = `${engine.name} .${format}`
        table.add({
          engine: label,
          method: format === 'xlsx' ? 'SELECT + exceljs writeBuffer' : 'SELECT + joined CSV',
          rows: ROWS,
          seconds: baseline.seconds,
          isBaseline: true,
          note: `${formatMiB(baseline.value.length)} file; peak RSS ${formatMiB(basePeak)}`,
        })
        const rss = trackPeakRss()
        const ours = await time(() => exportClientUsers(deps, actor, {}, format))
        const peak = rss.stop()
        await check(format, ours.value.content, `${engine.name} exportClientUsers`)
        table.add({
          engine: label,
          method: 'exportClientUsers',
          rows: ROWS,
          seconds: ours.seconds,
          note: `${formatMiB(ours.value.content.length)} file; peak RSS ${formatMiB(peak)}; ratio to the baseline ${(baseline.seconds / ours.seconds).toFixed(2)}`,
        })
      }
    })
    table.print()
  },
})

function benchConfig(): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(36).toString('base64url'),
    APP_URL: 'https://cadastra.bench',
    EXPORT_MAX_ROWS: String(ROWS),
  })
}

async function seed(engine: BenchEngine): Promise<{ tenantId: string }> {
  const db = engine.database.db
  const [t] = await db
    .insert(tenants)
    .values({
      name: `Exportação ${randomBytes(3).toString('hex')}`,
      slug: `bench-${randomBytes(4).toString('hex')}`,
    })
    .returning({ id: tenants.id })
  const tenantId = t.id
  await ensureDefaultDepartments(db, tenantId)
  const deps = (
    (await db.execute(
      sql`select id from departments where tenant_id = ${tenantId} order by name limit 2`,
    )) as unknown as { rows: { id: string }[] }
  ).rows.map((r) => r.id)
  const orgs: CopyValue[][] = []
  for (let c = 0; c < COMPANIES; c++)
    orgs.push([
      randomUUID(),
      tenantId,
      'cnpj',
      String(10_000_000_000_000 + c * 7919),
      `Empresa Exportada ${c + 1} Ltda`,
    ])
  await copyRows(db, 'client_orgs', ['id', 'tenant_id', 'document_type', 'document', 'name'], orgs)
  const users: CopyValue[][] = []
  const links: CopyValue[][] = []
  const companies: CopyValue[][] = []
  const invitations: CopyValue[][] = []
  for (let i = 1; i <= ROWS; i++) {
    const id = randomUUID()
    const email = `usuario${i}@exportacao.com.br`
    users.push([
      id,
      tenantId,
      `Usuário Exportado ${i}`,
      email,
      withCpfCheckDigits(String(100_000_000 + i)),
      '27999990000',
    ])
    links.push([tenantId, id, deps[0], 'revisor'], [tenantId, id, deps[1], 'contribuinte'])
    companies.push([tenantId, id, orgs[i % COMPANIES][0]])
    invitations.push([randomUUID(), tenantId, id, email, 'scheduled'])
  }
  await copyRows(db, 'client_users', ['id', 'tenant_id', 'name', 'email', 'cpf', 'phone'], users)
  await copyRows(
    db,
    'client_user_departments',
    ['tenant_id', 'client_user_id', 'department_id', 'level'],
    links,
  )
  await copyRows(db, 'client_user_orgs', ['tenant_id', 'client_user_id', 'client_org_id'], companies)
  await copyRows(db, 'invitations', ['id', 'tenant_id', 'client_user_id', 'email', 'status'], invitations)
  await db.execute(
    sql`analyze client_users, client_user_departments, client_user_orgs, invitations, client_orgs`,
  )
  return { tenantId }
}

/** The baseline: one query for every row with its names aggregated, then the bare writer. */
async function rawExport(engine: BenchEngine, tenantId: string, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const res = (await engine.database.db.execute(sql`
    select cu.name, cu.email, cu.cpf, cu.phone, cu.portal_active, cu.created_at,
      (select string_agg(o.name || ' (' || o.document || ')', '; ') from client_user_orgs l
        join client_orgs o on o.tenant_id = l.tenant_id and o.id = l.client_org_id
        where l.tenant_id = cu.tenant_id and l.client_user_id = cu.id) as companies,
      (select string_agg(d.name || ': ' || l.level, '; ') from client_user_departments l
        join departments d on d.tenant_id = l.tenant_id and d.id = l.department_id
        where l.tenant_id = cu.tenant_id and l.client_user_id = cu.id) as departments,
      (select i.status from invitations i where i.tenant_id = cu.tenant_id and i.client_user_id = cu.id
        order by i.created_at desc limit 1) as invitation
    from client_users cu where cu.tenant_id = ${tenantId}
    order by cu.name, cu.id`)) as unknown as { rows: Record<string, unknown>[] }
  const header = [
    'Nome',
    'E-mail',
    'CPF',
    'Telefone',
    'Empresas',
    'Departamentos',
    'Acesso',
    'Convite',
    'Cadastrado em',
  ]
  const values = res.rows.map((r) => [
    r.name,
    r.email,
    r.cpf,
    r.phone,
    r.companies,
    r.departments,
    r.portal_active ? 'Ativo' : 'Inativo',
    r.invitation,
    String(r.created_at),
  ])
  if (format === 'csv') {
    const lines = [header, ...values].map((row) => row.map((v) => String(v ?? '')).join(';'))
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`)
  }
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Usuários')
  ws.addRow(header)
  ws.addRows(values)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function check(format: 'xlsx' | 'csv', bytes: Buffer, what: string): Promise<void> {
  let rows: string[][]
  if (format === 'csv') {
    rows = bytes
      .toString('utf8')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'))
  } else {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    rows = []
    wb.worksheets[0].eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
  }
  if (rows.length !== ROWS + 1)
    throw new Error(`${what} (${format}): ${rows.length - 1} rows, expected ${ROWS}`)
  const sample = rows.find((r) => r[1] === 'usuario7@exportacao.com.br')
  if (
    !sample?.some((c) => c.includes('Empresa Exportada 8 Ltda')) ||
    !sample.some((c) => /Contribuinte|contribuinte/.test(c))
  )
    throw new Error(
      `${what} (${format}): usuario7's row lacks its company or department: ${JSON.stringify(sample)}`,
    )
}
