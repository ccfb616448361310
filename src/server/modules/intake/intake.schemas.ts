import { isValidCnpj, isValidCpf, isValidPhone } from '#shared/documents.ts'
import { Email, Page, PageSize, Paged, SearchText, Uuid, z } from '#shared/validation.ts'
import { FICHA_STATUSES } from './intake.tables.ts'

const Opt = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Máximo de ${max} caracteres.` })
    .optional()
const OptEmail = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), { error: 'E-mail inválido.' })
  .optional()
const OptCnpj = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || isValidCnpj(v), { error: 'CNPJ inválido: confira os dígitos verificadores.' })
  .optional()
const OptCpf = z
  .string()
  .trim()
  .max(20)
  .refine((v) => v === '' || isValidCpf(v), { error: 'CPF inválido.' })
  .optional()
const OptPhone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || isValidPhone(v), { error: 'Telefone inválido. Use DDD + número.' })
  .optional()

/**
 * The ficha's content. Every field is optional at the edge: an incomplete ficha is still received
 * (and returned for correction with the list of what is missing); what is typed must be valid.
 */
export const FichaData = z.strictObject({
  organization: z.strictObject({ name: Opt(200), document: OptCnpj }).optional(),
  unit: z.strictObject({ name: Opt(200), address: Opt(300) }).optional(),
  responsible: z
    .strictObject({ name: Opt(200), email: OptEmail, phone: OptPhone, cpf: OptCpf, role: Opt(120) })
    .optional(),
  users: z
    .array(z.strictObject({ name: Opt(200), email: OptEmail, cpf: OptCpf, profile: Opt(80) }))
    .max(200, { error: 'No máximo 200 usuários por ficha.' })
    .optional(),
  contacts: z
    .array(z.strictObject({ name: Opt(200), email: OptEmail, phone: OptPhone }))
    .max(20)
    .optional(),
  notes: Opt(5000),
})
export type FichaData = z.infer<typeof FichaData>

export const SubmitFichaBody = z.strictObject({
  senderName: z
    .string({ error: 'Informe o seu nome.' })
    .trim()
    .min(2, { error: 'Informe o seu nome.' })
    .max(200),
  senderEmail: Email,
  data: FichaData,
})
export type SubmitFichaBody = z.infer<typeof SubmitFichaBody>

export const PublicFichaParams = z.strictObject({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,50}$/, { error: 'Endereço do formulário inválido.' }),
})

const Protocol = z
  .string({ error: 'Informe o protocolo.' })
  .trim()
  .toUpperCase()
  .regex(/^\d{8}-[A-Z0-9]{6}$/, { error: 'Protocolo no formato 20261123-ABC123.' })
const Secret = z.string({ error: 'Link inválido.' }).trim().min(20, { error: 'Link inválido.' }).max(100)
export const PublicFichaQuery = z.strictObject({ protocol: Protocol, key: Secret })
export const CorrectFichaBody = z.strictObject({ protocol: Protocol, key: Secret, data: FichaData })

export const FichaSummary = z.object({
  id: z.uuid(),
  protocol: z.string(),
  status: z.enum(FICHA_STATUSES),
  statusLabel: z.string(),
  source: z.enum(['public', 'staff']),
  organizationName: z.string().nullable(),
  organizationDocument: z.string().nullable(),
  senderName: z.string(),
  senderEmail: z.string(),
  holderName: z.string().nullable(),
  statusChangedAt: z.string(),
  dueOn: z.string().nullable(),
  due: z.enum(['em-dia', 'vence-hoje', 'atrasado']).nullable(),
  dueBusinessDays: z.number().int().nullable(),
  missing: z.array(z.string()),
  createdAt: z.string(),
})
export const FichaPage = Paged(FichaSummary)
export const FichaDetail = FichaSummary.extend({
  data: FichaData,
  attachments: z.array(
    z.object({
      id: z.uuid(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  checklistMissing: z.array(z.string()),
  nextStatuses: z.array(z.object({ status: z.enum(FICHA_STATUSES), label: z.string() })),
  events: z.array(
    z.object({
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorName: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
})

export const FindFichasQuery = z.strictObject({
  status: z.enum(FICHA_STATUSES, { error: 'Situação inválida.' }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  search: SearchText,
  page: Page,
  pageSize: PageSize,
})
export type FindFichasQuery = z.infer<typeof FindFichasQuery>
export const FichaParams = z.strictObject({ id: Uuid })

export const TransitionBody = z.strictObject({
  to: z.enum(FICHA_STATUSES, { error: 'Situação inválida.' }),
  note: z.string().trim().max(2000).optional(),
  /** When returning for correction: what is missing (defaults to the checklist's findings). */
  missing: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  /** When forwarding: the registration team's or partner's e-mail. */
  forwardTo: Email.optional(),
})
export type TransitionBody = z.infer<typeof TransitionBody>

export const PublicFichaStatus = z.object({
  protocol: z.string(),
  status: z.enum(FICHA_STATUSES),
  statusLabel: z.string(),
  statusChangedAt: z.string(),
  organizationName: z.string().nullable(),
  missing: z.array(z.string()),
  canCorrect: z.boolean(),
  data: FichaData.nullable(),
})
export const SubmittedFicha = z.object({ protocol: z.string(), key: z.string(), statusUrl: z.string() })
export const AttachmentParams = z.strictObject({ id: Uuid, attachmentId: Uuid })
