import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { findProfile } from '../access/index.ts'
import { issuePasswordToken, passwordLink } from '../auth/index.ts'
import { getTenantName } from '../tenants/tenant-settings.ts'
import { StaffErrors } from './staff.errors.ts'
import { staffAccessMail } from './staff.mail.ts'
import { type StaffView, staffRepository } from './staff.repository.ts'
import type { CreateStaffBody, FindStaffQuery, Staff, UpdateStaffBody } from './staff.schemas.ts'

export type StaffDeps = { db: Db; config: Config }

function toDto(v: StaffView): Staff {
  return {
    id: v.id,
    userId: v.userId,
    name: v.name,
    email: v.email,
    profileId: v.profileId,
    profileName: v.profileName,
    isActive: v.isActive,
    hasPassword: Boolean(v.hasPassword),
    lastLoginAt: v.lastLoginAt ? new Date(v.lastLoginAt).toISOString() : null,
    createdAt: new Date(v.createdAt).toISOString(),
  }
}

function auditView(
  v: Pick<StaffView, 'name' | 'email' | 'profileId' | 'isActive'> & { profileName?: string },
) {
  return {
    name: v.name,
    email: v.email,
    profileId: v.profileId,
    profileName: v.profileName,
    isActive: v.isActive,
  }
}

export async function findStaff(deps: StaffDeps, actor: Actor, q: FindStaffQuery) {
  const isActive = q.isActive === undefined ? undefined : q.isActive === 'true'
  const { items, total } = await staffRepository(deps.db).find(actor.tenantId, { ...q, isActive })
  return { items: items.map(toDto), total, page: q.page, pageSize: q.pageSize }
}

export async function getStaff(deps: StaffDeps, actor: Actor, id: string): Promise<Staff> {
  const row = await staffRepository(deps.db).findById(actor.tenantId, id)
  if (!row) throw StaffErrors.STAFF_NOT_FOUND()
  return toDto(row)
}

/**
 * Adds a person to the tenant's staff. A new e-mail gets an identity without a password and a
 * single-use link to choose one; an e-mail already known to Cadastra keeps its password and is told
 * it can now enter this tenant. The e-mail is queued in the same transaction.
 */
export async function createStaff(deps: StaffDeps, actor: Actor, body: CreateStaffBody): Promise<Staff> {
  const id = await deps.db.transaction(async (tx) =>
    addStaffMember(tx, deps.config, actor, actor.tenantId, body),
  )
  return getStaff(deps, actor, id)
}

/** The transactional core of createStaff, also used when a tenant is created with its administrator. */
export async function addStaffMember(
  tx: Db,
  config: Config,
  actor: Actor,
  tenantId: string,
  body: CreateStaffBody,
): Promise<string> {
  const repo = staffRepository(tx)
  const profile = await findProfile(tx, tenantId, body.profileId)
  if (!profile)
    throw StaffErrors.PROFILE_NOT_FOUND({ fields: { profileId: 'Perfil de acesso não encontrado.' } })

  let user = await repo.findUserByEmail(body.email)
  if (user && (await repo.findMembership(tenantId, user.id))) {
    throw StaffErrors.EMAIL_TAKEN({ fields: { email: 'Este e-mail já está na equipe.' } })
  }
  try {
    user ??= await repo.insertUser({ email: body.email, name: body.name })
  } catch (err) {
    if (isUniqueViolation(err))
      throw StaffErrors.EMAIL_TAKEN({ fields: { email: 'Este e-mail já está na equipe.' } })
    throw err
  }
  const member = await repo.insert({ tenantId, userId: user.id, name: body.name, profileId: profile.id })
  await recordAudit(tx, actor, {
    tenantId,
    entity: 'staff',
    entityId: member.id,
    action: 'create',
    after: auditView({ ...body, profileName: profile.name, isActive: true }),
  })
  await sendAccessMail(tx, config, tenantId, {
    userId: user.id,
    email: user.email,
    name: body.name,
    hasPassword: !!user.passwordHash,
  })
  return member.id
}

export async function updateStaff(
  deps: StaffDeps,
  actor: Actor,
  id: string,
  body: UpdateStaffBody,
): Promise<Staff> {
  await deps.db.transaction(async (tx) => {
    const repo = staffRepository(tx)
    const locked = await repo.lockById(actor.tenantId, id)
    if (!locked) throw StaffErrors.STAFF_NOT_FOUND()
    const before = (await repo.findById(actor.tenantId, id))!
    if (body.isActive === false && locked.userId === actor.userId) throw StaffErrors.STAFF_SELF_DEACTIVATE()
    let profileName = before.profileName
    if (body.profileId && body.profileId !== before.profileId) {
      const profile = await findProfile(tx, actor.tenantId, body.profileId)
      if (!profile)
        throw StaffErrors.PROFILE_NOT_FOUND({ fields: { profileId: 'Perfil de acesso não encontrado.' } })
      profileName = profile.name
    }
    await repo.update(actor.tenantId, id, body)
    const after = { ...before, ...body, profileName }
    await recordAudit(tx, actor, {
      entity: 'staff',
      entityId: id,
      action:
        body.isActive === false && before.isActive
          ? 'deactivate'
          : body.isActive && !before.isActive
            ? 'activate'
            : 'update',
      before: auditView(before),
      after: auditView(after),
    })
  })
  return getStaff(deps, actor, id)
}

/** Sends a fresh access link (the previous one stops working). */
export async function resendAccess(deps: StaffDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const repo = staffRepository(tx)
    const member = await repo.findById(actor.tenantId, id)
    if (!member) throw StaffErrors.STAFF_NOT_FOUND()
    if (!member.isActive) throw StaffErrors.STAFF_INACTIVE()
    await sendAccessMail(tx, deps.config, actor.tenantId, {
      userId: member.userId,
      email: member.email,
      name: member.name,
      hasPassword: false,
    })
    await recordAudit(tx, actor, { entity: 'staff', entityId: id, action: 'resend_access' })
  })
}

async function sendAccessMail(
  tx: Db,
  config: Config,
  tenantId: string,
  who: { userId: string; email: string; name: string; hasPassword: boolean },
) {
  const tenantName = await getTenantName(tx, tenantId)
  const link = who.hasPassword
    ? null
    : passwordLink(
        config,
        await issuePasswordToken(tx, config, {
          tenantId,
          userId: who.userId,
          email: who.email,
          purpose: 'set_password',
        }),
      )
  const mail = staffAccessMail({ name: who.name, tenantName, link, loginUrl: `${config.appUrl}/entrar` })
  await queueMail(tx, { ...mail, tenantId, to: who.email, template: 'staff.access' })
}
