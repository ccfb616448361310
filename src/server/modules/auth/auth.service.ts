import type { Config } from '../../config.ts'
import { type Actor, systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { hashPassword, verifyPassword } from '../../platform/security/passwords.ts'
import { hashToken, randomToken } from '../../platform/security/tokens.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { passwordResetMail } from './auth.mail.ts'
import { checkPasswordPolicy } from '#shared/validation.ts'
import { effectivePermissions } from '../access/index.ts'
import { AuthErrors } from './auth.errors.ts'
import { authRepository, type SessionRow, type UserRow } from './auth.repository.ts'
import type { LoginBody, SessionUser, SetPasswordBody } from './auth.schemas.ts'

export type AuthDeps = { db: Db; config: Config }
export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string | null }

type Membership = { tenantId: string; tenantName: string; tenantSlug: string; permissions: string[] }

/** What a valid session resolves to: the actor for services and the user view for the web app. */
export type ResolvedSession = { session: SessionRow; actor: Actor; user: SessionUser }

const TOUCH_EVERY_MS = 5 * 60_000

export async function login(
  deps: AuthDeps,
  meta: RequestMeta,
  body: LoginBody,
): Promise<{ token: string; resolved: ResolvedSession }> {
  const repo = authRepository(deps.db)
  const user = await repo.findUserByEmail(body.email)
  if (!user) {
    await verifyPassword(null, body.password)
    throw AuthErrors.INVALID_CREDENTIALS()
  }
  const { maxFailures, lockMinutes } = deps.config.login
  const memberships = await repo.listMemberships(user.id)
  const auditTenant = memberships[0]?.tenantId ?? null
  const actor = userActor(user, auditTenant ?? '', meta, new Set(), null)

  if (!(await repo.reserveLoginAttempt(user.id, maxFailures, lockMinutes))) {
    await recordAudit(deps.db, actor, {
      entity: 'session',
      entityId: user.id,
      action: 'login_locked',
      tenantId: auditTenant,
    })
    throw AuthErrors.ACCOUNT_LOCKED()
  }
  if (!(await verifyPassword(user.passwordHash, body.password))) {
    await recordAudit(deps.db, actor, {
      entity: 'session',
      entityId: user.id,
      action: 'login_failed',
      tenantId: auditTenant,
    })
    throw AuthErrors.INVALID_CREDENTIALS()
  }
  const available = await availableTenants(deps.db, user, memberships)
  if (available.length === 0) throw AuthErrors.ACCOUNT_INACTIVE()
  await repo.recordLoginSuccess(user.id)

  const token = randomToken()
  const tenantId = available[0].tenantId
  const session = await deps.db.transaction(async (tx) => {
    const s = await authRepository(tx).insertSession({
      tokenHash: hashToken(deps.config.sessionSecret, token),
      userId: user.id,
      tenantId,
      csrfToken: randomToken(24),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      expiresAt: new Date(Date.now() + deps.config.sessionTtlHours * 3_600_000),
    })
    await recordAudit(tx, userActor(user, tenantId, meta, new Set(), s.id), {
      entity: 'session',
      entityId: s.id,
      action: 'login',
    })
    return s
  })
  return { token, resolved: buildResolved(user, session, available, meta) }
}

/** Resolves a session cookie. Returns null for unknown or expired sessions and removed access. */
export async function resolveSession(
  deps: AuthDeps,
  token: string,
  meta: RequestMeta,
): Promise<ResolvedSession | null> {
  const repo = authRepository(deps.db)
  const session = await repo.findLiveSession(hashToken(deps.config.sessionSecret, token))
  if (!session) return null
  const user = await repo.findUserById(session.userId)
  if (!user) return null
  const available = await availableTenants(deps.db, user, await repo.listMemberships(user.id))
  if (!available.some((m) => m.tenantId === session.tenantId)) {
    // Access to this tenant was removed (deactivated staff, inactive tenant): the session ends.
    await repo.deleteSession(session.id)
    return null
  }
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(session.id, new Date(Date.now() + deps.config.sessionTtlHours * 3_600_000))
  }
  return buildResolved(user, session, available, meta)
}

export async function logout(deps: AuthDeps, resolved: ResolvedSession): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await authRepository(tx).deleteSession(resolved.session.id)
    await recordAudit(tx, resolved.actor, {
      entity: 'session',
      entityId: resolved.session.id,
      action: 'logout',
    })
  })
}

export async function switchTenant(
  deps: AuthDeps,
  resolved: ResolvedSession,
  tenantId: string,
  meta: RequestMeta,
): Promise<ResolvedSession> {
  const repo = authRepository(deps.db)
  const user = await repo.findUserById(resolved.actor.userId)
  if (!user) throw AuthErrors.TENANT_NOT_AVAILABLE()
  const available = await availableTenants(deps.db, user, await repo.listMemberships(user.id))
  if (!available.some((m) => m.tenantId === tenantId)) throw AuthErrors.TENANT_NOT_AVAILABLE()
  const csrfToken = randomToken(24)
  await deps.db.transaction(async (tx) => {
    await authRepository(tx).updateSessionTenant(resolved.session.id, tenantId, csrfToken)
    await recordAudit(tx, resolved.actor, {
      entity: 'session',
      entityId: resolved.session.id,
      action: 'switch_tenant',
      before: { tenantId: resolved.session.tenantId },
      after: { tenantId },
    })
  })
  return buildResolved(user, { ...resolved.session, tenantId, csrfToken }, available, meta)
}

/**
 * Issues a single-use link token for a user in a tenant (inside the caller's transaction) and
 * revokes the links issued before it. Returns the raw token, which only goes into the e-mail.
 */
