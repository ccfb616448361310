import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import {
  brasilApiCompany,
  type FakeLookupServer,
  startFakeLookupServer,
} from '#server/platform/lookups/fake-server.ts'
import { acceptAndEnrol, createOrg, lastMailTo, makeCnpj, tokenFrom } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'

const CNPJ = '11222333000181'
const CNPJ_ALFA = '12ABC34501DE35'
const CNPJ_BAIXADA = '44555666000181'
const UNAVAILABLE = 'Não foi possível consultar a Receita Federal agora. Preencha os dados manualmente.'

describe('consultas de CNPJ e CEP pela API (servidor local no formato da BrasilAPI e do ViaCEP)', () => {
  let ctx: TestContext
  let t: TenantFixture
  let fake: FakeLookupServer
  let operator: TestClient

  before(async () => {
    fake = await startFakeLookupServer()
    fake.companies.set(
      CNPJ,
      brasilApiCompany({
        cnpj: CNPJ,
        razao_social: 'PADARIA AURORA LTDA',
        nome_fantasia: 'PADARIA AURORA',
        ddd_telefone_1: '2733334444',
        email: 'contato@padariaaurora.com.br',
      }),
    )
    fake.companies.set(
      CNPJ_ALFA,
      brasilApiCompany({ cnpj: CNPJ_ALFA, razao_social: 'NOVA ERA DIGITAL LTDA' }),
    )
    fake.companies.set(
      CNPJ_BAIXADA,
      brasilApiCompany({
        cnpj: CNPJ_BAIXADA,
        razao_social: 'MERCADO ANTIGO LTDA',
        situacao_cadastral: 8,
        descricao_situacao_cadastral: 'BAIXADA',
        data_situacao_cadastral: '2021-06-30',
      }),
    )
    fake.brasilApiCeps.set('29050000', {
      cep: '29050000',
      state: 'ES',
      city: 'Vitória',
      neighborhood: 'Bento Ferreira',
      street: 'Avenida Nossa Senhora da Penha',
      service: 'open-cep',
    })
    fake.viaCeps.set('29055000', {
      cep: '29055-000',
      logradouro: 'Rua Aleixo Netto',
      complemento: '',
      unidade: '',
      bairro: 'Praia do Canto',
      localidade: 'Vitória',
      uf: 'ES',
      estado: 'Espírito Santo',
      regiao: 'Sudeste',
      ibge: '3205309',
      gia: '',
      ddd: '27',
      siafi: '5705',
    })
    ctx = await startTestApp({
      config: { lookups: { brasilApiUrl: fake.url, viaCepUrl: fake.url, rdapUrl: fake.url, timeoutMs: 300 } },
    })
    t = await createTenant(ctx.app, ctx.config)
    operator = (await createStaffClient(ctx.app, t, 'Operador')).client
  })
  after(async () => {
    await ctx.close()
    await fake.close()
  })
  beforeEach(() => {
    fake.requests.length = 0
    fake.setMode('cnpj', 'normal')
    fake.setMode('brasilapi-cep', 'normal')
    fake.setMode('viacep', 'normal')
  })

  test('a numeric CNPJ is found and normalised; a second lookup comes from the cache', async () => {
    const res = await operator.get('/api/v1/lookups/cnpj/11222333000181')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.found, true)
    assert.equal(res.body.source, 'api')
    assert.equal(res.body.warning, undefined)
    assert.equal(res.body.data.cnpj, CNPJ)
    assert.equal(res.body.data.razaoSocial, 'PADARIA AURORA LTDA')
    assert.equal(res.body.data.situacao, 'ATIVA')
    assert.equal(res.body.data.situacaoAtiva, true)
    assert.deepEqual(res.body.data.telefones, ['(27) 3333-4444'])
    assert.equal(res.body.data.endereco.logradouro, 'AVENIDA NOSSA SENHORA DA PENHA')
    assert.equal(res.body.data.endereco.cep, '29050000')
    assert.equal('inscricaoEstadual' in res.body.data, false)

    const again = await t.admin.get(`/api/v1/lookups/cnpj/${encodeURIComponent('11.222.333/0001-81')}`)
    assert.equal(again.status, 200)
    assert.equal(again.body.source, 'cache')
    assert.deepEqual(again.body.data, res.body.data)
    assert.equal(fake.count('/api/cnpj'), 1, 'the upstream saw one request for two lookups')
  })

  test('an alphanumeric CNPJ, typed with punctuation', async () => {
    const res = await operator.get(`/api/v1/lookups/cnpj/${encodeURIComponent('12.ABC.345/01DE-35')}`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.found, true)
    assert.equal(res.body.data.cnpj, CNPJ_ALFA)
    assert.equal(res.body.data.razaoSocial, 'NOVA ERA DIGITAL LTDA')
    assert.deepEqual(fake.requests, [`/api/cnpj/v1/${CNPJ_ALFA}`])
  })

  test('a company that is not ATIVA comes with a warning', async () => {
    const res = await operator.get(`/api/v1/lookups/cnpj/${CNPJ_BAIXADA}`)
    assert.equal(res.status, 200)
    assert.equal(res.body.found, true)
    assert.equal(res.body.data.situacaoAtiva, false)
    assert.equal(
      res.body.warning,
      'Situação cadastral na Receita Federal: BAIXADA. Confira antes de cadastrar.',
    )
  })

  test('a CNPJ the Receita does not know: 200 found=false with a message', async () => {
    const res = await operator.get('/api/v1/lookups/cnpj/77888999000181')
    assert.equal(res.status, 200)
    assert.deepEqual(res.body, {
      found: false,
      reason: 'not_found',
      message: 'CNPJ não encontrado na Receita Federal. Confira o número ou preencha os dados manualmente.',
    })
  })

  test('wrong check digits answer reason=invalid without calling the API; garbage is a 400 in pt-BR', async () => {
    const wrong = await operator.get('/api/v1/lookups/cnpj/11222333000182')
    assert.equal(wrong.status, 200)
    assert.equal(wrong.body.found, false)
    assert.equal(wrong.body.reason, 'invalid')
    assert.match(wrong.body.message, /dígitos verificadores/)
    for (const url of [
      '/api/v1/lookups/cnpj/nao-e-um-cnpj',
      '/api/v1/lookups/cnpj/1122233300018',
      `/api/v1/lookups/cnpj/${encodeURIComponent('11222333000181; drop')}`,
      '/api/v1/lookups/cep/2905000',
      '/api/v1/lookups/cep/29O50-000',
    ]) {
      const res = await operator.get(url)
      assert.equal(res.status, 400, `${url}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.code, 'VALIDATION_ERROR')
      assert.match(Object.values<string>(res.body.fields).join(' '), /Informe um (CNPJ|CEP)/)
    }
    assert.equal(fake.requests.length, 0)
  })

  test('CEP found by BrasilAPI', async () => {
    const res = await operator.get('/api/v1/lookups/cep/29050-000')
    assert.equal(res.status, 200)
    assert.deepEqual(res.body, {
      found: true,
      source: 'api',
      data: {
        cep: '29050000',
        logradouro: 'Avenida Nossa Senhora da Penha',
        bairro: 'Bento Ferreira',
        municipio: 'Vitória',
        uf: 'ES',
        provider: 'brasilapi',
      },
    })
  })

  test('CEP: BrasilAPI down (500) falls back to ViaCEP; ViaCEP {"erro": true} is not found', async () => {
    fake.setMode('brasilapi-cep', 'error500')
    const res = await operator.get('/api/v1/lookups/cep/29055000')
    assert.equal(res.status, 200)
    assert.equal(res.body.found, true)
    assert.equal(res.body.data.provider, 'viacep')
    assert.equal(res.body.data.logradouro, 'Rua Aleixo Netto')
    assert.deepEqual(fake.requests, ['/api/cep/v1/29055000', '/ws/29055000/json/'])

    fake.setMode('brasilapi-cep', 'normal')
    const missing = await operator.get('/api/v1/lookups/cep/01999999')
    assert.equal(missing.status, 200)
    assert.equal(missing.body.found, false)
    assert.equal(missing.body.reason, 'not_found')
    assert.match(missing.body.message, /CEP não encontrado/)
  })

  test('malformed JSON and timeouts answer 200 unavailable with a message, never a 500', async () => {
    fake.setMode('cnpj', 'malformed')
    const malformed = await operator.get(`/api/v1/lookups/cnpj/${makeCnpj()}`)
    assert.deepEqual(malformed.body, { found: false, reason: 'unavailable', message: UNAVAILABLE })

    fake.setMode('cnpj', 'hang')
    fake.setMode('brasilapi-cep', 'hang')
    fake.setMode('viacep', 'hang')
    const started = Date.now()
    const slow = await operator.get(`/api/v1/lookups/cnpj/${makeCnpj()}`)
    assert.equal(slow.status, 200)
    assert.deepEqual(slow.body, { found: false, reason: 'unavailable', message: UNAVAILABLE })
    const slowCep = await operator.get('/api/v1/lookups/cep/01311000')
    assert.equal(slowCep.status, 200)
    assert.equal(slowCep.body.reason, 'unavailable')
    assert.match(slowCep.body.message, /Preencha o endereço manualmente/)
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms with a 300 ms timeout`)
  })

  test('anonymous requests get 401; client users get 403', async () => {
    const anonymous = new TestClient(ctx.app)
    assert.equal((await anonymous.get(`/api/v1/lookups/cnpj/${CNPJ}`)).status, 401)
    assert.equal((await anonymous.get('/api/v1/lookups/cep/29050000')).status, 401)

    const org = await createOrg(t, 'Empresa do Portal Ltda')
    const email = 'cliente.consulta@exemplo.com.br'
    const invited = await t.admin.post('/api/v1/client-users', {
      name: 'Pessoa Cliente',
      email,
      companyIds: [org.id],
      send: 'now',
    })
    assert.equal(invited.status, 201, JSON.stringify(invited.body))
    await ctx.app.jobs.drain()
    const token = tokenFrom((await lastMailTo(ctx.app, email)).links[0])
    const { client } = await acceptAndEnrol(ctx.app, token, 'Portal#Seguro2026')
    const refused = await client.get(`/api/v1/lookups/cnpj/${CNPJ}`)
    assert.equal(refused.status, 403)
    assert.equal(refused.body.code, 'FORBIDDEN')
    assert.equal((await client.get('/api/v1/lookups/cep/29050000')).status, 403)
    assert.equal(fake.requests.length, 0)
  })

  test('domain availability (Registro.br RDAP format): registered, free, not .br, registry down', async () => {
    fake.domains.set('padariaaurora.com.br', { expires: '2027-03-10' })
    const taken = await operator.get('/api/v1/lookups/domain/PadariaAurora.com.br')
    assert.equal(taken.status, 200)
    assert.equal(taken.body.available, false)
    assert.equal(taken.body.expiresOn, '2027-03-10')
    assert.match(taken.body.message, /não está disponível.*10\/03\/2027/)
    const free = await operator.get('/api/v1/lookups/domain/padaria-aurora-nova.com.br')
    assert.deepEqual(free.body, {
      domain: 'padaria-aurora-nova.com.br',
      available: true,
      message: 'padaria-aurora-nova.com.br está disponível para registro.',
    })
    assert.ok(fake.requests.includes('/domain/padaria-aurora-nova.com.br'))
    const notBr = await operator.get('/api/v1/lookups/domain/padaria.com')
    assert.equal(notBr.body.available, null)
    assert.match(notBr.body.message, /\.br/)
    const bad = await operator.get('/api/v1/lookups/domain/padaria%20aurora')
    assert.equal(bad.status, 400)
  })

  test('the routes are in the OpenAPI document', async () => {
    const doc = (await operator.get('/api/openapi.json')).body
    assert.ok(doc.paths['/api/v1/lookups/cnpj/{cnpj}']?.get)
    assert.ok(doc.paths['/api/v1/lookups/cep/{cep}']?.get)
  })

  test('offline (connection refused) answers unavailable', async () => {
    await fake.close()
    const res = await operator.get(`/api/v1/lookups/cnpj/${makeCnpj()}`)
    assert.equal(res.status, 200)
    assert.deepEqual(res.body, { found: false, reason: 'unavailable', message: UNAVAILABLE })
    const cep = await operator.get('/api/v1/lookups/cep/01311100')
    assert.equal(cep.body.reason, 'unavailable')
    const domain = await operator.get('/api/v1/lookups/domain/padaria-offline.com.br')
    assert.equal(domain.status, 200)
    assert.equal(domain.body.available, null)
    assert.match(domain.body.message, /Não foi possível consultar o Registro\.br/)
  })

  test('60 lookups a minute per person, then 429', async () => {
    const { client } = await createStaffClient(ctx.app, t, 'Operador')
    let last = 0
    for (let i = 0; i < 61; i++) last = (await client.get('/api/v1/lookups/cep/29050000')).status
    assert.equal(last, 429)
    assert.equal((await t.admin.get('/api/v1/lookups/cep/29050000')).status, 200, 'others are not affected')
  })
})
