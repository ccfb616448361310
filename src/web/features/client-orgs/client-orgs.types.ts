export type Environment = 'homologacao' | 'producao'
export type AddressKind = 'principal' | 'cobranca' | 'instalacao'

/** An address of a client organisation (`cep` comes as 8 digits). */
export interface ClientOrgAddress {
  id: string
  kind: AddressKind
  cep: string
  street: string
  number: string
  complement: string | null
  district: string
  city: string
  uf: string
}

/** A client organisation of the tenant (`GET /client-orgs`). `document` and `phones` come formatted. */
export interface ClientOrg {
  id: string
  name: string
  tradeName?: string | null
  document: string
  documentType: 'cnpj' | 'cpf'
  stateRegistration?: string | null
  emails?: string[]
  phones?: string[]
  environment?: Environment
  isActive?: boolean
  portalEnabled: boolean
  trainedAt?: string | null
  notes?: string | null
  extraFields?: Record<string, string>
  addresses?: ClientOrgAddress[]
  userCount: number
  createdAt: string
}

/** `GET /client-orgs/:id`: every field is present. */
export type ClientOrgDetail = Required<ClientOrg>

/** Body of `POST /client-orgs` and `PATCH /client-orgs/:id`. */
export interface ClientOrgBody {
  name: string
  document?: string
  tradeName: string | null
  stateRegistration: string | null
  emails: string[]
  phones: string[]
  environment: Environment
  portalEnabled: boolean
  notes: string | null
  extraFields: Record<string, string>
  addresses: Omit<ClientOrgAddress, 'id'>[]
}

interface LookupNotFound {
  found: false
  reason: 'not_found' | 'invalid' | 'unavailable'
  /** pt-BR, ready to show. */
  message: string
}

export interface CnpjData {
  cnpj: string
  razaoSocial: string
  nomeFantasia: string | null
  situacao: string
  situacaoAtiva: boolean
  cnaePrincipal: { codigo: string; descricao: string } | null
  email: string | null
  telefones: string[]
  endereco: {
    cep: string
    logradouro: string
    numero: string
    complemento: string
    bairro: string
    municipio: string
    uf: string
  }
}

/** `GET /lookups/cnpj/:cnpj` */
export type CnpjLookup =
  | { found: true; data: CnpjData; source: 'api' | 'cache'; warning?: string }
  | LookupNotFound

/** `GET /lookups/cep/:cep` */
export type CepLookup =
  | {
      found: true
      data: { cep: string; logradouro: string; bairro: string; municipio: string; uf: string }
      source: 'api' | 'cache'
    }
  | LookupNotFound
