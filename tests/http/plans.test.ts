import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { addDays, todayIn, zonedInstant } from '#server/modules/agenda/agenda.slots.ts'
import { users } from '#server/modules/auth/auth.tables.ts'
import { clientPlanServices } from '#server/modules/plans/plans.tables.ts'
import { verifyPassword } from '#server/platform/security/passwords.ts'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import {
  brasilApiCompany,
  type FakeLookupServer,
  startFakeLookupServer,
} from '#server/platform/lookups/fake-server.ts'
import { validateBankAccount } from '#shared/banks.ts'
import { createOrg, makeCnpj } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'

const ADDRESS = {
  cep: '29050-000',
  street: 'Avenida Nossa Senhora da Penha',
  number: '1500',
  complement: 'sala 3',
  district: 'Bento Ferreira',
  city: 'Vitória',
  uf: 'ES',
}
const STRONG = 'Fibra#Veloz2026'

/** A Banco do Brasil account whose check digit is right (the digit found by the shared validator). */
function bbAccount(account: string) {
  const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']
  const agencyDigit = digits.find((d) => {
    const r = validateBankAccount({
      bankCode: '001',
      agency: '1234',
      agencyDigit: d,
      account,
      accountDigit: '0',
    })
    return r.ok || r.field !== 'agencyDigit'
  })!
  const accountDigit = digits.find(
    (d) => validateBankAccount({ bankCode: '001', agency: '1234', agencyDigit, account, accountDigit: d }).ok,
  )!
  const wrong = digits.find((d) => d !== accountDigit && d !== 'X')!
  return { bankCode: '001', agency: '1234', agencyDigit, account, accountDigit, wrong }
}

