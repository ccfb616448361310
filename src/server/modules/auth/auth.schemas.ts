import { Email, z } from '#shared/validation.ts'

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string({ error: 'Informe a senha.' }).min(1, { error: 'Informe a senha.' }).max(256),
})
export type LoginBody = z.infer<typeof LoginBody>

const TenantRef = z.object({ id: z.uuid(), name: z.string(), slug: z.string() })

export const SessionUser = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  isPlatformAdmin: z.boolean(),
  tenant: TenantRef,
  permissions: z.array(z.string()),
  tenants: z.array(TenantRef),
})
export type SessionUser = z.infer<typeof SessionUser>

export const SessionInfo = z.object({
  csrfToken: z.string(),
  app: z.object({ database: z.enum(['pglite', 'postgres']), mailMode: z.enum(['mailbox', 'smtp']) }),
  user: SessionUser.nullable(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

export const SwitchTenantBody = z.strictObject({ tenantId: z.uuid({ error: 'Inquilino inválido.' }) })

const Token = z.string({ error: 'Link inválido.' }).min(20, { error: 'Link inválido.' }).max(200)
export const PasswordTokenQuery = z.strictObject({ token: Token })
export const PasswordTokenInfo = z.object({
  name: z.string(),
  email: z.string(),
  tenantName: z.string(),
  purpose: z.enum(['set_password', 'reset_password']),
})
export const SetPasswordBody = z.strictObject({
  token: Token,
  password: z
    .string({ error: 'Informe a senha.' })
    .max(128, { error: 'Senha longa demais (máximo de 128).' }),
  passwordConfirmation: z.string({ error: 'Confirme a senha.' }),
})
export type SetPasswordBody = z.infer<typeof SetPasswordBody>

export const RequestPasswordResetBody = z.strictObject({ email: Email })
export type RequestPasswordResetBody = z.infer<typeof RequestPasswordResetBody>
