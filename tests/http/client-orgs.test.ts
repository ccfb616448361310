import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'

describe('clientes (organizações): CPF/CNPJ, endereços, busca e isolamento', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config)
    other = await createTenant(ctx.app, ctx.config)
  })
  after(() => ctx.close())

  const full = {
    name: 'Comércio Exemplo S.A.',
    document: '12ABC34501DE35',
    tradeName: 'Exemplo Atacado',
    stateRegistration: 'isento',
    emails: ['fiscal@exemplo.com.br', 'FISCAL@exemplo.com.br'],
    phones: ['27 3333-4444', '(27) 99876-5432'],
    environment: 'homologacao',
    notes: 'Cliente indicado pela associação comercial.',
    extraFields: { 'Código no ERP': 'C-1020' },
    addresses: [
      {
        kind: 'principal',
        cep: '29050-555',
        street: 'Av. Nossa Senhora da Penha',
        number: '1000',
        district: 'Santa Lúcia',
        city: 'Vitória',
        uf: 'es',
      },
      {
        kind: 'cobranca',
        cep: '29101010',
        street: 'Rua Sete',
        number: 'S/N',
        complement: 'Sala 2',
        district: 'Centro',
        city: 'Vila Velha',
        uf: 'ES',
      },
    ],
  }

  test('the alphanumeric CNPJ is accepted with or without punctuation; a wrong check digit is refused', async () => {
    const res = await t.admin.post('/api/v1/client-orgs', full)
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.document, '12.ABC.345/01DE-35')
    assert.equal(res.body.stateRegistration, 'ISENTO')
    assert.deepEqual(res.body.emails, ['fiscal@exemplo.com.br'])
    assert.deepEqual(res.body.phones, ['(27) 3333-4444', '(27) 99876-5432'])
    assert.equal(res.body.environment, 'homologacao')
    assert.equal(res.body.trainedAt, null)
    assert.deepEqual(
      res.body.addresses.map((a: { kind: string; cep: string; uf: string }) => `${a.kind} ${a.cep} ${a.uf}`),
      ['cobranca 29101-010 ES', 'principal 29050-555 ES'],
    )
    const wrong = await t.admin.post('/api/v1/client-orgs', { name: 'Errado', document: '12ABC34501DE36' })
    assert.equal(wrong.status, 400)
    assert.match(wrong.body.fields.document, /dígitos verificadores/)
  })

  test('numeric CNPJ and CPF, masked or not; duplicates name the existing client', async () => {
    const cnpj = await t.admin.post('/api/v1/client-orgs', {
      name: 'Padaria Aurora Ltda',
      document: '11.222.333/0001-81',
    })
    assert.equal(cnpj.status, 201)
    const cpf = await t.admin.post('/api/v1/client-orgs', {
      name: 'José Produtor Rural',
      document: '52998224725',
    })
    assert.equal(cpf.body.document, '529.982.247-25')
    assert.equal(cpf.body.documentType, 'cpf')
    const dup = await t.admin.post('/api/v1/client-orgs', {
      name: 'Outra Padaria',
      document: '11222333000181',
    })
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'CLIENT_ORG_DUPLICATE')
    assert.match(dup.body.message, /Padaria Aurora Ltda/)
    const dupCpf = await t.admin.post('/api/v1/client-orgs', { name: 'Outro', document: '529.982.247-25' })
    assert.match(dupCpf.body.message, /José Produtor Rural/)
    const badCpf = await t.admin.post('/api/v1/client-orgs', { name: 'Ruim', document: '529.982.247-26' })
    assert.equal(badCpf.status, 400)
    // The same document in another tenant is fine: duplicates are per tenant.
    assert.equal(
      (
        await other.admin.post('/api/v1/client-orgs', {
          name: 'Padaria do Outro',
          document: '11222333000181',
        })
      ).status,
      201,
    )
  })

  test('bad input is refused field by field in pt-BR', async () => {
    const res = await t.admin.post('/api/v1/client-orgs', {
      name: 'Campos Ruins Ltda',
      document: '11444777000161',
      stateRegistration: 'ABC',
      phones: ['123'],
      emails: ['nao-e-email'],
      addresses: [
        { kind: 'principal', cep: '123', street: 'R', number: '', district: 'B', city: 'C', uf: 'XX' },
      ],
    })
    assert.equal(res.status, 400)
    assert.match(res.body.fields.stateRegistration, /ISENTO/)
    assert.match(res.body.fields['phones.0'], /Telefone inválido/)
    assert.match(res.body.fields['emails.0'], /E-mail inválido/)
    assert.match(res.body.fields['addresses.0.cep'], /CEP inválido/)
    assert.match(res.body.fields['addresses.0.uf'], /UF inválida/)
  })

  test('search by name fragment, trade name and document fragment; filters by environment and training', async () => {
    const byName = await t.admin.get('/api/v1/client-orgs?search=aurora')
    assert.deepEqual(
      byName.body.items.map((o: { name: string }) => o.name),
      ['Padaria Aurora Ltda'],
    )
    const byTrade = await t.admin.get('/api/v1/client-orgs?search=ATACADO')
    assert.equal(byTrade.body.items[0].name, 'Comércio Exemplo S.A.')
    const byDoc = await t.admin.get(`/api/v1/client-orgs?search=${encodeURIComponent('222.333')}`)
    assert.equal(byDoc.body.items[0].name, 'Padaria Aurora Ltda')
    const byAlnum = await t.admin.get('/api/v1/client-orgs?search=abc345')
    assert.equal(byAlnum.body.items[0].name, 'Comércio Exemplo S.A.')
    const hom = await t.admin.get('/api/v1/client-orgs?environment=homologacao')
    assert.deepEqual(
      hom.body.items.map((o: { name: string }) => o.name),
      ['Comércio Exemplo S.A.'],
    )
    const untrained = await t.admin.get('/api/v1/client-orgs?trained=false')
    assert.equal(untrained.body.total, 3)
    const literal = await t.admin.get(`/api/v1/client-orgs?search=${encodeURIComponent('100%')}`)
    assert.equal(literal.body.total, 0, '% is searched literally')
  })

  test('a broad search shows 200 of its matches in name order ("mais de 200"); browsing without a search counts exactly', async () => {
    const big = await createTenant(ctx.app, ctx.config)
    await ctx.app.database.db.execute(sql`
      insert into client_orgs (tenant_id, document_type, document, name)
      select ${big.tenantId}::uuid, 'cpf', lpad(g::text, 11, '0'), 'Loja do Lote ' || g from generate_series(1, 230) g`)
    const broad = await big.admin.get('/api/v1/client-orgs?search=lote&pageSize=20')
    assert.equal(broad.body.total, 200)
    assert.equal(broad.body.totalCapped, true)
    assert.equal(broad.body.items.length, 20)
    const names = broad.body.items.map((o: { name: string }) => o.name)
    assert.deepEqual(
      names,
      [...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')),
      'the shown matches are in name order',
    )
    const page2 = await big.admin.get('/api/v1/client-orgs?search=lote&pageSize=20&page=2')
    const seen = new Set([...broad.body.items, ...page2.body.items].map((o: { id: string }) => o.id))
    assert.equal(seen.size, 40, 'pages walk the ordered list without overlap')
    const all = await big.admin.get('/api/v1/client-orgs?pageSize=20')
    assert.equal(all.body.total, 230)
    assert.equal(all.body.totalCapped, false)
    const narrow = await big.admin.get('/api/v1/client-orgs?search=lote 12&pageSize=50')
    assert.equal(narrow.body.totalCapped, false)
    assert.deepEqual(
      narrow.body.items.map((o: { name: string }) => o.name),
      [
        'Loja do Lote 12',
        'Loja do Lote 120',
        'Loja do Lote 121',
        'Loja do Lote 122',
        'Loja do Lote 123',
        'Loja do Lote 124',
        'Loja do Lote 125',
        'Loja do Lote 126',
        'Loja do Lote 127',
        'Loja do Lote 128',
        'Loja do Lote 129',
      ],
    )
  })

  test('updates replace addresses and are audited with before/after', async () => {
    const list = await t.admin.get('/api/v1/client-orgs?search=aurora')
    const id = list.body.items[0].id
    const res = await t.admin.patch(`/api/v1/client-orgs/${id}`, {
      tradeName: 'Aurora',
      addresses: [
        {
          kind: 'instalacao',
          cep: '29000-000',
          street: 'Rua A',
          number: '1',
          district: 'Centro',
          city: 'Vitória',
          uf: 'ES',
        },
      ],
      isActive: false,
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.addresses.length, 1)
    assert.equal(res.body.isActive, false)
    const audit = await t.admin.get(`/api/v1/audit?entity=client_org&entityId=${id}`)
    const update = audit.body.items[0]
    assert.equal(update.action, 'update')
    assert.equal(update.before.tradeName, null)
    assert.equal(update.after.tradeName, 'Aurora')
    assert.deepEqual(update.after.addresses, ['instalacao: Rua A, 1 — Vitória/ES'])
  })

  test('another tenant cannot read, change or find these clients; a technician cannot create them', async () => {
    const mine = (await t.admin.get('/api/v1/client-orgs?search=aurora')).body.items[0]
    assert.equal((await other.admin.get(`/api/v1/client-orgs/${mine.id}`)).status, 404)
    assert.equal((await other.admin.patch(`/api/v1/client-orgs/${mine.id}`, { name: 'Invasão' })).status, 404)
    assert.equal((await other.admin.get('/api/v1/client-orgs?search=aurora')).body.total, 0)
    assert.equal((await t.admin.get(`/api/v1/client-orgs/${mine.id}`)).body.name, 'Padaria Aurora Ltda')
    const { client } = await createStaffClient(ctx.app, t, 'Técnico')
    assert.equal((await client.get('/api/v1/client-orgs')).status, 200)
    assert.equal(
      (await client.post('/api/v1/client-orgs', { name: 'Nova', document: '11444777000161' })).status,
      403,
    )
  })
})