describe('planos: catálogo, novo cadastro com teste grátis, planos de clientes', () => {
  let ctx: TestContext
  let fake: FakeLookupServer
  let t: TenantFixture
  let other: TenantFixture
  let internet: { id: string }
  let fibra: { id: string; name: string }
  let emissor: { id: string }
  let emissorPlans: { id: string }[]
  let client: { id: string; name: string; document: string }
  let technicianId: string
  const baixada = makeCnpj()

  before(async () => {
    fake = await startFakeLookupServer()
    fake.companies.set(
      baixada,
      brasilApiCompany({
        cnpj: baixada,
        razao_social: 'MERCADO ANTIGO LTDA',
        situacao_cadastral: 8,
        descricao_situacao_cadastral: 'BAIXADA',
      }),
    )
    ctx = await startTestApp({
      config: { lookups: { brasilApiUrl: fake.url, viaCepUrl: fake.url, rdapUrl: fake.url, timeoutMs: 300 } },
    })
    t = await createTenant(ctx.app, ctx.config, { name: 'Conecta Telecom' })
    other = await createTenant(ctx.app, ctx.config)

    internet = (await t.admin.post('/api/v1/plan-categories', { name: 'Internet' })).body
    const res = await t.admin.post('/api/v1/plans', {
      categoryId: internet.id,
      name: 'Fibra 500 Mega',
      priceCents: 9990,
      services: [
        { kind: 'radius', required: true },
        { kind: 'email', required: false, defaultDomain: 'conecta.net.br' },
        { kind: 'ip' },
      ],
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    fibra = res.body
    emissor = (await t.admin.post('/api/v1/plan-categories', { name: 'Emissores Fiscais' })).body
    emissorPlans = []
    for (const [name, trialDays] of [
      ['NF-e Básico', 15],
      ['NFC-e Loja', 30],
    ] as const) {
      const p = await t.admin.post('/api/v1/plans', {
        categoryId: emissor.id,
        name,
        priceCents: 4990,
        trialDays,
        startsInHomologation: true,
      })
      assert.equal(p.status, 201, JSON.stringify(p.body))
      emissorPlans.push(p.body)
    }
    client = await createOrg(t, 'Padaria Aurora Ltda')
    const role = await t.admin.post('/api/v1/agenda/roles', {
      name: 'Instalador',
      workingHours: Object.fromEntries(
        ['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '23:30']]]),
      ),
    })
    assert.equal(role.status, 201, JSON.stringify(role.body))
    const tech = await t.admin.post('/api/v1/agenda/technicians', {
      name: 'Bruno Técnico',
      roleId: role.body.id,
    })
    assert.equal(tech.status, 201, JSON.stringify(tech.body))
    technicianId = tech.body.id
  })
  after(async () => {
    await ctx.close()
    await fake.close()
  })

  function planBody(overrides: Record<string, unknown> = {}) {
    const bb = bbAccount('00012345')
    return {
      planId: fibra.id,
      installation: { address: ADDRESS },
      services: [
        {
          kind: 'radius',
          login: `aurora${Math.floor(Math.random() * 1e6)}`,
          password: STRONG,
          passwordConfirmation: STRONG,
        },
      ],
      billing: {
        paymentMethod: 'debito_conta',
        dueDay: 10,
        bank: {
          bankCode: bb.bankCode,
          agency: bb.agency,
          agencyDigit: bb.agencyDigit,
          account: bb.account,
          accountDigit: bb.accountDigit,
          holderName: 'Maria Aurora',
          holderDocument: '529.982.247-25',
        },
      },
      ...overrides,
    }
  }

  /** 10:00 in São Paulo, `daysAhead` days from today, as ISO instants (always inside the 00:00–23:30 hours). */
  function slot(daysAhead: number, lengthHours = 1) {
    const start = new Date(zonedInstant(addDays(todayIn(new Date()), daysAhead), 10 * 60))
    return {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + lengthHours * 3_600_000).toISOString(),
    }
  }

  test('catalog: categories with plan counts, duplicate names refused in pt-BR, unknown services refused', async () => {
    const cats = (await t.admin.get('/api/v1/plan-categories')).body.items as {
      name: string
      planCount: number
    }[]
    assert.deepEqual(
      cats.map((c) => [c.name, c.planCount]),
      [
        ['Emissores Fiscais', 2],
        ['Internet', 1],
      ],
    )
    const dup = await t.admin.post('/api/v1/plans', {
      categoryId: internet.id,
      name: 'fibra 500 mega',
      priceCents: 1,
    })
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'PLAN_DUPLICATE')
    const bad = await t.admin.post('/api/v1/plans', {
      categoryId: internet.id,
      name: 'Plano X',
      priceCents: 1,
      services: [{ kind: 'telepatia' }],
    })
    assert.equal(bad.status, 400)
    assert.match(JSON.stringify(bad.body.fields), /Serviço desconhecido/)
  })

  test('new client wizard: taken login e-mail (seed error), weak password, nothing created until "Iniciar teste grátis", then Homologação → setup → Produção', async () => {
    const document = makeCnpj()
    const listBefore = (await t.admin.get('/api/v1/client-orgs?pageSize=200')).body.total as number
    // A login e-mail already used by another client's user.
    const cu = await t.admin.post('/api/v1/client-users', {
      name: 'Usuária Existente',
      email: 'ja.usado@cliente.com.br',
      companyIds: [client.id],
    })
    assert.equal(cu.status, 201, JSON.stringify(cu.body))
    const taken = await t.admin.post('/api/v1/trial-signups/check-login', {
      email: 'JA.USADO@cliente.com.br',
      password: STRONG,
      passwordConfirmation: STRONG,
    })
    assert.equal(taken.status, 409)
    assert.equal(taken.body.code, 'CLIENT_LOGIN_TAKEN')
    assert.equal(
      taken.body.message,
      'Este e-mail já está sendo utilizado por outro cliente. Informe outro e-mail.',
    )
    const weak = await t.admin.post('/api/v1/trial-signups/check-login', {
      email: 'novo@cliente.com.br',
      password: '123456',
      passwordConfirmation: '123456',
    })
    assert.equal(weak.status, 400)
    assert.equal(weak.body.code, 'PASSWORD_WEAK')
    assert.ok(weak.body.fields.password)
    const ok = await t.admin.post('/api/v1/trial-signups/check-company', { document })
    assert.deepEqual(ok.body, { ok: true })
    const dupCompany = await t.admin.post('/api/v1/trial-signups/check-company', {
      document: client.document,
    })
    assert.equal(dupCompany.status, 409)
    assert.match(dupCompany.body.message, /Padaria Aurora/)
    // Abandoning after the checks created nothing.
    assert.equal((await t.admin.get('/api/v1/client-orgs?pageSize=200')).body.total, listBefore)

    const signup = {
      planIds: emissorPlans.map((p) => p.id),
      contact: { name: 'Joana Responsável', phone: '(27) 99876-5432' },
      login: { email: 'joana@lojanova.com.br', password: STRONG, passwordConfirmation: STRONG },
      company: {
        document,
        name: 'Loja Nova Ltda',
        tradeName: 'Loja Nova',
        stateRegistration: 'ISENTO',
        phone: '(27) 3333-4444',
      },
      address: ADDRESS,
    }
    // A failure at the last step (taken login) leaves nothing behind either.
    const failed = await t.admin.post('/api/v1/trial-signups', {
      ...signup,
      login: { ...signup.login, email: 'ja.usado@cliente.com.br' },
    })
    assert.equal(failed.status, 409)
    assert.equal((await t.admin.get('/api/v1/client-orgs?pageSize=200')).body.total, listBefore)

    const created = await t.admin.post('/api/v1/trial-signups', signup)
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.body.environment, 'homologacao')
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' })
    const days = Math.round((Date.parse(created.body.trialEndsOn) - Date.parse(today)) / 86_400_000)
    assert.equal(days, 30, 'the longest trial of the chosen plans')
    const org = (await t.admin.get(`/api/v1/client-orgs/${created.body.clientOrgId}`)).body
    assert.equal(org.environment, 'homologacao')
    assert.equal(org.stateRegistration, 'ISENTO')
    assert.equal(org.phones.length, 2, 'the contact phone and the company phone')
    assert.equal(org.userCount, 1)
    const plans = (await t.admin.get(`/api/v1/client-orgs/${org.id}/plans`)).body.items as {
      planName: string
    }[]
    assert.deepEqual(plans.map((p) => p.planName).sort(), ['NF-e Básico', 'NFC-e Loja'])

    // The login user holds the password chosen in the wizard (argon2id), with no invitation pending.
    const [identity] = await ctx.app.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'joana@lojanova.com.br'))
    assert.ok(await verifyPassword(identity.passwordHash, STRONG))

    const early = await t.admin.post(`/api/v1/client-orgs/${org.id}/move-to-production`, {})
    assert.equal(early.status, 409)
    assert.equal(early.body.code, 'CLIENT_SETUP_INCOMPLETE')
    const badSetup = await t.admin.request('PUT', `/api/v1/client-orgs/${org.id}/setup`, {
      certificateType: 'A2',
      invoiceSeries: '1',
      nextInvoiceNumber: 0,
    })
    assert.equal(badSetup.status, 400)
    assert.ok(badSetup.body.fields.certificateType && badSetup.body.fields.nextInvoiceNumber)
    const setup = await t.admin.request('PUT', `/api/v1/client-orgs/${org.id}/setup`, {
      certificateType: 'A1',
      invoiceSeries: '1',
      nextInvoiceNumber: 1,
    })
    assert.equal(setup.status, 200, JSON.stringify(setup.body))
    const moved = await t.admin.post(`/api/v1/client-orgs/${org.id}/move-to-production`, {})
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.equal(moved.body.environment, 'producao')
    assert.equal((await t.admin.get(`/api/v1/client-orgs/${org.id}`)).body.environment, 'producao')
  })

  test('add plan: services checked against the plan, bank check digit, passwords sealed and revealed only with plans:secrets (audited)', async () => {
    const bb = bbAccount('00012345')
    const wrongDigit = await t.admin.post(
      `/api/v1/client-orgs/${client.id}/plans`,
      planBody({
        billing: {
          paymentMethod: 'debito_conta',
          dueDay: 10,
          bank: { ...planBody().billing.bank, accountDigit: bb.wrong },
        },
      }),
    )
    assert.equal(wrongDigit.status, 400)
    assert.match(wrongDigit.body.fields['billing.bank.accountDigit'], /dígito/i)
    const noRadius = await t.admin.post(`/api/v1/client-orgs/${client.id}/plans`, planBody({ services: [] }))
    assert.equal(noRadius.status, 400)
    assert.equal(noRadius.body.code, 'SERVICE_REQUIRED')
    const weak = await t.admin.post(
      `/api/v1/client-orgs/${client.id}/plans`,
      planBody({
        services: [
          { kind: 'radius', login: 'aurora1', password: 'aurora1', passwordConfirmation: 'aurora1' },
        ],
      }),
    )
    assert.equal(weak.status, 400)
    assert.ok(weak.body.fields['services.0.password'])
    const notOffered = await t.admin.post(
      `/api/v1/client-orgs/${client.id}/plans`,
      planBody({
        services: [...planBody().services, { kind: 'antivirus', licences: 2 }],
      }),
    )
    assert.equal(notOffered.status, 400)
    assert.equal(notOffered.body.code, 'SERVICE_NOT_OFFERED')
    assert.equal((await t.admin.get(`/api/v1/client-orgs/${client.id}/plans`)).body.items.length, 0)

    const body = planBody({
      services: [
        { kind: 'radius', login: 'padaria.aurora', password: STRONG, passwordConfirmation: STRONG },
        { kind: 'email', login: 'contato', password: STRONG, passwordConfirmation: STRONG },
      ],
    })
    const added = await t.admin.post(`/api/v1/client-orgs/${client.id}/plans`, body)
    assert.equal(added.status, 201, JSON.stringify(added.body))
    assert.equal(added.body.status, 'ativo')
    assert.equal(added.body.paymentLabel, 'Débito em conta')
    assert.match(added.body.paymentSummary, /^001 Banco do Brasil — ag\. 1234, conta ••••45-/)
    assert.equal(added.body.services[1].domain, 'conecta.net.br', 'the plan default domain')
    assert.ok(added.body.services.every((s: { hasPassword: boolean }) => s.hasPassword))
    assert.doesNotMatch(JSON.stringify(added.body), new RegExp(STRONG))
    const rows = await ctx.app.database.db
      .select()
      .from(clientPlanServices)
      .where(eq(clientPlanServices.clientPlanId, added.body.id))
    assert.ok(rows.every((r) => r.passwordSealed?.startsWith('v1.') && !r.passwordSealed.includes(STRONG)))
    const taken = await t.admin.post(`/api/v1/client-orgs/${client.id}/plans`, body)
    assert.equal(taken.status, 409)
    assert.equal(taken.body.code, 'SERVICE_LOGIN_TAKEN')
    assert.match(taken.body.fields['services.0.login'], /padaria\.aurora já está em uso/)

    const radius = added.body.services[0]
    // Staff who sell plans but may not see service passwords.
    const profile = await t.admin.post('/api/v1/profiles', {
      name: 'Vendas',
      description: 'Vende planos',
      permissions: ['clients:read', 'plans:manage'],
    })
    assert.equal(profile.status, 201, JSON.stringify(profile.body))
    t.profiles.set('Vendas', profile.body.id)
    const operator = await createStaffClient(ctx.app, t, 'Vendas')
    assert.equal((await operator.client.get(`/api/v1/client-plans/${added.body.id}`)).status, 200)
    const denied = await operator.client.post(
      `/api/v1/client-plans/${added.body.id}/services/${radius.id}/reveal`,
      {},
    )
    assert.equal(denied.status, 403)
    const shown = await t.admin.post(`/api/v1/client-plans/${added.body.id}/services/${radius.id}/reveal`, {})
    assert.equal(shown.status, 200)
    assert.equal(shown.body.password, STRONG)
    const audits = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, radius.id), eq(auditLog.action, 'password_revealed')))
    assert.equal(audits.length, 1)
    assert.doesNotMatch(JSON.stringify(audits), new RegExp(STRONG))
    const changed = await t.admin.post(
      `/api/v1/client-plans/${added.body.id}/services/${radius.id}/password`,
      {
        password: 'Outra#Senha2027',
        passwordConfirmation: 'Outra#Senha2027',
      },
    )
    assert.equal(changed.status, 204)
    assert.equal(
      (await t.admin.post(`/api/v1/client-plans/${added.body.id}/services/${radius.id}/reveal`, {})).body
        .password,
      'Outra#Senha2027',
    )
  })

  test('lifecycle: inactive returns to active, cancelled never returns; the tenant option inactivates the client on the last cancel', async () => {
    const org = await createOrg(t, 'Mercearia Ciclo de Vida Ltda')
    const add = await t.admin.post(`/api/v1/client-orgs/${org.id}/plans`, planBody())
    assert.equal(add.status, 201, JSON.stringify(add.body))
    const id = add.body.id
    const to = (status: string, reason = 'Pedido do cliente') =>
      t.admin.post(`/api/v1/client-plans/${id}/status`, { status, reason })
    assert.equal((await to('inativo', 'Inadimplência')).body.status, 'inativo')
    assert.equal((await to('ativo', 'Pagamento regularizado')).body.status, 'ativo')
    const same = await to('ativo')
    assert.equal(same.body.code, 'PLAN_STATUS_SAME')
    const patched = await t.admin.request('PATCH', '/api/v1/settings', {
      inactivateClientOnLastPlanCancel: true,
    })
    assert.equal(patched.status, 200, JSON.stringify(patched.body))
    const cancelled = await to('cancelado', 'Mudou de cidade')
    assert.equal(cancelled.body.status, 'cancelado')
    for (const status of ['ativo', 'inativo']) {
      const back = await to(status)
      assert.equal(back.status, 409)
      assert.equal(back.body.code, 'PLAN_CANCELLED_FINAL')
      assert.match(back.body.message, /cancelado não volta/)
    }
    const dueDay = await t.admin.post(`/api/v1/client-plans/${id}/due-day`, { dueDay: 15 })
    assert.equal(dueDay.body.code, 'PLAN_CANCELLED_LOCKED')
    const detail = (await t.admin.get(`/api/v1/client-plans/${id}`)).body
    assert.deepEqual(
      detail.history
        .filter((h: { kind: string }) => h.kind === 'status')
        .map((h: { toStatus: string; reason: string; actorName: string }) => [
          h.toStatus,
          h.reason,
          Boolean(h.actorName),
        ]),
      [
        ['cancelado', 'Mudou de cidade', true],
        ['ativo', 'Pagamento regularizado', true],
        ['inativo', 'Inadimplência', true],
      ],
    )
    assert.equal((await t.admin.get(`/api/v1/client-orgs/${org.id}`)).body.isActive, false)
    await t.admin.request('PATCH', '/api/v1/settings', { inactivateClientOnLastPlanCancel: false })
  })

  test('registration rules: a blocking rule stops "Finalizar", a warning needs acknowledgement (audited)', async () => {
    const block = await t.admin.post('/api/v1/registration-rules', {
      kind: 'install_address_number',
      categoryId: internet.id,
      severity: 'block',
    })
    assert.equal(block.status, 201, JSON.stringify(block.body))
    const warn = await t.admin.post('/api/v1/registration-rules', {
      kind: 'client_status_inactive',
      severity: 'warn',
    })
    const org = await t.admin.post('/api/v1/client-orgs', { name: 'Mercado Antigo Ltda', document: baixada })
    assert.equal(org.status, 201)
    const noNumber = planBody({ installation: { address: { ...ADDRESS, number: 'S/N' } } })
    const check = await t.admin.post(`/api/v1/client-orgs/${org.body.id}/plans/check`, noNumber)
    assert.deepEqual(
      check.body.alerts.map((a: { severity: string }) => a.severity),
      ['block', 'warn'],
    )
    assert.match(check.body.alerts[1].message, /BAIXADA/)
    const blocked = await t.admin.post(`/api/v1/client-orgs/${org.body.id}/plans`, noNumber)
    assert.equal(blocked.status, 422)
    assert.equal(blocked.body.code, 'PLAN_RULES_BLOCKED')
    assert.match(blocked.body.fields[`rules.${block.body.id}`], /número/)
    const unacked = await t.admin.post(`/api/v1/client-orgs/${org.body.id}/plans`, planBody())
    assert.equal(unacked.status, 409)
    assert.equal(unacked.body.code, 'PLAN_RULES_UNACKNOWLEDGED')
    assert.ok(unacked.body.fields[`rules.${warn.body.id}`])
    assert.equal((await t.admin.get(`/api/v1/client-orgs/${org.body.id}/plans`)).body.items.length, 0)
    const acked = await t.admin.post(
      `/api/v1/client-orgs/${org.body.id}/plans`,
      planBody({ acknowledgedRuleIds: [warn.body.id] }),
    )
    assert.equal(acked.status, 201, JSON.stringify(acked.body))
    assert.match(acked.body.acknowledgedWarnings[0], /BAIXADA/)
    const audit = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, acked.body.id), eq(auditLog.action, 'rules_acknowledged')))
    assert.equal(audit.length, 1)
    // Changes to a finished plan are checked again: a blocking rule refuses an address without number.
    const transfer = await t.admin.post(`/api/v1/client-plans/${acked.body.id}/address-transfer`, {
      address: { ...ADDRESS, number: 'S/N' },
    })
    assert.equal(transfer.status, 422)
    assert.equal(transfer.body.code, 'PLAN_RULES_BLOCKED')
    const kept = (await t.admin.get(`/api/v1/client-plans/${acked.body.id}`)).body
    assert.match(kept.installationAddress.line, /1500/)
    const moved = await t.admin.post(`/api/v1/client-plans/${acked.body.id}/address-transfer`, {
      address: { ...ADDRESS, number: '1600' },
    })
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.ok(
      moved.body.history.some(
        (h: { kind: string; summary: string }) => h.kind === 'rules_warning' && /BAIXADA/.test(h.summary),
      ),
      'warnings of a change are kept in the history',
    )
    for (const id of [block.body.id, warn.body.id])
      await t.admin.request('PATCH', `/api/v1/registration-rules/${id}`, { isActive: false })
  })

  test('"Agendar instalação": concurrent plans booking one slot — exactly one succeeds, the other plan is not created', async () => {
    const org = await createOrg(t, 'Oficina Agenda Ltda')
    const when = slot(2)
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        t.admin.post(
          `/api/v1/client-orgs/${org.id}/plans`,
          planBody({
            schedule: { technicianId, ...when, contact: { name: 'Carlos Zelador', phone: '27999990000' } },
          }),
        ),
      ),
    )
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [201, 409, 409, 409],
      JSON.stringify(results.map((r) => r.body)),
    )
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.code === 'AGENDA_SLOT_TAKEN'))
    assert.equal((await t.admin.get(`/api/v1/client-orgs/${org.id}/plans`)).body.items.length, 1)
    const detail = (
      await t.admin.get(`/api/v1/client-plans/${results.find((r) => r.status === 201)!.body.id}`)
    ).body
    assert.equal(detail.nextBooking.technicianName, 'Bruno Técnico')
    assert.equal(detail.nextBooking.startsAt, when.startsAt)
    assert.ok(
      detail.history.some(
        (h: { kind: string; summary: string }) => h.kind === 'scheduled' && /Carlos Zelador/.test(h.summary),
      ),
    )
    const contacts = (await t.admin.get(`/api/v1/client-orgs/${org.id}/contacts`)).body.items
    assert.equal(contacts.length, 1)
    // Cancelling the plan frees its installation slot for someone else.
    const planId = results.find((r) => r.status === 201)!.body.id
    await t.admin.post(`/api/v1/client-plans/${planId}/status`, { status: 'cancelado', reason: 'Desistiu' })
    const bookings = (await t.admin.get(`/api/v1/agenda/bookings?clientPlanId=${planId}`)).body.items
    assert.deepEqual(
      bookings.map((b: { status: string }) => b.status),
      ['cancelado'],
    )
    const again = await t.admin.post('/api/v1/agenda/bookings', { technicianId, ...when })
    assert.equal(again.status, 201, JSON.stringify(again.body))
  })

  test('contract: saved on the plan and printed from the tenant template as a PDF; address transfer keeps the history', async () => {
    const org = await createOrg(t, 'Padaria Contrato Ltda')
    const add = await t.admin.post(`/api/v1/client-orgs/${org.id}/plans`, planBody())
    const id = add.body.id
    const early = await t.admin.get(`/api/v1/client-plans/${id}/contract.pdf`)
    assert.equal(early.status, 409)
    assert.equal(early.body.code, 'CONTRACT_MISSING')
    const templates = (await t.admin.get('/api/v1/contract-templates')).body
    assert.equal(templates.items.length, 1)
    const badTemplate = await t.admin.post('/api/v1/contract-templates', {
      name: 'Modelo com erro',
      body: 'Contrato de {{cliente.nome}} com {{cliente.cpf}} e mais texto para passar do mínimo.',
    })
    assert.equal(badTemplate.status, 400)
    assert.match(badTemplate.body.message, /cliente\.cpf/)
    const saved = await t.admin.request('PUT', `/api/v1/client-plans/${id}/contract`, {
      contractNumber: '2026/000123',
      saleDate: '2026-11-30',
      installationFeeCents: 30000,
      installments: 3,
      validityMonths: 12,
      templateId: templates.items[0].id,
    })
    assert.equal(saved.status, 200, JSON.stringify(saved.body))
    const pdf = await ctx.app.inject({
      url: `/api/v1/client-plans/${id}/contract.pdf`,
      headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    const dir = mkdtempSync(path.join(tmpdir(), 'contrato-'))
    const file = path.join(dir, 'c.pdf')
    writeFileSync(file, pdf.rawPayload)
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8')
    for (const expected of [
      'Padaria Contrato Ltda',
      '2026/000123',
      'Fibra 500 Mega',
      'Conecta Telecom',
      'R$ 100,00',
    ])
      assert.ok(text.includes(expected), `${expected} in the contract`)

    const moved = await t.admin.post(`/api/v1/client-plans/${id}/address-transfer`, {
      address: {
        ...ADDRESS,
        cep: '29055-000',
        street: 'Rua Aleixo Netto',
        number: '20',
        district: 'Praia do Canto',
      },
      reason: 'Mudança de sede',
    })
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.match(moved.body.installationAddress.line, /Rua Aleixo Netto, 20/)
    const transfer = moved.body.history.find((h: { kind: string }) => h.kind === 'address_transfer')
    assert.match(transfer.summary, /de Avenida Nossa Senhora da Penha, 1500.*para Rua Aleixo Netto, 20/)
    const org2 = (await t.admin.get(`/api/v1/client-orgs/${org.id}`)).body
    assert.equal(org2.addresses.filter((a: { kind: string }) => a.kind === 'instalacao').length, 2)
  })

  test('extra fields defined by the tenant: unknown keys and empty required fields refused on plans and clients', async () => {
    const org = await createOrg(t, 'Padaria Campos Extras Ltda')
    const add = await t.admin.post(`/api/v1/client-orgs/${org.id}/plans`, planBody())
    const url = `/api/v1/client-plans/${add.body.id}/extra-fields`
    assert.equal(
      (await t.admin.request('PUT', url, { extraFields: { livre: 'sim' } })).status,
      200,
      'free pairs without definitions',
    )
    const defined = await t.admin.request('PATCH', '/api/v1/settings', {
      extraFields: {
        plans: [{ label: 'Nº do medidor', required: true }, { label: 'Observação técnica' }],
        clients: [{ label: 'Código ERP' }],
      },
    })
    assert.equal(defined.status, 200, JSON.stringify(defined.body))
    assert.deepEqual(
      defined.body.extraFields.plans.map((f: { key: string }) => f.key),
      ['n-do-medidor', 'observacao-tecnica'],
    )
    // Every staff member reads the definitions (the forms need them), not only settings managers.
    const seller = await createStaffClient(ctx.app, t, 'Operador')
    const defs = await seller.client.get('/api/v1/settings/extra-fields')
    assert.equal(defs.status, 200)
    assert.deepEqual(defs.body.clients, [{ label: 'Código ERP', required: false, key: 'codigo-erp' }])
    assert.equal((await seller.client.get('/api/v1/settings')).status, 403)
    const missing = await t.admin.request('PUT', url, { extraFields: { 'observacao-tecnica': 'poste 12' } })
    assert.equal(missing.status, 400)
    assert.equal(missing.body.fields['extraFields.n-do-medidor'], 'Preencha o campo "Nº do medidor".')
    const unknown = await t.admin.request('PUT', url, { extraFields: { 'n-do-medidor': '123', cor: 'azul' } })
    assert.equal(unknown.status, 400)
    assert.ok(unknown.body.fields['extraFields.cor'])
    const ok = await t.admin.request('PUT', url, { extraFields: { 'n-do-medidor': '778899' } })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.deepEqual(ok.body.extraFields, { 'n-do-medidor': '778899' })
    const client = await t.admin.post('/api/v1/client-orgs', {
      name: 'Cliente com Campo Errado Ltda',
      document: makeCnpj(),
      extraFields: { 'codigo-erp': 'A-12', setor: 'x' },
    })
    assert.equal(client.status, 400)
    assert.ok(client.body.fields['extraFields.setor'])
    await t.admin.request('PATCH', '/api/v1/settings', { extraFields: { plans: [], clients: [] } })
  })

  test('tenant isolation: another tenant cannot read or change the catalog, client plans, templates, rules or contacts', async () => {
    const org = await createOrg(t, 'Cliente Isolado Ltda')
    const add = await t.admin.post(`/api/v1/client-orgs/${org.id}/plans`, planBody())
    assert.equal(add.status, 201)
    const id = add.body.id
    const template = (await t.admin.get('/api/v1/contract-templates')).body.items[0]
    const rule = await t.admin.post('/api/v1/registration-rules', {
      kind: 'client_email_required',
      severity: 'warn',
      isActive: false,
    })
    const o = other.admin
    assert.deepEqual((await o.get('/api/v1/plan-categories')).body.items, [])
    assert.deepEqual((await o.get('/api/v1/plans')).body.items, [])
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/plan-categories/${internet.id}`, { name: 'Roubada' }],
      ['PATCH', `/api/v1/plans/${fibra.id}`, { priceCents: 1 }],
      ['GET', `/api/v1/client-orgs/${org.id}/plans`, undefined],
      ['GET', `/api/v1/client-plans/${id}`, undefined],
      ['POST', `/api/v1/client-plans/${id}/status`, { status: 'cancelado', reason: 'invasão' }],
      ['POST', `/api/v1/client-plans/${id}/services/${add.body.services[0].id}/reveal`, {}],
      ['GET', `/api/v1/client-plans/${id}/contract.pdf`, undefined],
      ['PATCH', `/api/v1/contract-templates/${template.id}`, { name: 'Roubado' }],
      ['PATCH', `/api/v1/registration-rules/${rule.body.id}`, { isActive: true }],
      ['GET', `/api/v1/client-orgs/${org.id}/contacts`, undefined],
      ['GET', `/api/v1/client-orgs/${org.id}/setup`, undefined],
    ] as const) {
      const res = await o.request(method, url, body)
      assert.ok([404, 400].includes(res.status), `${method} ${url}: ${res.status}`)
      assert.notEqual(res.status, 200)
    }
    // Its own client cannot be sold the first tenant's plan.
    const own = await createOrg(other, 'Cliente do Outro Ltda')
    const cross = await o.post(`/api/v1/client-orgs/${own.id}/plans`, planBody())
    assert.equal(cross.body.code, 'PLAN_NOT_FOUND')
    assert.equal((await t.admin.get(`/api/v1/client-plans/${id}`)).body.status, 'ativo')
    assert.equal((await t.admin.get('/api/v1/plan-categories')).body.items[1].name, 'Internet')
  })
})
