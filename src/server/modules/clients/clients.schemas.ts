import {
  detectDocumentType,
  isValidCep,
  isValidDocument,
  isValidPhone,
  normalizeCep,
  normalizePhone,
  UFS,
} from '#shared/documents.ts'
import { Email, Page, PageSize, Paged, SearchText, Uuid, z } from '#shared/validation.ts'

export const Address = z.object({
  id: z.uuid(),
  kind: z.enum(['principal', 'cobranca', 'instalacao']),
  cep: z.string(),
  street: z.string(),
  number: z.string(),
  complement: z.string().nullable(),
  district: z.string(),
  city: z.string(),
  uf: z.string(),
})

export const ClientOrg = z.object({
  id: z.uuid(),
  name: z.string(),
  tradeName: z.string().nullable(),
  document: z.string(),
  documentType: z.enum(['cnpj', 'cpf']),
  stateRegistration: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  environment: z.enum(['homologacao', 'producao']),
  isActive: z.boolean(),
  portalEnabled: z.boolean(),
  trainedAt: z.string().nullable(),
  notes: z.string().nullable(),
  extraFields: z.record(z.string(), z.string()),
  addresses: z.array(Address),
  userCount: z.number().int(),
  createdAt: z.string(),
})
export type ClientOrg = z.infer<typeof ClientOrg>
/** `totalCapped`: a search has more than `total` matches (the count stops at 200; refine the search). */
export const ClientOrgPage = Paged(ClientOrg).extend({ totalCapped: z.boolean() })

/** CPF or CNPJ (numeric or alphanumeric), typed with or without punctuation. */
export const DocumentNumber = z
  .string({ error: 'Informe o CPF ou CNPJ.' })
  .trim()
  .min(1, { error: 'Informe o CPF ou CNPJ.' })
  .max(30, { error: 'CPF ou CNPJ longo demais.' })
  .refine((v) => detectDocumentType(v) !== null, {
    error: 'Informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).',
  })
  .refine((v) => isValidDocument(v), { error: 'CPF ou CNPJ inválido: confira os dígitos verificadores.' })

const OrgName = z
  .string({ error: 'Informe o nome ou a razão social.' })
  .trim()
  .min(2, { error: 'Informe o nome ou a razão social.' })
  .max(200, { error: 'Nome longo demais (máximo de 200 caracteres).' })

const Text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what} longo demais (máximo de ${max} caracteres).` })

export const AddressInput = z.strictObject({
  kind: z.enum(['principal', 'cobranca', 'instalacao'], { error: 'Tipo de endereço inválido.' }),
  cep: z
    .string({ error: 'Informe o CEP.' })
    .trim()
    .refine((v) => isValidCep(v), { error: 'CEP inválido (8 dígitos).' })
    .transform((v) => normalizeCep(v)),
  street: Text(200, 'Logradouro').min(2, { error: 'Informe o logradouro.' }),
  number: Text(20, 'Número').min(1, { error: 'Informe o número (ou S/N).' }),
  complement: Text(100, 'Complemento').nullish(),
  district: Text(100, 'Bairro').min(2, { error: 'Informe o bairro.' }),
  city: Text(100, 'Município').min(2, { error: 'Informe o município.' }),
  uf: z
    .string({ error: 'Informe a UF.' })
    .trim()
    .toUpperCase()
    .refine((v) => (UFS as readonly string[]).includes(v), { error: 'UF inválida.' }),
})
export type AddressInput = z.infer<typeof AddressInput>

const StateRegistration = z
  .string()
  .trim()
  .toUpperCase()
  .max(20, { error: 'Inscrição Estadual longa demais.' })
  .refine((v) => v === '' || v === 'ISENTO' || /^[0-9./-]+$/.test(v), {
    error: 'Inscrição Estadual: use só números (com ou sem pontuação) ou ISENTO.',
  })
  .transform((v) => v || null)
const Emails = z
  .array(Email)
  .max(10, { error: 'No máximo 10 e-mails.' })
  .transform((l) => [...new Set(l)])
const Phones = z
  .array(
    z
      .string()
      .trim()
      .refine((v) => isValidPhone(v), { error: 'Telefone inválido. Use DDD + número.' }),
  )
  .max(10, { error: 'No máximo 10 telefones.' })
  .transform((l) => [...new Set(l.map((p) => normalizePhone(p)))])
const ExtraFields = z
  .record(
    z.string().trim().min(1).max(60),
    z.string().trim().max(500, { error: 'Valor longo demais (máximo de 500).' }),
  )
  .refine((r) => Object.keys(r).length <= 30, { error: 'No máximo 30 campos extras.' })
const Addresses = z.array(AddressInput).max(10, { error: 'No máximo 10 endereços.' })

const OrgFields = {
  tradeName: Text(200, 'Nome fantasia').nullish(),
  stateRegistration: StateRegistration.nullish(),
  emails: Emails.optional(),
  phones: Phones.optional(),
  environment: z.enum(['homologacao', 'producao'], { error: 'Ambiente inválido.' }).optional(),
  notes: Text(5000, 'Observação').nullish(),
  extraFields: ExtraFields.optional(),
  addresses: Addresses.optional(),
}

export const CreateClientOrgBody = z.strictObject({
  name: OrgName,
  document: DocumentNumber,
  portalEnabled: z.boolean({ error: 'Use verdadeiro ou falso.' }).default(true),
  ...OrgFields,
})
export type CreateClientOrgBody = z.infer<typeof CreateClientOrgBody>

export const UpdateClientOrgBody = z.strictObject({
  name: OrgName.optional(),
  portalEnabled: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
  isActive: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
  ...OrgFields,
})
export type UpdateClientOrgBody = z.infer<typeof UpdateClientOrgBody>

export const FindClientOrgsQuery = z.strictObject({
  search: SearchText,
  environment: z.enum(['homologacao', 'producao'], { error: 'Ambiente inválido.' }).optional(),
  status: z.enum(['ativo', 'inativo'], { error: 'Situação inválida.' }).optional(),
  trained: z.enum(['true', 'false'], { error: 'Use true ou false.' }).optional(),
  page: Page,
  pageSize: PageSize,
})
export type FindClientOrgsQuery = z.infer<typeof FindClientOrgsQuery>
export const ClientOrgParams = z.strictObject({ id: Uuid })
