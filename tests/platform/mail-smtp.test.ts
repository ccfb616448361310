import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'

describe('e-mail por SMTP', () => {
  let smtp: TestSmtp
  let ctx: TestContext
  let t: TenantFixture

  before(async () => {
    smtp = await startSmtp()
    ctx = await startTestApp({
      config: {
        mail: { transport: 'smtp', url: smtp.url },
        mailFrom: 'Cadastra <nao-responda@cadastra.test>',
      },
      deps: { jobs: { autoStart: false, retryBaseMs: 400 } },
    })
    t = await createTenant(ctx.app, ctx.config, { name: 'Associação São João & Cia' })
    await ctx.app.jobs.drain()
    smtp.received.length = 0
  })
  after(async () => {
    await ctx.close()
    await smtp.close()
  })

  test('a staff access e-mail arrives through SMTP with a UTF-8 subject, HTML, text and the link', async () => {
    const res = await t.admin.post('/api/v1/staff', {
      name: 'Conceição Araújo',
      email: 'conceicao@exemplo.com.br',
      profileId: t.profiles.get('Operador'),
    })
    assert.equal(res.status, 201)
    assert.equal(smtp.received.length, 0, 'nothing is sent inside the request')
    await ctx.app.jobs.drain()
    assert.equal(smtp.received.length, 1)
    const mail = smtp.received[0]
    assert.equal(mail.subject, 'Seu acesso à equipe de Associação São João & Cia no Cadastra')
    assert.equal(
      mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null,
      'conceicao@exemplo.com.br',
    )
    assert.equal(mail.from?.value[0].address, 'nao-responda@cadastra.test')
    assert.match(mail.text ?? '', /Olá, Conceição!/)
    assert.match(String(mail.html), /Associação São João &amp; Cia/)
    const link = (mail.text ?? '').match(/http:\/\/cadastra\.test\/definir-senha\?token=[\w-]+/)?.[0]
    assert.ok(link, 'the text carries the single-use link')
    const outbox = await t.admin.get('/api/v1/outbox')
    const sent = outbox.body.items.find((m: { to: string }) => m.to === 'conceicao@exemplo.com.br')
    assert.equal(sent.status, 'sent')
    assert.ok(sent.sentAt)
  })

  test('a temporary SMTP refusal is retried and the message is delivered once', async () => {
    smtp.received.length = 0
    smtp.rejectNextMessages(1)
    await t.admin.post('/api/v1/staff', {
      name: 'Raimundo Nonato',
      email: 'raimundo@exemplo.com.br',
      profileId: t.profiles.get('Operador'),
    })
    await ctx.app.jobs.drain()
    assert.equal(smtp.received.length, 0)
    let outbox = await t.admin.get('/api/v1/outbox')
    let msg = outbox.body.items.find((m: { to: string }) => m.to === 'raimundo@exemplo.com.br')
    assert.equal(msg.status, 'queued')
    assert.match(msg.error, /452|Caixa cheia/)
    await new Promise((r) => setTimeout(r, 450))
    await ctx.app.jobs.drain()
    assert.equal(smtp.received.length, 1)
    outbox = await t.admin.get('/api/v1/outbox')
    msg = outbox.body.items.find((m: { to: string }) => m.to === 'raimundo@exemplo.com.br')
    assert.equal(msg.status, 'sent')
  })

  test('an invitation refused for good by the SMTP server is marked bounced, without retries', async () => {
    const res = await t.admin.post('/api/v1/client-users', {
      name: 'Pessoa Inexistente',
      email: 'inexistente@exemplo.com.br',
      send: 'now',
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    await ctx.app.jobs.drain()
    const user = await t.admin.get(`/api/v1/client-users/${res.body.id}`)
    assert.equal(user.body.invitation.status, 'bounced')
    const outbox = await t.admin.get('/api/v1/outbox')
    const msg = outbox.body.items.find((m: { to: string }) => m.to === 'inexistente@exemplo.com.br')
    assert.equal(msg.status, 'failed')
    assert.match(msg.error, /inexistente/i)
    const audit = await t.admin.get('/api/v1/audit?action=bounced')
    assert.equal(audit.body.total, 1)
    // Correcting the e-mail and re-sending starts a new invitation.
    const fixed = await t.admin.patch(`/api/v1/client-users/${res.body.id}`, {
      email: 'existente@exemplo.com.br',
    })
    assert.equal(fixed.status, 200)
    const resent = await t.admin.post(`/api/v1/client-users/${res.body.id}/invitation`)
    assert.equal(resent.body.invitation.status, 'sent')
  })

  test('/api/dev/mail does not exist when SMTP is configured', async () => {
    const res = await ctx.app.inject({ url: '/api/dev/mail' })
    assert.equal(res.statusCode, 404)
  })
})
