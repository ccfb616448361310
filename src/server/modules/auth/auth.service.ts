import type { Config } from '../../config.ts'
import { type Actor, systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { hashPassword, verifyPassword } from '../../platform/security/passwords.ts'
import { hashToken, randomToken } from '../../platform/security/tokens.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { passwordResetMail } from './auth.mail.ts'
import { assertPasswordAcceptable } from './password-policy.ts'
import { formatDocument } from '#shared/documents.ts'
import { ALL_PERMISSIONS, effectivePermissions } from '../access/index.ts'
import { AuthErrors } from './auth.errors.ts'
import { authRepository, type SessionRow, type UserRow } from './auth.repository.ts'
import type { LoginBody, SessionUser, SetPasswordBody } from './auth.schemas.ts'

export type AuthDeps = { db: Db; config: Config }
export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string | null }

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
  const memberships = await listMemberships(deps.db, user)
  const auditTenant = memberships[0]?.tenantId ?? null
  const actor = userActor(user, null, meta, new Set(), null)

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
  if (memberships.length === 0) throw AuthErrors.ACCOUNT_INACTIVE()
  await repo.recordLoginSuccess(user.id)
  return openSession(deps, meta, user, memberships[0], 'login', memberships)
}

/**
 * Proves a person knows their current password (account linking), with the same lockout as the
 * login form. Throws ACCOUNT_LOCKED; returns false for a wrong password.
 */
export async function proveIdentityPassword(
  deps: AuthDeps,
  user: UserRow,
  password: string,
): Promise<boolean> {
  const repo = authRepository(deps.db)
  if (
    !(await repo.reserveLoginAttempt(user.id, deps.config.login.maxFailures, deps.config.login.lockMinutes))
  ) {
    throw AuthErrors.ACCOUNT_LOCKED()
  }
  if (!(await verifyPassword(user.passwordHash, password))) return false
  await repo.recordLoginSuccess(user.id)
  return true
}

/**
 * Creates a session in a membership. Its stage: 'mfa' when the person has a KEYPASS (the code comes
 * next), 'enrol' for a client user who has none yet, otherwise 'full'.
 */
export async function openSession(
  deps: AuthDeps,
  meta: RequestMeta,
  user: UserRow,
  membership: Membership,
  action: string,
  known?: Membership[],
): Promise<{ token: string; resolved: ResolvedSession }> {
  const token = randomToken()
  const stage = user.totpEnabledAt ? 'mfa' : membership.kind === 'client' ? 'enrol' : 'full'
  const companies = membership.clientUserId
    ? await authRepository(deps.db).listCompanies(membership.tenantId, membership.clientUserId)
    : []
  const session = await deps.db.transaction(async (tx) => {
    const s = await authRepository(tx).insertSession({
      tokenHash: hashToken(deps.config.sessionSecret, token),
      userId: user.id,
      tenantId: membership.tenantId,
      kind: membership.kind,
      stage,
      clientUserId: membership.clientUserId,
      clientOrgId: companies[0]?.id ?? null,
      csrfToken: randomToken(24),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      expiresAt: new Date(Date.now() + deps.config.sessionTtlHours * 3_600_000),
    })
    if (stage === 'full' && membership.clientUserId)
      await authRepository(tx).markClientLogin(membership.clientUserId)
    await recordAudit(tx, userActor(user, membership, meta, new Set(), s.id), {
      entity: 'session',
      entityId: s.id,
      action,
      after: { kind: membership.kind, stage },
    })
    return s
  })
  const memberships = known ?? (await listMemberships(deps.db, user))
  return { token, resolved: await buildResolved(deps.db, user, session, memberships, meta) }
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
  const memberships = await listMemberships(deps.db, user)
  if (!findMembership(memberships, session.tenantId, session.kind)) {
    // Access to this tenant was removed (deactivated staff or portal access, inactive tenant): the session ends.
    await repo.deleteSession(session.id)
    return null
  }
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(session.id, new Date(Date.now() + deps.config.sessionTtlHours * 3_600_000))
  }
  return buildResolved(deps.db, user, session, memberships, meta)
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
  target: { tenantId: string; kind?: 'staff' | 'client' },
  meta: RequestMeta,
): Promise<ResolvedSession> {
  const repo = authRepository(deps.db)
  const user = await repo.findUserById(resolved.actor.userId)
  if (!user) throw AuthErrors.TENANT_NOT_AVAILABLE()
  const memberships = await listMemberships(deps.db, user)
  const m = findMembership(memberships, target.tenantId, target.kind)
  if (!m) throw AuthErrors.TENANT_NOT_AVAILABLE()
  const companies = m.clientUserId ? await repo.listCompanies(m.tenantId, m.clientUserId) : []
  const values = {
    tenantId: m.tenantId,
    kind: m.kind,
    clientUserId: m.clientUserId,
    clientOrgId: companies[0]?.id ?? null,
    // A client membership needs a KEYPASS: a staff member without one must enrol first.
    stage: m.kind === 'client' && !user.totpEnabledAt ? ('enrol' as const) : ('full' as const),
    csrfToken: randomToken(24),
  }
  await deps.db.transaction(async (tx) => {
    await authRepository(tx).updateSession(resolved.session.id, values)
    await recordAudit(tx, resolved.actor, {
      entity: 'session',
      entityId: resolved.session.id,
      action: 'switch_tenant',
      before: { tenantId: resolved.session.tenantId, kind: resolved.session.kind },
      after: { tenantId: m.tenantId, kind: m.kind },
    })
  })
  return buildResolved(deps.db, user, { ...resolved.session, ...values }, memberships, meta)
}

