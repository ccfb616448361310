import { Email, z } from '#shared/validation.ts'

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string({ error: 'Informe a senha.' }).min(1, { error: 'Informe a senha.' }).max(256),
})
export type LoginBody = z.infer<typeof LoginBody>

const TenantRef = z.object({ id: z.uuid(), name: z.string(), slug: z.string() })

const Company = z.object({ id: z.uuid(), name: z.string(), document: z.string() })

export const SessionUser = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  isPlatformAdmin: z.boolean(),
  kind: z.enum(['staff', 'client']),
  stage: z.enum(['full', 'mfa', 'enrol']),
  hasKeypass: z.boolean(),
  secondFactor: z.enum(['totp', 'email', 'sms']).nullable(),
  tenant: TenantRef,
  permissions: z.array(z.string()),
  tenants: z.array(TenantRef),
  memberships: z.array(
    z.object({ tenantId: z.uuid(), tenantName: z.string(), kind: z.enum(['staff', 'client']) }),
  ),
  companies: z.array(Company),
  company: Company.nullable(),
})
export type SessionUser = z.infer<typeof SessionUser>

export const SessionInfo = z.object({
  csrfToken: z.string(),
  app: z.object({ database: z.enum(['pglite', 'postgres']), mailMode: z.enum(['mailbox', 'smtp']) }),
  user: SessionUser.nullable(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

export const SwitchTenantBody = z.strictObject({
  tenantId: z.uuid({ error: 'Inquilino inválido.' }),
  kind: z.enum(['staff', 'client'], { error: 'Use staff ou client.' }).optional(),
})
export const SwitchCompanyBody = z.strictObject({ companyId: z.uuid({ error: 'Empresa inválida.' }) })

export const ChangePasswordBody = z.strictObject({
  currentPassword: z
    .string({ error: 'Informe a senha atual.' })
    .min(1, { error: 'Informe a senha atual.' })
    .max(256),
  password: z
    .string({ error: 'Informe a nova senha.' })
    .max(128, { error: 'Senha longa demais (máximo de 128).' }),
  passwordConfirmation: z.string({ error: 'Confirme a nova senha.' }),
})
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>

const Code = z
  .string({ error: 'Informe o código.' })
  .trim()
  .regex(/^\d{6}$/, { error: 'O código tem 6 dígitos.' })
export const MfaVerifyBody = z
  .strictObject({
    code: Code.optional(),
    recoveryCode: z
      .string({ error: 'Informe o código de recuperação.' })
      .trim()
      .regex(/^[a-zA-Z0-9]{5}-?[a-zA-Z0-9]{5}$/, { error: 'Código de recuperação no formato xxxxx-xxxxx.' })
      .optional(),
  })
  .refine((b) => (b.code ? 1 : 0) + (b.recoveryCode ? 1 : 0) === 1, {
    error: 'Informe o código KEYPASS ou um código de recuperação.',
    path: ['code'],
  })
export const KeypassCodeBody = z.strictObject({ code: Code })
export const KeypassSetupBody = z.strictObject({
  method: z.enum(['totp', 'email', 'sms'], { error: 'Use totp, email ou sms.' }).optional(),
  phone: z.string().trim().max(30, { error: 'Telefone longo demais.' }).optional(),
})
export const KeypassSetup = z.object({
  method: z.enum(['totp', 'email', 'sms']),
  secret: z.string().nullable(),
  otpauthUrl: z.string().nullable(),
  qrDataUrl: z.string().nullable(),
  issuer: z.string(),
  account: z.string(),
  /** For e-mail/SMS: where the code went, masked (e.g. "h*****@exemplo.com.br"). */
  sentTo: z.string().nullable(),
})
export const SentCode = z.object({ sentTo: z.string().nullable() })
export const RecoveryCodesResult = z.object({ recoveryCodes: z.array(z.string()) })
export const KeypassStatus = z.object({
  enabled: z.boolean(),
  method: z.enum(['totp', 'email', 'sms']).nullable(),
  allowedMethods: z.array(z.enum(['totp', 'email', 'sms'])),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
})

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
