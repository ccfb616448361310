import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { and, eq, sql } from 'drizzle-orm'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import { createLocalStorage } from '#server/platform/storage/index.ts'
import { createOrg, portalClientUser } from '../factories/client-users.ts'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import type { TestClient } from '../helpers/client.ts'

const run = promisify(execFile)
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

/** Python's zipfile, another program, reads the archive: its entries and their bytes (hex). */
async function readZip(bytes: Buffer): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadastra-zip-'))
  try {
    const file = path.join(dir, 'pasta.zip')
    writeFileSync(file, bytes)
    const script =
      'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
      'print(json.dumps({i.filename: z.read(i).hex() for i in z.infolist()}))'
    const { stdout } = await run('python3', ['-c', script, file])
    return JSON.parse(stdout)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('"Baixar tudo": a pasta em um .zip, com o que cada um vê', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture
  let storageDir: string
  let fiscal: string
  let pessoal: string
  let revisor: { id: string; client: TestClient }
  let docs: Record<string, string>

  before(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'cadastra-zip-docs-'))
    ctx = await startTestApp({
      deps: {
        documents: { storage: createLocalStorage(storageDir), zipLimits: { files: 4, bytes: 1024 * 1024 } },
      },
    })
    t = await createTenant(ctx.app, ctx.config, { name: 'Contabilidade Zip' })
    other = await createTenant(ctx.app, ctx.config, { name: 'Outro Escritório' })
    const org = await createOrg(t, 'Padaria Zip Ltda')
    const tree = await t.admin.get(`/api/v1/client-orgs/${org.id}/documents`)
    const system = (name: string) => {
      const dep = tree.body.departments.find((d: { name: string }) => d.name === name)
      return tree.body.folders.find(
        (f: { isSystem: boolean; departmentId: string }) => f.isSystem && f.departmentId === dep.id,
      ).id as string
    }
    fiscal = system('Fiscal')
    pessoal = system('Pessoal')
    const deps = (await t.admin.get('/api/v1/departments')).body.items as { id: string; name: string }[]
    revisor = await portalClientUser(
      ctx.app,
      t,
      {
        name: 'Rita Revisora',
        email: 'rita@zip.com.br',
        departments: [{ departmentId: deps.find((d) => d.name === 'Fiscal')!.id, level: 'revisor' }],
        companyIds: [org.id],
      },
      'Portal#Seguro2026',
    )
    const folder = async (parent: string, name: string, share: boolean) =>
      (await t.admin.post(`/api/v1/documents/folders/${parent}/folders`, { name, share })).body.id as string
    const ano = await folder(fiscal, '2026', true)
    const interno = await folder(fiscal, 'Interno', false)
    docs = {}
    for (const [where, name] of [
      [fiscal, 'Balanço.pdf'],
      [ano, 'Março.pdf'],
      [interno, 'Só do escritório.pdf'],
    ]) {
      const res = await t.admin.upload(
        'POST',
        `/api/v1/documents/folders/${where}/documents`,
        name,
        pdf(name),
        'application/pdf',
      )
      assert.equal(res.status, 201, JSON.stringify(res.body))
      docs[name] = res.body.id
    }
  })
  after(async () => {
    await ctx.close()
    rmSync(storageDir, { recursive: true, force: true })
  })

  test('a client user gets the folder and the shared subfolders, byte for byte; each download audited', async () => {
    const res = await revisor.client.get(`/api/v1/portal/documents/folders/${fiscal}/zip`)
    assert.equal(res.status, 200)
    assert.equal(res.headers['content-type'], 'application/zip')
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''Fiscal\.zip/)
    const zip = await readZip(res.raw)
    assert.deepEqual(Object.keys(zip).sort(), ['Fiscal/2026/Março.pdf', 'Fiscal/Balanço.pdf'])
    assert.equal(Buffer.from(zip['Fiscal/2026/Março.pdf'], 'hex').toString(), pdf('Março.pdf').toString())
    const audited = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, 'download')))
    assert.deepEqual(audited.map((a) => a.entityId).sort(), [docs['Balanço.pdf'], docs['Março.pdf']].sort())
    assert.ok(
      audited.every(
        (a) =>
          a.actorName === 'Rita Revisora' && (a.after as { zipOfFolderId: string }).zipOfFolderId === fiscal,
      ),
    )
  })

  test("staff get the office's unshared subfolder too; a subfolder's zip starts at it", async () => {
    const all = await readZip((await t.admin.get(`/api/v1/documents/folders/${fiscal}/zip`)).raw)
    assert.deepEqual(Object.keys(all).sort(), [
      'Fiscal/2026/Março.pdf',
      'Fiscal/Balanço.pdf',
      'Fiscal/Interno/Só do escritório.pdf',
    ])
  })

  test('a file missing from the storage is listed inside the zip instead of breaking it', async () => {
    const found = await ctx.app.database.db.execute(
      sql`select storage_key from document_versions where document_id = ${docs['Balanço.pdf']}`,
    )
    const [version] = (found as unknown as { rows: { storage_key: string }[] }).rows
    rmSync(path.join(storageDir, ...version.storage_key.split('/')))
    const zip = await readZip(
      (await revisor.client.get(`/api/v1/portal/documents/folders/${fiscal}/zip`)).raw,
    )
    assert.deepEqual(Object.keys(zip).sort(), ['ARQUIVOS-INDISPONIVEIS.txt', 'Fiscal/2026/Março.pdf'])
    assert.match(Buffer.from(zip['ARQUIVOS-INDISPONIVEIS.txt'], 'hex').toString(), /Fiscal\/Balanço\.pdf/)
  })

  test('an empty folder, one too large, or one of another tenant: a clear refusal', async () => {
    const empty = await t.admin.get(`/api/v1/documents/folders/${pessoal}/zip`)
    assert.equal(empty.status, 404)
    assert.equal(empty.body.code, 'FOLDER_ZIP_EMPTY')
    for (const n of [1, 2])
      await t.admin.upload(
        'POST',
        `/api/v1/documents/folders/${fiscal}/documents`,
        `Extra ${n}.pdf`,
        pdf(`e${n}`),
        'application/pdf',
      )
    const big = await t.admin.get(`/api/v1/documents/folders/${fiscal}/zip`)
    assert.equal(big.status, 413)
    assert.equal(big.body.code, 'FOLDER_ZIP_TOO_LARGE')
    assert.match(
      big.body.message,
      /A pasta tem 5 documentos .* leva até 4 documentos e 1 MB\. Baixe as subpastas separadamente\./,
    )
    assert.equal((await other.admin.get(`/api/v1/documents/folders/${fiscal}/zip`)).status, 404)
    assert.equal((await revisor.client.get(`/api/v1/portal/documents/folders/${pessoal}/zip`)).status, 404)
  })

  test('text files (NF-e XML, CSV) are deflated; PDFs stored as they are', async () => {
    const item = (n: number) =>
      `<det nItem="${n}"><prod><cProd>${n}</cProd><xProd>Pão francês</xProd><NCM>19052090</NCM><CFOP>5102</CFOP><uCom>KG</uCom></prod></det>`
    const nfe = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><nfeProc versao="4.00"><NFe><infNFe>${Array.from({ length: 400 }, (_, i) => item(i + 1)).join('')}</infNFe></NFe></nfeProc>`,
    )
    const csv = Buffer.from(`produto;quantidade\n${'Pão francês;12\n'.repeat(2000)}`)
    for (const [name, bytes, mime] of [
      ['35260511222333000181550010000012341000012345-nfe.xml', nfe, 'application/xml'],
      ['vendas.csv', csv, 'text/csv'],
      ['Recibo.pdf', pdf('Recibo'), 'application/pdf'],
    ] as const) {
      const res = await t.admin.upload(
        'POST',
        `/api/v1/documents/folders/${pessoal}/documents`,
        name,
        bytes,
        mime,
      )
      assert.equal(res.status, 201, JSON.stringify(res.body))
    }
    const res = await t.admin.get(`/api/v1/documents/folders/${pessoal}/zip`)
    assert.equal(res.status, 200)
    const dir = mkdtempSync(path.join(tmpdir(), 'cadastra-zip-'))
    try {
      const file = path.join(dir, 'pessoal.zip')
      writeFileSync(file, res.raw)
      const script =
        'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
        'print(json.dumps({i.filename: [i.compress_type, i.file_size, i.compress_size, z.read(i).hex()] for i in z.infolist()}))'
      const entries: Record<string, [number, number, number, string]> = JSON.parse(
        (await run('python3', ['-c', script, file])).stdout,
      )
      const [xmlMethod, xmlSize, xmlPacked, xmlHex] =
        entries['Pessoal/35260511222333000181550010000012341000012345-nfe.xml']
      assert.equal(xmlMethod, 8, 'deflated')
      assert.equal(xmlSize, nfe.length)
      assert.ok(xmlPacked * 5 < xmlSize, `${xmlPacked} of ${xmlSize} bytes`)
      assert.ok(Buffer.from(xmlHex, 'hex').equals(nfe))
      assert.equal(entries['Pessoal/vendas.csv'][0], 8)
      assert.ok(Buffer.from(entries['Pessoal/vendas.csv'][3], 'hex').equals(csv))
      assert.equal(entries['Pessoal/Recibo.pdf'][0], 0, 'stored')
      assert.ok(Buffer.from(entries['Pessoal/Recibo.pdf'][3], 'hex').equals(pdf('Recibo')))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
