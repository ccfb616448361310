import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

describe('equipe: inclusão, link de acesso por e-mail, perfis e auditoria', () => {
  let ctx: TestContext
  let t: TenantFixture

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config)
    await ctx.app.jobs.drain()
  })
  after(() => ctx.close())

  async function lastMailTo(email: string) {
    const res = await ctx.app.inject({ url: `/api/dev/mail?to=${encodeURIComponent(email)}` })
    return JSON.parse(res.body)[0] as { subject: string; text: string; links: string[] }
  }

  test('a new staff member gets a single-use link, chooses a password and logs in', async () => {
    const email = 'Maria.Goncalves@Exemplo.com.br'
    const created = await t.admin.post('/api/v1/staff', {
      name: '  Maria Gonçalves ',
      email,
      profileId: t.profiles.get('Operador'),
    })
    assert.equal(created.status, 201)
    assert.equal(created.body.name, 'Maria Gonçalves')
    assert.equal(created.body.email, email.toLowerCase())
    assert.equal(created.body.hasPassword, false)
    await ctx.app.jobs.drain()

    const mail = await lastMailTo(email.toLowerCase())
    assert.match(mail.subject, /Seu acesso à equipe/)
    assert.ok(!/^\s*senha\s*:/im.test(mail.text), 'no password travels by e-mail')
    const link = mail.links.find((l) => l.includes('/definir-senha?token='))!
    const token = new URL(link).searchParams.get('token')!

    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const info = await anon.get(`/api/v1/auth/password-token?token=${token}`)
    assert.equal(info.status, 200)
    assert.equal(info.body.name, 'Maria Gonçalves')

    const weak = await anon.post('/api/v1/auth/password', {
      token,
      password: '123456',
      passwordConfirmation: '123456',
    })
    assert.equal(weak.status, 400)
    assert.equal(weak.body.code, 'PASSWORD_WEAK')
    assert.ok(weak.body.fields.password)
    const mismatch = await anon.post('/api/v1/auth/password', {
      token,
      password: 'Boa-Senha-2026',
      passwordConfirmation: 'Outra-Senha-2026',
    })
    assert.equal(mismatch.body.code, 'PASSWORD_MISMATCH')

    const ok = await anon.post('/api/v1/auth/password', {
      token,
      password: 'Boa-Senha-2026',
      passwordConfirmation: 'Boa-Senha-2026',
    })
    assert.equal(ok.status, 204)
    const reused = await anon.post('/api/v1/auth/password', {
      token,
      password: 'Outra-Senha-2026',
      passwordConfirmation: 'Outra-Senha-2026',
    })
    assert.equal(reused.status, 404)
    assert.equal(reused.body.code, 'TOKEN_INVALID')

    const maria = new TestClient(ctx.app)
    const login = await maria.login(email, 'Boa-Senha-2026')
    assert.equal(login.body.user.tenant.id, t.tenantId)
    assert.ok(login.body.user.permissions.includes('clients:manage'))
    assert.ok(!login.body.user.permissions.includes('staff:manage'))
  })

  test('resending access kills the previous link', async () => {
    const created = await t.admin.post('/api/v1/staff', {
      name: 'Paulo Reenvio',
      email: 'paulo@exemplo.com.br',
      profileId: t.profiles.get('Técnico'),
    })
    await ctx.app.jobs.drain()
    const first = new URL((await lastMailTo('paulo@exemplo.com.br')).links[0]).searchParams.get('token')!
    assert.equal((await t.admin.post(`/api/v1/staff/${created.body.id}/resend-access`)).status, 204)
    await ctx.app.jobs.drain()
    const second = new URL((await lastMailTo('paulo@exemplo.com.br')).links[0]).searchParams.get('token')!
    assert.notEqual(first, second)
    const anon = new TestClient(ctx.app)
    assert.equal((await anon.get(`/api/v1/auth/password-token?token=${first}`)).status, 404)
    assert.equal((await anon.get(`/api/v1/auth/password-token?token=${second}`)).status, 200)
  })

  test('an expired link says so', async () => {
    const created = await t.admin.post('/api/v1/staff', {
      name: 'Expedito Vencido',
      email: 'expedito@exemplo.com.br',
      profileId: t.profiles.get('Técnico'),
    })
    assert.equal(created.status, 201)
    await ctx.app.jobs.drain()
    const token = new URL((await lastMailTo('expedito@exemplo.com.br')).links[0]).searchParams.get('token')!
    await ctx.app.database.db.execute(
      (await import('drizzle-orm'))
        .sql`update user_tokens set expires_at = now() - interval '1 minute' where email = 'expedito@exemplo.com.br'`,
    )
    const res = await new TestClient(ctx.app).get(`/api/v1/auth/password-token?token=${token}`)
    assert.equal(res.status, 410)
    assert.equal(res.body.code, 'TOKEN_EXPIRED')
  })

  test('the same e-mail cannot join the staff twice (case-insensitive)', async () => {
    await t.admin.post('/api/v1/staff', {
      name: 'Duplicada Um',
      email: 'dup@exemplo.com.br',
      profileId: t.profiles.get('Operador'),
    })
    const again = await t.admin.post('/api/v1/staff', {
      name: 'Duplicada Dois',
      email: 'DUP@exemplo.com.br',
      profileId: t.profiles.get('Operador'),
    })
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'EMAIL_TAKEN')
    assert.ok(again.body.fields.email)
  })

  test('permissions gate actions: an operator can list but not create staff', async () => {
    const { client } = await createStaffClient(ctx.app, t, 'Operador')
    assert.equal((await client.get('/api/v1/staff')).status, 200)
    const res = await client.post('/api/v1/staff', {
      name: 'Não Pode',
      email: 'naopode@exemplo.com.br',
      profileId: t.profiles.get('Operador'),
    })
    assert.equal(res.status, 403)
    assert.equal(res.body.code, 'FORBIDDEN')
    assert.equal((await client.get('/api/v1/audit')).status, 403)
    assert.equal((await client.get('/api/v1/tenants')).status, 403)
  })

  test('you cannot deactivate yourself', async () => {
    const list = await t.admin.get(`/api/v1/staff?search=${encodeURIComponent(t.adminEmail)}`)
    const me = list.body.items[0]
    const res = await t.admin.patch(`/api/v1/staff/${me.id}`, { isActive: false })
    assert.equal(res.status, 409)
    assert.equal(res.body.code, 'STAFF_SELF_DEACTIVATE')
  })

  test('every change is in the audit log with before and after', async () => {
    const created = await t.admin.post('/api/v1/staff', {
      name: 'Auditada Silva',
      email: 'auditada@exemplo.com.br',
      profileId: t.profiles.get('Operador'),
    })
    await t.admin.patch(`/api/v1/staff/${created.body.id}`, {
      profileId: t.profiles.get('Técnico'),
      name: 'Auditada Souza',
    })
    const res = await t.admin.get(`/api/v1/audit?entity=staff&entityId=${created.body.id}`)
    assert.equal(res.status, 200)
    const [update, create] = res.body.items
    assert.equal(create.action, 'create')
    assert.equal(create.after.email, 'auditada@exemplo.com.br')
    assert.equal(update.action, 'update')
    assert.equal(update.before.name, 'Auditada Silva')
    assert.equal(update.after.name, 'Auditada Souza')
    assert.equal(update.before.profileName, 'Operador')
    assert.equal(update.after.profileName, 'Técnico')
    assert.ok(update.actorName)
    const search = await t.admin.get('/api/v1/audit?search=Souza')
    assert.ok(search.body.items.some((i: { entityId: string }) => i.entityId === created.body.id))
    const facets = await t.admin.get('/api/v1/audit/facets')
    assert.ok(facets.body.entities.includes('staff'))
    assert.ok(facets.body.actions.includes('login'))
    assert.ok(facets.body.actors.some((a: { name: string }) => a.name.startsWith('Admin ')))
    const byActor = await t.admin.get(`/api/v1/audit?actorId=${facets.body.actors[0].id}`)
    assert.ok(byActor.body.items.every((i: { actorId: string }) => i.actorId === facets.body.actors[0].id))
  })
})

