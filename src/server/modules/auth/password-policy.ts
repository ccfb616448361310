import type { Db } from '../../platform/db/database.ts'
import { evaluatePassword, type PasswordPolicy } from '#shared/password/policy.ts'
import { getTenantSettings } from '../tenants/tenant-settings.ts'
import { AuthErrors } from './auth.errors.ts'

/** The tenant's password policy (defaults: Boa, 8 characters, 3 of 4 kinds). */
export async function tenantPasswordPolicy(db: Db, tenantId: string): Promise<Partial<PasswordPolicy>> {
  if (!tenantId) return {}
  return (await getTenantSettings(db, tenantId)).passwordPolicy
}

/**
 * The one server-side gate for new passwords (link, invitation, change): the same engine the
 * browser's strength meter runs, with the tenant's policy; pt-BR messages on `fields.password`.
 */
export async function assertPasswordAcceptable(
  db: Db,
  tenantId: string,
  password: string,
  confirmation: string,
  ctx: { email?: string; login?: string } = {},
): Promise<void> {
  const result = evaluatePassword(password, { ...ctx, policy: await tenantPasswordPolicy(db, tenantId) })
  if (!result.ok) {
    const message = result.problems[0] ?? 'A senha não atende à política de senhas.'
    throw AuthErrors.PASSWORD_WEAK({ message, fields: { password: result.problems.join(' ') || message } })
  }
  if (password !== confirmation) {
    throw AuthErrors.PASSWORD_MISMATCH({
      fields: { passwordConfirmation: 'A confirmação não confere com a senha.' },
    })
  }
}
