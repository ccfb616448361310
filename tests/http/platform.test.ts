import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TEST_ENGINE } from '../helpers/database.ts'

describe('plataforma: saúde, inquilinos e troca de inquilino', () => {
  let ctx: TestContext
  let root: TenantFixture

  before(async () => {
    ctx = await startTestApp()
    root = await createTenant(ctx.app, ctx.config, { platformAdmin: true, name: 'Plataforma' })
  })
  after(() => ctx.close())

  test('health reports the database engine', async () => {
    const res = await ctx.app.inject({ url: '/api/health' })
    assert.equal(res.statusCode, 200)
    assert.deepEqual(JSON.parse(res.body), { status: 'ok', database: TEST_ENGINE })
  })

  test('the OpenAPI document and the browsable docs are served', async () => {
    const doc = await ctx.app.inject({ url: '/api/openapi.json' })
    assert.equal(JSON.parse(doc.body).openapi, '3.0.3')
    const ui = await ctx.app.inject({ url: '/api/docs/' })
    assert.equal(ui.statusCode, 200)
    assert.match(ui.body, /swagger/i)
  })

  test('a platform admin creates a tenant; its administrator is e-mailed; the admin can switch into it', async () => {
    const res = await root.admin.post('/api/v1/tenants', {
      name: 'Contabilidade Exemplo Ltda',
      slug: 'Contab-Exemplo',
      adminName: 'Clara Contadora',
      adminEmail: 'clara@contab.exemplo.com.br',
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.slug, 'contab-exemplo')
    const dup = await root.admin.post('/api/v1/tenants', {
      name: 'Outra',
      slug: 'contab-exemplo',
      adminName: 'Fulano de Tal',
      adminEmail: 'f@exemplo.com.br',
    })
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'TENANT_SLUG_TAKEN')
    await ctx.app.jobs.drain()
    const mails = JSON.parse(
      (await ctx.app.inject({ url: '/api/dev/mail?to=clara@contab.exemplo.com.br' })).body,
    )
    assert.equal(mails.length, 1)
    assert.equal(mails[0].status, 'sent')

    const session = await root.admin.get('/api/v1/auth/session')
    assert.ok(session.body.user.tenants.some((x: { id: string }) => x.id === res.body.id))
    const switched = await root.admin.post('/api/v1/auth/switch-tenant', { tenantId: res.body.id })
    assert.equal(switched.status, 200)
    assert.equal(switched.body.user.tenant.name, 'Contabilidade Exemplo Ltda')
    const staff = await root.admin.get('/api/v1/staff')
    assert.deepEqual(
      staff.body.items.map((s: { email: string }) => s.email),
      ['clara@contab.exemplo.com.br'],
    )
    const audit = await root.admin.get('/api/v1/audit?entity=tenant')
    assert.equal(audit.body.items[0].action, 'create')
  })

  test('a refused tenant creation leaves nothing behind', async () => {
    const before = await root.admin.get('/api/v1/tenants')
    const res = await root.admin.post('/api/v1/tenants', {
      name: 'Meio Caminho',
      slug: 'meio-caminho',
      adminName: 'X',
      adminEmail: 'x@exemplo.com.br',
    })
    assert.equal(res.status, 400)
    const afterList = await root.admin.get('/api/v1/tenants')
    assert.equal(afterList.body.items.length, before.body.items.length)
  })
})
