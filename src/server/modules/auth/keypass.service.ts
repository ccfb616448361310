import QRCode from 'qrcode'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { openSecret, sealSecret } from '../../platform/security/secret-box.ts'
import { hashToken } from '../../platform/security/tokens.ts'
import {
  generateRecoveryCodes,
  generateTotpSecret,
  normalizeRecoveryCode,
  totpUri,
  verifyTotp,
} from '../../platform/security/totp.ts'
import { AuthErrors } from './auth.errors.ts'
import { authRepository, type UserRow } from './auth.repository.ts'
import { type AuthDeps, completeSession, type ResolvedSession } from './auth.service.ts'

export const KEYPASS_ISSUER = 'Cadastra'
const MFA_MAX_FAILURES = 5
const MFA_LOCK_MINUTES = 15

/** Starts (or restarts) KEYPASS set-up: a new pending secret, as text, otpauth URI and QR code. */
export async function setupKeypass(deps: AuthDeps, resolved: ResolvedSession) {
  const user = await loadUser(deps.db, resolved)
  const secret = generateTotpSecret()
  await authRepository(deps.db).setPendingTotp(user.id, sealSecret(deps.config.sessionSecret, secret))
  const otpauthUrl = totpUri(secret, KEYPASS_ISSUER, user.email)
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 })
  return { secret, otpauthUrl, qrDataUrl, issuer: KEYPASS_ISSUER, account: user.email }
}

/** Confirms set-up with one code: the KEYPASS becomes active, ten recovery codes are issued. */
export async function confirmKeypass(deps: AuthDeps, resolved: ResolvedSession, code: string) {
  const user = await loadUser(deps.db, resolved)
  if (!user.totpPendingEnc) throw AuthErrors.KEYPASS_NOT_STARTED()
  await reserveAttempt(deps, user, resolved)
  const secret = openSecret(deps.config.sessionSecret, user.totpPendingEnc)
  const step = verifyTotp(secret, code)
  if (step === null || step < 0) {
    await recordAudit(deps.db, resolved.actor, {
      entity: 'keypass',
      entityId: user.id,
      action: 'code_failed',
    })
    throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido.' } })
  }
  const codes = generateRecoveryCodes()
  await deps.db.transaction(async (tx) => {
    const repo = authRepository(tx)
    await repo.activateTotp(user.id, user.totpPendingEnc!, step)
    await repo.replaceRecoveryCodes(
      user.id,
      codes.map((c) => recoveryHash(deps, c)),
    )
    await completeSession(tx, resolved)
    await recordAudit(tx, resolved.actor, {
      entity: 'keypass',
      entityId: user.id,
      action: user.totpEnabledAt ? 'reconfigured' : 'enabled',
    })
  })
  return { recoveryCodes: codes }
}

/**
 * The second step of a login: a current TOTP code (never one already used) or an unused recovery
 * code. Wrong codes count towards a lock, reserved atomically so parallel guesses cannot exceed it.
 */
