import { isValidCpf, isValidPhone } from '#shared/documents.ts'
import { Email, Page, PageSize, Paged, PersonName, SearchText, Uuid, z } from '#shared/validation.ts'
import {
  ACCESS_LEVELS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_TYPES,
  PORTAL_PERMISSIONS,
} from './client-users.catalog.ts'

const AccessLevel = z.enum(['revisor', 'contribuinte', 'proprietario'], {
  error: 'Nível de acesso inválido.',
})
const Channel = z.enum(NOTIFICATION_CHANNELS, { error: 'Use nenhuma, e-mail, sistema ou ambos.' })
const InvitationStatus = z.enum([
  'none',
  'scheduled',
  'sent',
  'opened',
  'accepted',
  'expired',
  'revoked',
  'bounced',
])

export const ClientUser = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  cpf: z.string().nullable(),
  phone: z.string().nullable(),
  portalActive: z.boolean(),
  isDemo: z.boolean(),
  departments: z.array(z.object({ departmentId: z.uuid(), name: z.string(), level: AccessLevel })),
  companies: z.array(z.object({ id: z.uuid(), name: z.string(), document: z.string() })),
  permissions: z.array(z.string()),
  notifications: z.record(z.string(), Channel),
  invitation: z.object({
    status: InvitationStatus,
    sentAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  }),
  hasKeypass: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
})
export type ClientUser = z.infer<typeof ClientUser>
export const ClientUserPage = Paged(ClientUser)

const Cpf = z
  .string()
  .trim()
  .max(20)
  .refine((v) => v === '' || isValidCpf(v), { error: 'CPF inválido: confira os dígitos.' })
  .transform((v) => v || null)
const Phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || isValidPhone(v), {
    error: 'Telefone inválido. Use DDD + número, ex.: (27) 99999-9999.',
  })
  .transform((v) => v || null)

const Departments = z
  .array(z.strictObject({ departmentId: Uuid, level: AccessLevel }))
  .max(50)
  .refine((l) => new Set(l.map((d) => d.departmentId)).size === l.length, { error: 'Departamento repetido.' })
const CompanyIds = z
  .array(Uuid)
  .max(200)
  .transform((l) => [...new Set(l)])
const Permissions = z
  .array(
    z
      .string()
      .refine((k) => PORTAL_PERMISSIONS.some((p) => p.key === k), { error: 'Permissão desconhecida.' }),
  )
  .max(50)
  .transform((l) => [...new Set(l)])
const Notifications = z
  .record(z.string(), Channel)
  .refine((r) => Object.keys(r).every((k) => NOTIFICATION_TYPES.some((t) => t.key === k)), {
    error: 'Tipo de notificação desconhecido.',
  })

export const CreateClientUserBody = z.strictObject({
  name: PersonName,
  email: Email,
  cpf: Cpf.optional(),
  phone: Phone.optional(),
  portalActive: z.boolean({ error: 'Use verdadeiro ou falso.' }).default(true),
  isDemo: z.boolean({ error: 'Use verdadeiro ou falso.' }).default(false),
  departments: Departments.default([]),
  companyIds: CompanyIds.default([]),
  permissions: Permissions.default([]),
  notifications: Notifications.default({}),
  send: z.enum(['now', 'later'], { error: 'Escolha enviar agora ou mais tarde.' }).default('later'),
})
export type CreateClientUserBody = z.infer<typeof CreateClientUserBody>

export const UpdateClientUserBody = z.strictObject({
  name: PersonName.optional(),
  email: Email.optional(),
  cpf: Cpf.optional(),
  phone: Phone.optional(),
  portalActive: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
  isDemo: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
  departments: Departments.optional(),
  companyIds: CompanyIds.optional(),
  permissions: Permissions.optional(),
  notifications: Notifications.optional(),
})
export type UpdateClientUserBody = z.infer<typeof UpdateClientUserBody>

export const FindClientUsersQuery = z.strictObject({
  search: SearchText,
  /** Only the users linked to this client organisation. */
  companyId: Uuid.optional(),
  status: z
    .enum(['pending', 'expired', 'accepted', 'no_keypass', 'inactive'], {
      error: 'Filtro de situação inválido.',
    })
    .optional(),
  page: Page,
  pageSize: PageSize,
})
export type FindClientUsersQuery = z.infer<typeof FindClientUsersQuery>
export const ClientUserParams = z.strictObject({ id: Uuid })

export const Funnel = z.object({
  invited: z.number().int(),
  opened: z.number().int(),
  passwordSet: z.number().int(),
  keypass: z.number().int(),
  firstLogin: z.number().int(),
})

export const ClientUserOptions = z.object({
  permissions: z.array(z.object({ key: z.string(), label: z.string() })),
  notificationTypes: z.array(z.object({ key: z.string(), label: z.string() })),
  accessLevels: z.array(z.object({ key: z.string(), label: z.string(), description: z.string() })),
})
export const ClientUserOptionsValue = {
  permissions: PORTAL_PERMISSIONS.map((p) => ({ ...p })),
  notificationTypes: NOTIFICATION_TYPES.map((n) => ({ ...n })),
  accessLevels: ACCESS_LEVELS.map((a) => ({ ...a })),
}

export const Department = z.object({ id: z.uuid(), name: z.string(), isDefault: z.boolean() })
export const DepartmentList = z.object({ items: z.array(Department) })
export const CreateDepartmentBody = z.strictObject({
  name: z
    .string({ error: 'Informe o nome do departamento.' })
    .trim()
    .min(2, { error: 'Informe o nome do departamento.' })
    .max(80, { error: 'Nome longo demais (máximo de 80).' }),
})

// ---- Invitations (public) -----------------------------------------------------------------
const Token = z.string({ error: 'Convite inválido.' }).trim().min(20, { error: 'Convite inválido.' }).max(200)
export const InvitationLookupQuery = z.strictObject({ token: Token })
export const InvitationLookup = z.object({
  status: z.enum(['valid', 'expired']),
  mode: z.enum(['new', 'link']),
  name: z.string(),
  email: z.string(),
  tenantName: z.string(),
  /** The tenant's password policy, so the page's meter applies the same rules as the server. */
  passwordPolicy: z.object({
    minBand: z.string(),
    minLength: z.number().int(),
    minClasses: z.number().int(),
  }),
})
export const AcceptInvitationBody = z
  .strictObject({
    token: Token,
    password: z.string().max(128, { error: 'Senha longa demais (máximo de 128).' }).optional(),
    passwordConfirmation: z.string().max(128).optional(),
    currentPassword: z.string().max(256).optional(),
  })
  .refine((b) => Boolean(b.currentPassword) !== Boolean(b.password), {
    error: 'Informe a nova senha (conta nova) ou a senha atual (vincular contas).',
    path: ['password'],
  })
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>
export const RequestNewInvitationBody = z.strictObject({ token: Token })