/** Moves a client session to another of the user's companies in the same tenant. */
export async function switchCompany(
  deps: AuthDeps,
  resolved: ResolvedSession,
  companyId: string,
  meta: RequestMeta,
): Promise<ResolvedSession> {
  const companies = resolved.user.companies
  if (!companies.some((c) => c.id === companyId)) throw AuthErrors.COMPANY_NOT_AVAILABLE()
  await authRepository(deps.db).updateSession(resolved.session.id, { clientOrgId: companyId })
  const user = (await authRepository(deps.db).findUserById(resolved.actor.userId))!
  return buildResolved(
    deps.db,
    user,
    { ...resolved.session, clientOrgId: companyId },
    await listMemberships(deps.db, user),
    meta,
  )
}

/** Marks the session complete after the KEYPASS step (code given or KEYPASS just configured). */
export async function completeSession(tx: Db, resolved: ResolvedSession): Promise<void> {
  await authRepository(tx).updateSession(resolved.session.id, { stage: 'full' })
  if (resolved.session.clientUserId) await authRepository(tx).markClientLogin(resolved.session.clientUserId)
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
  const peek = await loadUsableToken(deps.db, deps.config, body.token, false)
  await assertPasswordAcceptable(deps.db, peek.token.tenantId, body.password, body.passwordConfirmation, {
    email: peek.token.email,
  })
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
  const home = (await listMemberships(deps.db, user))[0]
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
    await recordAudit(tx, userActor(user, home, meta, new Set(), null), {
      entity: 'user',
      entityId: user.id,
      action: 'password_reset_requested',
    })
  })
}

export type Membership = {
  tenantId: string
  tenantName: string
  tenantSlug: string
  kind: 'staff' | 'client'
  permissions: string[]
  clientUserId: string | null
}

/** Every place a person may enter: staff memberships, client-portal memberships, and for platform admins every tenant. */
export async function listMemberships(db: Db, user: UserRow): Promise<Membership[]> {
  const repo = authRepository(db)
  // The system profile (Administrador) always has every permission, also ones added after it was created.
  const staff: Membership[] = (await repo.listMemberships(user.id)).map((m) => ({
    ...m,
    permissions: m.isSystem ? [...ALL_PERMISSIONS] : m.permissions,
    kind: 'staff',
    clientUserId: null,
  }))
  const clients: Membership[] = (await repo.listClientMemberships(user.id)).map((m) => ({
    ...m,
    kind: 'client',
  }))
  let extra: Membership[] = []
  if (user.isPlatformAdmin) {
    const own = new Set(staff.map((m) => m.tenantId))
    extra = (await repo.listActiveTenants())
      .filter((t) => !own.has(t.tenantId))
      .map((t) => ({ ...t, kind: 'staff', permissions: [], clientUserId: null }))
  }
  return [...staff, ...extra, ...clients]
}

function findMembership(
  list: Membership[],
  tenantId: string,
  kind?: 'staff' | 'client',
): Membership | undefined {
  return list.find((m) => m.tenantId === tenantId && (!kind || m.kind === kind))
}

async function buildResolved(
  db: Db,
  user: UserRow,
  session: SessionRow,
  memberships: Membership[],
  meta: RequestMeta,
): Promise<ResolvedSession> {
  const current = findMembership(memberships, session.tenantId, session.kind) ?? memberships[0]
  const permissions =
    current.kind === 'staff'
      ? effectivePermissions(current.permissions, user.isPlatformAdmin)
      : new Set(current.permissions)
  const companies = current.clientUserId
    ? await authRepository(db).listCompanies(current.tenantId, current.clientUserId)
    : []
  const company = companies.find((c) => c.id === session.clientOrgId) ?? companies[0] ?? null
  const tenantsSeen = new Map(
    memberships.map((m) => [m.tenantId, { id: m.tenantId, name: m.tenantName, slug: m.tenantSlug }]),
  )
  return {
    session,
    actor: userActor(user, current, meta, permissions, session.id, company?.id ?? null),
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      isPlatformAdmin: user.isPlatformAdmin,
      kind: current.kind,
      stage: session.stage,
      hasKeypass: Boolean(user.totpEnabledAt),
      secondFactor: user.totpEnabledAt ? (user.secondFactor ?? 'totp') : null,
      tenant: { id: current.tenantId, name: current.tenantName, slug: current.tenantSlug },
      permissions: [...permissions].sort(),
      tenants: [...tenantsSeen.values()],
      memberships: memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName, kind: m.kind })),
      companies: companies.map(companyView),
      company: company ? companyView(company) : null,
    },
  }
}

function companyView(c: { id: string; name: string; document: string }) {
  return { id: c.id, name: c.name, document: formatDocument(c.document) }
}

export function userActor(
  user: UserRow,
  membership: Membership | null,
  meta: RequestMeta,
  permissions: ReadonlySet<string>,
  sessionId: string | null,
  clientOrgId: string | null = null,
): Actor {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    tenantId: membership?.tenantId ?? '',
    kind: membership?.kind ?? 'staff',
    clientUserId: membership?.clientUserId ?? null,
    clientOrgId,
    isPlatformAdmin: user.isPlatformAdmin,
    permissions,
    sessionId,
    ip: meta.ip,
    requestId: meta.requestId,
  }
}
