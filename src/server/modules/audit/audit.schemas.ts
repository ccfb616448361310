import { IsoDate, Page, PageSize, Paged, SearchText, z } from '#shared/validation.ts'

export const AuditEntry = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntry>
export const AuditPage = Paged(AuditEntry)

const Code = z
  .string()
  .trim()
  .max(60)
  .regex(/^[a-z_.-]*$/, { error: 'Código inválido.' })
  .optional()

export const FindAuditQuery = z.strictObject({
  entity: Code,
  action: Code,
  entityId: z.string().trim().max(100).optional(),
  actorId: z.uuid({ error: 'Identificador inválido.' }).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  search: SearchText,
  page: Page,
  pageSize: PageSize,
})
export type FindAuditQuery = z.infer<typeof FindAuditQuery>

export const AuditFacets = z.object({
  entities: z.array(z.string()),
  actions: z.array(z.string()),
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
})
