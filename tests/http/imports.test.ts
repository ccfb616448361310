import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { buffer } from 'node:stream/consumers'
import { deflateRawSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { withCpfCheckDigits } from '#shared/documents.ts'
import ExcelJS from 'exceljs'
import { createOrg, lastMailTo, tokenFrom } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext, testConfig } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'
import { claimImportJob, requeueAbandonedImportJobs } from '../helpers/jobs.ts'
import { createLocalStorage } from '#server/platform/storage/index.ts'
import { hasLibreOffice, libreOfficeXlsx } from '../helpers/libreoffice.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A valid CPF from a 9-digit base (check digits computed). */
function cpf(base: number): string {
  return withCpfCheckDigits(String(base).padStart(9, '0'))
}

async function xlsx(rows: unknown[][], sheet = 'Planilha1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A minimal zip (stored or deflated entries), to build broken or hostile .xlsx files by hand. */
function zip(entries: { name: string; data: Buffer; flags?: number }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const compressed = deflateRawSync(e.data)
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(e.flags ?? 0, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(e.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(e.flags ?? 0, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(e.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += 30 + name.length + compressed.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

type Run = {
  id: string
  status: string
  statusLabel: string
  headers: string[]
  headerRow: number
  mapping: { column: number; header: string; field: string | null }[]
  totals: { rows: number; ok: number; errors: number; skipped: number }
  progress: { done: number; total: number; created: number; invited: number; percent: number }
  failureMessage: string | null
}

describe('importação em lote de planilhas e exportação das listas', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture

  before(async () => {
    // Batches of 500 (the default is 5,000): the crash and resume tests span several batches.
    ctx = await startTestApp({ config: { imports: { ...testConfig().imports, batchRows: 500 } } })
    t = await createTenant(ctx.app, ctx.config)
    other = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  const count = async (q: ReturnType<typeof sql>) =>
    Number(((await ctx.app.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n)

  async function upload(c: TestClient, kind: string, filename: string, bytes: Buffer, type = XLSX) {
    return c.upload('POST', `/api/v1/imports?kind=${kind}`, filename, bytes, type)
  }

  /** Upload, keep the guessed mapping, dry run; returns the validated run. */
  async function dryRun(
    c: TestClient,
    kind: string,
    filename: string,
    bytes: Buffer,
    type = XLSX,
  ): Promise<Run> {
    const up = await upload(c, kind, filename, bytes, type)
    assert.equal(up.status, 201, JSON.stringify(up.body))
    const mapping = (up.body as Run).mapping.map((m) => ({ column: m.column, field: m.field }))
    const started = await c.post(`/api/v1/imports/${up.body.id}/dry-run`, { mapping })
    assert.equal(started.status, 202, JSON.stringify(started.body))
    assert.equal(started.body.status, 'validating')
    await ctx.app.jobs.drain()
    return (await c.get(`/api/v1/imports/${up.body.id}`)).body
  }

  async function rowsOf(c: TestClient, id: string, status?: string) {
    const res = await c.get(`/api/v1/imports/${id}/rows?pageSize=200${status ? `&status=${status}` : ''}`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body.items as {
      rowNumber: number
      status: string
      created: boolean
      columnName: string | null
      message: string | null
      cells: string[]
    }[]
  }

  async function confirm(c: TestClient, id: string, body: object = { invitations: 'end' }) {
    const res = await c.post(`/api/v1/imports/${id}/confirm`, body)
    assert.equal(res.status, 202, JSON.stringify(res.body))
    await ctx.app.jobs.drain()
    return (await c.get(`/api/v1/imports/${id}`)).body as Run
  }

  const usersOf = (tenantId: string, like: string) =>
    count(
      sql`select count(*)::int as n from client_users where tenant_id = ${tenantId} and email like ${like}`,
    )

  test('templates: one .xlsx per kind, header and example row, documents as text; re-uploaded, every column is recognised', async () => {
    for (const kind of ['client_users', 'client_orgs']) {
      const res = await ctx.app.inject({
        url: `/api/v1/imports/templates/${kind}`,
        headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], XLSX)
      assert.match(String(res.headers['content-disposition']), /modelo-/)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]
      assert.equal(ws.rowCount, 2)
      assert.ok(wb.getWorksheet('Instruções'))
      const up = await upload(t.admin, kind, `modelo-${kind}.xlsx`, res.rawPayload)
      assert.equal(up.status, 201)
      assert.ok(
        (up.body as Run).mapping.every((m) => m.field !== null),
        `${kind}: ${JSON.stringify(up.body.mapping)}`,
      )
    }
    const bad = await t.admin.get('/api/v1/imports/templates/planetas')
    assert.equal(bad.status, 400)
    assert.match(bad.body.message, /inválid/i)
  })

  test('client users from .xlsx: headers in pt-BR/English, accents, CPFs as numbers, formulas by their cached value; the dry run names each bad row and column in pt-BR', async () => {
    const org = await createOrg(t, 'Padaria São João Ltda')
    const zero = await t.admin.post('/api/v1/client-orgs', {
      name: 'Zero à Esquerda Ltda',
      document: '00.123.456/0001-49',
      portalEnabled: true,
    })
    assert.equal(zero.status, 201, JSON.stringify(zero.body))
    await t.admin.post('/api/v1/client-users', { name: 'Já Cadastrada', email: 'ja.existe@lote.com.br' })
    const file = await xlsx([
      ['Nome completo', 'Email', 'CPF', 'Celular', 'Departamentos', 'CNPJ da empresa'],
      [
        'José da Conceição Araújo',
        'jose@lote.com.br',
        Number(cpf(123456789)),
        '27999990001',
        'Pessoal: Proprietário; Fiscal',
        org.document,
      ],
      // A CPF starting with zero, typed as a number: Excel keeps 1234567890 (10 digits).
      [
        'Ana Luíza Müller',
        'ANA@lote.com.br',
        Number(cpf(12345678)),
        27999990002,
        'Contábil (Contribuinte)',
        // Its company's CNPJ typed as a number too: 00.123.456/0001-49 → 123456000149.
        Number('00123456000149'),
      ],
      [
        { formula: 'CONCATENATE("Bea"," Souza")', result: 'Bea Souza' },
        'bea@lote.com.br',
        '',
        '',
        '',
        'Padaria São João Ltda',
      ],
      ['Carlos CPF Errado', 'carlos@lote.com.br', 12345678900, '', '', ''],
      ['Duda E-mail Ruim', 'duda@@lote', '', '', '', ''],
      ['Edu Repetido', 'jose@lote.com.br', '', '', '', ''],
      ['Fábio Sem Depto', 'fabio@lote.com.br', '', '', 'Marketing', ''],
      ['Gabi Sem Empresa', 'gabi@lote.com.br', '', '', '', '99.999.999/0001-91'],
      ['Helena Já Existe', 'ja.existe@lote.com.br', '', '', '', ''],
      ['', 'semnome@lote.com.br', '', '', '', ''],
      ['Ivo Fone Ruim', 'ivo@lote.com.br', '', '123', '', ''],
      ['=1+1 Planilha', 'formula@lote.com.br', '', '', '', ''],
    ])
    const up = await upload(t.admin, 'client_users', 'usuários.xlsx', file)
    assert.equal(up.status, 201, JSON.stringify(up.body))
    const fields = Object.fromEntries((up.body as Run).mapping.map((m) => [m.header, m.field]))
    assert.deepEqual(fields, {
      'Nome completo': 'name',
      Email: 'email',
      CPF: 'cpf',
      Celular: 'phone',
      Departamentos: 'departments',
      'CNPJ da empresa': 'companies',
    })
    assert.equal(up.body.status, 'uploaded')
    assert.equal(up.body.sample.length, 5)
    assert.equal(up.body.sample[2][0], 'Bea Souza', 'formula cell: its cached value')

    // A mapping without the e-mail is refused before any validation.
    const noEmail = await t.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, {
      mapping: [{ column: 0, field: 'name' }],
    })
    assert.equal(noEmail.status, 400)
    assert.match(noEmail.body.message, /obrigatório E-mail/)

    const mapping = (up.body as Run).mapping.map((m) => ({ column: m.column, field: m.field }))
    assert.equal((await t.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, { mapping })).status, 202)
    // Not validated yet: confirming is refused.
    assert.equal((await t.admin.post(`/api/v1/imports/${up.body.id}/confirm`, {})).status, 409)
    await ctx.app.jobs.drain()
    const run: Run = (await t.admin.get(`/api/v1/imports/${up.body.id}`)).body
    assert.equal(run.status, 'validated')
    assert.deepEqual(run.totals, { rows: 12, ok: 4, errors: 7, skipped: 1 })

    const rows = await rowsOf(t.admin, run.id)
    const byRow = new Map(rows.map((r) => [r.rowNumber, r]))
    const expect = (row: number, status: string, column: string | null, message?: RegExp) => {
      const r = byRow.get(row)!
      assert.equal(r.status, status, `row ${row}: ${JSON.stringify(r)}`)
      assert.equal(r.columnName, column, `row ${row} column`)
      if (message) assert.match(r.message ?? '', message, `row ${row}`)
    }
    expect(2, 'ok', null)
    expect(3, 'ok', null)
    expect(4, 'ok', null)
    expect(5, 'error', 'CPF', /CPF inválido/)
    expect(6, 'error', 'Email', /E-mail inválido/)
    expect(7, 'error', 'Email', /repetido na planilha \(já está na linha 2\)/)
    expect(8, 'error', 'Departamentos', /Departamento inexistente: Marketing/)
    expect(9, 'error', 'CNPJ da empresa', /Empresa não encontrada: 99\.999\.999\/0001-91/)
    expect(10, 'skipped', 'Email', /E-mail já usado pelo usuário Já Cadastrada/)
    expect(11, 'error', 'Nome completo', /Informe o nome/)
    expect(12, 'error', 'Celular', /Telefone inválido/)
    expect(13, 'ok', null)
    assert.equal(byRow.get(3)!.cells[2], '1234567890', 'the report repeats the cell as typed')
    const onlyErrors = await rowsOf(t.admin, run.id, 'error')
    assert.equal(onlyErrors.length, 7)

    // The error report: the original columns, the row number and an "Erro" column.
    const report = await ctx.app.inject({
      url: `/api/v1/imports/${run.id}/error-report`,
      headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    assert.equal(report.statusCode, 200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    assert.deepEqual((ws.getRow(1).values as string[]).slice(1), [
      'Linha',
      'Nome completo',
      'Email',
      'CPF',
      'Celular',
      'Departamentos',
      'CNPJ da empresa',
      'Erro',
    ])
    assert.equal(ws.rowCount, 1 + 8)
    assert.equal(ws.getCell('A2').value, 5)
    assert.match(String(ws.getCell('H2').value), /^CPF: CPF inválido/)

    // Import, invitations at the end through the normal flow.
    const done = await confirm(t.admin, run.id, { invitations: 'end' })
    assert.equal(done.status, 'done', JSON.stringify(done))
    assert.equal(done.progress.created, 4)
    assert.equal(done.progress.invited, 4)
    const jose = (await t.admin.get('/api/v1/client-users?search=jose@lote')).body.items[0]
    assert.equal(jose.name, 'José da Conceição Araújo')
    assert.equal(jose.cpf, '123.456.789-09')
    assert.equal(jose.phone, '(27) 99999-0001')
    assert.deepEqual(
      jose.departments.map((d: { name: string; level: string }) => `${d.name}:${d.level}`).sort(),
      ['Fiscal:revisor', 'Pessoal:proprietario'],
    )
    assert.deepEqual(
      jose.companies.map((c: { id: string }) => c.id),
      [org.id],
    )
    assert.equal(jose.invitation.status, 'sent')
    const ana = (await t.admin.get('/api/v1/client-users?search=ana@lote')).body.items[0]
    assert.equal(ana.email, 'ana@lote.com.br')
    assert.equal(ana.cpf, formatCpf(cpf(12345678)), 'leading zero restored')
    assert.deepEqual(
      ana.companies.map((c: { id: string }) => c.id),
      [zero.body.id],
      'company found by its CNPJ typed as a number',
    )
    const bea = (await t.admin.get('/api/v1/client-users?search=bea@lote')).body.items[0]
    assert.deepEqual(
      bea.companies.map((c: { id: string }) => c.id),
      [org.id],
      'company found by its name',
    )
    const mail = await lastMailTo(ctx.app, 'jose@lote.com.br')
    assert.ok(mail, 'invitation e-mail queued')
    assert.ok(mail.links.some((l) => l.includes('/convite?token=')))
    const imported = await rowsOf(t.admin, run.id, 'ok')
    assert.ok(imported.every((r) => r.created))
    const audited = (
      (await ctx.app.database.db.execute(
        sql`select after from audit_log where entity = 'client_user' and action = 'create' and after->>'importRunId' = ${run.id}`,
      )) as unknown as { rows: { after: Record<string, unknown> }[] }
    ).rows.map((r) => (typeof r.after === 'string' ? JSON.parse(r.after) : r.after))
    assert.equal(audited.length, 4, 'one audit entry per imported user')
    const joseAudit = audited.find((a) => a.email === 'jose@lote.com.br')!
    assert.equal(joseAudit.cpf, '123.456.789-09')
    assert.equal(joseAudit.phone, '(27) 99999-0001')

    // Re-running the same file creates nothing: every row that was imported is now skipped.
    const before = await usersOf(t.tenantId, '%@lote.com.br')
    const again = await dryRun(t.admin, 'client_users', 'usuários.xlsx', file)
    assert.equal(again.totals.ok, 0)
    assert.equal(again.totals.skipped, 5)
    const skipped = await rowsOf(t.admin, again.id, 'skipped')
    assert.match(skipped[0].message!, /E-mail já usado pelo usuário José da Conceição Araújo/)
    const nothing = await t.admin.post(`/api/v1/imports/${again.id}/confirm`, { invitations: 'end' })
    assert.equal(nothing.status, 409)
    assert.equal(nothing.body.code, 'IMPORT_NOTHING_TO_IMPORT')
    assert.equal(await usersOf(t.tenantId, '%@lote.com.br'), before)

    // Undo: refused once someone accepted the invitation; allowed before.
    const undone = await t.admin.post(`/api/v1/imports/${run.id}/undo`)
    assert.equal(undone.status, 200, JSON.stringify(undone.body))
    assert.equal(undone.body.status, 'undone')
    assert.equal(await usersOf(t.tenantId, '%@lote.com.br'), 1, 'only the one that existed before')
    const twice = await t.admin.post(`/api/v1/imports/${run.id}/undo`)
    assert.equal(twice.status, 409)
  })

  test('a title and a note above the header are not data: the header is found and the rows below it are read', async () => {
    const file = await xlsx([
      ['Usuários da Padaria São João — março de 2026'],
      ['Gerado pelo sistema antigo em 02/03/2026'],
      [],
      ['Nome', 'E-mail', 'CPF'],
      ['Tito Título', 'tito@titulo.com.br', ''],
      ['Nina Nota', 'nina@titulo.com.br', ''],
    ])
    const run = await dryRun(t.admin, 'client_users', 'com-titulo.xlsx', file)
    assert.deepEqual(run.headers, ['Nome', 'E-mail', 'CPF'])
    assert.equal(run.headerRow, 4)
    assert.deepEqual(
      run.mapping.map((m) => m.field),
      ['name', 'email', 'cpf'],
    )
    assert.deepEqual(run.totals, { rows: 2, ok: 2, errors: 0, skipped: 0 })
    const rows = await rowsOf(t.admin, run.id)
    assert.deepEqual(
      rows.map((r) => r.rowNumber),
      [5, 6],
      'row numbers as the spreadsheet shows them',
    )
  })

  test('a dry run of several chunks: every row checked once, in order; duplicates found across chunks; past the row limit in a later chunk, nothing is kept', async () => {
    const header = ['Nome', 'E-mail', 'CPF']
    const body = Array.from({ length: 2600 }, (_, i) => [
      `Pessoa Lote ${i + 1}`,
      `lote${i + 1}@chunks.com.br`,
      cpf(300_000_000 + i),
    ])
    // Spreadsheet rows (header is row 1): 11's e-mail again on 1501, 6's CPF again on 2501, a bad
    // CPF on 2551 — each in a chunk other than the first one's.
    body[1499][1] = 'LOTE10@chunks.com.br'
    body[2499][2] = cpf(300_000_004)
    body[2549][2] = '123.456.789-00'
    const file = await xlsx([header, ...body])
    const run = await dryRun(t.admin, 'client_users', 'lotes.xlsx', file)
    assert.equal(run.status, 'validated')
    assert.deepEqual(run.totals, { rows: 2600, ok: 2597, errors: 3, skipped: 0 })
    const errors = await rowsOf(t.admin, run.id, 'error')
    assert.deepEqual(
      errors.map((r) => [r.rowNumber, r.columnName, r.message]),
      [
        [1501, 'E-mail', 'E-mail repetido na planilha (já está na linha 11).'],
        [2501, 'CPF', 'CPF repetido na planilha (já está na linha 6).'],
        [2551, 'CPF', 'CPF inválido: confira os dígitos.'],
      ],
    )
    const stored = await count(
      sql`select count(*)::int as n from import_rows where run_id = ${run.id} and tenant_id = ${t.tenantId}`,
    )
    const distinct = await count(
      sql`select count(distinct row_number)::int as n from import_rows where run_id = ${run.id}`,
    )
    assert.equal(stored, 2600)
    assert.equal(distinct, 2600)

    const limited = await startTestApp({ config: { imports: { ...testConfig().imports, maxRows: 1500 } } })
    try {
      const s = await createTenant(limited.app, limited.config)
      const up = await s.admin.upload('POST', '/api/v1/imports?kind=client_users', 'lotes.xlsx', file, XLSX)
      assert.equal(up.status, 201)
      await s.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, {
        mapping: (up.body as Run).mapping.map((m) => ({ column: m.column, field: m.field })),
      })
      await limited.app.jobs.drain()
      const failed = (await s.admin.get(`/api/v1/imports/${up.body.id}`)).body as Run
      assert.equal(failed.status, 'failed')
      assert.match(failed.failureMessage ?? '', /limite de 1\.500 linhas/)
      const kept = (await limited.app.database.db.execute(
        sql`select count(*)::int as n from import_rows where run_id = ${up.body.id}`,
      )) as unknown as { rows: { n: number }[] }
      assert.equal(Number(kept.rows[0].n), 0, 'the verdicts of the chunks already stored are removed')
    } finally {
      await limited.close()
    }
  })
  test('the spreadsheet is kept in the file storage (not in the database) until the import is done; a run whose file is gone fails with a pt-BR reason; older runs read theirs from the row', async () => {
    const file = await xlsx([
      ['Nome', 'E-mail'],
      ['Sara Storage', 'sara@arquivo.com.br'],
    ])
    const up = await upload(t.admin, 'client_users', 'guardada.xlsx', file)
    assert.equal(up.status, 201, JSON.stringify(up.body))
    const id = up.body.id as string
    const [stored] = (
      (await ctx.app.database.db.execute(
        sql`select file_key, file is null as no_bytes from import_runs where id = ${id}`,
      )) as unknown as { rows: { file_key: string; no_bytes: boolean }[] }
    ).rows
    assert.equal(stored.file_key, `${t.tenantId}/${id}`)
    assert.equal(stored.no_bytes, true, 'the database keeps no copy')
    const storage = createLocalStorage(path.join(ctx.config.dataDir, 'imports'))
    assert.deepEqual(Buffer.from(await buffer(await storage.get(stored.file_key))), file)
    // Once the import is done, the file is removed (the rows' cells stay for the report).
    const mapping = (up.body as Run).mapping.map((m) => ({ column: m.column, field: m.field }))
    assert.equal((await t.admin.post(`/api/v1/imports/${id}/dry-run`, { mapping })).status, 202)
    await ctx.app.jobs.drain()
    const done = await confirm(t.admin, id, { invitations: 'later' })
    assert.equal(done.status, 'done')
    assert.equal(await storage.exists(stored.file_key), false)
    assert.equal((await rowsOf(t.admin, id))[0].cells[0], 'Sara Storage')

    // The file disappears before the dry run: the run fails and says what to do.
    const lost = await upload(t.admin, 'client_users', 'perdida.xlsx', file)
    await storage.delete(`${t.tenantId}/${lost.body.id}`)
    assert.equal((await t.admin.post(`/api/v1/imports/${lost.body.id}/dry-run`, { mapping })).status, 202)
    await ctx.app.jobs.drain()
    const gone: Run = (await t.admin.get(`/api/v1/imports/${lost.body.id}`)).body
    assert.equal(gone.status, 'failed')
    assert.match(gone.failureMessage ?? '', /não está mais disponível.*Envie o arquivo de novo/)

    // A run recorded before the storage (its bytes in the row, no key) still reads them.
    const legacy = await upload(t.admin, 'client_users', 'antiga.xlsx', file)
    await storage.delete(`${t.tenantId}/${legacy.body.id}`)
    await ctx.app.database.db.execute(
      sql`update import_runs set file = ${file}, file_key = null where id = ${legacy.body.id}`,
    )
    assert.equal((await t.admin.post(`/api/v1/imports/${legacy.body.id}/dry-run`, { mapping })).status, 202)
    await ctx.app.jobs.drain()
    const read: Run = (await t.admin.get(`/api/v1/imports/${legacy.body.id}`)).body
    assert.equal(read.status, 'validated', JSON.stringify(read))
    // Read from the row: Sara, imported above, is recognised and skipped.
    assert.deepEqual(read.totals, { rows: 1, ok: 0, errors: 0, skipped: 1 })
  })

  test('retention: after IMPORT_RETENTION_DAYS the rows (personal data) and the file are deleted and audited; totals, history and undo stay; a run never imported expires; one in use waits', async () => {
    const db = ctx.app.database.db
    const storage = createLocalStorage(path.join(ctx.config.dataDir, 'imports'))
    const sheet = (who: string) =>
      xlsx([
        ['Nome', 'E-mail', 'CPF'],
        [`${who} Retida`, `${who.toLowerCase()}@retencao.com.br`, ''],
        ['Sem Email', '', ''],
      ])
    const done = await dryRun(t.admin, 'client_users', 'retida.xlsx', await sheet('Rita'))
    assert.equal((await confirm(t.admin, done.id, { invitations: 'later' })).status, 'done')
    const validated = await dryRun(t.admin, 'client_users', 'esquecida.xlsx', await sheet('Vera'))
    const uploaded = (await upload(t.admin, 'client_users', 'so-enviada.xlsx', await sheet('Ugo')))
      .body as Run
    const stopped = await dryRun(t.admin, 'client_users', 'parada.xlsx', await sheet('Pia'))
    const recent = (await upload(t.admin, 'client_users', 'recente.xlsx', await sheet('Rui'))).body as Run
    const purgeJob = async (runId: string) =>
      (
        (await db.execute(
          sql`select run_at, status from jobs where name = 'imports.purge' and payload->>'runId' = ${runId}
              order by run_at desc limit 1`,
        )) as unknown as { rows: { run_at: string | Date; status: string }[] }
      ).rows[0]
    // Queued at upload, for 90 days later (the default).
    const first = await purgeJob(done.id)
    const days = (new Date(first.run_at).getTime() - Date.now()) / 86_400_000
    assert.ok(days > 89.9 && days <= 90, `purge in ${days} days`)

    // 91 days pass for all but "recente"; "parada" stopped in the middle (Retomar/Desfazer need its rows).
    const old = [done.id, validated.id, uploaded.id, stopped.id]
    await db.execute(sql`update import_runs set status = 'failed', started_at = now(), failure_message = 'Parou.'
      where id = ${stopped.id}`)
    for (const id of old)
      await db.execute(
        sql`update import_runs set created_at = created_at - interval '91 days' where id = ${id}`,
      )
    await db.execute(sql`update jobs set run_at = now() where name = 'imports.purge' and status = 'queued'`)
    await ctx.app.jobs.drain()

    const get = async (id: string) =>
      (await t.admin.get(`/api/v1/imports/${id}`)).body as Run & { purgedAt: string | null }
    const rowsLeft = (id: string) =>
      count(sql`select count(*)::int as n from import_rows where run_id = ${id}`)
    // Done: rows and report gone, totals and history kept, undo still removes the users.
    const d = await get(done.id)
    assert.equal(d.status, 'done')
    assert.ok(d.purgedAt)
    assert.deepEqual(d.totals, { rows: 2, ok: 1, errors: 1, skipped: 0 })
    assert.equal(await rowsLeft(done.id), 0)
    assert.deepEqual(await rowsOf(t.admin, done.id), [])
    const report = await t.admin.get(`/api/v1/imports/${done.id}/error-report`)
    assert.equal(report.status, 410)
    assert.equal(report.body.code, 'IMPORT_PURGED')
    assert.match(report.body.message, /apagados ao fim do prazo de retenção/)
    assert.equal(await usersOf(t.tenantId, 'rita@retencao.com.br'), 1)
    assert.equal((await t.admin.post(`/api/v1/imports/${done.id}/undo`)).status, 200)
    assert.equal(await usersOf(t.tenantId, 'rita@retencao.com.br'), 0)
    // Never imported: expired, its file deleted, nothing more can be done with it.
    for (const id of [validated.id, uploaded.id]) {
      const r = await get(id)
      assert.equal(r.status, 'expired')
      assert.equal(r.statusLabel, 'Expirada')
      assert.equal(await rowsLeft(id), 0)
      assert.equal(await storage.exists(`${t.tenantId}/${id}`), false)
    }
    const mapping = uploaded.mapping.map((m) => ({ column: m.column, field: m.field }))
    assert.equal(
      (await t.admin.post(`/api/v1/imports/${uploaded.id}/dry-run`, { mapping })).body.code,
      'IMPORT_PURGED',
    )
    assert.equal(
      (await t.admin.post(`/api/v1/imports/${validated.id}/confirm`, { invitations: 'later' })).body.code,
      'IMPORT_PURGED',
    )
    // Stopped midway: kept, looked at again a day later.
    assert.equal((await get(stopped.id)).status, 'failed')
    assert.equal(await rowsLeft(stopped.id), 2)
    const again = await purgeJob(stopped.id)
    assert.equal(again.status, 'queued')
    assert.ok(Math.abs(new Date(again.run_at).getTime() - Date.now() - 86_400_000) < 60_000)
    // Not due yet (its job ran early): untouched, queued again for its date.
    assert.equal((await get(recent.id)).purgedAt, null)
    assert.equal(await storage.exists(`${t.tenantId}/${recent.id}`), true)
    assert.equal((await purgeJob(recent.id)).status, 'queued')
    // Each deletion is in the audit log, by "Retenção de dados".
    const audit = await count(
      sql`select count(*)::int as n from audit_log where entity = 'import_run' and action = 'purged'
          and actor_name = 'Retenção de dados' and entity_id in (${done.id}, ${validated.id}, ${uploaded.id})`,
    )
    assert.equal(audit, 3)
  })

  test('the Permissões column gives imported users their portal permissions; an unknown one is an error on that column', async () => {
    const file = await xlsx([
      ['Nome', 'E-mail', 'Permissões'],
      [
        'Paula Envia',
        'paula@permissoes.com.br',
        'Envia documentos ao escritório; inscreve-se em eventos e treinamentos',
      ],
      ['Rui Sem', 'rui@permissoes.com.br', ''],
      ['Tina Inventa', 'tina@permissoes.com.br', 'Envia documentos; Aprova pagamentos'],
    ])
    const run = await dryRun(t.admin, 'client_users', 'permissoes.xlsx', file)
    assert.equal(run.mapping.find((m) => m.header === 'Permissões')?.field, 'permissions')
    assert.deepEqual(run.totals, { rows: 3, ok: 2, errors: 1, skipped: 0 })
    const [bad] = await rowsOf(t.admin, run.id, 'error')
    assert.equal(bad.columnName, 'Permissões')
    assert.match(bad.message ?? '', /Permissão inexistente: Envia documentos\./)
    await confirm(t.admin, run.id, { invitations: 'later' })
    const perms = async (email: string) =>
      (
        (await ctx.app.database.db.execute(
          sql`select permissions from client_users where tenant_id = ${t.tenantId} and email = ${email}`,
        )) as unknown as { rows: { permissions: string[] }[] }
      ).rows[0].permissions
    assert.deepEqual(await perms('paula@permissoes.com.br'), ['documents:upload', 'events:register'])
    assert.deepEqual(await perms('rui@permissoes.com.br'), [])
  })

  test('undo cancels the invitation e-mails still in the queue: nobody receives a dead link', async () => {
    const file = await xlsx([
      ['Nome', 'E-mail'],
      ['Lia Na Fila', 'lia@fila.com.br'],
      ['Caio Na Fila', 'caio@fila.com.br'],
    ])
    const run = await dryRun(t.admin, 'client_users', 'fila.xlsx', file)
    const res = await t.admin.post(`/api/v1/imports/${run.id}/confirm`, { invitations: 'end' })
    assert.equal(res.status, 202, JSON.stringify(res.body))
    // One round of jobs: the import runs and queues the e-mails; their delivery would be the next.
    await ctx.app.jobs.drain(1)
    const queued = sql`select count(*)::int as n from mail_messages where to_address like '%@fila.com.br' and status = 'queued'`
    assert.equal(await count(queued), 2, 'the invitations wait in the queue')
    const undone = await t.admin.post(`/api/v1/imports/${run.id}/undo`)
    assert.equal(undone.status, 200, JSON.stringify(undone.body))
    await ctx.app.jobs.drain()
    assert.equal(await count(queued), 0)
    assert.equal(
      await count(
        sql`select count(*)::int as n from mail_messages where to_address like '%@fila.com.br' and status = 'cancelled'`,
      ),
      2,
    )
    assert.equal(await lastMailTo(ctx.app, 'lia@fila.com.br'), undefined, 'nothing delivered')
    const audit = await count(
      sql`select (after->>'mailsCancelled')::int as n from audit_log where entity = 'import_run' and entity_id = ${run.id} and action = 'undone'`,
    )
    assert.equal(audit, 2)
  })

  test("the mapping is the person's: headers nobody could guess are mapped by hand, a wrong mapping is corrected and the preview redone on the same upload", async () => {
    const file = await xlsx([
      ['Quem', 'Correio', 'Doc'],
      ['Quésia Mapeada', 'quesia@mapa.com.br', Number(cpf(456789012))],
      ['Rui Mapeado', 'rui@mapa.com.br', ''],
    ])
    const up = await upload(t.admin, 'client_users', 'mapa.xlsx', file)
    assert.equal(up.status, 201, JSON.stringify(up.body))
    assert.ok(
      (up.body as Run).mapping.every((m) => m.field === null),
      `nothing guessed: ${JSON.stringify(up.body.mapping)}`,
    )
    const preview = async (mapping: { column: number; field: string | null }[]) => {
      const res = await t.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, { mapping })
      assert.equal(res.status, 202, JSON.stringify(res.body))
      await ctx.app.jobs.drain()
      return (await t.admin.get(`/api/v1/imports/${up.body.id}`)).body as Run
    }
    const unknown = await t.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, {
      mapping: [{ column: 0, field: 'apelido' }],
    })
    assert.equal(unknown.status, 400)
    assert.match(unknown.body.message, /coluna 1 \("Quem"\) aponta para um campo que não existe/)

    // Swapped by mistake: every row is an error on the column the e-mail was mapped to.
    const swapped = await preview([
      { column: 0, field: 'email' },
      { column: 1, field: 'name' },
      { column: 2, field: 'cpf' },
    ])
    assert.deepEqual(swapped.totals, { rows: 2, ok: 0, errors: 2, skipped: 0 })
    assert.ok((await rowsOf(t.admin, swapped.id)).every((r) => r.columnName === 'Quem'))
    assert.equal((await t.admin.post(`/api/v1/imports/${up.body.id}/confirm`, {})).status, 409)

    // Corrected, the "Doc" column left out: the preview is redone from scratch on the same upload.
    const fixed = await preview([
      { column: 0, field: 'name' },
      { column: 1, field: 'email' },
      { column: 2, field: null },
    ])
    assert.equal(fixed.status, 'validated')
    assert.deepEqual(fixed.totals, { rows: 2, ok: 2, errors: 0, skipped: 0 })
    assert.deepEqual(
      fixed.mapping.map((m) => `${m.header}→${m.field}`),
      ['Quem→name', 'Correio→email', 'Doc→null'],
    )
    const rows = await rowsOf(t.admin, fixed.id)
    assert.equal(rows.length, 2, "the first preview's rows are gone")
    const done = await confirm(t.admin, fixed.id, { invitations: 'later' })
    assert.equal(done.progress.created, 2)
    const quesia = (await t.admin.get('/api/v1/client-users?search=quesia@mapa')).body.items[0]
    assert.equal(quesia.name, 'Quésia Mapeada')
    assert.equal(quesia.cpf, null, 'the column left out is not imported')
  })

  test('a CPF already used by a user of the tenant is an error on the CPF column that names its owner', async () => {
    const owner = cpf(345678901)
    const made = await t.admin.post('/api/v1/client-users', {
      name: 'Dona do CPF',
      email: 'dona@cpfusado.com.br',
      cpf: owner,
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const run = await dryRun(
      t.admin,
      'client_users',
      'cpf-usado.xlsx',
      await xlsx([
        ['Nome', 'E-mail', 'CPF'],
        ['Outra Pessoa', 'outra@cpfusado.com.br', Number(owner)],
        ['Pessoa Nova', 'nova@cpfusado.com.br', Number(cpf(345678902))],
      ]),
    )
    assert.deepEqual(run.totals, { rows: 2, ok: 1, errors: 1, skipped: 0 })
    const [bad] = await rowsOf(t.admin, run.id, 'error')
    assert.equal(bad.rowNumber, 2)
    assert.equal(bad.columnName, 'CPF')
    assert.equal(bad.message, 'CPF já usado pelo usuário Dona do CPF (dona@cpfusado.com.br).')
  })

  test('undo is refused while a user of the run accepted the invitation', async () => {
    const file = await xlsx([
      ['Nome', 'E-mail'],
      ['Rita Aceitou', 'rita@aceite.com.br'],
      ['Sara Não', 'sara@aceite.com.br'],
    ])
    const run = await dryRun(t.admin, 'client_users', 'aceite.xlsx', file)
    const done = await confirm(t.admin, run.id, { invitations: 'end' })
    assert.equal(done.progress.invited, 2)
    const mail = await lastMailTo(ctx.app, 'rita@aceite.com.br')
    const token = tokenFrom(mail.links.find((l) => l.includes('/convite'))!)
    const rita = new TestClient(ctx.app)
    await rita.get('/api/v1/auth/session')
    const accept = await rita.post('/api/v1/invitations/accept', {
      token,
      password: 'Rita-Senha-Forte-2026!',
      passwordConfirmation: 'Rita-Senha-Forte-2026!',
    })
    assert.equal(accept.status, 200, JSON.stringify(accept.body))
    const undo = await t.admin.post(`/api/v1/imports/${run.id}/undo`)
    assert.equal(undo.status, 409)
    assert.equal(undo.body.code, 'IMPORT_UNDO_ACCEPTED')
    assert.match(undo.body.message, /Rita Aceitou/)
    assert.equal(await usersOf(t.tenantId, '%@aceite.com.br'), 2)
  })

  test('invitations "later" and "schedule": scheduled like the single-user screen; at the time, sent (held for training when the gate says so)', async () => {
    const later = await dryRun(
      t.admin,
      'client_users',
      'depois.xlsx',
      await xlsx([
        ['Nome', 'E-mail'],
        ['Lia Depois', 'lia@depois.com.br'],
      ]),
    )
    const laterDone = await confirm(t.admin, later.id, { invitations: 'later' })
    assert.equal(laterDone.status, 'done')
    const lia = (await t.admin.get('/api/v1/client-users?search=lia@depois')).body.items[0]
    assert.equal(lia.invitation.status, 'scheduled')
    assert.equal(await lastMailTo(ctx.app, 'lia@depois.com.br'), undefined)

    const past = await t.admin.post(`/api/v1/imports/${later.id}/confirm`, { invitations: 'end' })
    assert.equal(past.status, 409, 'a run is confirmed once')

    const untrained = await createOrg(t, 'Unidade Sem Treinamento')
    assert.equal((await t.admin.patch('/api/v1/settings', { invitationsAwaitTraining: true })).status, 200)
    try {
      const sched = await dryRun(
        t.admin,
        'client_users',
        'agendado.xlsx',
        await xlsx([
          ['Nome', 'E-mail', 'Empresa'],
          ['Mia Agendada', 'mia@agenda.com.br', ''],
          ['Noé Sem Treino', 'noe@agenda.com.br', untrained.document],
        ]),
      )
      const pastDate = await t.admin.post(`/api/v1/imports/${sched.id}/confirm`, {
        invitations: 'schedule',
        scheduleAt: new Date(Date.now() - 60_000).toISOString(),
      })
      assert.equal(pastDate.status, 400)
      const at = new Date(Date.now() + 3_600_000).toISOString()
      const done = await confirm(t.admin, sched.id, { invitations: 'schedule', scheduleAt: at })
      assert.equal(done.status, 'done')
      const mia = (await t.admin.get('/api/v1/client-users?search=mia@agenda')).body.items[0]
      assert.equal(mia.invitation.status, 'scheduled')
      // The time comes.
      await ctx.app.database.db.execute(
        sql`update jobs set run_at = now() where name = 'imports.scheduled-invitations' and status = 'queued'`,
      )
      await ctx.app.jobs.drain()
      const miaAfter = (await t.admin.get('/api/v1/client-users?search=mia@agenda')).body.items[0]
      assert.equal(miaAfter.invitation.status, 'sent')
      assert.ok(await lastMailTo(ctx.app, 'mia@agenda.com.br'))
      const noe = (await t.admin.get('/api/v1/client-users?search=noe@agenda')).body.items[0]
      assert.equal(noe.invitation.status, 'scheduled', 'held until the unit is trained')
      assert.equal(await lastMailTo(ctx.app, 'noe@agenda.com.br'), undefined)
      const held = await count(
        sql`select count(*)::int as n from invitations i join client_users cu on cu.id = i.client_user_id
            where cu.email = 'noe@agenda.com.br' and i.held_for_org_id = ${untrained.id} and i.status = 'scheduled'`,
      )
      assert.equal(held, 1)

      // "At the end" goes through the same gate: sent to whoever may receive it, held for the rest.
      const end = await dryRun(
        t.admin,
        'client_users',
        'ao-fim.xlsx',
        await xlsx([
          ['Nome', 'E-mail', 'Empresa'],
          ['Olga Ao Fim', 'olga@aofim.com.br', ''],
          ['Paulo Sem Treino', 'paulo@aofim.com.br', untrained.document],
        ]),
      )
      const ended = await confirm(t.admin, end.id, { invitations: 'end' })
      assert.equal(ended.status, 'done', JSON.stringify(ended))
      assert.equal(ended.progress.created, 2)
      const olga = (await t.admin.get('/api/v1/client-users?search=olga@aofim')).body.items[0]
      assert.equal(olga.invitation.status, 'sent')
      assert.ok(await lastMailTo(ctx.app, 'olga@aofim.com.br'))
      const paulo = (await t.admin.get('/api/v1/client-users?search=paulo@aofim')).body.items[0]
      assert.equal(paulo.invitation.status, 'scheduled', 'held until the unit is trained')
      assert.equal(await lastMailTo(ctx.app, 'paulo@aofim.com.br'), undefined)
      assert.equal(
        await count(
          sql`select count(*)::int as n from invitations i join client_users cu on cu.id = i.client_user_id
              where cu.email = 'paulo@aofim.com.br' and i.held_for_org_id = ${untrained.id}`,
        ),
        1,
      )
    } finally {
      await t.admin.patch('/api/v1/settings', { invitationsAwaitTraining: false })
    }
  })

  test('a crash in the middle of a batch rolls that batch back; the job resumes from the cursor, around batches committed beside it, with nothing duplicated or lost', async () => {
    const n = 1600
    const rows: unknown[][] = [['Nome', 'E-mail', 'CPF']]
    for (let i = 1; i <= n; i++)
      rows.push([`Pessoa ${i} Lote`, `p${i}@crash.com.br`, Number(cpf(200000000 + i))])
    const run = await dryRun(t.admin, 'client_users', 'grande.xlsx', await xlsx(rows))
    assert.equal(run.totals.ok, n)
    // The database refuses the 1,200th user: the third batch (rows 1002–1501) fails mid-way.
    await ctx.app.database.db.execute(sql`
      create or replace function crash_import() returns trigger language plpgsql as $$
      begin
        if new.email = 'p1200@crash.com.br' then raise exception 'queda simulada no meio do lote'; end if;
        return new;
      end $$`)
    await ctx.app.database.db.execute(
      sql`create trigger crash_import before insert on client_users for each row execute function crash_import()`,
    )
    try {
      const res = await t.admin.post(`/api/v1/imports/${run.id}/confirm`, { invitations: 'later' })
      assert.equal(res.status, 202)
      // Every attempt fails at the same row; after the last one the run is marked failed.
      for (let i = 0; i < 12; i++) {
        await ctx.app.jobs.drain()
        await new Promise((r) => setTimeout(r, 120))
      }
      const failed: Run = (await t.admin.get(`/api/v1/imports/${run.id}`)).body
      assert.equal(failed.status, 'failed', JSON.stringify(failed))
      assert.match(failed.failureMessage ?? '', /Retomar/)
      // Batches 1–2 (rows 1–1000) committed. PostgreSQL writes two batches side by side: the fourth
      // (rows 1501–1600) ran beside the failing third and committed; PGlite writes one at a time.
      const committed = ctx.app.database.kind === 'postgres' ? 1100 : 1000
      assert.equal(failed.progress.created, committed, 'whole batches committed')
      assert.equal(failed.progress.done, committed)
      assert.equal(await usersOf(t.tenantId, '%@crash.com.br'), committed, 'no half batch')
      assert.equal(
        await count(sql`select count(*)::int as n from client_users where tenant_id = ${t.tenantId}
                        and email in (select 'p' || i || '@crash.com.br' from generate_series(1001, 1500) i)`),
        0,
        'nothing of the failed batch',
      )
      assert.equal(
        await count(sql`select count(*)::int as n from import_created where run_id = ${run.id}`),
        committed,
      )
      assert.equal(
        await count(sql`select count(*)::int as n from invitations i join client_users cu on cu.id = i.client_user_id
                        where cu.email like '%@crash.com.br'`),
        committed,
        '"Enviar mais tarde": scheduled with their batch, in the same transaction',
      )
    } finally {
      await ctx.app.database.db.execute(sql`drop trigger if exists crash_import on client_users`)
    }
    // "Retomar": from the cursor of the last committed batch, around the batches committed after it.
    const resumed = await t.admin.post(`/api/v1/imports/${run.id}/resume`)
    assert.equal(resumed.status, 202, JSON.stringify(resumed.body))
    await ctx.app.jobs.drain()
    const done: Run = (await t.admin.get(`/api/v1/imports/${run.id}`)).body
    assert.equal(done.status, 'done')
    assert.equal(done.progress.created, n)
    assert.equal(await usersOf(t.tenantId, '%@crash.com.br'), n)
    assert.equal(
      await count(
        sql`select count(distinct lower(email))::int as n from client_users where tenant_id = ${t.tenantId} and email like '%@crash.com.br'`,
      ),
      n,
      'no duplicates',
    )
    assert.equal(await count(sql`select count(*)::int as n from import_created where run_id = ${run.id}`), n)
    assert.equal(
      await count(sql`select count(*)::int as n from invitations i join client_users cu on cu.id = i.client_user_id
                      where cu.email like '%@crash.com.br'`),
      n,
      'one invitation each',
    )
  })

  test('a job that dies between batches (worker killed) is picked up again and continues from the cursor', async () => {
    const rows: unknown[][] = [['Nome', 'E-mail']]
    for (let i = 1; i <= 1200; i++) rows.push([`Morte ${i} Súbita`, `m${i}@kill.com.br`])
    const run = await dryRun(t.admin, 'client_users', 'kill.xlsx', await xlsx(rows))
    assert.equal(
      (await t.admin.post(`/api/v1/imports/${run.id}/confirm`, { invitations: 'later' })).status,
      202,
    )
    // One batch runs, then the process "dies": the job stays claimed (running) with nobody working on it.
    const { importStep } = await import('#server/modules/imports/imports.run.ts')
    const token = await claimImportJob(ctx.app.database.db, run.id)
    assert.equal(
      await importStep(
        {
          db: ctx.app.database.db,
          config: ctx.config,
          storage: createLocalStorage(path.join(ctx.config.dataDir, 'imports')),
        },
        t.tenantId,
        run.id,
        token,
      ),
      'more',
    )
    const mid: Run = (await t.admin.get(`/api/v1/imports/${run.id}`)).body
    assert.equal(mid.progress.created, 500)
    // A new worker finds the stale job (past its timeout) and resumes from the cursor.
    await requeueAbandonedImportJobs(ctx.app.database.db)
    await ctx.app.jobs.drain()
    const done: Run = (await t.admin.get(`/api/v1/imports/${run.id}`)).body
    assert.equal(done.status, 'done')
    assert.equal(done.progress.created, 1200)
    assert.equal(await usersOf(t.tenantId, '%@kill.com.br'), 1200)
  })

  test('batches committed beyond the cursor (a lane that finished beside a failed one) are not written again, whatever the batch size now', async () => {
    const rows: unknown[][] = [['Nome', 'E-mail']]
    for (let i = 1; i <= 1300; i++) rows.push([`Faixa ${i} Feita`, `f${i}@faixa.com.br`])
    const run = await dryRun(t.admin, 'client_users', 'faixas.xlsx', await xlsx(rows))
    assert.equal(
      (await t.admin.post(`/api/v1/imports/${run.id}/confirm`, { invitations: 'later' })).status,
      202,
    )
    // As a run left by a crash: f701–f900 (sheet rows 702–901, below the header) committed by a
    // lane when batches were of 200 rows (they are of 500 now), nothing before them.
    await ctx.app.database.db.execute(
      sql`update import_runs set done_ranges = '[[701, 901]]'::jsonb where id = ${run.id}`,
    )
    await ctx.app.jobs.drain()
    const done: Run = (await t.admin.get(`/api/v1/imports/${run.id}`)).body
    assert.equal(done.status, 'done')
    assert.equal(done.progress.created, 1100)
    assert.equal(await usersOf(t.tenantId, '%@faixa.com.br'), 1100)
    assert.equal(
      await count(sql`select count(*)::int as n from client_users where tenant_id = ${t.tenantId}
                      and email in (select 'f' || i || '@faixa.com.br' from generate_series(701, 900) i)`),
      0,
      'the committed range is skipped',
    )
    for (const edge of [700, 901, 1300])
      assert.equal(await usersOf(t.tenantId, `f${edge}@faixa.com.br`), 1, `row ${edge}`)
    const [state] = (
      (await ctx.app.database.db.execute(
        sql`select cursor, done_ranges from import_runs where id = ${run.id}`,
      )) as unknown as { rows: { cursor: number; done_ranges: unknown }[] }
    ).rows
    assert.equal(Number(state.cursor), 1301, 'the cursor moved over every range')
    assert.deepEqual(state.done_ranges, [])
  })

  test('client organisations from a Windows-1252 CSV with ";" and quoted fields; CNPJ/CEP without leading zeros; re-run skips by CNPJ', async () => {
    const csv = [
      'CNPJ;Razão social;Nome fantasia;IE;CEP;Logradouro;Número;Bairro;Município;UF;E-mail',
      // 01.234.567/0001-95 lost its zero (13 digits); CEP 01310-100 too.
      '1234567000195;"Açougue Irmãos Ávila; Filhos Ltda";Ávila;ISENTO;1310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;contato@avila.com.br',
      '11.222.333/0001-81;Padaria Pão Quente Ltda;;;29000-000;Rua Sete;S/N;Centro;Vitória;es;',
      '11.222.333/0001-00;CNPJ Errado Ltda;;;;;;;;;',
      '11222333000181;Repetida Ltda;;;;;;;;;',
      '529.982.247-25;Produtor Rural José;;;29100000;Sítio Boa Vista;km 3;Zona Rural;Vila Velha;ES;',
      '=1+2;@Fórmula Ltda;;;;;;;;;',
      '45.723.174/0001-10;"=HYPERLINK(""http://x"")";;;;;;;;;',
    ].join('\r\n')
    const bytes = Buffer.from(csv, 'latin1')
    const run = await dryRun(t.admin, 'client_orgs', 'clientes.csv', bytes, 'text/csv')
    assert.equal(run.status, 'validated', JSON.stringify(run))
    assert.deepEqual(run.totals, { rows: 7, ok: 4, errors: 3, skipped: 0 })
    const rows = await rowsOf(t.admin, run.id)
    assert.equal(
      rows[0].cells[1],
      'Açougue Irmãos Ávila; Filhos Ltda',
      'Windows-1252 accents and a quoted ";"',
    )
    assert.match(rows[2].message!, /CPF ou CNPJ inválido/)
    assert.equal(rows[2].columnName, 'CNPJ')
    assert.match(rows[3].message!, /CNPJ repetido na planilha \(já está na linha 3\)/)
    assert.equal(rows[5].status, 'error')
    const done = await confirm(t.admin, run.id)
    assert.equal(done.progress.created, 4)
    const found = (await t.admin.get('/api/v1/client-orgs?search=01.234.567/0001-95')).body.items
    assert.equal(found.length, 1)
    const avila = (await t.admin.get(`/api/v1/client-orgs/${found[0].id}`)).body
    assert.equal(avila.name, 'Açougue Irmãos Ávila; Filhos Ltda')
    assert.equal(avila.stateRegistration, 'ISENTO')
    assert.deepEqual(avila.emails, ['contato@avila.com.br'])
    assert.equal(avila.addresses[0].cep, '01310-100')
    assert.equal(avila.addresses[0].city, 'São Paulo')
    const rural = (await t.admin.get('/api/v1/client-orgs?search=529.982.247-25')).body.items[0]
    assert.equal(rural.documentType, 'cpf')

    const again = await dryRun(t.admin, 'client_orgs', 'clientes.csv', bytes, 'text/csv')
    assert.equal(again.totals.ok, 0)
    assert.equal(again.totals.skipped, 4)
    assert.match(
      (await rowsOf(t.admin, again.id, 'skipped'))[0].message!,
      /CNPJ já cadastrado: Açougue Irmãos Ávila/,
    )

    // Exports of the client list: filters respected, formula cells neutralised.
    const exported = await t.admin.get('/api/v1/exports/client-orgs?format=csv&search=HYPERLINK')
    assert.equal(exported.status, 200)
    const text = String(exported.body)
    assert.match(text, /^\uFEFFRazão social \/ Nome;Nome fantasia;CNPJ\/CPF/)
    assert.match(text, /\r\n"'=HYPERLINK\(""http:\/\/x""\)";/)
    assert.equal(text.trim().split('\r\n').length, 2, 'only the filtered client')
    const xl = await ctx.app.inject({
      url: '/api/v1/exports/client-orgs?format=xlsx&search=HYPERLINK',
      headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    assert.equal(xl.statusCode, 200)
    assert.equal(xl.headers['content-type'], XLSX)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xl.rawPayload as unknown as ArrayBuffer)
    const cell = wb.worksheets[0].getCell('A2')
    assert.equal(cell.value, '\'=HYPERLINK("http://x")')
    assert.equal(cell.formula, undefined)
  })

  test('undo of a client import: the empty department folders opened since go with the clients; a client with a published document keeps the whole import in place', async () => {
    const csv = (rows: string[]) => Buffer.from(['CNPJ;Razão social', ...rows].join('\r\n'), 'utf8')
    const orgsLike = (like: string) =>
      count(
        sql`select count(*)::int as n from client_orgs where tenant_id = ${t.tenantId} and name like ${like}`,
      )
    const treeOf = async (name: string) => {
      const id = (await t.admin.get(`/api/v1/client-orgs?search=${encodeURIComponent(name)}`)).body.items[0]
        .id
      const tree = await t.admin.get(`/api/v1/client-orgs/${id}/documents`)
      assert.equal(tree.status, 200, JSON.stringify(tree.body))
      assert.ok(
        tree.body.folders.length > 0,
        "opening the documents creates the default departments' folders",
      )
      return { id, folders: tree.body.folders as { id: string; isSystem: boolean }[] }
    }

    // Opened, nothing published: undo removes the clients and their empty folders.
    const opened = await dryRun(
      t.admin,
      'client_orgs',
      'desfazer.csv',
      csv(['33.000.167/0001-01;Desfazer Aberta Ltda', '60.701.190/0001-04;Desfazer Fechada Ltda']),
      'text/csv',
    )
    assert.equal((await confirm(t.admin, opened.id)).progress.created, 2)
    const a = await treeOf('Desfazer Aberta')
    const undone = await t.admin.post(`/api/v1/imports/${opened.id}/undo`)
    assert.equal(undone.status, 200, JSON.stringify(undone.body))
    assert.equal(await orgsLike('Desfazer %'), 0)
    assert.equal(
      await count(sql`select count(*)::int as n from document_folders where client_org_id = ${a.id}`),
      0,
    )

    // A document published in one of them: nothing is removed, the reason is given.
    const used = await dryRun(
      t.admin,
      'client_orgs',
      'em-uso.csv',
      csv(['33.000.167/0001-01;Em Uso Documento Ltda', '60.701.190/0001-04;Em Uso Livre Ltda']),
      'text/csv',
    )
    assert.equal((await confirm(t.admin, used.id)).progress.created, 2)
    const b = await treeOf('Em Uso Documento')
    const folder = b.folders.find((f) => f.isSystem)!
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Title (Contrato) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    )
    const published = await t.admin.upload(
      'POST',
      `/api/v1/documents/folders/${folder.id}/documents`,
      'contrato.pdf',
      pdf,
      'application/pdf',
    )
    assert.equal(published.status, 201, JSON.stringify(published.body))
    const refused = await t.admin.post(`/api/v1/imports/${used.id}/undo`)
    assert.equal(refused.status, 409)
    assert.equal(refused.body.code, 'IMPORT_UNDO_IN_USE')
    assert.match(refused.body.message, /[Nn]ão é possível desfazer/)
    assert.equal(await orgsLike('Em Uso %'), 2, 'both clients kept')
    assert.equal(
      await count(sql`select count(*)::int as n from document_folders where client_org_id = ${b.id}`),
      b.folders.length,
      'and every folder',
    )
    assert.equal((await t.admin.get(`/api/v1/imports/${used.id}`)).body.status, 'done')
  })

  test("client organisations take the tenant's extra fields: required ones checked, dates from date cells, Excel serials or dd/mm/aaaa", async () => {
    const x = await createTenant(ctx.app, ctx.config)
    const defined = await x.admin.patch('/api/v1/settings', {
      extraFields: {
        clients: [
          { label: 'Data de fundação', required: true },
          { label: 'Código ERP', required: false },
        ],
      },
    })
    assert.equal(defined.status, 200, JSON.stringify(defined.body))
    const file = await xlsx([
      ['CNPJ', 'Razão social', 'Data de fundação', 'Código ERP'],
      ['11.222.333/0001-81', 'Fundada em Data Ltda', new Date(Date.UTC(1998, 4, 17)), 'ERP-1'],
      ['45.723.174/0001-10', 'Fundada em Serial Ltda', 36000, ''],
      ['01.234.567/0001-95', 'Fundada em Texto Ltda', '05/11/2001', 'ERP-3'],
      ['19.131.243/0001-97', 'Sem Fundação Ltda', '', 'ERP-4'],
      ['33.000.167/0001-01', 'Data Ruim Ltda', '31/02/2001', ''],
    ])
    const up = await upload(x.admin, 'client_orgs', 'extras.xlsx', file)
    assert.equal(up.status, 201, JSON.stringify(up.body))
    const fields = Object.fromEntries((up.body as Run).mapping.map((m) => [m.header, m.field]))
    assert.equal(fields['Data de fundação'], 'extra:data-de-fundacao')
    assert.equal(fields['Código ERP'], 'extra:codigo-erp')
    assert.ok(
      up.body.fields.some(
        (f: { key: string; required: boolean }) => f.key === 'extra:data-de-fundacao' && f.required,
      ),
    )
    const mapping = (up.body as Run).mapping.map((m) => ({ column: m.column, field: m.field }))
    assert.equal((await x.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, { mapping })).status, 202)
    await ctx.app.jobs.drain()
    const run: Run = (await x.admin.get(`/api/v1/imports/${up.body.id}`)).body
    assert.deepEqual(run.totals, { rows: 5, ok: 3, errors: 2, skipped: 0 })
    const rows = await rowsOf(x.admin, run.id, 'error')
    assert.equal(rows[0].columnName, 'Data de fundação')
    assert.match(rows[0].message!, /Preencha o campo "Data de fundação"/)
    assert.match(rows[1].message!, /Data inválida: use dd\/mm\/aaaa/)
    await confirm(x.admin, run.id)
    const byName = async (name: string) => {
      const [o] = (await x.admin.get(`/api/v1/client-orgs?search=${encodeURIComponent(name)}`)).body.items
      return o.extraFields as Record<string, string>
    }
    assert.deepEqual(await byName('Fundada em Data'), {
      'data-de-fundacao': '17/05/1998',
      'codigo-erp': 'ERP-1',
    })
    // Excel serial 36000 is 24 July 1998.
    assert.deepEqual(await byName('Fundada em Serial'), { 'data-de-fundacao': '24/07/1998' })
    assert.deepEqual(await byName('Fundada em Texto'), {
      'data-de-fundacao': '05/11/2001',
      'codigo-erp': 'ERP-3',
    })
  })

  test('exports of client users, fichas and a client’s plans; permission needed; formulas neutralised', async () => {
    await t.admin.post('/api/v1/client-users', {
      name: '@SOMA(1;2) Maliciosa',
      email: 'maliciosa@export.com.br',
    })
    const users = await t.admin.get('/api/v1/exports/client-users?format=csv&search=export.com.br')
    assert.equal(users.status, 200)
    assert.match(String(users.body), /\r\n"'@SOMA\(1;2\) Maliciosa";maliciosa@export\.com\.br;/)
    assert.equal(String(users.body).trim().split('\r\n').length, 2)
    // Fichas: two received, one moved on to verification; the export follows the board's filters.
    const ficha = (org: string, email: string) => ({
      senderName: 'Remetente da Ficha',
      senderEmail: email,
      data: {
        organization: { name: org },
        unit: { name: 'Sede' },
        responsible: { name: 'Remetente da Ficha', email },
      },
    })
    const ids: string[] = []
    for (const [org, email] of [
      ['+Ficha Exportada Um', 'um@fichaexp.com.br'],
      ['Ficha Exportada Dois', 'dois@fichaexp.com.br'],
      ['Ficha Exportada Três', 'tres@fichaexp.com.br'],
    ]) {
      const made = await t.admin.post('/api/v1/fichas', ficha(org, email))
      assert.equal(made.status, 201, JSON.stringify(made.body))
      ids.push(made.body.id)
    }
    await t.admin.post(`/api/v1/fichas/${ids[2]}/transition`, { to: 'em_verificacao' })
    const fichas = await t.admin.get('/api/v1/exports/fichas?format=csv&search=Ficha%20Exportada')
    assert.equal(fichas.status, 200)
    assert.match(String(fichas.body), /^\uFEFFProtocolo;Situação/)
    assert.equal(String(fichas.body).trim().split('\r\n').length, 1 + 3)
    assert.match(String(fichas.body), /;'\+Ficha Exportada Um;/, 'formula neutralised')
    const received = String(
      (await t.admin.get('/api/v1/exports/fichas?format=csv&search=Ficha%20Exportada&status=recebida')).body,
    )
    assert.equal(received.trim().split('\r\n').length, 1 + 2)
    assert.doesNotMatch(received, /Exportada Três/)
    const org = await createOrg(t, 'Cliente Com Planos')
    const plans = await t.admin.get(`/api/v1/exports/client-orgs/${org.id}/plans?format=csv`)
    assert.equal(plans.status, 200)
    assert.match(String(plans.body), /^\uFEFFNº;Cliente;Plano/)
    // The plan catalogue, by category: prices in reais, the cycle and services in words.
    const category = (await t.admin.post('/api/v1/plan-categories', { name: 'Catálogo Exportado' })).body
    const other1 = (await t.admin.post('/api/v1/plan-categories', { name: 'Outra Categoria' })).body
    for (const [categoryId, name] of [
      [category.id, '=Fibra 300 Mega'],
      [other1.id, 'Plano de Outra Categoria'],
    ]) {
      const made = await t.admin.post('/api/v1/plans', {
        categoryId,
        name,
        priceCents: 12990,
        billingCycle: 'trimestral',
        services: [{ kind: 'radius', required: true }],
      })
      assert.equal(made.status, 201, JSON.stringify(made.body))
    }
    const catalog = String(
      (await t.admin.get(`/api/v1/exports/plans?format=csv&categoryId=${category.id}`)).body,
    )
    assert.match(catalog, /^\uFEFFCategoria;Plano;Descrição;Preço;Ciclo/)
    assert.match(
      catalog,
      /\r\nCatálogo Exportado;'=Fibra 300 Mega;;R\$\s129,90;Trimestral;0;Não;Login RADIUS \(obrigatório\);À venda/,
    )
    assert.equal(catalog.trim().split('\r\n').length, 2, 'only the chosen category')
    const bad = await t.admin.get('/api/v1/exports/client-orgs?format=pdf')
    assert.equal(bad.status, 400)
    const tech = await createStaffClient(ctx.app, t, 'Técnico')
    assert.equal((await tech.client.get('/api/v1/exports/client-orgs')).status, 403)
    assert.equal((await tech.client.get('/api/v1/exports/plans')).status, 403)
    assert.equal((await tech.client.get('/api/v1/imports')).status, 403)
    // Another tenant's client: 404, like a missing one.
    assert.equal((await other.admin.get(`/api/v1/exports/client-orgs/${org.id}/plans`)).status, 404)

    // A search the client list caps at 200 matches ("refine a busca") exports every match.
    await ctx.app.database.db.execute(sql`
      insert into client_orgs (tenant_id, document_type, document, name)
      select ${t.tenantId}::uuid, 'cpf', lpad((90000 + g)::text, 11, '0'), 'Exportação em Massa ' || g
      from generate_series(1, 230) g`)
    const listed = await t.admin.get('/api/v1/client-orgs?search=em%20massa')
    assert.equal(listed.body.totalCapped, true)
    const all = await t.admin.get('/api/v1/exports/client-orgs?format=csv&search=em%20massa')
    assert.equal(all.status, 200)
    const lines = String(all.body).trim().split('\r\n')
    assert.equal(lines.length, 1 + 230)
    assert.match(lines[1], /^Exportação em Massa 1;/, 'in name order')
  })

  test('files refused with clear pt-BR messages: too large, too many rows, malformed, password-protected, old .xls, zip bomb, not a spreadsheet', async () => {
    const small = await startTestApp({
      config: {
        imports: {
          maxBytes: 64 * 1024,
          maxRows: 10,
          maxUncompressedBytes: 64 * 1024 * 20,
          maxRatio: 100,
          batchRows: 500,
          lanes: 2,
          retentionDays: 90,
          exportMaxRows: 3,
        },
      },
    })
    try {
      const s = await createTenant(small.app, small.config)
      // A list longer than an export holds is refused with its size, never cut short.
      for (const n of [1, 2, 3, 4])
        await s.admin.post('/api/v1/client-users', {
          name: `Pessoa Exportada ${n}`,
          email: `p${n}@corte.com.br`,
        })
      const cut = await s.admin.get('/api/v1/exports/client-users?format=csv&search=corte.com.br')
      assert.equal(cut.status, 413)
      assert.equal(cut.body.code, 'EXPORT_TOO_LARGE')
      assert.match(cut.body.message, /A lista tem 4 linhas e um arquivo leva até 3\. Filtre a lista/)
      const narrowed = await s.admin.get('/api/v1/exports/client-users?format=csv&search=p1@corte')
      assert.equal(narrowed.status, 200)

      const up = (name: string, bytes: Buffer, type = XLSX) =>
        s.admin.upload('POST', '/api/v1/imports?kind=client_users', name, bytes, type)

      const big = await up('grande.csv', Buffer.alloc(70 * 1024, 'a'), 'text/csv')
      assert.equal(big.status, 413)
      assert.match(big.body.message, /limite de 0,1 MB|limite de 0,06 MB|limite de/)

      const rows = [['Nome', 'E-mail']]
      for (let i = 0; i < 11; i++) rows.push([`Pessoa ${i} Silva`, `p${i}@limite.com.br`])
      const many = await up('muitas.xlsx', await xlsx(rows))
      assert.equal(many.status, 201)
      await s.admin.post(`/api/v1/imports/${many.body.id}/dry-run`, {
        mapping: (many.body as Run).mapping.map((m) => ({ column: m.column, field: m.field })),
      })
      await small.app.jobs.drain()
      const failed = (await s.admin.get(`/api/v1/imports/${many.body.id}`)).body
      assert.equal(failed.status, 'failed')
      assert.match(failed.failureMessage, /limite de 10 linhas/)

      const junk = await up('planilha.xlsx', Buffer.from('isto não é uma planilha, só texto'))
      assert.equal(junk.status, 422)
      assert.equal(junk.body.code, 'SPREADSHEET_MALFORMED')

      const good = await xlsx([['Nome'], ['Fulano']])
      const truncated = await up('cortada.xlsx', good.subarray(0, Math.floor(good.length / 2)))
      assert.equal(truncated.status, 422)
      assert.equal(truncated.body.code, 'SPREADSHEET_MALFORMED')

      // A password-protected workbook is an OLE compound file holding an "EncryptedPackage" stream.
      const ole = Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(512),
        Buffer.from('EncryptedInfo\0EncryptedPackage', 'utf16le'),
        Buffer.alloc(512),
      ])
      const locked = await up('protegida.xlsx', ole)
      assert.equal(locked.status, 422)
      assert.equal(locked.body.code, 'SPREADSHEET_ENCRYPTED')
      assert.match(locked.body.message, /protegida por senha/)
      const xls = await up('antiga.xls', Buffer.concat([ole.subarray(0, 8), Buffer.alloc(2048)]))
      assert.equal(xls.status, 415)
      assert.match(xls.body.message, /\.xls/)
      // A zip entry flagged as encrypted (ZipCrypto).
      const zipCrypto = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), flags: 1 },
      ])
      assert.equal((await up('zipcrypto.xlsx', zipCrypto)).body.code, 'SPREADSHEET_ENCRYPTED')

      // A zip bomb: 60 MB of zeros in ~60 KB.
      const bomb = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x20) },
      ])
      assert.ok(bomb.length < 64 * 1024, `bomb is ${bomb.length} bytes`)
      const boom = await up('bomba.xlsx', bomb)
      assert.equal(boom.status, 422)
      assert.equal(boom.body.code, 'SPREADSHEET_ZIP_BOMB')

      const binary = await up(
        'imagem.csv',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]),
        'text/csv',
      )
      assert.equal(binary.status, 415)

      const none = await s.admin.post('/api/v1/imports?kind=client_users', {})
      assert.equal(none.status, 400)
      assert.match(none.body.message, /Envie a planilha/)
    } finally {
      await small.close()
    }
  })

  test('a LibreOffice-made .xlsx (when soffice is installed) imports like an Excel one', async (tt) => {
    if (!hasLibreOffice()) {
      tt.skip('soffice não instalado: a planilha do teste é escrita com exceljs')
      return
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cadastra-soffice-'))
    let bytes: Buffer
    try {
      bytes = readFileSync(
        libreOfficeXlsx(dir, 'libre', [
          ['Nome', 'E-mail', 'CPF'],
          ['Lívia Libre', 'livia@libre.com.br', Number(cpf(1234567))],
          ['Otávio Office', 'otavio@libre.com.br', cpf(7654321)],
        ]),
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const run = await dryRun(t.admin, 'client_users', 'libre.xlsx', bytes)
    assert.equal(run.totals.ok, 2, JSON.stringify(run))
    const rows = await rowsOf(t.admin, run.id, 'ok')
    assert.deepEqual(
      rows.map((r) => r.cells[0]),
      ['Lívia Libre', 'Otávio Office'],
      'accents survive LibreOffice',
    )
    assert.equal(rows[0].cells[2], cpf(1234567).replace(/^0+/, ''), 'the CPF is a number cell')
    await confirm(t.admin, run.id, { invitations: 'later' })
    assert.equal(await usersOf(t.tenantId, '%@libre.com.br'), 2)
  })

  test("a person who may import only clients sees only client imports: users' runs are neither listed nor opened", async () => {
    const x = await createTenant(ctx.app, ctx.config)
    await dryRun(
      x.admin,
      'client_users',
      'pessoas.xlsx',
      await xlsx([
        ['Nome', 'E-mail'],
        ['Pessoa Um', 'um@tipos.com.br'],
      ]),
    )
    const orgs = await dryRun(
      x.admin,
      'client_orgs',
      'clientes.csv',
      Buffer.from('CNPJ;Razão social\r\n33.000.167/0001-01;Só Clientes Ltda', 'utf8'),
      'text/csv',
    )
    const profile = await x.admin.post('/api/v1/profiles', {
      name: 'Cadastro de clientes',
      description: 'Importa clientes',
      permissions: ['clients:read', 'clients:manage', 'imports:run'],
    })
    assert.equal(profile.status, 201, JSON.stringify(profile.body))
    x.profiles.set('Cadastro de clientes', profile.body.id)
    const clerk = await createStaffClient(ctx.app, x, 'Cadastro de clientes')
    const admins = (await x.admin.get('/api/v1/imports')).body
    assert.equal(admins.total, 2)
    const theirs = (await clerk.client.get('/api/v1/imports')).body
    assert.equal(theirs.total, 1)
    assert.deepEqual(
      theirs.items.map((r: { id: string; kind: string }) => [r.id, r.kind]),
      [[orgs.id, 'client_orgs']],
    )
    const users = admins.items.find((r: { kind: string }) => r.kind === 'client_users')
    assert.equal((await clerk.client.get(`/api/v1/imports/${users.id}`)).status, 403)
    const upload = await clerk.client.upload(
      'POST',
      '/api/v1/imports?kind=client_users',
      'pessoas.xlsx',
      await xlsx([
        ['Nome', 'E-mail'],
        ['Pessoa Dois', 'dois@tipos.com.br'],
      ]),
      XLSX,
    )
    assert.equal(upload.status, 403)
  })

  test("another tenant's import is 404 everywhere, like a missing one", async () => {
    const run = await dryRun(
      t.admin,
      'client_users',
      'isolado.xlsx',
      await xlsx([
        ['Nome', 'E-mail'],
        ['Isa Isolada', 'isa@isolado.com.br'],
      ]),
    )
    for (const [method, url] of [
      ['GET', `/api/v1/imports/${run.id}`],
      ['GET', `/api/v1/imports/${run.id}/rows`],
      ['GET', `/api/v1/imports/${run.id}/error-report`],
      ['POST', `/api/v1/imports/${run.id}/dry-run`],
      ['POST', `/api/v1/imports/${run.id}/confirm`],
      ['POST', `/api/v1/imports/${run.id}/undo`],
      ['POST', `/api/v1/imports/${run.id}/resume`],
    ] as const) {
      const res = await other.admin.request(
        method,
        url,
        method === 'POST' ? (url.endsWith('dry-run') ? { mapping: [] } : {}) : undefined,
      )
      assert.equal(res.status, 404, `${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`)
    }
    const list = (await other.admin.get('/api/v1/imports')).body
    assert.ok(!list.items.some((r: { id: string }) => r.id === run.id))
    const mine = (await t.admin.get('/api/v1/imports')).body
    assert.ok(mine.items.some((r: { id: string }) => r.id === run.id))
  })
})

function formatCpf(d: string) {
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`
}
