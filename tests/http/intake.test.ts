import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

async function lastMail(ctx: TestContext, to: string) {
  const res = await ctx.app.inject({ url: `/api/dev/mail?to=${encodeURIComponent(to)}` })
  return (JSON.parse(res.body) as { subject: string; text: string; links: string[] }[])[0]
}

function linkParts(link: string) {
  const u = new URL(link)
  return { protocol: u.searchParams.get('protocolo')!, key: u.searchParams.get('chave')! }
}

const incomplete = {
  senderName: 'Marta Secretária',
  senderEmail: 'marta@orgao.es.gov.br',
  data: {
    organization: { name: 'Secretaria de Exemplo', document: '11.222.333/0001-81' },
    unit: { name: 'Unidade Centro' },
    responsible: { name: 'Marta Secretária', email: 'marta@orgao.es.gov.br' },
    users: [{ name: 'Paulo Usuário', email: 'paulo@orgao.es.gov.br', profile: 'Solicitante' }],
  },
}

describe('fichas cadastrais: formulário público, checklist, devolução, correção, encaminhamento, arquivo', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { name: 'SEGER Exemplo' })
    other = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  test('the whole path: received → verification → returned → corrected by the sender → complete → forwarded → registered → archived', async () => {
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const form = await anon.get(`/api/v1/public/fichas/${t.slug}`)
    assert.deepEqual(form.body, { providerName: 'SEGER Exemplo' }, 'the form shows whose it is')
    assert.equal((await anon.get('/api/v1/public/fichas/nao-existe-mesmo')).body.code, 'FORM_NOT_FOUND')
    const sent = await anon.post(`/api/v1/public/fichas/${t.slug}`, incomplete)
    assert.equal(sent.status, 201, JSON.stringify(sent.body))
    assert.match(sent.body.protocol, /^\d{8}-[A-Z0-9]{6}$/)
    await ctx.app.jobs.drain()
    const receipt = await lastMail(ctx, 'marta@orgao.es.gov.br')
    assert.match(receipt.subject, new RegExp(`protocolo ${sent.body.protocol}`))

    const board = await t.admin.get('/api/v1/fichas')
    const item = board.body.items.find((f: { protocol: string }) => f.protocol === sent.body.protocol)
    assert.equal(item.status, 'recebida')
    assert.equal(item.organizationDocument, '11.222.333/0001-81')
    assert.ok(item.dueOn, 'a contractual due date is set')

    const detail = await t.admin.get(`/api/v1/fichas/${item.id}`)
    assert.deepEqual(detail.body.checklistMissing, ['Telefone do responsável'])
    assert.equal(
      (await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to: 'completa' })).status,
      409,
      'must be verified first',
    )
    assert.equal(
      (await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to: 'em_verificacao' })).status,
      200,
    )
    const notYet = await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to: 'completa' })
    assert.equal(notYet.status, 409)
    assert.equal(notYet.body.code, 'FICHA_INCOMPLETE')
    assert.match(notYet.body.message, /Telefone do responsável/)

    const returned = await t.admin.post(`/api/v1/fichas/${item.id}/transition`, {
      to: 'devolvida',
      note: 'Falta o telefone.',
    })
    assert.equal(returned.body.status, 'devolvida')
    assert.deepEqual(returned.body.missing, ['Telefone do responsável'])
    await ctx.app.jobs.drain()
    const ask = await lastMail(ctx, 'marta@orgao.es.gov.br')
    assert.match(ask.subject, /precisamos de correções/)
    assert.match(ask.text, /• Telefone do responsável/)
    const { protocol, key } = linkParts(ask.links[0])

    const status = await anon.get(`/api/v1/public/fichas/status?protocol=${protocol}&key=${key}`)
    assert.equal(status.body.statusLabel, 'Devolvida para correção')
    assert.equal(status.body.canCorrect, true)
    const badPhone = await anon.post('/api/v1/public/fichas/correct', {
      protocol,
      key,
      data: { ...incomplete.data, responsible: { ...incomplete.data.responsible, phone: '123' } },
    })
    assert.equal(badPhone.status, 400)
    const corrected = await anon.post('/api/v1/public/fichas/correct', {
      protocol,
      key,
      data: { ...incomplete.data, responsible: { ...incomplete.data.responsible, phone: '(27) 3636-1000' } },
    })
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body))
    assert.equal(corrected.body.status, 'recebida')
    assert.equal(
      (await anon.post('/api/v1/public/fichas/correct', { protocol, key, data: incomplete.data })).status,
      409,
    )

    for (const to of ['em_verificacao', 'completa']) {
      assert.equal((await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to })).status, 200, to)
    }
    const noTarget = await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to: 'encaminhada' })
    assert.equal(noTarget.body.code, 'FORWARD_TO_REQUIRED')
    const forwarded = await t.admin.post(`/api/v1/fichas/${item.id}/transition`, {
      to: 'encaminhada',
      forwardTo: 'cadastro@parceiro.com.br',
    })
    assert.equal(forwarded.body.status, 'encaminhada')
    await ctx.app.jobs.drain()
    const partner = await lastMail(ctx, 'cadastro@parceiro.com.br')
    assert.match(partner.text, /Paulo Usuário <paulo@orgao.es.gov.br> \(Solicitante\)/)
    // "Cadastrar": the client and its users are created; the unit was never trained, so invitations wait.
    assert.equal(
      (await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to: 'cadastrada' })).status,
      409,
    )
    const registered = await t.admin.post(`/api/v1/fichas/${item.id}/register`)
    assert.equal(registered.status, 200, JSON.stringify(registered.body))
    assert.equal(registered.body.status, 'aguardando_treinamento')
    assert.match(registered.body.events.at(-1).note, /1 usuário cadastrado\./)
    const org = (await t.admin.get('/api/v1/client-orgs?search=11222333')).body.items[0]
    assert.equal(org.name, 'Secretaria de Exemplo')
    assert.equal(org.trainedAt, null)
    const users = await t.admin.get('/api/v1/client-users?search=paulo')
    assert.equal(users.body.items[0].invitation.status, 'scheduled', 'held back until the training')
    assert.equal(users.body.items[0].companies[0].name, 'Secretaria de Exemplo')
    assert.equal((await t.admin.post(`/api/v1/fichas/${item.id}/register`)).status, 409, 'only once')
    for (const to of ['cadastrada', 'arquivada']) {
      assert.equal((await t.admin.post(`/api/v1/fichas/${item.id}/transition`, { to })).status, 200, to)
    }
    const final = await t.admin.get(`/api/v1/fichas/${item.id}`)
    assert.deepEqual(
      final.body.events.map((e: { toStatus: string }) => e.toStatus),
      [
        'recebida',
        'em_verificacao',
        'devolvida',
        'recebida',
        'em_verificacao',
        'completa',
        'encaminhada',
        'aguardando_treinamento',
        'cadastrada',
        'arquivada',
      ],
    )
    assert.equal(final.body.dueOn, null)
    assert.deepEqual(final.body.nextStatuses, [])

    // Archived: off the board, found forever by organisation, CNPJ, person or protocol.
    assert.ok(!(await t.admin.get('/api/v1/fichas')).body.items.some((f: { id: string }) => f.id === item.id))
    for (const q of ['secretaria de exemplo', '11222333', 'paulo', protocol]) {
      const found = await t.admin.get(`/api/v1/fichas?search=${encodeURIComponent(q)}`)
      assert.ok(
        found.body.items.some((f: { id: string }) => f.id === item.id),
        q,
      )
    }
  })

  test('overdue fichas are flagged; deadlines skip weekends and holidays', async () => {
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const sent = await anon.post(`/api/v1/public/fichas/${t.slug}`, {
      ...incomplete,
      senderEmail: 'atraso@orgao.es.gov.br',
    })
    await ctx.app.database.db.execute(
      sql`update fichas set due_on = '2026-11-19' where protocol = ${sent.body.protocol}`,
    )
    const overdue = await t.admin.get('/api/v1/fichas?overdue=true')
    const item = overdue.body.items.find((f: { protocol: string }) => f.protocol === sent.body.protocol)
    assert.equal(item.due, 'atrasado')
    assert.ok(item.dueBusinessDays >= 1)
  })

  test('public access needs protocol + key; another tenant cannot see or move the ficha; unknown form is 404', async () => {
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const sent = await anon.post(`/api/v1/public/fichas/${t.slug}`, {
      ...incomplete,
      senderEmail: 'isolada@orgao.es.gov.br',
    })
    const wrongKey = await anon.get(
      `/api/v1/public/fichas/status?protocol=${sent.body.protocol}&key=${'x'.repeat(32)}`,
    )
    assert.equal(wrongKey.status, 404)
    const ok = await anon.get(
      `/api/v1/public/fichas/status?protocol=${sent.body.protocol}&key=${sent.body.key}`,
    )
    assert.equal(ok.body.data, null, 'the content is shown only when a correction is asked')
    const id = (await t.admin.get(`/api/v1/fichas?search=${sent.body.protocol}`)).body.items[0].id
    assert.equal((await other.admin.get(`/api/v1/fichas/${id}`)).status, 404)
    assert.equal(
      (await other.admin.post(`/api/v1/fichas/${id}/transition`, { to: 'em_verificacao' })).status,
      404,
    )
    assert.equal((await other.admin.get(`/api/v1/fichas?search=${sent.body.protocol}`)).body.total, 0)
    assert.equal((await anon.post('/api/v1/public/fichas/nao-existe', incomplete)).status, 404)
  })

  test('a tenant sets its checklist and deadlines', async () => {
    const res = await t.admin.patch('/api/v1/settings', {
      intake: { checklist: ['organization.name', 'responsible.cpf'], deadlines: { recebida: 1 } },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(res.body.intake.checklist, ['organization.name', 'responsible.cpf'])
    assert.equal(res.body.intake.deadlines.recebida, 1)
    assert.equal(res.body.intake.deadlines.em_verificacao, 3)
    const bad = await t.admin.patch('/api/v1/settings', { intake: { checklist: ['inventado'] } })
    assert.equal(bad.status, 400)
  })
})

