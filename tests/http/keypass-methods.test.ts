import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { smsMessages } from '#server/platform/sms/sms.tables.ts'
import { createOrg, lastMailTo, tokenFrom } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

const GOOD = 'Portal#Seguro2026'

/** A local SMS gateway that answers like a real one and keeps what it received. */
async function startSmsGateway() {
  const received: { to: string; text: string; auth: string | undefined }[] = []
  let failNext = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      if (failNext > 0) {
        failNext--
        res.writeHead(503).end('indisponível')
        return
      }
      const json = JSON.parse(body)
      received.push({ ...json, auth: req.headers.authorization })
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `sms-${received.length}` }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/enviar`,
    received,
    failNext: (n: number) => {
      failNext = n
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

async function invite(ctx: TestContext, t: TenantFixture, email: string, phone?: string) {
  const org = await createOrg(t, `Empresa ${email}`)
  const res = await t.admin.post('/api/v1/client-users', {
    name: 'Pessoa Código',
    email,
    phone,
    companyIds: [org.id],
    send: 'now',
  })
  assert.equal(res.status, 201, JSON.stringify(res.body))
  await ctx.app.jobs.drain()
  const c = new TestClient(ctx.app)
  await c.get('/api/v1/auth/session')
  const accepted = await c.post('/api/v1/invitations/accept', {
    token: tokenFrom((await lastMailTo(ctx.app, email)).links[0]),
    password: GOOD,
    passwordConfirmation: GOOD,
  })
  assert.equal(accepted.body.user.stage, 'enrol')
  return c
}

describe('KEYPASS por e-mail ou SMS, quando o inquilino permite', () => {
  let ctx: TestContext
  let t: TenantFixture
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>

  before(async () => {
    gateway = await startSmsGateway()
    ctx = await startTestApp({
      config: { sms: { provider: 'http', url: gateway.url, token: 'segredo-gateway' } },
      // Retries wait long enough that one drain() cannot run the same job twice.
      deps: { jobs: { autoStart: false, retryBaseMs: 400 } },
    })
    t = await createTenant(ctx.app, ctx.config)
  })
  after(async () => {
    await ctx.close()
    await gateway.close()
  })

  test('only the methods the tenant allows can be chosen; settings are audited and need settings:manage', async () => {
    const c = await invite(ctx, t, 'ana.email@exemplo.com.br')
    const refused = await c.post('/api/v1/auth/keypass/setup', { method: 'email' })
    assert.equal(refused.status, 400)
    assert.equal(refused.body.code, 'SECOND_FACTOR_NOT_ALLOWED')
    const { client: operator } = await createStaffClient(ctx.app, t, 'Operador')
    assert.equal((await operator.patch('/api/v1/settings', { secondFactors: ['totp', 'email'] })).status, 403)
    const set = await t.admin.patch('/api/v1/settings', {
      secondFactors: ['totp', 'email', 'sms'],
      invitationTtlDays: 3,
    })
    assert.equal(set.status, 200)
    assert.deepEqual(set.body.secondFactors, ['totp', 'email', 'sms'])
    const none = await t.admin.patch('/api/v1/settings', { secondFactors: [] })
    assert.equal(none.status, 400)
    const audit = await t.admin.get('/api/v1/audit?entity=tenant_settings')
    assert.equal(audit.body.items[0].before.invitationTtlDays, 7)
    assert.equal(audit.body.items[0].after.invitationTtlDays, 3)
  })

  test('e-mail KEYPASS: the code confirms the channel; each login sends a new single-use code', async () => {
    const c = await invite(ctx, t, 'bia.email@exemplo.com.br')
    const setup = await c.post('/api/v1/auth/keypass/setup', { method: 'email' })
    assert.equal(setup.status, 200, JSON.stringify(setup.body))
    assert.equal(setup.body.sentTo, 'b********@exemplo.com.br')
    assert.equal(setup.body.secret, null)
    await ctx.app.jobs.drain()
    const first = (await lastMailTo(ctx.app, 'bia.email@exemplo.com.br')).subject.match(
      /KEYPASS: (\d{6})/,
    )![1]
    const confirmed = await c.post('/api/v1/auth/keypass/confirm', { code: first })
    assert.equal(confirmed.status, 200)
    assert.equal(confirmed.body.recoveryCodes.length, 10)

    const again = new TestClient(ctx.app)
    const login = await again.login('bia.email@exemplo.com.br', GOOD)
    assert.equal(login.body.user.stage, 'mfa')
    assert.equal(login.body.user.secondFactor, 'email')
    await ctx.app.jobs.drain()
    const code = (await lastMailTo(ctx.app, 'bia.email@exemplo.com.br')).subject.match(/KEYPASS: (\d{6})/)![1]
    assert.equal(
      (await again.post('/api/v1/auth/mfa/verify', { code: first })).status,
      400,
      'the enrolment code is spent',
    )
    assert.equal((await again.post('/api/v1/auth/mfa/verify', { code })).status, 200)
    const third = new TestClient(ctx.app)
    await third.login('bia.email@exemplo.com.br', GOOD)
    assert.equal(
      (await third.post('/api/v1/auth/mfa/verify', { code })).status,
      400,
      'a used code does not work twice',
    )
    const tooSoon = await third.post('/api/v1/auth/mfa/send-code')
    assert.equal(tooSoon.status, 429)
    assert.equal(tooSoon.body.code, 'MFA_CODE_TOO_SOON')
  })

  test('SMS KEYPASS goes through the SMS provider (a local gateway in the real request format), retried on failure', async () => {
    const c = await invite(ctx, t, 'caio.sms@exemplo.com.br')
    const noPhone = await c.post('/api/v1/auth/keypass/setup', { method: 'sms', phone: '123' })
    assert.equal(noPhone.status, 400)
    assert.equal(noPhone.body.code, 'PHONE_REQUIRED')
    gateway.failNext(1)
    const setup = await c.post('/api/v1/auth/keypass/setup', { method: 'sms', phone: '(27) 99876-5432' })
    assert.equal(setup.status, 200, JSON.stringify(setup.body))
    assert.equal(setup.body.sentTo, '+5527*****5432')
    await ctx.app.jobs.drain()
    assert.equal(gateway.received.length, 0, 'first attempt: gateway down')
    const [queued] = await ctx.app.database.db
      .select()
      .from(smsMessages)
      .where(eq(smsMessages.toPhone, '+5527998765432'))
    assert.equal(queued.status, 'queued')
    assert.match(queued.error ?? '', /503/)
    await new Promise((r) => setTimeout(r, 450))
    await ctx.app.jobs.drain()
    assert.equal(gateway.received.length, 1)
    const sms = gateway.received[0]
    assert.equal(sms.to, '+5527998765432')
    assert.equal(sms.auth, 'Bearer segredo-gateway')
    assert.match(sms.text, /código KEYPASS do Cadastra é \d{6}/)
    const code = sms.text.match(/Cadastra é (\d{6})/)![1]
    assert.equal((await c.post('/api/v1/auth/keypass/confirm', { code })).status, 200)
    const status = await c.get('/api/v1/auth/keypass')
    assert.equal(status.body.method, 'sms')
    const log = await t.admin.get('/api/v1/outbox/sms')
    assert.ok(
      log.body.items.some(
        (m: { to: string; status: string }) => m.to === '+5527998765432' && m.status === 'sent',
      ),
    )
  })
})