describe('perfis de acesso', () => {
  let ctx: TestContext
  let t: TenantFixture
  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  test('create, rename, change permissions and delete a profile', async () => {
    const created = await t.admin.post('/api/v1/profiles', {
      name: 'Instrutor',
      description: 'Ministra treinamentos',
      permissions: ['events:manage', 'events:manage'],
    })
    assert.equal(created.status, 201)
    assert.deepEqual(created.body.permissions, ['events:manage'])
    const dup = await t.admin.post('/api/v1/profiles', { name: 'instrutor', permissions: [] })
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'PROFILE_NAME_TAKEN')
    const unknown = await t.admin.post('/api/v1/profiles', {
      name: 'Estranho',
      permissions: ['tudo:liberado'],
    })
    assert.equal(unknown.status, 400)
    const updated = await t.admin.patch(`/api/v1/profiles/${created.body.id}`, {
      name: 'Instrutora',
      permissions: ['events:manage', 'clients:read'],
    })
    assert.equal(updated.status, 200)
    assert.equal(updated.body.name, 'Instrutora')
    assert.equal((await t.admin.delete(`/api/v1/profiles/${created.body.id}`)).status, 204)
    assert.equal((await t.admin.get(`/api/v1/profiles/${created.body.id}`)).status, 404)
  })

  test('a profile in use or the system profile cannot be deleted', async () => {
    const inUse = await t.admin.delete(`/api/v1/profiles/${t.profiles.get('Administrador')}`)
    assert.equal(inUse.status, 409)
    assert.equal(inUse.body.code, 'PROFILE_SYSTEM')
    await createStaffClient(ctx.app, t, 'Técnico')
    const res = await t.admin.delete(`/api/v1/profiles/${t.profiles.get('Técnico')}`)
    assert.equal(res.status, 409)
    assert.equal(res.body.code, 'PROFILE_IN_USE')
  })

  test('permission changes apply to open sessions at once', async () => {
    const { client } = await createStaffClient(ctx.app, t, 'Operador')
    assert.equal((await client.get('/api/v1/audit')).status, 403)
    const op = await t.admin.get(`/api/v1/profiles/${t.profiles.get('Operador')}`)
    await t.admin.patch(`/api/v1/profiles/${t.profiles.get('Operador')}`, {
      permissions: [...op.body.permissions, 'audit:read'],
    })
    assert.equal((await client.get('/api/v1/audit')).status, 200)
  })
})

