import { eq } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { type Band, BANDS } from '#shared/password/meter.ts'
import { evaluatePassword, type PasswordPolicy } from '#shared/password/policy.ts'
import { tenants } from '../tenants/tenants.tables.ts'
import { AuthErrors } from './auth.errors.ts'

/** The tenant's password policy (settings.passwordPolicy), over the defaults (Boa, 8, 3 of 4). */
export async function tenantPasswordPolicy(db: Db, tenantId: string): Promise<Partial<PasswordPolicy>> {
  if (!tenantId) return {}
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId))
  const p = (row?.settings?.passwordPolicy ?? {}) as Partial<PasswordPolicy>
  return {
    ...(BANDS.includes(p.minBand as Band) ? { minBand: p.minBand } : {}),
    ...(Number.isInteger(p.minLength) && p.minLength! >= 8 && p.minLength! <= 64
      ? { minLength: p.minLength }
      : {}),
    ...(Number.isInteger(p.minClasses) && p.minClasses! >= 1 && p.minClasses! <= 4
      ? { minClasses: p.minClasses }
      : {}),
  }
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