export async function issuePasswordToken(
  tx: Db,
  config: Config,
  input: {
    tenantId: string
    userId: string
    email: string
    purpose: 'set_password' | 'reset_password'
    ttlHours?: number
  },
): Promise<string> {
  const repo = authRepository(tx)
  await repo.revokeOpenTokens(input.userId, input.tenantId)
  const token = randomToken()
  await repo.insertToken({
    tenantId: input.tenantId,
    userId: input.userId,
    email: input.email,
    purpose: input.purpose,
    tokenHash: hashToken(config.sessionSecret, token),
    expiresAt: new Date(Date.now() + (input.ttlHours ?? 72) * 3_600_000),
  })
  return token
}

export function passwordLink(config: Config, token: string): string {
  return `${config.appUrl}/definir-senha?token=${encodeURIComponent(token)}`
}

async function loadUsableToken(db: Db, config: Config, token: string, forUpdate: boolean) {
  const row = await authRepository(db).findToken(hashToken(config.sessionSecret, token), forUpdate)
  if (!row || row.token.usedAt || row.token.revokedAt) throw AuthErrors.TOKEN_INVALID()
  if (row.token.expiresAt.getTime() <= Date.now()) throw AuthErrors.TOKEN_EXPIRED()
  return row
}

export async function getPasswordToken(deps: AuthDeps, token: string) {
  const row = await loadUsableToken(deps.db, deps.config, token, false)
  return {
    name: row.userName,
    email: row.token.email,
    tenantName: row.tenantName,
    purpose: row.token.purpose,
  }
}

/** Sets the password from an e-mailed link: the token is consumed, old sessions end. */
export async function setPasswordWithToken(
  deps: AuthDeps,
  meta: RequestMeta,
  body: SetPasswordBody,
): Promise<void> {
  const policyError = checkPasswordPolicy(body.password)
  if (policyError) throw AuthErrors.PASSWORD_WEAK({ message: policyError, fields: { password: policyError } })
  if (body.password !== body.passwordConfirmation) {
    throw AuthErrors.PASSWORD_MISMATCH({
      fields: { passwordConfirmation: 'A confirmação não confere com a senha.' },
    })
  }
  const passwordHash = await hashPassword(body.password)
  await deps.db.transaction(async (tx) => {
    const row = await loadUsableToken(tx, deps.config, body.token, true)
    const repo = authRepository(tx)
    await repo.markTokenUsed(row.token.id)
    await repo.setPasswordHash(row.token.userId, passwordHash)
    await repo.deleteUserSessions(row.token.userId)
    const actor = { ...systemActor(row.token.tenantId, row.userName), ...meta }
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: row.token.userId,
      action: row.token.purpose === 'set_password' ? 'password_set' : 'password_reset',
      after: { name: row.userName, email: row.token.email },
    })
  })
}

/**
 * "Esqueci minha senha": e-mails a 2-hour single-use link when the address belongs to someone with
 * access. The answer is the same whether or not it does, so the form cannot be used to probe e-mails.
 */
export async function requestPasswordReset(deps: AuthDeps, meta: RequestMeta, email: string): Promise<void> {
  const repo = authRepository(deps.db)
  const user = await repo.findUserByEmail(email)
  if (!user) return
  const available = await availableTenants(deps.db, user, await repo.listMemberships(user.id))
  const home = available[0]
  if (!home) return
  await deps.db.transaction(async (tx) => {
    const token = await issuePasswordToken(tx, deps.config, {
      tenantId: home.tenantId,
      userId: user.id,
      email: user.email,
      purpose: 'reset_password',
      ttlHours: 2,
    })
    const mail = passwordResetMail({
      name: user.name,
      tenantName: home.tenantName,
      link: passwordLink(deps.config, token),
    })
    await queueMail(tx, { ...mail, tenantId: home.tenantId, to: user.email, template: 'auth.password_reset' })
    await recordAudit(tx, userActor(user, home.tenantId, meta, new Set(), null), {
      entity: 'user',
      entityId: user.id,
      action: 'password_reset_requested',
    })
  })
}

async function availableTenants(db: Db, user: UserRow, memberships: Membership[]): Promise<Membership[]> {
  if (!user.isPlatformAdmin) return memberships
  // Platform administrators may enter every active tenant, with every permission.
  const all = await authRepository(db).listActiveTenants()
  const own = new Set(memberships.map((m) => m.tenantId))
  return [...memberships, ...all.filter((t) => !own.has(t.tenantId)).map((t) => ({ ...t, permissions: [] }))]
}

function buildResolved(
  user: UserRow,
  session: SessionRow,
  available: Membership[],
  meta: RequestMeta,
): ResolvedSession {
  const current = available.find((m) => m.tenantId === session.tenantId) ?? available[0]
  const permissions = effectivePermissions(current.permissions, user.isPlatformAdmin)
  return {
    session,
    actor: userActor(user, current.tenantId, meta, permissions, session.id),
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      isPlatformAdmin: user.isPlatformAdmin,
      tenant: { id: current.tenantId, name: current.tenantName, slug: current.tenantSlug },
      permissions: [...permissions].sort(),
      tenants: available.map((m) => ({ id: m.tenantId, name: m.tenantName, slug: m.tenantSlug })),
    },
  }
}

function userActor(
  user: UserRow,
  tenantId: string,
  meta: RequestMeta,
  permissions: ReadonlySet<string>,
  sessionId: string | null,
): Actor {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    tenantId,
    isPlatformAdmin: user.isPlatformAdmin,
    permissions,
    sessionId,
    ip: meta.ip,
    requestId: meta.requestId,
  }
}
