import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { loadConfig } from '#server/config.ts'
import { documents } from '#server/modules/documents/documents.tables.ts'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import { EICAR_SIGNATURE } from '#server/platform/storage/index.ts'
import { createOrg } from '../factories/client-users.ts'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { type FakeClamd, startFakeClamd } from '../helpers/fake-clamd.ts'

const pdf = (text: string, padding = 0) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\n`),
    Buffer.alloc(padding, 0x20),
    Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n'),
  ])

describe('antivírus dos documentos: ClamAV (clamd) pelo protocolo INSTREAM', () => {
  let ctx: TestContext
  let clamd: FakeClamd
  let t: TenantFixture
  let folderUrl: string
  let orgId: string

  before(async () => {
    clamd = await startFakeClamd()
    ctx = await startTestApp({ config: { clamav: { url: clamd.url, timeoutMs: 500 } } })
    t = await createTenant(ctx.app, ctx.config)
    const org = await createOrg(t, 'Escritório com Antivírus Ltda')
    orgId = org.id
    const tree = await t.admin.get(`/api/v1/client-orgs/${org.id}/documents`)
    const fiscal = tree.body.folders.find((f: { name: string }) => f.name === 'Fiscal')
    folderUrl = `/api/v1/documents/folders/${fiscal.id}/documents`
  })
  after(async () => {
    await ctx.close()
    await clamd.close()
  })

  const upload = (name: string, bytes: Buffer, type = 'application/pdf') =>
    t.admin.upload('POST', folderUrl, name, bytes, type)
  const stored = async () =>
    (await ctx.app.database.db.select().from(documents).where(eq(documents.clientOrgId, orgId))).map(
      (d) => d.name,
    )

  test('a clean file goes to clamd in chunks and is stored; one with a threat is refused with its name, audited', async () => {
    const big = pdf('grande', 200 * 1024)
    const ok = await upload('Balanço.pdf', big)
    assert.equal(ok.status, 201, JSON.stringify(ok.body))
    const last = clamd.streams.at(-1)!
    assert.equal(last.bytes, big.length, 'clamd received every byte')
    assert.ok(last.chunks >= 4, `sent in chunks: ${last.chunks}`)

    const infected = await upload('nota.txt', Buffer.from(`nota ${EICAR_SIGNATURE}`), 'text/plain')
    assert.equal(infected.status, 422)
    assert.equal(infected.body.code, 'FILE_INFECTED')
    assert.equal(
      infected.body.message,
      'O arquivo foi recusado: o antivírus encontrou uma ameaça (Eicar-Test-Signature).',
    )
    const [audit] = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'upload_refused'), eq(auditLog.tenantId, t.tenantId)))
    assert.deepEqual(
      {
        threat: (audit.after as { threat: string }).threat,
        scanner: (audit.after as { scanner: string }).scanner,
      },
      { threat: 'Eicar-Test-Signature', scanner: 'clamav' },
    )
    assert.deepEqual(await stored(), ['Balanço.pdf'])
  })

  test('clamd down, slow, closing without a word or answering ERROR: 503 in pt-BR and nothing stored', async () => {
    const before = await stored()
    for (const mode of ['size-limit', 'close', 'hang'] as const) {
      clamd.mode = mode
      try {
        const res = await upload(`sem-verificar-${mode}.pdf`, pdf(mode))
        assert.equal(res.status, 503, `${mode}: ${JSON.stringify(res.body)}`)
        assert.equal(res.body.code, 'SCANNER_UNAVAILABLE')
        assert.match(res.body.message, /antivírus não respondeu agora e o arquivo não foi guardado/)
      } finally {
        clamd.mode = 'normal'
      }
    }
    const stopped = await startTestApp({
      config: { clamav: { url: 'tcp://127.0.0.1:1', timeoutMs: 500 } },
    })
    try {
      const s = await createTenant(stopped.app, stopped.config)
      const org = await createOrg(s, 'Sem Antivírus Ltda')
      const tree = await s.admin.get(`/api/v1/client-orgs/${org.id}/documents`)
      const fiscal = tree.body.folders.find((f: { name: string }) => f.name === 'Fiscal')
      const refused = await s.admin.upload(
        'POST',
        `/api/v1/documents/folders/${fiscal.id}/documents`,
        'x.pdf',
        pdf('x'),
        'application/pdf',
      )
      assert.equal(refused.status, 503, 'connection refused')
    } finally {
      await stopped.close()
    }
    assert.deepEqual(await stored(), before)
    const reasons = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'upload_refused'), eq(auditLog.tenantId, t.tenantId)))
    const errors = reasons.map((r) => (r.after as { error?: string }).error).filter(Boolean)
    assert.equal(errors.length, 3)
    assert.ok(errors.some((e) => /size limit exceeded/.test(e!)))
    assert.ok(errors.some((e) => /sem resposta em 500 ms/.test(e!)))
  })

  test('CLAMAV_URL must be tcp://host:port', () => {
    assert.throws(
      () =>
        loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(48), CLAMAV_URL: 'http://clamav:3310' }),
      /CLAMAV_URL deve ser tcp:\/\/host:porta/,
    )
    const config = loadConfig({
      NODE_ENV: 'test',
      SESSION_SECRET: 'x'.repeat(48),
      CLAMAV_URL: 'tcp://clamav:3310',
    })
    assert.deepEqual(config.clamav, { url: 'tcp://clamav:3310', timeoutMs: 30_000 })
  })
})
