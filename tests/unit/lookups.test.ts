import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, test } from 'node:test'
import {
  brasilApiCompany,
  type FakeLookupServer,
  startFakeLookupServer,
} from '#server/platform/lookups/fake-server.ts'
import {
  createBrasilApiCepProvider,
  createBrasilApiCnpjProvider,
  createLookups,
  createViaCepProvider,
  LOOKUP_MESSAGES,
  TtlCache,
} from '#server/platform/lookups/index.ts'

const CNPJ = '11222333000181'
const CNPJ_ALFA = '12ABC34501DE35'
const CNPJ_BAIXADA = '44555666000181'
const UNKNOWN_CNPJ = '77888999000181'

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

function seed(fake: FakeLookupServer) {
  fake.companies.set(
    CNPJ,
    brasilApiCompany({
      cnpj: CNPJ,
      razao_social: 'PADARIA AURORA LTDA',
      nome_fantasia: 'PADARIA AURORA',
      email: 'Contato@PadariaAurora.com.br',
      ddd_telefone_1: '2733334444',
      ddd_telefone_2: '27999887766',
      cep: 29050000,
      cnae_fiscal: 1091102,
      cnae_fiscal_descricao:
        'Fabricação de produtos de padaria e confeitaria com predominância de produção própria',
    }),
  )
  fake.companies.set(
    CNPJ_ALFA,
    brasilApiCompany({ cnpj: CNPJ_ALFA, razao_social: 'NOVA ERA SERVICOS DIGITAIS LTDA', uf: 'SP' }),
  )
  fake.companies.set(
    CNPJ_BAIXADA,
    brasilApiCompany({
      cnpj: CNPJ_BAIXADA,
      razao_social: 'MERCADO ANTIGO LTDA',
      situacao_cadastral: 8,
      descricao_situacao_cadastral: '',
      data_situacao_cadastral: '2021-06-30',
      descricao_motivo_situacao_cadastral: 'EXTINCAO POR ENCERRAMENTO LIQUIDACAO VOLUNTARIA',
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
    complemento: 'até 999/1000',
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
}

describe('consultas de CNPJ e CEP: provedores, cache e falhas', () => {
  let fake: FakeLookupServer
  let clock: number
  let unavailable: { lookup: string; provider: string; detail: string }[]

  const lookupsOn = (baseUrl: string, timeoutMs = 1000, extra: { maxEntries?: number } = {}) =>
    createLookups({
      cnpj: createBrasilApiCnpjProvider({ baseUrl, timeoutMs }),
      cep: [createBrasilApiCepProvider({ baseUrl, timeoutMs }), createViaCepProvider({ baseUrl, timeoutMs })],
      now: () => clock,
      onUnavailable: (info) => unavailable.push(info),
      ...extra,
    })

  before(async () => {
    fake = await startFakeLookupServer()
    seed(fake)
  })
  after(() => fake.close())
  beforeEach(() => {
    clock = Date.UTC(2026, 0, 10)
    unavailable = []
    fake.requests.length = 0
    fake.setMode('cnpj', 'normal')
    fake.setMode('brasilapi-cep', 'normal')
    fake.setMode('viacep', 'normal')
  })

  test('a numeric CNPJ is normalised from BrasilAPI format', async () => {
    const r = await lookupsOn(fake.url).cnpj('11.222.333/0001-81')
    assert.ok(r.ok)
    assert.equal(r.source, 'api')
    assert.deepEqual(r.data, {
      cnpj: CNPJ,
      razaoSocial: 'PADARIA AURORA LTDA',
      nomeFantasia: 'PADARIA AURORA',
      situacao: 'ATIVA',
      situacaoAtiva: true,
      dataSituacao: '2015-03-10',
      cnaePrincipal: {
        codigo: '1091102',
        descricao: 'Fabricação de produtos de padaria e confeitaria com predominância de produção própria',
      },
      naturezaJuridica: 'Sociedade Empresária Limitada',
      email: 'contato@padariaaurora.com.br',
      telefones: ['(27) 3333-4444', '(27) 99988-7766'],
      endereco: {
        cep: '29050000',
        logradouro: 'AVENIDA NOSSA SENHORA DA PENHA',
        numero: '1000',
        complemento: 'SALA 101',
        bairro: 'BENTO FERREIRA',
        municipio: 'VITORIA',
        uf: 'ES',
      },
    })
    assert.deepEqual(fake.requests, [`/api/cnpj/v1/${CNPJ}`])
  })

  test('an alphanumeric CNPJ, typed with punctuation and in lower case, is looked up normalised', async () => {
    const r = await lookupsOn(fake.url).cnpj('12.abc.345/01de-35')
    assert.ok(r.ok)
    assert.equal(r.data.cnpj, CNPJ_ALFA)
    assert.equal(r.data.razaoSocial, 'NOVA ERA SERVICOS DIGITAIS LTDA')
    assert.equal(r.data.nomeFantasia, null)
    assert.deepEqual(r.data.telefones, [])
    assert.equal(r.data.email, null)
    assert.deepEqual(fake.requests, [`/api/cnpj/v1/${CNPJ_ALFA}`])
  })

  test('BAIXADA: the situation comes from the code when the description is missing', async () => {
    const r = await lookupsOn(fake.url).cnpj(CNPJ_BAIXADA)
    assert.ok(r.ok)
    assert.equal(r.data.situacao, 'BAIXADA')
    assert.equal(r.data.situacaoAtiva, false)
    assert.equal(r.data.dataSituacao, '2021-06-30')
  })

  test('invalid input never reaches the API', async () => {
    const lookups = lookupsOn(fake.url)
    for (const bad of ['11.222.333/0001-82', '12.ABC.345/01DE-36', '00.000.000/0000-00', 'abc', '']) {
      const r = await lookups.cnpj(bad)
      assert.deepEqual(r, { ok: false, reason: 'invalid', message: LOOKUP_MESSAGES.cnpj.invalid }, bad)
    }
    for (const bad of ['2905000', '290500000', '29050-00a', '']) {
      const r = await lookups.cep(bad)
      assert.deepEqual(r, { ok: false, reason: 'invalid', message: LOOKUP_MESSAGES.cep.invalid }, bad)
    }
    assert.equal(fake.requests.length, 0)
  })

  test('a CNPJ BrasilAPI does not know (404) is not found, cached for 10 minutes', async () => {
    const lookups = lookupsOn(fake.url)
    const r = await lookups.cnpj(UNKNOWN_CNPJ)
    assert.deepEqual(r, { ok: false, reason: 'not_found', message: LOOKUP_MESSAGES.cnpj.not_found })
    await lookups.cnpj(UNKNOWN_CNPJ)
    assert.equal(fake.count('/api/cnpj'), 1)
    clock += 11 * 60_000
    await lookups.cnpj(UNKNOWN_CNPJ)
    assert.equal(fake.count('/api/cnpj'), 2)
  })

  test('found results are cached for 24 hours: two lookups, one request', async () => {
    const lookups = lookupsOn(fake.url)
    const first = await lookups.cnpj(CNPJ)
    assert.ok(first.ok)
    assert.equal(first.source, 'api')
    const second = await lookups.cnpj('11.222.333/0001-81')
    assert.ok(second.ok)
    assert.equal(second.source, 'cache')
    assert.equal(fake.count('/api/cnpj'), 1)
    const cep1 = await lookups.cep('29050-000')
    const cep2 = await lookups.cep('29050000')
    assert.ok(cep1.ok && cep2.ok)
    assert.equal(cep1.source, 'api')
    assert.equal(cep2.source, 'cache')
    assert.equal(fake.count('/api/cep'), 1)
    clock += 23 * 3_600_000
    await lookups.cnpj(CNPJ)
    assert.equal(fake.count('/api/cnpj'), 1)
    clock += 2 * 3_600_000
    const fresh = await lookups.cnpj(CNPJ)
    assert.ok(fresh.ok)
    assert.equal(fresh.source, 'api')
    assert.equal(fake.count('/api/cnpj'), 2)
  })

  test('lookups of the same CNPJ at the same time share one request', async () => {
    const lookups = lookupsOn(fake.url)
    const all = await Promise.all([lookups.cnpj(CNPJ), lookups.cnpj(CNPJ), lookups.cnpj(CNPJ)])
    assert.ok(all.every((r) => r.ok))
    assert.equal(fake.count('/api/cnpj'), 1)
  })

  test('the cache is bounded: the least recently used entry goes first', async () => {
    const lookups = lookupsOn(fake.url, 1000, { maxEntries: 2 })
    await lookups.cnpj(CNPJ)
    await lookups.cnpj(CNPJ_ALFA)
    await lookups.cnpj(CNPJ) // CNPJ is now the most recent
    await lookups.cnpj(CNPJ_BAIXADA) // evicts CNPJ_ALFA
    assert.equal(fake.count('/api/cnpj'), 3)
    const kept = await lookups.cnpj(CNPJ)
    assert.equal(kept.ok && kept.source, 'cache')
    assert.equal(fake.count('/api/cnpj'), 3)
    await lookups.cnpj(CNPJ_ALFA)
    assert.equal(fake.count('/api/cnpj'), 4)
  })

  test('TtlCache: expiry by the injected clock and LRU order', () => {
    let now = 0
    const cache = new TtlCache<string>({ maxEntries: 2, now: () => now })
    cache.set('a', 'A', 100)
    cache.set('b', 'B', 100)
    assert.equal(cache.get('a'), 'A')
    cache.set('c', 'C', 100)
    assert.equal(cache.get('b'), undefined, 'b was the least recently used')
    assert.equal(cache.get('a'), 'A')
    now = 100
    assert.equal(cache.get('a'), undefined, 'expired')
    assert.equal(cache.size, 1)
  })

  test('CEP found by BrasilAPI', async () => {
    const r = await lookupsOn(fake.url).cep('29050-000')
    assert.deepEqual(r, {
      ok: true,
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
    assert.deepEqual(fake.requests, ['/api/cep/v1/29050000'])
  })

  test('CEP BrasilAPI does not know (404): ViaCEP answers', async () => {
    const r = await lookupsOn(fake.url).cep('29055000')
    assert.ok(r.ok)
    assert.deepEqual(r.data, {
      cep: '29055000',
      logradouro: 'Rua Aleixo Netto',
      bairro: 'Praia do Canto',
      municipio: 'Vitória',
      uf: 'ES',
      provider: 'viacep',
    })
    assert.deepEqual(fake.requests, ['/api/cep/v1/29055000', '/ws/29055000/json/'])
  })

  test('CEP nobody knows: BrasilAPI 404 and ViaCEP {"erro": true} or {"erro": "true"}', async () => {
    for (const notFound of [{ erro: true as const }, { erro: 'true' as const }]) {
      fake.viaCepNotFound = notFound
      const r = await lookupsOn(fake.url).cep('01999999')
      assert.deepEqual(r, { ok: false, reason: 'not_found', message: LOOKUP_MESSAGES.cep.not_found })
    }
    assert.equal(fake.count('/ws/'), 2)
  })

  test('BrasilAPI down (HTTP 500): ViaCEP answers; both down: unavailable, and not cached', async () => {
    fake.setMode('brasilapi-cep', 'error500')
    const lookups = lookupsOn(fake.url)
    const r = await lookups.cep('29055000')
    assert.ok(r.ok)
    assert.equal(r.data.provider, 'viacep')
    assert.deepEqual(unavailable, [{ lookup: 'cep', provider: 'brasilapi', detail: 'HTTP 500' }])

    fake.setMode('viacep', 'error500')
    const down = await lookups.cep('29050000')
    assert.deepEqual(down, { ok: false, reason: 'unavailable', message: LOOKUP_MESSAGES.cep.unavailable })
    fake.setMode('brasilapi-cep', 'normal')
    const back = await lookups.cep('29050000')
    assert.ok(back.ok, 'the failure was not cached')
    assert.equal(back.source, 'api')
  })

  test('BrasilAPI answering 200 with malformed JSON is unavailable (CNPJ) or falls back (CEP)', async () => {
    fake.setMode('cnpj', 'malformed')
    fake.setMode('brasilapi-cep', 'malformed')
    const lookups = lookupsOn(fake.url)
    const r = await lookups.cnpj(CNPJ)
    assert.deepEqual(r, { ok: false, reason: 'unavailable', message: LOOKUP_MESSAGES.cnpj.unavailable })
    assert.match(
      r.message,
      /Não foi possível consultar a Receita Federal agora\. Preencha os dados manualmente\./,
    )
    const cep = await lookups.cep('29055000')
    assert.ok(cep.ok)
    assert.equal(cep.data.provider, 'viacep')
    fake.setMode('viacep', 'malformed')
    assert.equal((await lookups.cep('29050000')).ok, false)
    assert.equal(unavailable.length, 4)
    assert.ok(unavailable.every((u) => u.detail === 'resposta não é JSON'))
  })

  test('a server that never answers times out quickly', async () => {
    fake.setMode('cnpj', 'hang')
    fake.setMode('brasilapi-cep', 'hang')
    fake.setMode('viacep', 'hang')
    const lookups = lookupsOn(fake.url, 200)
    const started = Date.now()
    const r = await lookups.cnpj(CNPJ)
    assert.deepEqual(r, { ok: false, reason: 'unavailable', message: LOOKUP_MESSAGES.cnpj.unavailable })
    const cep = await lookups.cep('29050000')
    assert.equal(cep.ok, false)
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`)
    assert.deepEqual(
      unavailable.map((u) => u.detail),
      ['tempo esgotado', 'tempo esgotado', 'tempo esgotado'],
    )
  })

  test('offline (connection refused) is unavailable, without throwing', async () => {
    const lookups = lookupsOn(`http://127.0.0.1:${await closedPort()}`)
    const r = await lookups.cnpj(CNPJ)
    assert.equal(r.ok, false)
    assert.equal(!r.ok && r.reason, 'unavailable')
    const cep = await lookups.cep('29050000')
    assert.deepEqual(cep, { ok: false, reason: 'unavailable', message: LOOKUP_MESSAGES.cep.unavailable })
    assert.equal(unavailable.length, 3)
    assert.match(unavailable[0].detail, /ECONNREFUSED/)
  })

  test('a provider that throws is treated as unavailable', async () => {
    const lookups = createLookups({
      cnpj: {
        name: 'quebrado',
        lookupCnpj: async () => {
          throw new Error('bug')
        },
      },
      cep: [],
    })
    const r = await lookups.cnpj(CNPJ)
    assert.equal(!r.ok && r.reason, 'unavailable')
    const cep = await lookups.cep('29050000')
    assert.equal(!cep.ok && cep.reason, 'unavailable')
  })
})
