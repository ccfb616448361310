import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { totpCode } from '#server/platform/security/totp.ts'
import { withCpfCheckDigits } from '#shared/documents.ts'
import { acceptAndEnrol, createOrg, lastMailTo, tokenFrom } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

const GOOD = 'Portal#Seguro2026'

describe('usuários de clientes: assistente, convite, primeiro acesso e KEYPASS', () => {
  let ctx: TestContext
  let t: TenantFixture
  let orgA: { id: string }
  let orgB: { id: string }
  let deps: { id: string; name: string }[]

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { name: 'Contabilidade Modelo' })
    orgA = await createOrg(t, 'Padaria Aurora Ltda')
    orgB = await createOrg(t, 'Mercado Boa Vista Ltda')
    deps = (await t.admin.get('/api/v1/departments')).body.items
  })
  after(() => ctx.close())

  let people = 0
  function wizard(email: string, extra: Record<string, unknown> = {}) {
    const pessoal = deps.find((d) => d.name === 'Pessoal')!
    const fiscal = deps.find((d) => d.name === 'Fiscal')!
    return {
      name: 'Helena Prado',
      email,
      cpf: withCpfCheckDigits(String(310_000_000 + ++people)),
      phone: '(27) 99876-5432',
      portalActive: true,
      isDemo: false,
      departments: [
        { departmentId: pessoal.id, level: 'contribuinte' },
        { departmentId: fiscal.id, level: 'revisor' },
      ],
      companyIds: [orgA.id, orgB.id],
      permissions: ['documents:upload'],
      notifications: { documents: 'both', billing: 'email' },
      send: 'now',
      ...extra,
    }
  }

  test('default departments exist in every tenant', () => {
    assert.deepEqual(deps.map((d) => d.name).sort(), ['Contábil', 'Fiscal', 'Pessoal', 'Societário'])
  })

  test('the whole first access: invitation → password → KEYPASS → portal → login with code → switch company', async () => {
    const created = await t.admin.post(
      '/api/v1/client-users',
      wizard('helena@exemplo.com.br', { cpf: '529.982.247-25' }),
    )
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.body.cpf, '529.982.247-25')
    assert.equal(created.body.phone, '(27) 99876-5432')
    assert.equal(created.body.invitation.status, 'sent')
    assert.equal(created.body.departments.length, 2)
    assert.equal(created.body.companies.length, 2)
    await ctx.app.jobs.drain()

    const mail = await lastMailTo(ctx.app, 'helena@exemplo.com.br')
    assert.equal(mail.subject, 'Contabilidade Modelo convidou você para o Portal do Cliente')
    const token = tokenFrom(mail.links.find((l) => l.includes('/convite?token='))!)

    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const lookup = await anon.get(`/api/v1/invitations/lookup?token=${token}`)
    assert.deepEqual(
      { status: lookup.body.status, mode: lookup.body.mode, name: lookup.body.name },
      { status: 'valid', mode: 'new', name: 'Helena Prado' },
    )
    const opened = await t.admin.get(`/api/v1/client-users/${created.body.id}`)
    assert.equal(opened.body.invitation.status, 'opened')

    const sameAsEmail = await anon.post('/api/v1/invitations/accept', {
      token,
      password: 'helena@exemplo.com.br',
      passwordConfirmation: 'helena@exemplo.com.br',
    })
    assert.equal(sameAsEmail.status, 400)
    assert.match(sameAsEmail.body.message, /igual ao e-mail/)
    const common = await anon.post('/api/v1/invitations/accept', {
      token,
      password: 'Flamengo2026!',
      passwordConfirmation: 'Flamengo2026!',
    })
    assert.equal(common.status, 400)
    assert.match(common.body.fields.password, /muito comum/)

    const { client, secret, recoveryCodes } = await acceptAndEnrol(ctx.app, token, GOOD)
    assert.equal(recoveryCodes.length, 10)
    const session = await client.get('/api/v1/auth/session')
    assert.equal(session.body.user.kind, 'client')
    assert.equal(session.body.user.stage, 'full')
    assert.equal(session.body.user.companies.length, 2)
    const home = await client.get('/api/v1/portal/home')
    assert.deepEqual(
      home.body.departments.map((d: { name: string; levelLabel: string }) => `${d.name}:${d.levelLabel}`),
      ['Fiscal:Revisor', 'Pessoal:Contribuinte'],
    )
    // Client users never reach staff endpoints.
    assert.equal((await client.get('/api/v1/staff')).status, 403)
    assert.equal((await client.get('/api/v1/client-users')).status, 403)

    await client.post('/api/v1/auth/logout')
    const again = new TestClient(ctx.app)
    const login = await again.login('helena@exemplo.com.br', GOOD)
    assert.equal(login.body.user.stage, 'mfa')
    assert.equal((await again.get('/api/v1/portal/home')).status, 403, 'nothing before the code')
    // The code of the enrolment step was used: a fresh one (next step) is needed.
    const replay = await again.post('/api/v1/auth/mfa/verify', { code: totpCode(secret) })
    assert.equal(replay.status, 409)
    assert.equal(replay.body.code, 'MFA_CODE_REPLAYED')
    const ok = await again.post('/api/v1/auth/mfa/verify', { code: totpCode(secret, Date.now() + 30_000) })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.equal(ok.body.user.stage, 'full')

    const other = ok.body.user.companies.find((c: { id: string }) => c.id !== ok.body.user.company.id)
    const switched = await again.post('/api/v1/portal/switch-company', { companyId: other.id })
    assert.equal(switched.status, 200)
    assert.equal(switched.body.user.company.id, other.id)
    const foreign = await again.post('/api/v1/portal/switch-company', {
      companyId: '00000000-0000-4000-8000-000000000001',
    })
    assert.equal(foreign.status, 404)

    const ofA = await t.admin.get(`/api/v1/client-users?companyId=${orgA.id}`)
    assert.ok(ofA.body.items.some((u: { email: string }) => u.email === 'helena@exemplo.com.br'))
    assert.ok(
      ofA.body.items.every((u: { companies: { id: string }[] }) => u.companies.some((c) => c.id === orgA.id)),
    )

    const funnel = await t.admin.get('/api/v1/client-users/funnel')
    assert.ok(funnel.body.invited >= 1 && funnel.body.keypass >= 1 && funnel.body.firstLogin >= 1)
  })

  test('recovery codes work once each', async () => {
    await t.admin.post('/api/v1/client-users', wizard('rita@exemplo.com.br', { name: 'Rita Recupera' }))
    await ctx.app.jobs.drain()
    const token = tokenFrom((await lastMailTo(ctx.app, 'rita@exemplo.com.br')).links[0])
    const { recoveryCodes } = await acceptAndEnrol(ctx.app, token, GOOD)
    const c = new TestClient(ctx.app)
    await c.login('rita@exemplo.com.br', GOOD)
    assert.equal(
      (await c.post('/api/v1/auth/mfa/verify', { recoveryCode: recoveryCodes[0].toUpperCase() })).status,
      200,
    )
    const c2 = new TestClient(ctx.app)
    await c2.login('rita@exemplo.com.br', GOOD)
    const reused = await c2.post('/api/v1/auth/mfa/verify', { recoveryCode: recoveryCodes[0] })
    assert.equal(reused.status, 400)
    assert.equal(reused.body.code, 'MFA_CODE_INVALID')
    assert.equal((await c2.post('/api/v1/auth/mfa/verify', { recoveryCode: recoveryCodes[1] })).status, 200)
    assert.equal((await c2.get('/api/v1/auth/keypass')).body.recoveryCodesLeft, 8)
  })

  test('wrong KEYPASS codes lock the second factor, also under parallel requests', async () => {
    await t.admin.post('/api/v1/client-users', wizard('lucas@exemplo.com.br', { name: 'Lucas Chute' }))
    await ctx.app.jobs.drain()
    const token = tokenFrom((await lastMailTo(ctx.app, 'lucas@exemplo.com.br')).links[0])
    const { secret } = await acceptAndEnrol(ctx.app, token, GOOD)
    const c = new TestClient(ctx.app)
    await c.login('lucas@exemplo.com.br', GOOD)
    const right = totpCode(secret, Date.now() + 30_000)
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    const results = await Promise.all(
      Array.from({ length: 12 }, () => c.post('/api/v1/auth/mfa/verify', { code: wrong })),
    )
    assert.equal(results.filter((r) => r.body.code === 'MFA_CODE_INVALID').length, 5)
    assert.equal(results.filter((r) => r.body.code === 'MFA_LOCKED').length, 7)
    const blocked = await c.post('/api/v1/auth/mfa/verify', { code: right })
    assert.equal(blocked.status, 423, 'even the right code waits for the lock to end')
    const audit = await t.admin.get('/api/v1/audit?action=mfa_locked')
    assert.ok(audit.body.total >= 1)
  })

  test('tokens: reused, expired, revoked by a resend, and after an e-mail change are refused; nothing changes', async () => {
    const created = await t.admin.post(
      '/api/v1/client-users',
      wizard('tiago@exemplo.com.br', { name: 'Tiago Token' }),
    )
    await ctx.app.jobs.drain()
    const first = tokenFrom((await lastMailTo(ctx.app, 'tiago@exemplo.com.br')).links[0])

    // Resend: a new link, the old one dies.
    const resent = await t.admin.post(`/api/v1/client-users/${created.body.id}/invitation`)
    assert.equal(resent.status, 200)
    await ctx.app.jobs.drain()
    const second = tokenFrom((await lastMailTo(ctx.app, 'tiago@exemplo.com.br')).links[0])
    assert.notEqual(first, second)
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    const old = await anon.get(`/api/v1/invitations/lookup?token=${first}`)
    assert.equal(old.status, 404)
    assert.equal(old.body.code, 'INVITATION_INVALID')
    assert.match(old.body.message, /não é mais válido/)
    const oldAccept = await anon.post('/api/v1/invitations/accept', {
      token: first,
      password: GOOD,
      passwordConfirmation: GOOD,
    })
    assert.equal(oldAccept.status, 404)

    // E-mail corrected: the pending invitation is re-issued to the new address; the link bound to the old one dies.
    const changed = await t.admin.patch(`/api/v1/client-users/${created.body.id}`, {
      email: 'tiago.certo@exemplo.com.br',
    })
    assert.equal(changed.status, 200)
    assert.equal(changed.body.invitation.status, 'sent')
    await ctx.app.jobs.drain()
    assert.equal((await anon.get(`/api/v1/invitations/lookup?token=${second}`)).status, 404)
    const third = tokenFrom((await lastMailTo(ctx.app, 'tiago.certo@exemplo.com.br')).links[0])

    // Expired.
    await ctx.app.database.db.execute(
      sql`update invitations set expires_at = now() - interval '1 minute' where email = 'tiago.certo@exemplo.com.br'`,
    )
    const expired = await anon.get(`/api/v1/invitations/lookup?token=${third}`)
    assert.equal(expired.status, 200)
    assert.equal(expired.body.status, 'expired')
    const lateAccept = await anon.post('/api/v1/invitations/accept', {
      token: third,
      password: GOOD,
      passwordConfirmation: GOOD,
    })
    assert.equal(lateAccept.status, 410)
    assert.equal(lateAccept.body.code, 'INVITATION_EXPIRED')
    const list = await t.admin.get('/api/v1/client-users?status=expired')
    assert.ok(list.body.items.some((u: { id: string }) => u.id === created.body.id))
    // Asking for a new one tells the staff, once.
    assert.equal((await anon.post('/api/v1/invitations/request-new', { token: third })).status, 204)
    assert.equal((await anon.post('/api/v1/invitations/request-new', { token: third })).status, 204)
    await ctx.app.jobs.drain()
    const renewal = await lastMailTo(ctx.app, t.adminEmail)
    assert.match(renewal.subject, /Pedido de novo convite: Tiago Token/)
    const audit = await t.admin.get(`/api/v1/audit?action=renewal_requested`)
    assert.equal(audit.body.total, 1)

    // Reused: after a successful accept the same link is dead.
    await t.admin.post(`/api/v1/client-users/${created.body.id}/invitation`)
    await ctx.app.jobs.drain()
    const fresh = tokenFrom((await lastMailTo(ctx.app, 'tiago.certo@exemplo.com.br')).links[0])
    await acceptAndEnrol(ctx.app, fresh, GOOD)
    const reused = await new TestClient(ctx.app).get(`/api/v1/invitations/lookup?token=${fresh}`)
    assert.equal(reused.status, 404)
    const again = await t.admin.post(`/api/v1/client-users/${created.body.id}/invitation`)
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'USER_ALREADY_ACCEPTED')
  })

  test('"Enviar mais tarde" schedules without e-mail; a demo user is never mailed', async () => {
    const later = await t.admin.post(
      '/api/v1/client-users',
      wizard('marcos@exemplo.com.br', { name: 'Marcos Depois', send: 'later' }),
    )
    assert.equal(later.body.invitation.status, 'scheduled')
    const demo = await t.admin.post(
      '/api/v1/client-users',
      wizard('demo@escritorio.exemplo.com.br', { name: 'Usuário Demonstração', isDemo: true }),
    )
    assert.equal(demo.body.invitation.status, 'none')
    await ctx.app.jobs.drain()
    assert.equal(await lastMailTo(ctx.app, 'marcos@exemplo.com.br'), undefined)
    assert.equal(await lastMailTo(ctx.app, 'demo@escritorio.exemplo.com.br'), undefined)
    const demoSend = await t.admin.post(`/api/v1/client-users/${demo.body.id}/invitation`)
    assert.equal(demoSend.body.code, 'USER_IS_DEMO')
    const sendNow = await t.admin.post(`/api/v1/client-users/${later.body.id}/invitation`)
    assert.equal(sendNow.body.invitation.status, 'sent')
  })

  test('e-mail unique per tenant (case-insensitive); bad CPF and phone refused in pt-BR', async () => {
    const dup = await t.admin.post(
      '/api/v1/client-users',
      wizard('HELENA@exemplo.com.br', { name: 'Outra Helena' }),
    )
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'EMAIL_TAKEN')
    // A CPF is one person: a second user with it is refused, saying who has it (on creation and on
    // an edit); the same person keeps theirs when edited.
    const sameCpf = await t.admin.post(
      '/api/v1/client-users',
      wizard('gemea@exemplo.com.br', { name: 'Gêmea Helena', cpf: '52998224725' }),
    )
    assert.equal(sameCpf.status, 409)
    assert.equal(sameCpf.body.code, 'CPF_TAKEN')
    assert.equal(
      sameCpf.body.message,
      'Este CPF já está cadastrado para Helena Prado (helena@exemplo.com.br).',
    )
    assert.match(sameCpf.body.fields.cpf, /CPF já usado por Helena Prado/)
    const other = await t.admin.post('/api/v1/client-users', wizard('outra.cpf@exemplo.com.br'))
    assert.equal(other.status, 201, JSON.stringify(other.body))
    const edit = await t.admin.patch(`/api/v1/client-users/${other.body.id}`, { cpf: '529.982.247-25' })
    assert.equal(edit.body.code, 'CPF_TAKEN')
    const keep = await t.admin.patch(`/api/v1/client-users/${other.body.id}`, {
      cpf: other.body.cpf,
      name: 'Outra Pessoa',
    })
    assert.equal(keep.status, 200, JSON.stringify(keep.body))
    const bad = await t.admin.post(
      '/api/v1/client-users',
      wizard('x@exemplo.com.br', { cpf: '111.111.111-11', phone: '123' }),
    )
    assert.equal(bad.status, 400)
    assert.match(bad.body.fields.cpf, /CPF inválido/)
    assert.match(bad.body.fields.phone, /Telefone inválido/)
  })

  test('staff permissions gate the module: a technician cannot manage client users', async () => {
    const { client } = await createStaffClient(ctx.app, t, 'Técnico')
    assert.equal((await client.get('/api/v1/client-users')).status, 403)
    assert.equal((await client.post('/api/v1/client-users', wizard('z@exemplo.com.br'))).status, 403)
  })

  test('resetting the KEYPASS ends the sessions and asks for a new set-up at the next login', async () => {
    const created = await t.admin.post(
      '/api/v1/client-users',
      wizard('kelly@exemplo.com.br', { name: 'Kelly Keypass' }),
    )
    await ctx.app.jobs.drain()
    const token = tokenFrom((await lastMailTo(ctx.app, 'kelly@exemplo.com.br')).links[0])
    const { client } = await acceptAndEnrol(ctx.app, token, GOOD)
    const reset = await t.admin.post(`/api/v1/client-users/${created.body.id}/keypass-reset`)
    assert.equal(reset.status, 200)
    assert.equal(reset.body.hasKeypass, false)
    assert.equal((await client.get('/api/v1/portal/home')).status, 401)
    const c = new TestClient(ctx.app)
    const login = await c.login('kelly@exemplo.com.br', GOOD)
    assert.equal(login.body.user.stage, 'enrol')
    const audit = await t.admin.get(`/api/v1/audit?action=keypass_reset`)
    assert.equal(audit.body.total, 1)
  })
})

