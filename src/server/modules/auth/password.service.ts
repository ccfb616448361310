import { recordAudit } from '../../platform/audit/audit.ts'
import { hashPassword, verifyPassword } from '../../platform/security/passwords.ts'
import { AuthErrors } from './auth.errors.ts'
import { authRepository } from './auth.repository.ts'
import type { ChangePasswordBody } from './auth.schemas.ts'
import type { AuthDeps, ResolvedSession } from './auth.service.ts'
import { assertPasswordAcceptable } from './password-policy.ts'

/** Changes one's own password (current one required); other sessions of the person end. */
export async function changePassword(
  deps: AuthDeps,
  resolved: ResolvedSession,
  body: ChangePasswordBody,
): Promise<void> {
  const repo = authRepository(deps.db)
  const user = await repo.findUserById(resolved.actor.userId)
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw AuthErrors.CURRENT_PASSWORD_INVALID({ fields: { currentPassword: 'Senha atual incorreta.' } })
  }
  await assertPasswordAcceptable(deps.db, resolved.actor.tenantId, body.password, body.passwordConfirmation, {
    email: user.email,
  })
  const passwordHash = await hashPassword(body.password)
  await deps.db.transaction(async (tx) => {
    const r = authRepository(tx)
    await r.setPasswordHash(user.id, passwordHash)
    await r.deleteOtherSessions(user.id, resolved.session.id)
    await recordAudit(tx, resolved.actor, { entity: 'user', entityId: user.id, action: 'password_changed' })
  })
}
