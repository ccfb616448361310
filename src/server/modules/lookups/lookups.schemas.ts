import { normalizeCnpj, onlyDigits } from '#shared/documents.ts'
import { z } from '#shared/validation.ts'

const CNPJ_CHARS = /^[0-9a-z.\-/\s]*$/i
const CEP_CHARS = /^[\d.\-\s]*$/

/** A CNPJ as typed (numeric or alphanumeric, with or without punctuation); check digits are the lookup's job. */
export const CnpjLookupParams = z.strictObject({
  cnpj: z
    .string()
    .trim()
    .max(30, { error: 'CNPJ longo demais.' })
    .refine((v) => CNPJ_CHARS.test(v) && normalizeCnpj(v).length === 14, {
      error: 'Informe um CNPJ com 14 caracteres (números, ou letras e números no CNPJ alfanumérico).',
    }),
})
export type CnpjLookupParams = z.infer<typeof CnpjLookupParams>

export const CepLookupParams = z.strictObject({
  cep: z
    .string()
    .trim()
    .max(12, { error: 'CEP longo demais.' })
    .refine((v) => CEP_CHARS.test(v) && onlyDigits(v).length === 8, {
      error: 'Informe um CEP com 8 dígitos.',
    }),
})
export type CepLookupParams = z.infer<typeof CepLookupParams>

const Source = z.enum(['api', 'cache']).describe('api: consultado agora; cache: consulta recente guardada')
const NotFound = z.object({
  found: z.literal(false),
  reason: z
    .enum(['not_found', 'invalid', 'unavailable'])
    .describe('not_found: não existe; invalid: número inválido; unavailable: serviço fora do ar ou lento'),
  message: z.string().describe('Texto em pt-BR para mostrar; a tela deixa preencher à mão'),
})

export const CnpjData = z.object({
  cnpj: z.string(),
  razaoSocial: z.string(),
  nomeFantasia: z.string().nullable(),
  situacao: z.string().describe("Situação cadastral na Receita: 'ATIVA', 'BAIXADA', 'INAPTA'…"),
  situacaoAtiva: z.boolean(),
  dataSituacao: z.string().optional(),
  cnaePrincipal: z.object({ codigo: z.string(), descricao: z.string() }).nullable(),
  naturezaJuridica: z.string().optional(),
  email: z.string().nullable(),
  telefones: z.array(z.string()),
  endereco: z.object({
    cep: z.string(),
    logradouro: z.string(),
    numero: z.string(),
    complemento: z.string(),
    bairro: z.string(),
    municipio: z.string(),
    uf: z.string(),
  }),
})
export type CnpjData = z.infer<typeof CnpjData>

export const CnpjLookupResponse = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    data: CnpjData,
    source: Source,
    warning: z.string().optional().describe('Presente quando a situação cadastral não é ATIVA'),
  }),
  NotFound,
])
export type CnpjLookupResponse = z.infer<typeof CnpjLookupResponse>

export const CepData = z.object({
  cep: z.string(),
  logradouro: z.string(),
  bairro: z.string(),
  municipio: z.string(),
  uf: z.string(),
  provider: z.enum(['brasilapi', 'viacep']),
})
export type CepData = z.infer<typeof CepData>

export const CepLookupResponse = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), data: CepData, source: Source }),
  NotFound,
])
export type CepLookupResponse = z.infer<typeof CepLookupResponse>

export const DomainLookupParams = z.strictObject({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, { error: 'Domínio longo demais.' })
    .regex(/^[a-z0-9.-]+$/, { error: 'Domínio inválido (ex.: minhaempresa.com.br).' }),
})
export const DomainLookupResponse = z.object({
  domain: z.string(),
  available: z.boolean().nullable().describe('null: o Registro.br não respondeu'),
  message: z.string(),
  expiresOn: z.string().optional(),
})