export async function verifySecondFactor(
  deps: AuthDeps,
  resolved: ResolvedSession,
  input: { code: string } | { recoveryCode: string },
): Promise<void> {
  const user = await loadUser(deps.db, resolved)
  if (!user.totpSecretEnc) throw AuthErrors.KEYPASS_NOT_ENABLED()
  await reserveAttempt(deps, user, resolved)
  const repo = authRepository(deps.db)
  if ('recoveryCode' in input) {
    if (!(await repo.consumeRecoveryCode(user.id, recoveryHash(deps, input.recoveryCode)))) {
      await recordAudit(deps.db, resolved.actor, {
        entity: 'keypass',
        entityId: user.id,
        action: 'code_failed',
      })
      throw AuthErrors.MFA_CODE_INVALID({
        fields: { recoveryCode: 'Código de recuperação inválido ou já usado.' },
      })
    }
  } else {
    const step = verifyTotp(openSecret(deps.config.sessionSecret, user.totpSecretEnc), input.code, {
      lastStep: user.totpLastStep,
    })
    if (step === -1) throw AuthErrors.MFA_CODE_REPLAYED({ fields: { code: 'Código já usado.' } })
    if (step === null) {
      await recordAudit(deps.db, resolved.actor, {
        entity: 'keypass',
        entityId: user.id,
        action: 'code_failed',
      })
      throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido.' } })
    }
    // Two requests with the same code: only one may claim its step.
    if (!(await repo.claimTotpStep(user.id, step)))
      throw AuthErrors.MFA_CODE_REPLAYED({ fields: { code: 'Código já usado.' } })
  }
  await deps.db.transaction(async (tx) => {
    await authRepository(tx).resetMfaFailures(user.id)
    await completeSession(tx, resolved)
    await recordAudit(tx, resolved.actor, {
      entity: 'session',
      entityId: resolved.session.id,
      action: 'recoveryCode' in input ? 'mfa_recovery_code' : 'mfa_verified',
    })
  })
}

export async function regenerateRecoveryCodes(deps: AuthDeps, resolved: ResolvedSession, code: string) {
  await verifyCurrentCode(deps, resolved, code)
  const codes = generateRecoveryCodes()
  await deps.db.transaction(async (tx) => {
    await authRepository(tx).replaceRecoveryCodes(
      resolved.actor.userId,
      codes.map((c) => recoveryHash(deps, c)),
    )
    await recordAudit(tx, resolved.actor, {
      entity: 'keypass',
      entityId: resolved.actor.userId,
      action: 'recovery_codes_regenerated',
    })
  })
  return { recoveryCodes: codes }
}

export async function keypassStatus(deps: AuthDeps, resolved: ResolvedSession) {
  const user = await loadUser(deps.db, resolved)
  return {
    enabled: Boolean(user.totpEnabledAt),
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: user.totpEnabledAt ? await authRepository(deps.db).countRecoveryCodesLeft(user.id) : 0,
  }
}

/** Staff action: the user loses the KEYPASS and must set it up again at the next login. */
export async function resetKeypass(tx: Db, userId: string): Promise<void> {
  await authRepository(tx).clearTotp(userId)
  await authRepository(tx).deleteUserSessions(userId)
}

async function verifyCurrentCode(deps: AuthDeps, resolved: ResolvedSession, code: string) {
  const user = await loadUser(deps.db, resolved)
  if (!user.totpSecretEnc) throw AuthErrors.KEYPASS_NOT_ENABLED()
  await reserveAttempt(deps, user, resolved)
  const step = verifyTotp(openSecret(deps.config.sessionSecret, user.totpSecretEnc), code, {
    lastStep: user.totpLastStep,
  })
  if (step === -1) throw AuthErrors.MFA_CODE_REPLAYED({ fields: { code: 'Código já usado.' } })
  if (step === null) throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido.' } })
  if (!(await authRepository(deps.db).claimTotpStep(user.id, step))) throw AuthErrors.MFA_CODE_REPLAYED()
  await authRepository(deps.db).resetMfaFailures(user.id)
}

async function reserveAttempt(deps: AuthDeps, user: UserRow, resolved: ResolvedSession) {
  if (!(await authRepository(deps.db).reserveMfaAttempt(user.id, MFA_MAX_FAILURES, MFA_LOCK_MINUTES))) {
    await recordAudit(deps.db, resolved.actor, { entity: 'keypass', entityId: user.id, action: 'mfa_locked' })
    throw AuthErrors.MFA_LOCKED()
  }
}

async function loadUser(db: Db, resolved: ResolvedSession): Promise<UserRow> {
  const user = await authRepository(db).findUserById(resolved.actor.userId)
  if (!user) throw AuthErrors.INVALID_CREDENTIALS()
  return user
}

function recoveryHash(deps: AuthDeps, code: string): string {
  return hashToken(deps.config.sessionSecret, `recovery:${normalizeRecoveryCode(code)}`)
}
