import type { Db } from '../../platform/db/database.ts'
import { checkPasswordPolicy } from '#shared/validation.ts'
import { AuthErrors } from './auth.errors.ts'

/**
 * The one server-side gate for new passwords (set by link, invitation, change): the tenant's
 * policy, with pt-BR messages on `fields.password`.
 */
export async function assertPasswordAcceptable(
  _db: Db,
  _tenantId: string,
  password: string,
  confirmation: string,
  ctx: { email?: string; login?: string } = {},
): Promise<void> {
  const problem =
    ctx.email && password.trim().toLowerCase() === ctx.email.trim().toLowerCase()
      ? 'A senha não pode ser igual ao e-mail ou ao login.'
      : checkPasswordPolicy(password)
  if (problem) throw AuthErrors.PASSWORD_WEAK({ message: problem, fields: { password: problem } })
  if (password !== confirmation) {
    throw AuthErrors.PASSWORD_MISMATCH({
      fields: { passwordConfirmation: 'A confirmação não confere com a senha.' },
    })
  }
}
