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
import { isValidPhone, normalizePhone } from '#shared/documents.ts'
import { getTenantSettings } from '../tenants/tenant-settings.ts'
import { AuthErrors } from './auth.errors.ts'
import { consumeMfaCode, sendMfaCode } from './mfa-codes.ts'
import { authRepository, type UserRow } from './auth.repository.ts'
import { type AuthDeps, completeSession, type ResolvedSession } from './auth.service.ts'

export const KEYPASS_ISSUER = 'Cadastra'
const MFA_MAX_FAILURES = 5
const MFA_LOCK_MINUTES = 15

export type KeypassMethod = 'totp' | 'email' | 'sms'

/**
 * Starts (or restarts) KEYPASS set-up. TOTP (default): a new pending secret as text, otpauth URI
 * and QR code. E-mail or SMS (where the tenant allows): a 6-digit code is sent to confirm the channel.
 */
export async function setupKeypass(
  deps: AuthDeps,
  resolved: ResolvedSession,
  input: { method?: KeypassMethod; phone?: string } = {},
) {
  const user = await loadUser(deps.db, resolved)
  const method = input.method ?? 'totp'
  const settings = await getTenantSettings(deps.db, resolved.actor.tenantId)
  if (!settings.secondFactors.includes(method)) throw AuthErrors.SECOND_FACTOR_NOT_ALLOWED()
  const repo = authRepository(deps.db)
  if (method === 'totp') {
    const secret = generateTotpSecret()
    await repo.setPendingTotp(user.id, sealSecret(deps.config.sessionSecret, secret))
    await repo.setPendingMethod(user.id, 'totp')
    const otpauthUrl = totpUri(secret, KEYPASS_ISSUER, user.email)
    const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 })
    return {
      method,
      secret,
      otpauthUrl,
      qrDataUrl,
      issuer: KEYPASS_ISSUER,
      account: user.email,
      sentTo: null,
    }
  }
  const phone = method === 'sms' && isValidPhone(input.phone ?? '') ? normalizePhone(input.phone ?? '') : null
  if (method === 'sms' && !phone)
    throw AuthErrors.PHONE_REQUIRED({ fields: { phone: 'Informe um celular válido com DDD.' } })
  const sentTo = await deps.db.transaction(async (tx) => {
    await authRepository(tx).setPendingMethod(user.id, method, phone)
    return sendMfaCode(tx, deps.config, {
      userId: user.id,
      name: user.name,
      email: user.email,
      phone,
      channel: method,
      tenantId: resolved.actor.tenantId,
      tenantName: resolved.user.tenant.name,
    })
  })
  return {
    method,
    secret: null,
    otpauthUrl: null,
    qrDataUrl: null,
    issuer: KEYPASS_ISSUER,
    account: user.email,
    sentTo,
  }
}

/**
 * Login with an e-mail or SMS KEYPASS: sends the code (automatically after the password). A re-send
 * asked for by the person waits 30 seconds after the previous code.
 */
export async function sendLoginCode(
  deps: AuthDeps,
  resolved: ResolvedSession,
  opts: { resend?: boolean } = {},
): Promise<{ sentTo: string | null }> {
  const user = await loadUser(deps.db, resolved)
  const method = user.secondFactor
  if (method !== 'email' && method !== 'sms') return { sentTo: null }
  if (opts.resend) await throttleCodes(deps, user.id)
  const sentTo = await deps.db.transaction((tx) =>
    sendMfaCode(tx, deps.config, {
      userId: user.id,
      name: user.name,
      email: user.email,
      phone: user.mfaPhone,
      channel: method,
      tenantId: resolved.actor.tenantId,
      tenantName: resolved.user.tenant.name,
    }),
  )
  return { sentTo }
}

async function throttleCodes(deps: AuthDeps, userId: string) {
  const last = await authRepository(deps.db).lastMfaCodeAt(userId)
  if (last && Date.now() - last.getTime() < 30_000) throw AuthErrors.MFA_CODE_TOO_SOON()
}

/** Confirms set-up with one code: the KEYPASS becomes active, ten recovery codes are issued. */
export async function confirmKeypass(deps: AuthDeps, resolved: ResolvedSession, code: string) {
  const user = await loadUser(deps.db, resolved)
  const method = user.pendingSecondFactor ?? (user.totpPendingEnc ? 'totp' : null)
  if (!method) throw AuthErrors.KEYPASS_NOT_STARTED()
  await reserveAttempt(deps, user, resolved)
  let step = 0
  if (method === 'totp') {
    if (!user.totpPendingEnc) throw AuthErrors.KEYPASS_NOT_STARTED()
    const matched = verifyTotp(openSecret(deps.config.sessionSecret, user.totpPendingEnc), code)
    if (matched === null || matched < 0) {
      await recordAudit(deps.db, resolved.actor, {
        entity: 'keypass',
        entityId: user.id,
        action: 'code_failed',
      })
      throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido.' } })
    }
    step = matched
  } else if (!(await consumeMfaCode(deps.db, deps.config, user.id, method, code))) {
    await recordAudit(deps.db, resolved.actor, {
      entity: 'keypass',
      entityId: user.id,
      action: 'code_failed',
    })
    throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido ou expirado.' } })
  }
  const codes = generateRecoveryCodes()
  await deps.db.transaction(async (tx) => {
    const repo = authRepository(tx)
    if (method === 'totp') await repo.activateTotp(user.id, user.totpPendingEnc!, step)
    else await repo.activateCodeMethod(user.id, method)
    await repo.replaceRecoveryCodes(
      user.id,
      codes.map((c) => recoveryHash(deps, c)),
    )
    await completeSession(tx, resolved)
    await recordAudit(tx, resolved.actor, {
      entity: 'keypass',
      entityId: user.id,
      action: user.totpEnabledAt ? 'reconfigured' : 'enabled',
      after: { method },
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
  if (!user.totpEnabledAt) throw AuthErrors.KEYPASS_NOT_ENABLED()
  await reserveAttempt(deps, user, resolved)
  const repo = authRepository(deps.db)
  const method = user.secondFactor ?? 'totp'
  if (!('recoveryCode' in input) && (method === 'email' || method === 'sms')) {
    if (!(await consumeMfaCode(deps.db, deps.config, user.id, method, input.code))) {
      await recordAudit(deps.db, resolved.actor, {
        entity: 'keypass',
        entityId: user.id,
        action: 'code_failed',
      })
      throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido ou expirado.' } })
    }
  } else if ('recoveryCode' in input) {
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
    if (!user.totpSecretEnc) throw AuthErrors.KEYPASS_NOT_ENABLED()
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
  const settings = await getTenantSettings(deps.db, resolved.actor.tenantId)
  return {
    enabled: Boolean(user.totpEnabledAt),
    method: user.totpEnabledAt ? (user.secondFactor ?? 'totp') : null,
    allowedMethods: settings.secondFactors,
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
  if (!user.totpEnabledAt) throw AuthErrors.KEYPASS_NOT_ENABLED()
  await reserveAttempt(deps, user, resolved)
  if (user.secondFactor === 'email' || user.secondFactor === 'sms') {
    if (!(await consumeMfaCode(deps.db, deps.config, user.id, user.secondFactor, code))) {
      throw AuthErrors.MFA_CODE_INVALID({ fields: { code: 'Código inválido.' } })
    }
    await authRepository(deps.db).resetMfaFailures(user.id)
    return
  }
  if (!user.totpSecretEnc) throw AuthErrors.KEYPASS_NOT_ENABLED()
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