describe('ficha encaminhada com PDF', () => {
  let ctx: TestContext
  let t: TenantFixture
  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { name: 'Secretaria de Gestão e Recursos Humanos' })
  })
  after(() => ctx.close())

  test('the forwarding e-mail carries the ficha as a real PDF with the accents intact', async () => {
    const { execFileSync } = await import('node:child_process')
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const complete = {
      ...incomplete,
      data: {
        ...incomplete.data,
        organization: { name: 'Fundação São João da Conceição', document: '11.222.333/0001-81' },
        responsible: { ...incomplete.data.responsible, phone: '(27) 3636-1000' },
      },
    }
    const created = await t.admin.post('/api/v1/fichas', complete)
    assert.equal(created.status, 201, JSON.stringify(created.body))
    for (const to of ['em_verificacao', 'completa'])
      await t.admin.post(`/api/v1/fichas/${created.body.id}/transition`, { to })
    await t.admin.post(`/api/v1/fichas/${created.body.id}/transition`, {
      to: 'encaminhada',
      forwardTo: 'webtrip@parceiro.com.br',
    })
    const rows = await ctx.app.database.db.execute(
      sql`select attachments from mail_messages where to_address = 'webtrip@parceiro.com.br'`,
    )
    const [attachment] = (
      rows as unknown as { rows: { attachments: { filename: string; contentBase64: string }[] }[] }
    ).rows[0].attachments
    assert.equal(attachment.filename, `ficha-${created.body.protocol}.pdf`)
    const pdf = Buffer.from(attachment.contentBase64, 'base64')
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ficha-')), 'ficha.pdf')
    writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    assert.match(text, new RegExp(`Ficha cadastral ${created.body.protocol}`))
    assert.match(text, /Fundação São João da Conceição/)
    assert.match(text, /Paulo Usuário/)
    assert.match(text, /Secretaria de Gestão e Recursos Humanos/)
  })
})

