import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { AccessErrors } from './access.errors.ts'
import { profilesRepository } from './access.repository.ts'
import type { CreateProfileBody, Profile, UpdateProfileBody } from './access.schemas.ts'
import { ALL_PERMISSIONS, DEFAULT_PROFILES, PERMISSIONS } from './permissions.ts'

type ProfileWithCount = NonNullable<Awaited<ReturnType<ReturnType<typeof profilesRepository>['findById']>>>

function toDto({ profile, staffCount }: ProfileWithCount): Profile {
  return {
    id: profile.id,
    name: profile.name,
    description: profile.description,
    permissions: profile.permissions,
    isSystem: profile.isSystem,
    staffCount: Number(staffCount),
  }
}

function auditView(p: { name: string; description: string | null; permissions: string[] }) {
  return { name: p.name, description: p.description, permissions: p.permissions }
}

export function listPermissions() {
  return { items: PERMISSIONS.map((p) => ({ ...p })) }
}

/** Effective permissions of a profile (platform admins get every permission in any tenant). */
export function effectivePermissions(
  profilePermissions: readonly string[],
  isPlatformAdmin: boolean,
): Set<string> {
  if (isPlatformAdmin) return new Set(ALL_PERMISSIONS)
  return new Set(profilePermissions.filter((p) => ALL_PERMISSIONS.has(p)))
}

export async function listProfiles(db: Db, actor: Actor) {
  const rows = await profilesRepository(db).list(actor.tenantId)
  return { items: rows.map(toDto) }
}

export async function getProfile(db: Db, actor: Actor, id: string): Promise<Profile> {
  const row = await profilesRepository(db).findById(actor.tenantId, id)
  if (!row) throw AccessErrors.PROFILE_NOT_FOUND()
  return toDto(row)
}

export async function createProfile(db: Db, actor: Actor, body: CreateProfileBody): Promise<Profile> {
  const id = await db.transaction(async (tx) => {
    const repo = profilesRepository(tx)
    if (await repo.findByName(actor.tenantId, body.name)) throw AccessErrors.PROFILE_NAME_TAKEN()
    const row = await insertUnique(() =>
      repo.insert({
        tenantId: actor.tenantId,
        name: body.name,
        description: body.description ?? null,
        permissions: body.permissions,
      }),
    )
    await recordAudit(tx, actor, {
      entity: 'profile',
      entityId: row.id,
      action: 'create',
      after: auditView(row),
    })
    return row.id
  })
  return getProfile(db, actor, id)
}

export async function updateProfile(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdateProfileBody,
): Promise<Profile> {
  await db.transaction(async (tx) => {
    const repo = profilesRepository(tx)
    const before = await repo.findByIdForUpdate(actor.tenantId, id)
    if (!before) throw AccessErrors.PROFILE_NOT_FOUND()
    if (body.name && body.name.toLowerCase() !== before.name.toLowerCase()) {
      const other = await repo.findByName(actor.tenantId, body.name)
      if (other && other.id !== id) throw AccessErrors.PROFILE_NAME_TAKEN()
    }
    if (before.isSystem && body.permissions && body.permissions.length < ALL_PERMISSIONS.size) {
      throw AccessErrors.PROFILE_SYSTEM()
    }
    const after = await insertUnique(() =>
      repo.update(actor.tenantId, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description ?? null } : {}),
        ...(body.permissions !== undefined ? { permissions: body.permissions } : {}),
      }),
    )
    await recordAudit(tx, actor, {
      entity: 'profile',
      entityId: id,
      action: 'update',
      before: auditView(before),
      after: auditView(after),
    })
  })
  return getProfile(db, actor, id)
}

export async function deleteProfile(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const repo = profilesRepository(tx)
    const before = await repo.findByIdForUpdate(actor.tenantId, id)
    if (!before) throw AccessErrors.PROFILE_NOT_FOUND()
    if (before.isSystem) throw AccessErrors.PROFILE_SYSTEM()
    if ((await repo.countStaff(actor.tenantId, id)) > 0) throw AccessErrors.PROFILE_IN_USE()
    await repo.delete(actor.tenantId, id)
    await recordAudit(tx, actor, {
      entity: 'profile',
      entityId: id,
      action: 'delete',
      before: auditView(before),
    })
  })
}

/** Creates the default profiles of a new tenant. Returns them by name. */
export async function createDefaultProfiles(tx: Db, tenantId: string): Promise<Map<string, string>> {
  const repo = profilesRepository(tx)
  const ids = new Map<string, string>()
  for (const p of DEFAULT_PROFILES) {
    const row = await repo.insert({
      tenantId,
      name: p.name,
      description: p.description,
      permissions: [...p.permissions],
      isSystem: p.isSystem,
    })
    ids.set(p.name, row.id)
  }
  return ids
}

/** Looks a profile up for another module (staff) inside its transaction. */
export async function findProfile(tx: Db, tenantId: string, id: string) {
  return profilesRepository(tx).findByIdForUpdate(tenantId, id)
}

async function insertUnique<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (isUniqueViolation(err)) throw AccessErrors.PROFILE_NAME_TAKEN()
    throw err
  }
}
