/** Company data from the Receita Federal's CNPJ registry, normalised to our shape. */
export type CnpjResult = {
  /** Normalised: 14 characters, digits (and uppercase letters for the alphanumeric CNPJ). */
  cnpj: string
  razaoSocial: string
  nomeFantasia: string | null
  /** As the Receita writes it: 'ATIVA', 'BAIXADA', 'INAPTA', 'SUSPENSA', 'NULA'. */
  situacao: string
  situacaoAtiva: boolean
  /** YYYY-MM-DD. */
  dataSituacao?: string
  cnaePrincipal: { codigo: string; descricao: string } | null
  naturezaJuridica?: string
  email: string | null
  /** National format: '(27) 3333-4444'. */
  telefones: string[]
  endereco: {
    /** 8 digits. */
    cep: string
    logradouro: string
    numero: string
    complemento: string
    bairro: string
    municipio: string
    uf: string
  }
}

export type CepProviderName = 'brasilapi' | 'viacep'

export type CepResult = {
  /** 8 digits. */
  cep: string
  logradouro: string
  bairro: string
  municipio: string
  uf: string
  provider: CepProviderName
}

export type LookupFailureReason = 'not_found' | 'invalid' | 'unavailable'

/** What a lookup answers: never an exception; `message` is pt-BR, for the person at the screen. */
export type LookupResult<T> =
  | { ok: true; data: T; source: 'api' | 'cache' }
  | { ok: false; reason: LookupFailureReason; message: string }

/** What one provider answers. `detail` is technical, for the log only. */
export type ProviderResult<T> =
  | { ok: true; data: T }
  | { ok: false; reason: 'not_found' | 'unavailable'; detail: string }

export interface CnpjProvider {
  readonly name: string
  /** `cnpj` is already normalised and valid. */
  lookupCnpj(cnpj: string): Promise<ProviderResult<CnpjResult>>
}

export interface CepProvider {
  readonly name: CepProviderName
  /** `cep` is already normalised (8 digits). */
  lookupCep(cep: string): Promise<ProviderResult<CepResult>>
}

/** Base URL, timeout and (for tests) the fetch to use. */
export type HttpProviderOptions = { baseUrl: string; timeoutMs: number; fetch?: typeof fetch }