describe('anexos da ficha (original em PDF ou imagem)', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture
  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config)
    other = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  const upload = (
    client: TestClient,
    url: string,
    filename: string,
    bytes: Buffer,
    type = 'application/pdf',
  ) => client.upload('POST', url, filename, bytes, type)

  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

  test('staff attach a PDF; the type is read from the content; other tenants cannot reach it', async () => {
    const created = await t.admin.post('/api/v1/fichas', incomplete)
    const id = created.body.id
    const ok = await upload(t.admin, `/api/v1/fichas/${id}/attachments`, 'Ficha Órgão.pdf', PDF)
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.equal(ok.body.attachments[0].filename, 'Ficha Órgão.pdf')
    assert.equal(ok.body.attachments[0].contentType, 'application/pdf')
    const fake = await upload(
      t.admin,
      `/api/v1/fichas/${id}/attachments`,
      'virus.pdf',
      Buffer.from('MZ executável'),
    )
    assert.equal(fake.status, 415)
    assert.equal(fake.body.code, 'ATTACHMENT_TYPE')
    const big = await upload(
      t.admin,
      `/api/v1/fichas/${id}/attachments`,
      'grande.pdf',
      Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]),
    )
    assert.equal(big.status, 413)
    const file = await ctx.app.inject({
      url: `/api/v1/fichas/${id}/attachments/${ok.body.attachments[0].id}`,
      headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    assert.equal(file.statusCode, 200)
    assert.equal(file.headers['content-type'], 'application/pdf')
    assert.ok(file.rawPayload.equals(PDF))
    assert.equal((await upload(other.admin, `/api/v1/fichas/${id}/attachments`, 'x.pdf', PDF)).status, 404)
    const foreign = await ctx.app.inject({
      url: `/api/v1/fichas/${id}/attachments/${ok.body.attachments[0].id}`,
      headers: { cookie: [...other.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    assert.equal(foreign.statusCode, 404)
  })

  test('the sender attaches the original through the public link; a wrong key is refused', async () => {
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const sent = await anon.post(`/api/v1/public/fichas/${t.slug}`, incomplete)
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64),
    ])
    const ok = await upload(
      anon,
      `/api/v1/public/fichas/attachments?protocol=${sent.body.protocol}&key=${sent.body.key}`,
      'foto.png',
      png,
      'image/png',
    )
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    const wrong = await upload(
      anon,
      `/api/v1/public/fichas/attachments?protocol=${sent.body.protocol}&key=${'y'.repeat(32)}`,
      'foto.png',
      png,
    )
    assert.equal(wrong.status, 404)
    const id = (await t.admin.get(`/api/v1/fichas?search=${sent.body.protocol}`)).body.items[0].id
    const detail = await t.admin.get(`/api/v1/fichas/${id}`)
    assert.equal(detail.body.attachments[0].contentType, 'image/png')
  })
})
