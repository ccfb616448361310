import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createStaffClient, createTenant, TEST_PASSWORD, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

describe('entrada: bloqueio por tentativas e limite de requisições', () => {
  let ctx: TestContext
  let t: TenantFixture

  before(async () => {
    // 5 failures lock the account for 0.1 min (6 s): long enough to outlast a slow parallel burst, short enough to see it end.
    ctx = await startTestApp({
      config: { login: { maxFailures: 5, lockMinutes: 0.1, rateLimitPerMinute: 1000 } },
    })
    t = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  async function anonymous() {
    const c = new TestClient(ctx.app)
    await c.get('/api/v1/auth/session')
    return c
  }

  test('wrong password: 401 with a pt-BR message that does not say which part was wrong', async () => {
    const c = await anonymous()
    const res = await c.post('/api/v1/auth/login', { email: t.adminEmail, password: 'errada-123' })
    assert.equal(res.status, 401)
    assert.equal(res.body.code, 'INVALID_CREDENTIALS')
    assert.equal(res.body.message, 'E-mail ou senha incorretos.')
    const unknown = await c.post('/api/v1/auth/login', {
      email: 'ninguem@exemplo.com.br',
      password: 'errada-123',
    })
    assert.equal(unknown.status, 401)
    assert.equal(unknown.body.message, res.body.message)
    // The successful login resets the failure counter.
    await c.login(t.adminEmail, TEST_PASSWORD)
  })

  test('parallel wrong-password requests cannot test more passwords than the limit', async () => {
    const { email } = await createStaffClient(ctx.app, t)
    const clients = await Promise.all(Array.from({ length: 20 }, () => anonymous()))
    const results = await Promise.all(
      clients.map((c) => c.post('/api/v1/auth/login', { email, password: 'chute-errado-1' })),
    )
    const invalid = results.filter((r) => r.body.code === 'INVALID_CREDENTIALS').length
    const locked = results.filter((r) => r.body.code === 'ACCOUNT_LOCKED').length
    assert.equal(invalid, 5, `exactly 5 passwords were checked, got ${invalid}`)
    assert.equal(locked, 15)
    assert.ok(results.filter((r) => r.status === 423).every((r) => /bloqueada/.test(r.body.message)))

    // While locked, even the right password is refused.
    const c = await anonymous()
    const right = await c.post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
    assert.equal(right.status, 423)

    // The lock is audited.
    const audit = await t.admin.get('/api/v1/audit?action=login_locked&pageSize=100')
    assert.ok(audit.body.total >= 1)

    // After the lock time the right password works again.
    await new Promise((r) => setTimeout(r, 6200))
    const later = await c.post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
    assert.equal(later.status, 200, JSON.stringify(later.body))
  })

  test('a deactivated staff member cannot log in and loses the open session', async () => {
    const { client, email, staffId } = await createStaffClient(ctx.app, t)
    assert.equal((await client.get('/api/v1/staff')).status, 200)
    const res = await t.admin.patch(`/api/v1/staff/${staffId}`, { isActive: false })
    assert.equal(res.status, 200)
    assert.equal(res.body.isActive, false)
    assert.equal((await client.get('/api/v1/staff')).status, 401)
    const c = await anonymous()
    const again = await c.post('/api/v1/auth/login', { email, password: TEST_PASSWORD })
    assert.equal(again.status, 403)
    assert.equal(again.body.code, 'ACCOUNT_INACTIVE')
  })

  test('logout ends the session', async () => {
    const c = new TestClient(ctx.app)
    await c.login(t.adminEmail, TEST_PASSWORD)
    assert.equal((await c.post('/api/v1/auth/logout')).status, 204)
    const s = await c.get('/api/v1/auth/session')
    assert.equal(s.body.user, null)
    assert.equal((await c.get('/api/v1/staff')).status, 401)
  })
})

describe('limite de requisições na entrada', () => {
  let ctx: TestContext
  before(async () => {
    ctx = await startTestApp({ deps: { loginRateLimit: 5 } })
  })
  after(() => ctx.close())

  test('more than the limit per minute from one address gets 429 in pt-BR', async () => {
    const c = new TestClient(ctx.app)
    await c.get('/api/v1/auth/session')
    const statuses: number[] = []
    let last: { body: { code: string; message: string } } | null = null
    for (let i = 0; i < 7; i++) {
      const r = await c.post('/api/v1/auth/login', { email: `x${i}@exemplo.com.br`, password: 'qualquer-1' })
      statuses.push(r.status)
      last = r
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429])
    assert.equal(last?.body.code, 'RATE_LIMITED')
    assert.match(last?.body.message ?? '', /Aguarde \d+ segundos/)
  })

  test('a parallel burst never gets more attempts through than the limit', async () => {
    const other = await startTestApp({ deps: { loginRateLimit: 5 } })
    try {
      const c = new TestClient(other.app)
      await c.get('/api/v1/auth/session')
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          c.post('/api/v1/auth/login', { email: `y${i}@exemplo.com.br`, password: 'qualquer-1' }),
        ),
      )
      const checked = results.filter((r) => r.status === 401).length
      assert.ok(checked <= 5, `${checked} attempts got through`)
      assert.equal(results.filter((r) => r.status === 429).length, 12 - checked)
    } finally {
      await other.close()
    }
  })
})
