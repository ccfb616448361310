import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { loadConfig } from '#server/config.ts'
import { documents } from '#server/modules/documents/documents.tables.ts'
import { importRuns } from '#server/modules/imports/imports.tables.ts'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import { createOrg } from '../factories/client-users.ts'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { type FakeS3, startFakeS3 } from '../helpers/fake-s3.ts'

const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

describe('arquivos num bucket S3 (S3_BUCKET): documentos e planilhas de importação', () => {
  let ctx: TestContext
  let s3: FakeS3
  let t: TenantFixture
  let orgId: string
  let folderUrl: string

  before(async () => {
    s3 = await startFakeS3()
    ctx = await startTestApp({
      config: {
        storage: {
          kind: 's3',
          endpoint: s3.endpoint,
          bucket: s3.bucket,
          region: s3.region,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          prefix: 'cadastra/',
          timeoutMs: 2000,
        },
      },
    })
    t = await createTenant(ctx.app, ctx.config)
    orgId = (await createOrg(t, 'Escritório na Nuvem Ltda')).id
    const tree = await t.admin.get(`/api/v1/client-orgs/${orgId}/documents`)
    const fiscal = tree.body.folders.find((f: { name: string }) => f.name === 'Fiscal')
    folderUrl = `/api/v1/documents/folders/${fiscal.id}/documents`
  })
  after(async () => {
    await ctx.close()
    await s3.close()
  })

  const docsOfOrg = async () =>
    (await ctx.app.database.db.select().from(documents).where(eq(documents.clientOrgId, orgId))).map(
      (d) => d.name,
    )

  test('a document goes to the bucket under documents/ and comes back byte for byte; versions too', async () => {
    const up = await t.admin.upload('POST', folderUrl, 'Balanço 2026.pdf', pdf('balanço'), 'application/pdf')
    assert.equal(up.status, 201, JSON.stringify(up.body))
    const keys = [...s3.objects.keys()]
    assert.equal(keys.length, 1)
    assert.match(keys[0], new RegExp(`^cadastra/documents/${t.tenantId}/`))
    assert.deepEqual(s3.objects.get(keys[0]), pdf('balanço'))

    const v2 = await t.admin.upload(
      'POST',
      `/api/v1/documents/files/${up.body.id}/versions`,
      'Balanço 2026.pdf',
      pdf('balanço corrigido'),
      'application/pdf',
    )
    assert.equal(v2.status, 201, JSON.stringify(v2.body))
    const current = await t.admin.get(`/api/v1/documents/files/${up.body.id}/download`)
    assert.equal(current.status, 200)
    assert.equal(current.body, pdf('balanço corrigido').toString())
    const first = await t.admin.get(`/api/v1/documents/files/${up.body.id}/download?version=1`)
    assert.equal(first.body, pdf('balanço').toString())
  })

  test('the bucket down: upload and download answer 503 in pt-BR, and nothing is written', async () => {
    const [docId] = (
      await ctx.app.database.db.select().from(documents).where(eq(documents.clientOrgId, orgId))
    ).map((d) => d.id)
    const before = { docs: await docsOfOrg(), objects: s3.objects.size }
    s3.down = true
    try {
      const up = await t.admin.upload('POST', folderUrl, 'Guia.pdf', pdf('guia'), 'application/pdf')
      assert.equal(up.status, 503)
      assert.equal(up.body.code, 'STORAGE_UNAVAILABLE')
      assert.equal(
        up.body.message,
        'O armazenamento de arquivos não respondeu agora e nada foi alterado. Tente de novo em alguns minutos.',
      )
      const down = await t.admin.get(`/api/v1/documents/files/${docId}/download`)
      assert.equal(down.status, 503)
      assert.equal(down.body.code, 'STORAGE_UNAVAILABLE')
    } finally {
      s3.down = false
    }
    assert.deepEqual(await docsOfOrg(), before.docs)
    assert.equal(s3.objects.size, before.objects)
    const uploads = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, t.tenantId),
          eq(auditLog.entity, 'document'),
          eq(auditLog.action, 'upload'),
        ),
      )
    assert.equal(uploads.length, 1, 'only the first document was uploaded')

    // A refusal by the bucket (a 5xx, or credentials it does not accept) is the same 503.
    s3.failNext.push({ op: 'PutObject', status: 500, code: 'InternalError' })
    const refused = await t.admin.upload('POST', folderUrl, 'Guia.pdf', pdf('guia'), 'application/pdf')
    assert.equal(refused.status, 503)
    assert.deepEqual(await docsOfOrg(), before.docs)
    // And it works again once the bucket answers.
    const again = await t.admin.upload('POST', folderUrl, 'Guia.pdf', pdf('guia'), 'application/pdf')
    assert.equal(again.status, 201)
  })

  test("an import's spreadsheet goes to the bucket under imports/ and its dry run reads it from there", async () => {
    const csv = Buffer.from(
      'Razão social;CNPJ/CPF\nPadaria Nuvem Ltda;11.444.777/0001-61\nMercado Céu Aberto Ltda;04.252.011/0001-10\n',
    )
    const up = await t.admin.upload(
      'POST',
      '/api/v1/imports?kind=client_orgs',
      'clientes.csv',
      csv,
      'text/csv',
    )
    assert.equal(up.status, 201, JSON.stringify(up.body))
    assert.deepEqual(s3.objects.get(`cadastra/imports/${t.tenantId}/${up.body.id}`), csv)
    const mapping = up.body.mapping.map((m: { column: number; field: string | null }) => ({
      column: m.column,
      field: m.field,
    }))
    const dry = await t.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, { mapping })
    assert.equal(dry.status, 202, JSON.stringify(dry.body))
    await ctx.app.jobs.drain()
    const run = await t.admin.get(`/api/v1/imports/${up.body.id}`)
    assert.equal(run.body.status, 'validated', JSON.stringify(run.body))
    assert.equal(run.body.totals.ok, 2)

    s3.down = true
    try {
      const refused = await t.admin.upload(
        'POST',
        '/api/v1/imports?kind=client_orgs',
        'outra.csv',
        csv,
        'text/csv',
      )
      assert.equal(refused.status, 503)
      assert.equal(refused.body.code, 'STORAGE_UNAVAILABLE')
    } finally {
      s3.down = false
    }
    const runs = await ctx.app.database.db
      .select()
      .from(importRuns)
      .where(eq(importRuns.tenantId, t.tenantId))
    assert.equal(runs.length, 1, 'the refused upload left no run behind')
  })

  test('S3_* settings: the bucket needs its key pair, the endpoint carries no credentials, empty means disk', () => {
    const env = { NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(48) }
    assert.deepEqual(loadConfig({ ...env, S3_BUCKET: '' }).storage, { kind: 'local' })
    assert.throws(
      () => loadConfig({ ...env, S3_BUCKET: 'arquivos' }),
      /S3_ACCESS_KEY_ID é obrigatório com S3_BUCKET/,
    )
    assert.throws(
      () =>
        loadConfig({ ...env, S3_BUCKET: 'arquivos', S3_ENDPOINT: 'https://chave:segredo@minio.local:9000' }),
      /S3_ENDPOINT não leva usuário nem senha/,
    )
    const s3 = loadConfig({
      ...env,
      S3_BUCKET: 'arquivos',
      S3_REGION: 'sa-east-1',
      S3_ACCESS_KEY_ID: 'AKIA',
      S3_SECRET_ACCESS_KEY: 'segredo',
    }).storage
    assert.equal(s3.kind === 's3' && s3.endpoint, 'https://s3.sa-east-1.amazonaws.com')
  })
})
