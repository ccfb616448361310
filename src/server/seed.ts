import type { Config } from './config.ts'
import { type Actor, systemActor } from './platform/actor.ts'
import { recordAudit } from './platform/audit/audit.ts'
import type { Db } from './platform/db/database.ts'
import { hashPassword } from './platform/security/passwords.ts'
import { createDefaultProfiles } from './modules/access/index.ts'
import { tenantsRepository } from './modules/tenants/index.ts'
import { users } from './modules/auth/auth.tables.ts'
import { staffMembers } from './modules/staff/staff.tables.ts'
import { clientOrgs } from './modules/clients/clients.tables.ts'
import { createEvent, listEventTypes } from './modules/events/index.ts'
import { createClock } from './platform/clock.ts'
import { ensureDefaultDepartments } from './modules/client-users/index.ts'
import { seedDemoCatalogInTx } from './modules/plans/index.ts'

export const DEMO_LOGINS = [
  {
    role: 'Administrador (também administrador da plataforma)',
    email: 'admin@cadastra.test',
    password: 'Admin@Cadastra2026',
  },
  { role: 'Operador', email: 'operador@cadastra.test', password: 'Operador@Cadastra2026' },
] as const

/**
 * Demo data for a newcomer: one tenant, an administrator and an operator with known passwords.
 * Runs only on an empty database (no tenant yet); returns whether it created anything.
 */
export async function seedDemoData(db: Db, _config: Config): Promise<boolean> {
  const [adminHash, operatorHash] = await Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password)))
  return db.transaction(async (tx) => {
    const tenants = tenantsRepository(tx)
    if ((await tenants.count()) > 0) return false
    const tenant = await tenants.insert({ name: 'Demonstração Serviços Ltda', slug: 'demo' })
    const actor = systemActor(tenant.id, 'Dados de demonstração')
    const profiles = await createDefaultProfiles(tx, tenant.id)
    await ensureDefaultDepartments(tx, tenant.id)
    await tx.insert(clientOrgs).values([
      {
        tenantId: tenant.id,
        documentType: 'cnpj',
        document: '11222333000181',
        name: 'Padaria Pão Quente Ltda',
      },
      {
        tenantId: tenant.id,
        documentType: 'cnpj',
        document: '12ABC34501DE35',
        name: 'Comércio Exemplo S.A.',
      },
      {
        tenantId: tenant.id,
        documentType: 'cpf',
        document: '52998224725',
        name: 'Sítio Boa Esperança (produtor rural)',
      },
    ])
    const people = [
      {
        name: 'Ana Administradora',
        email: DEMO_LOGINS[0].email,
        hash: adminHash,
        admin: true,
        profile: 'Administrador',
      },
      {
        name: 'Otávio Operador',
        email: DEMO_LOGINS[1].email,
        hash: operatorHash,
        admin: false,
        profile: 'Operador',
      },
    ]
    await recordAudit(tx, actor, {
      entity: 'tenant',
      entityId: tenant.id,
      action: 'create',
      after: { name: tenant.name, slug: tenant.slug },
    })
    for (const p of people) {
      const [user] = await tx
        .insert(users)
        .values({ name: p.name, email: p.email, passwordHash: p.hash, isPlatformAdmin: p.admin })
        .returning()
      const [member] = await tx
        .insert(staffMembers)
        .values({ tenantId: tenant.id, userId: user.id, name: p.name, profileId: profiles.get(p.profile)! })
        .returning()
      await recordAudit(tx, actor, {
        entity: 'staff',
        entityId: member.id,
        action: 'create',
        after: { name: p.name, email: p.email, profileName: p.profile, isActive: true },
      })
    }
    await seedDemoEvents(tx, _config, actor)
    await seedDemoCatalogInTx(tx, tenant.id)
    return true
  })
}

/** A public training with two sessions next week, open for self-registration, and a meeting. */
async function seedDemoEvents(tx: Db, config: Config, actor: Actor) {
  const deps = { db: tx, config, clock: createClock() }
  const types = (await listEventTypes(deps, actor)).items
  const publicTraining = types.find((t) => t.isPublic && t.isTraining)!
  const meeting = types.find((t) => !t.isTraining)!
  // Next week, 14:00–17:00 in São Paulo (17:00–20:00 UTC).
  const day = new Date(Date.now() + 7 * 86_400_000)
  const at = (h: number, m = 0) =>
    new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h + 3, m)).toISOString()
  const { event: main } = await createEvent(deps, actor, {
    description: 'Treinamento de boas-vindas ao Portal do Cliente',
    typeId: publicTraining.id,
    startsAt: at(14),
    endsAt: at(17),
    onlineUrl: 'https://meet.google.com/demo-cadastra',
    publicRegistration: true,
    capacity: 50,
    workloadHours: 3,
  })
  await createEvent(deps, actor, {
    mainEventId: main.id,
    description: 'Primeiros passos e KEYPASS',
    startsAt: at(14),
    endsAt: at(15, 30),
  })
  await createEvent(deps, actor, {
    mainEventId: main.id,
    description: 'Documentos e permissões',
    startsAt: at(15, 30),
    endsAt: at(17),
  })
  await createEvent(deps, actor, {
    description: 'Reunião de alinhamento com a Padaria Pão Quente',
    typeId: meeting.id,
    startsAt: at(10),
    endsAt: at(11),
    location: 'Rua das Flores, 100 — Vitória/ES',
    workloadHours: 1,
  })
}
