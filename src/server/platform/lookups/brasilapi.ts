import { z } from 'zod'
import { formatPhone, normalizeCep, normalizePhone } from '#shared/documents.ts'
import { getJson, urlOf } from './http.ts'
import type {
  CepProvider,
  CepResult,
  CnpjProvider,
  CnpjResult,
  HttpProviderOptions,
  ProviderResult,
} from './lookup.types.ts'

/** A text field that may come as null, a number or be missing; always read as a trimmed string. */
const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? '' : String(v).trim()))

/** The fields we read of BrasilAPI's `GET /api/cnpj/v1/{cnpj}` (Minha Receita format). */
const BrasilApiCnpj = z.object({
  cnpj: Text,
  razao_social: z.string().trim().min(1),
  nome_fantasia: Text,
  situacao_cadastral: z.number().nullish(),
  descricao_situacao_cadastral: Text,
  data_situacao_cadastral: Text,
  cnae_fiscal: Text,
  cnae_fiscal_descricao: Text,
  natureza_juridica: Text,
  email: Text,
  ddd_telefone_1: Text,
  ddd_telefone_2: Text,
  descricao_tipo_de_logradouro: Text,
  logradouro: Text,
  numero: Text,
  complemento: Text,
  bairro: Text,
  municipio: Text,
  uf: Text,
  cep: Text,
})
type BrasilApiCnpj = z.infer<typeof BrasilApiCnpj>

/** BrasilAPI's `GET /api/cep/v1/{cep}`: `{ cep, state, city, neighborhood, street, service }`. */
const BrasilApiCep = z.object({
  cep: Text,
  state: z.string().trim().length(2),
  city: z.string().trim().min(1),
  neighborhood: Text,
  street: Text,
})

/** Codes of `situacao_cadastral` when the description is missing. */
const SITUACOES: Record<number, string> = { 1: 'NULA', 2: 'ATIVA', 3: 'SUSPENSA', 4: 'INAPTA', 8: 'BAIXADA' }

/** The CNPJ endpoint of a BrasilAPI-compatible server. 404 (and 400) mean "no such CNPJ". */
export function createBrasilApiCnpjProvider(opts: HttpProviderOptions): CnpjProvider {
  return {
    name: 'brasilapi',
    async lookupCnpj(cnpj) {
      const res = await getJson(urlOf(opts.baseUrl, `/api/cnpj/v1/${encodeURIComponent(cnpj)}`), opts)
      return interpret(res, BrasilApiCnpj, (raw) => toCnpjResult(cnpj, raw))
    },
  }
}

/** The CEP endpoint of a BrasilAPI-compatible server. */
export function createBrasilApiCepProvider(opts: HttpProviderOptions): CepProvider {
  return {
    name: 'brasilapi',
    async lookupCep(cep) {
      const res = await getJson(urlOf(opts.baseUrl, `/api/cep/v1/${encodeURIComponent(cep)}`), opts)
      return interpret(
        res,
        BrasilApiCep,
        (raw): CepResult => ({
          cep: normalizeCep(raw.cep).padStart(8, '0') || cep,
          logradouro: raw.street,
          bairro: raw.neighborhood,
          municipio: raw.city,
          uf: raw.state.toUpperCase(),
          provider: 'brasilapi',
        }),
      )
    },
  }
}

/** 200 with the expected JSON → found; 404/400 → not found; anything else → unavailable. */
function interpret<S extends z.ZodType, T>(
  res: Awaited<ReturnType<typeof getJson>>,
  schema: S,
  map: (raw: z.output<S>) => T,
): ProviderResult<T> {
  if (res.kind === 'failed') return { ok: false, reason: 'unavailable', detail: res.detail }
  if (res.status === 404 || res.status === 400) {
    return { ok: false, reason: 'not_found', detail: `HTTP ${res.status}` }
  }
  if (res.status !== 200) return { ok: false, reason: 'unavailable', detail: `HTTP ${res.status}` }
  if (res.json === undefined) return { ok: false, reason: 'unavailable', detail: 'resposta não é JSON' }
  const parsed = schema.safeParse(res.json)
  if (!parsed.success) return { ok: false, reason: 'unavailable', detail: 'resposta em formato inesperado' }
  return { ok: true, data: map(parsed.data) }
}

function toCnpjResult(cnpj: string, raw: BrasilApiCnpj): CnpjResult {
  const situacao = (
    raw.descricao_situacao_cadastral ||
    SITUACOES[raw.situacao_cadastral ?? -1] ||
    ''
  ).toLocaleUpperCase('pt-BR')
  const cnae = raw.cnae_fiscal.replace(/\D/g, '')
  const phones = [raw.ddd_telefone_1, raw.ddd_telefone_2].filter((p) => p.replace(/\D/g, '').length >= 10)
  const telefones: string[] = []
  const seen = new Set<string>()
  for (const p of phones) {
    const key = normalizePhone(p) || p
    if (seen.has(key)) continue
    seen.add(key)
    telefones.push(formatPhone(p))
  }
  const email = raw.email.toLowerCase()
  return {
    cnpj,
    razaoSocial: raw.razao_social,
    nomeFantasia: raw.nome_fantasia || null,
    situacao,
    situacaoAtiva: situacao === 'ATIVA',
    ...(/^\d{4}-\d{2}-\d{2}$/.test(raw.data_situacao_cadastral)
      ? { dataSituacao: raw.data_situacao_cadastral }
      : {}),
    cnaePrincipal:
      cnae && Number(cnae) > 0
        ? { codigo: cnae.padStart(7, '0'), descricao: raw.cnae_fiscal_descricao }
        : null,
    ...(raw.natureza_juridica ? { naturezaJuridica: raw.natureza_juridica } : {}),
    email: email.includes('@') ? email : null,
    telefones,
    endereco: {
      cep: normalizeCep(raw.cep) ? normalizeCep(raw.cep).padStart(8, '0') : '',
      logradouro: streetWithType(raw.descricao_tipo_de_logradouro, raw.logradouro),
      numero: raw.numero,
      complemento: raw.complemento,
      bairro: raw.bairro,
      municipio: raw.municipio,
      uf: raw.uf.toUpperCase(),
    },
  }
}

/** 'AVENIDA' + 'PAULISTA 37' → 'AVENIDA PAULISTA 37' (unless the street already starts with its type). */
function streetWithType(type: string, street: string): string {
  if (!type) return street
  if (!street) return ''
  return street.toLocaleUpperCase('pt-BR').startsWith(`${type.toLocaleUpperCase('pt-BR')} `)
    ? street
    : `${type} ${street}`
}
