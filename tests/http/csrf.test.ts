import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTenant, TEST_PASSWORD, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

describe('proteção CSRF', () => {
  let ctx: TestContext
  let t: TenantFixture

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  test('a signed-in POST without the token is refused and changes nothing', async () => {
    const token = t.admin.csrfToken
    t.admin.csrfToken = null
    const res = await t.admin.post('/api/v1/profiles', { name: 'Sem token', permissions: [] })
    t.admin.csrfToken = token
    assert.equal(res.status, 403)
    assert.equal(res.body.code, 'CSRF_INVALID')
    assert.match(res.body.message, /Recarregue/)
    const list = await t.admin.get('/api/v1/profiles')
    assert.ok(!list.body.items.some((p: { name: string }) => p.name === 'Sem token'))
  })

  test('a wrong token, or the token of another session, is refused', async () => {
    const other = new TestClient(ctx.app)
    await other.login(t.adminEmail, TEST_PASSWORD)
    const res = await t.admin.request(
      'POST',
      '/api/v1/profiles',
      { name: 'Token alheio', permissions: [] },
      {
        'x-csrf-token': other.csrfToken!,
      },
    )
    assert.equal(res.status, 403)
    const wrong = await t.admin.request(
      'PATCH',
      `/api/v1/staff/00000000-0000-4000-8000-000000000000`,
      { name: 'X' },
      {
        'x-csrf-token': 'forjado-forjado-forjado',
      },
    )
    assert.equal(wrong.status, 403)
  })

  test('with the session token the same request succeeds', async () => {
    const res = await t.admin.post('/api/v1/profiles', { name: 'Com token', permissions: ['staff:read'] })
    assert.equal(res.status, 201)
  })

  test('login needs the anonymous token of the csrf cookie (login CSRF)', async () => {
    const c = new TestClient(ctx.app)
    const noToken = await c.post('/api/v1/auth/login', { email: t.adminEmail, password: TEST_PASSWORD })
    assert.equal(noToken.status, 403)
    const session = await c.get('/api/v1/auth/session')
    assert.equal(session.body.user, null)
    assert.ok(c.cookies.get('cadastra_csrf'))
    const ok = await c.post('/api/v1/auth/login', { email: t.adminEmail, password: TEST_PASSWORD })
    assert.equal(ok.status, 200)
  })

  test('the session cookie is httpOnly and SameSite', async () => {
    await t.admin.get('/api/v1/auth/session')
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/session' })
    const anon = String(res.headers['set-cookie'])
    assert.match(anon, /HttpOnly/)
    assert.match(anon, /SameSite=Strict/)
    const c = new TestClient(ctx.app)
    await c.get('/api/v1/auth/session')
    const login = await c.post('/api/v1/auth/login', { email: t.adminEmail, password: TEST_PASSWORD })
    const setCookie = String(login.headers['set-cookie'])
    assert.match(setCookie, /cadastra_session=/)
    assert.match(setCookie, /HttpOnly/)
    assert.match(setCookie, /SameSite=Lax/)
  })

  test('requests without a session are denied by default', async () => {
    const c = new TestClient(ctx.app)
    for (const url of [
      '/api/v1/staff',
      '/api/v1/profiles',
      '/api/v1/audit',
      '/api/v1/outbox',
      '/api/v1/tenants',
    ]) {
      const res = await c.get(url)
      assert.equal(res.status, 401, url)
      assert.equal(res.body.code, 'UNAUTHENTICATED')
    }
  })
})