describe('vinculação de contas entre inquilinos', () => {
  let ctx: TestContext
  let a: TenantFixture
  let b: TenantFixture

  before(async () => {
    ctx = await startTestApp()
    a = await createTenant(ctx.app, ctx.config, { name: 'Escritório Alfa' })
    b = await createTenant(ctx.app, ctx.config, { name: 'Escritório Beta' })
  })
  after(() => ctx.close())

  test('an e-mail known in tenant A links by its current password in tenant B; one login reaches both', async () => {
    const orgA = await createOrg(a, 'Empresa do Alfa')
    const orgB = await createOrg(b, 'Empresa do Beta')
    const inA = await a.admin.post('/api/v1/client-users', {
      name: 'Joana Dupla',
      email: 'joana@exemplo.com.br',
      companyIds: [orgA.id],
      send: 'now',
    })
    await ctx.app.jobs.drain()
    const { secret } = await acceptAndEnrol(
      ctx.app,
      tokenFrom((await lastMailTo(ctx.app, 'joana@exemplo.com.br')).links[0]),
      GOOD,
    )

    const inB = await b.admin.post('/api/v1/client-users', {
      name: 'Joana (Beta)',
      email: 'joana@exemplo.com.br',
      companyIds: [orgB.id],
      send: 'now',
    })
    assert.equal(inB.status, 201)
    await ctx.app.jobs.drain()
    const mail = await lastMailTo(ctx.app, 'joana@exemplo.com.br')
    assert.match(mail.text, /Vincular contas/)
    const token = tokenFrom(mail.links[0])
    const anon = new TestClient(ctx.app)
    await anon.get('/api/v1/auth/session')
    assert.equal((await anon.get(`/api/v1/invitations/lookup?token=${token}`)).body.mode, 'link')
    const wrong = await anon.post('/api/v1/invitations/accept', { token, currentPassword: 'Nao-E-Essa-2026' })
    assert.equal(wrong.status, 400)
    assert.equal(wrong.body.code, 'LINK_PASSWORD_INVALID')
    const linked = await anon.post('/api/v1/invitations/accept', { token, currentPassword: GOOD })
    assert.equal(linked.status, 200, JSON.stringify(linked.body))
    assert.equal(linked.body.user.stage, 'mfa', 'the existing KEYPASS is asked for')
    const verified = await anon.post('/api/v1/auth/mfa/verify', {
      code: totpCode(secret, Date.now() + 30_000),
    })
    assert.equal(verified.status, 200)
    assert.deepEqual(verified.body.user.memberships.map((m: { tenantName: string }) => m.tenantName).sort(), [
      'Escritório Alfa',
      'Escritório Beta',
    ])
    const toA = await anon.post('/api/v1/auth/switch-tenant', { tenantId: a.tenantId, kind: 'client' })
    assert.equal(toA.status, 200)
    assert.equal(toA.body.user.company.name, 'Empresa do Alfa')

    // Each tenant's staff see only their own membership data.
    const aView = await a.admin.get(`/api/v1/client-users/${inA.body.id}`)
    assert.equal(aView.body.name, 'Joana Dupla')
    assert.equal((await a.admin.get(`/api/v1/client-users/${inB.body.id}`)).status, 404)
    assert.equal((await b.admin.get(`/api/v1/client-users/${inA.body.id}`)).status, 404)
    assert.equal(
      (await a.admin.patch(`/api/v1/client-users/${inB.body.id}`, { name: 'Invasor' })).status,
      404,
    )
    assert.equal((await a.admin.post(`/api/v1/client-users/${inB.body.id}/keypass-reset`)).status, 404)
    assert.equal((await a.admin.get(`/api/v1/client-orgs/${orgB.id}`)).status, 404)
    const bList = await b.admin.get('/api/v1/client-users')
    assert.deepEqual(
      bList.body.items.map((u: { name: string }) => u.name),
      ['Joana (Beta)'],
    )
    const bAudit = await b.admin.get('/api/v1/audit?search=Alfa&pageSize=200')
    assert.equal(bAudit.body.total, 0)
  })

  test("a tenant cannot attach another tenant's departments or companies", async () => {
    const orgB = await createOrg(b, 'Outra do Beta')
    const depB = (await b.admin.get('/api/v1/departments')).body.items[0]
    const res = await a.admin.post('/api/v1/client-users', {
      name: 'Fulano Cruzado',
      email: 'cruzado@exemplo.com.br',
      companyIds: [orgB.id],
    })
    assert.equal(res.status, 400)
    assert.equal(res.body.code, 'COMPANY_NOT_FOUND')
    const res2 = await a.admin.post('/api/v1/client-users', {
      name: 'Fulano Cruzado',
      email: 'cruzado@exemplo.com.br',
      departments: [{ departmentId: depB.id, level: 'revisor' }],
    })
    assert.equal(res2.body.code, 'DEPARTMENT_NOT_FOUND')
    assert.equal((await a.admin.get('/api/v1/client-users?search=Cruzado')).body.total, 0)
  })
})
