import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for BrasilAPI and ViaCEP, answering in their real JSON formats, for tests and
 * offline development (point LOOKUP_BRASILAPI_URL and LOOKUP_VIACEP_URL at `url`). Each service
 * can be switched to misbehave: HTTP 500, malformed JSON, or never answering.
 */
export type FakeService = 'cnpj' | 'brasilapi-cep' | 'viacep'
export type FakeMode = 'normal' | 'error500' | 'malformed' | 'hang'

/** ViaCEP's answer for a known CEP (all fields, as the service sends them). */
export type ViaCepRecord = {
  cep: string
  logradouro: string
  complemento: string
  unidade: string
  bairro: string
  localidade: string
  uf: string
  estado: string
  regiao: string
  ibge: string
  gia: string
  ddd: string
  siafi: string
}

/** BrasilAPI's `/api/cep/v1` answer. */
export type BrasilApiCepRecord = {
  cep: string
  state: string
  city: string
  neighborhood: string
  street: string
  service: string
}

export type FakeLookupServer = {
  url: string
  /** Paths received, in order (e.g. '/api/cnpj/v1/11222333000181', '/ws/29050000/json/'). */
  requests: string[]
  /** BrasilAPI CNPJ documents by normalised CNPJ. */
  companies: Map<string, Record<string, unknown>>
  brasilApiCeps: Map<string, BrasilApiCepRecord>
  viaCeps: Map<string, ViaCepRecord>
  /** Registered .br domains (RDAP `/domain/{name}`), with their expiry date. */
  domains: Map<string, { expires: string }>
  /** ViaCEP has answered both `"erro": true` and `"erro": "true"`; choose which one to send. */
  viaCepNotFound: { erro: true } | { erro: 'true' }
  setMode(service: FakeService, mode: FakeMode): void
  count(prefix: string): number
  close(): Promise<void>
}

export async function startFakeLookupServer(): Promise<FakeLookupServer> {
  const modes: Record<FakeService, FakeMode> = { cnpj: 'normal', 'brasilapi-cep': 'normal', viacep: 'normal' }
  const state: FakeLookupServer = {
    url: '',
    requests: [],
    companies: new Map(),
    brasilApiCeps: new Map(),
    viaCeps: new Map(),
    domains: new Map(),
    viaCepNotFound: { erro: true },
    setMode: (service, mode) => {
      modes[service] = mode
    },
    count: (prefix) => state.requests.filter((p) => p.startsWith(prefix)).length,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname)
    state.requests.push(path)
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
    const misbehave = (service: FakeService): boolean => {
      const mode = modes[service]
      if (mode === 'normal') return false
      if (mode === 'hang') return true // never answers
      if (mode === 'error500') json(500, { message: 'Internal Server Error' })
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"razao_social": "SEM FIM')
      return true
    }

    let m = /^\/api\/cnpj\/v1\/([^/]+)$/.exec(path)
    if (m) {
      if (misbehave('cnpj')) return
      const company = state.companies.get(m[1].replace(/[^0-9a-z]/gi, '').toUpperCase())
      if (company) return json(200, company)
      return json(404, { name: 'NotFoundError', message: `CNPJ ${m[1]} não encontrado.`, type: 'not_found' })
    }
    m = /^\/api\/cep\/v1\/([^/]+)$/.exec(path)
    if (m) {
      if (misbehave('brasilapi-cep')) return
      const cep = state.brasilApiCeps.get(m[1])
      if (cep) return json(200, cep)
      return json(404, {
        name: 'CepPromiseError',
        message: 'Todos os serviços de CEP retornaram erro.',
        type: 'service_error',
        errors: [{ name: 'ServiceError', message: 'CEP NAO ENCONTRADO', service: 'correios' }],
      })
    }
    m = /^\/domain\/([^/]+)$/.exec(path)
    if (m) {
      const d = state.domains.get(m[1])
      if (!d)
        return res
          .writeHead(404, { 'content-type': 'application/rdap+json' })
          .end(JSON.stringify({ errorCode: 404, title: 'Not Found', description: ['Object not found'] }))
      return res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(
        JSON.stringify({
          rdapConformance: ['rdap_level_0', 'registro_br'],
          objectClassName: 'domain',
          handle: m[1],
          ldhName: m[1],
          status: ['active'],
          events: [
            { eventAction: 'registration', eventDate: '2015-03-10T12:00:00Z' },
            { eventAction: 'expiration', eventDate: `${d.expires}T12:00:00Z` },
          ],
        }),
      )
    }
    m = /^\/ws\/([^/]+)\/json\/?$/.exec(path)
    if (m) {
      if (misbehave('viacep')) return
      if (!/^\d{8}$/.test(m[1])) {
        return res.writeHead(400, { 'content-type': 'text/html' }).end('<h2>Http 400</h2>')
      }
      const cep = state.viaCeps.get(m[1])
      return json(200, cep ?? state.viaCepNotFound)
    }
    json(404, { message: 'not found' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

/** A BrasilAPI `/api/cnpj/v1` document (Minha Receita format) with every field the service sends. */
export function brasilApiCompany(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    uf: 'ES',
    cep: '29050000',
    qsa: [],
    cnpj: '11222333000181',
    pais: null,
    email: null,
    porte: 'MICRO EMPRESA',
    bairro: 'BENTO FERREIRA',
    numero: '1000',
    ddd_fax: '',
    municipio: 'VITORIA',
    logradouro: 'NOSSA SENHORA DA PENHA',
    cnae_fiscal: 6201501,
    codigo_pais: null,
    complemento: 'SALA 101',
    codigo_porte: 1,
    razao_social: 'EMPRESA EXEMPLO LTDA',
    nome_fantasia: '',
    capital_social: 10000,
    ddd_telefone_1: '',
    ddd_telefone_2: '',
    opcao_pelo_mei: false,
    descricao_porte: '',
    codigo_municipio: 5705,
    cnaes_secundarios: [],
    natureza_juridica: 'Sociedade Empresária Limitada',
    regime_tributario: [],
    situacao_especial: '',
    opcao_pelo_simples: true,
    situacao_cadastral: 2,
    data_opcao_pelo_mei: null,
    data_exclusao_do_mei: null,
    cnae_fiscal_descricao: 'Desenvolvimento de programas de computador sob encomenda',
    codigo_municipio_ibge: 3205309,
    data_inicio_atividade: '2015-03-10',
    data_situacao_especial: null,
    data_opcao_pelo_simples: '2015-03-10',
    data_situacao_cadastral: '2015-03-10',
    nome_cidade_no_exterior: '',
    codigo_natureza_juridica: 2062,
    data_exclusao_do_simples: null,
    motivo_situacao_cadastral: 0,
    ente_federativo_responsavel: '',
    identificador_matriz_filial: 1,
    qualificacao_do_responsavel: 49,
    descricao_situacao_cadastral: 'ATIVA',
    descricao_tipo_de_logradouro: 'AVENIDA',
    descricao_motivo_situacao_cadastral: 'SEM MOTIVO',
    descricao_identificador_matriz_filial: 'MATRIZ',
    ...overrides,
  }
}
