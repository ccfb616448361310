import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { createDefaultProfiles } from '../access/index.ts'
import { addStaffMember } from '../staff/index.ts'
import { ensureDefaultDepartments } from '../client-users/index.ts'
import { TenantErrors } from './tenants.errors.ts'
import { tenantsRepository } from './tenants.repository.ts'
import type { CreateTenantBody, Tenant } from './tenants.schemas.ts'

export type TenantsDeps = { db: Db; config: Config }

export async function listTenants(deps: TenantsDeps) {
  const rows = await tenantsRepository(deps.db).list()
  return {
    items: rows.map(
      ({ tenant, staffCount }): Tenant => ({
        id: tenant.id,
        name: tenant.name,
        slug: tenant.slug,
        isActive: tenant.isActive,
        createdAt: tenant.createdAt.toISOString(),
        staffCount: Number(staffCount),
      }),
    ),
  }
}

/**
 * Creates a tenant with its default access profiles and its first administrator, who receives
 * the access e-mail. One transaction: a failure leaves nothing behind.
 */
export async function createTenant(deps: TenantsDeps, actor: Actor, body: CreateTenantBody): Promise<Tenant> {
  const tenant = await deps.db.transaction(async (tx) => createTenantInTx(tx, deps.config, actor, body))
  return { ...tenant, createdAt: tenant.createdAt.toISOString(), staffCount: 1 }
}

export async function createTenantInTx(tx: Db, config: Config, actor: Actor, body: CreateTenantBody) {
  const repo = tenantsRepository(tx)
  if (await repo.findBySlug(body.slug)) throw slugTaken()
  const tenant = await repo.insert({ name: body.name, slug: body.slug }).catch((err) => {
    throw isUniqueViolation(err) ? slugTaken() : err
  })
  await recordAudit(tx, actor, {
    tenantId: tenant.id,
    entity: 'tenant',
    entityId: tenant.id,
    action: 'create',
    after: { name: tenant.name, slug: tenant.slug },
  })
  const profiles = await createDefaultProfiles(tx, tenant.id)
  await ensureDefaultDepartments(tx, tenant.id)
  await addStaffMember(tx, config, actor, tenant.id, {
    name: body.adminName,
    email: body.adminEmail,
    profileId: profiles.get('Administrador')!,
  })
  return { ...tenant, profiles }
}

function slugTaken() {
  return TenantErrors.TENANT_SLUG_TAKEN({ fields: { slug: 'Este identificador já está em uso.' } })
}
