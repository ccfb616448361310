import { detectDocumentType, isValidDocument } from '#shared/documents.ts'
import { Page, PageSize, Paged, SearchText, Uuid, z } from '#shared/validation.ts'

export const ClientOrg = z.object({
  id: z.uuid(),
  name: z.string(),
  document: z.string(),
  documentType: z.enum(['cnpj', 'cpf']),
  portalEnabled: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
})
export type ClientOrg = z.infer<typeof ClientOrg>
export const ClientOrgPage = Paged(ClientOrg)

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

export const CreateClientOrgBody = z.strictObject({
  name: OrgName,
  document: DocumentNumber,
  portalEnabled: z.boolean({ error: 'Use verdadeiro ou falso.' }).default(true),
})
export type CreateClientOrgBody = z.infer<typeof CreateClientOrgBody>

export const UpdateClientOrgBody = z.strictObject({
  name: OrgName.optional(),
  portalEnabled: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
})
export type UpdateClientOrgBody = z.infer<typeof UpdateClientOrgBody>

export const FindClientOrgsQuery = z.strictObject({ search: SearchText, page: Page, pageSize: PageSize })
export type FindClientOrgsQuery = z.infer<typeof FindClientOrgsQuery>
export const ClientOrgParams = z.strictObject({ id: Uuid })
