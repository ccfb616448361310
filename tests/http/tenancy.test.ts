import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'

describe('isolamento entre inquilinos', () => {
  let ctx: TestContext
  let a: TenantFixture
  let b: TenantFixture
  let bStaffId: string
  let bProfileId: string

  before(async () => {
    ctx = await startTestApp()
    a = await createTenant(ctx.app, ctx.config, { name: 'Inquilino A' })
    b = await createTenant(ctx.app, ctx.config, { name: 'Inquilino B' })
    bStaffId = (await createStaffClient(ctx.app, b)).staffId
    bProfileId = b.profiles.get('Operador')!
    await ctx.app.jobs.drain()
  })
  after(() => ctx.close())

  test("A's staff list does not contain B's people", async () => {
    const res = await a.admin.get('/api/v1/staff?pageSize=200')
    assert.equal(res.status, 200)
    assert.ok(res.body.items.length >= 1)
    assert.ok(
      res.body.items.every(
        (s: { email: string }) => !s.email.startsWith('pessoa.') && s.email !== b.adminEmail,
      ),
    )
    assert.ok(!res.body.items.some((s: { id: string }) => s.id === bStaffId))
  })

  test("A cannot read B's staff member: 404 like a missing one", async () => {
    const res = await a.admin.get(`/api/v1/staff/${bStaffId}`)
    assert.equal(res.status, 404)
    assert.equal(res.body.code, 'STAFF_NOT_FOUND')
  })

  test("A cannot change or deactivate B's staff member, and nothing changes", async () => {
    const before = await b.admin.get(`/api/v1/staff/${bStaffId}`)
    const res = await a.admin.patch(`/api/v1/staff/${bStaffId}`, { name: 'Invasor', isActive: false })
    assert.equal(res.status, 404)
    const resend = await a.admin.post(`/api/v1/staff/${bStaffId}/resend-access`)
    assert.equal(resend.status, 404)
    const afterRes = await b.admin.get(`/api/v1/staff/${bStaffId}`)
    assert.deepEqual(afterRes.body, before.body)
  })

  test("A cannot assign B's profile to its own staff", async () => {
    const res = await a.admin.post('/api/v1/staff', {
      name: 'Alguém de A',
      email: 'alguem.a@exemplo.com.br',
      profileId: bProfileId,
    })
    assert.equal(res.status, 400)
    assert.equal(res.body.code, 'PROFILE_NOT_FOUND')
  })

  test("A cannot read, change or delete B's access profiles", async () => {
    assert.equal((await a.admin.get(`/api/v1/profiles/${bProfileId}`)).status, 404)
    assert.equal(
      (await a.admin.patch(`/api/v1/profiles/${bProfileId}`, { name: 'Perfil invasor' })).status,
      404,
    )
    assert.equal((await a.admin.delete(`/api/v1/profiles/${bProfileId}`)).status, 404)
    const list = await a.admin.get('/api/v1/profiles')
    assert.ok(!list.body.items.some((p: { id: string }) => p.id === bProfileId))
    const still = await b.admin.get(`/api/v1/profiles/${bProfileId}`)
    assert.equal(still.body.name, 'Operador')
  })

  test("A's audit log holds none of B's entries, even when filtered by B's record", async () => {
    const mine = await a.admin.get('/api/v1/audit?pageSize=200')
    assert.equal(mine.status, 200)
    assert.ok(mine.body.total > 0)
    const theirs = await a.admin.get(`/api/v1/audit?entityId=${bStaffId}`)
    assert.equal(theirs.body.total, 0)
    const bView = await b.admin.get(`/api/v1/audit?entityId=${bStaffId}`)
    assert.ok(bView.body.total >= 1)
  })

  test("A's outbox does not show B's e-mails", async () => {
    const theirs = await b.admin.get('/api/v1/outbox')
    assert.ok(theirs.body.total >= 1)
    const id = theirs.body.items[0].id
    assert.equal((await a.admin.get(`/api/v1/outbox/${id}`)).status, 404)
    const mine = await a.admin.get('/api/v1/outbox?pageSize=200')
    assert.ok(!mine.body.items.some((m: { id: string }) => m.id === id))
  })

  test('a tenant administrator cannot switch into another tenant', async () => {
    const res = await a.admin.post('/api/v1/auth/switch-tenant', { tenantId: b.tenantId })
    assert.equal(res.status, 404)
    assert.equal(res.body.code, 'TENANT_NOT_AVAILABLE')
  })
})
