import { Email, PersonName, z } from '#shared/validation.ts'

export const Tenant = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  staffCount: z.number().int(),
})
export type Tenant = z.infer<typeof Tenant>
export const TenantList = z.object({ items: z.array(Tenant) })

export const CreateTenantBody = z.strictObject({
  name: z
    .string({ error: 'Informe o nome do inquilino.' })
    .trim()
    .min(2, { error: 'Informe o nome do inquilino.' })
    .max(200, { error: 'Nome longo demais.' }),
  slug: z
    .string({ error: 'Informe o identificador.' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/, {
      error: 'Use de 1 a 50 letras minúsculas, números e hífens (sem acentos nem espaços).',
    }),
  adminName: PersonName,
  adminEmail: Email,
})
export type CreateTenantBody = z.infer<typeof CreateTenantBody>