describe('esqueci minha senha', () => {
  let ctx: TestContext
  let t: TenantFixture
  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config)
    await ctx.app.jobs.drain()
  })
  after(() => ctx.close())

  test('answers the same for known and unknown e-mails; only the known one gets a working link', async () => {
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const unknown = await anon.post('/api/v1/auth/password-reset', { email: 'ninguem@exemplo.com.br' })
    const known = await anon.post('/api/v1/auth/password-reset', { email: t.adminEmail.toUpperCase() })
    assert.equal(unknown.status, 204)
    assert.equal(known.status, 204)
    await ctx.app.jobs.drain()
    const mails = JSON.parse((await ctx.app.inject({ url: '/api/dev/mail' })).body) as {
      to: string
      subject: string
      links: string[]
    }[]
    assert.ok(!mails.some((m) => m.to === 'ninguem@exemplo.com.br'))
    const reset = mails.find(
      (m) => m.to === t.adminEmail && m.subject === 'Redefinição de senha do Cadastra',
    )!
    const token = new URL(reset.links[0]).searchParams.get('token')!
    const info = await anon.get(`/api/v1/auth/password-token?token=${token}`)
    assert.equal(info.body.purpose, 'reset_password')
    assert.equal(
      (
        await anon.post('/api/v1/auth/password', {
          token,
          password: 'Nova-Senha-2026',
          passwordConfirmation: 'Nova-Senha-2026',
        })
      ).status,
      204,
    )
    // The old session ended with the password change; the new password works.
    assert.equal((await t.admin.get('/api/v1/staff')).status, 401)
    const again = new TestClient(ctx.app)
    await again.login(t.adminEmail, 'Nova-Senha-2026')
  })
})
