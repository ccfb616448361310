import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { App } from '#server/app.ts'
import type { Config } from '#server/config.ts'
import { users } from '#server/modules/auth/auth.tables.ts'
import { createTenantInTx } from '#server/modules/tenants/index.ts'
import { systemActor } from '#server/platform/actor.ts'
import { hashPassword } from '#server/platform/security/passwords.ts'
import { TestClient } from '../helpers/client.ts'

export const TEST_PASSWORD = 'Senha-Forte-2026'
let hashed: Promise<string> | null = null

export type TenantFixture = {
  tenantId: string
  slug: string
  adminEmail: string
  profiles: Map<string, string>
  /** A client signed in as the tenant's administrator. */
  admin: TestClient
}

/** A new tenant (own slug and e-mails) with its default profiles and an administrator who can log in. */
export async function createTenant(
  app: App,
  config: Config,
  opts: { name?: string; platformAdmin?: boolean } = {},
): Promise<TenantFixture> {
  const suffix = randomBytes(4).toString('hex')
  const slug = `t-${suffix}`
  const adminEmail = `admin.${suffix}@exemplo.com.br`
  hashed ??= hashPassword(TEST_PASSWORD)
  const passwordHash = await hashed
  const created = await app.database.db.transaction(async (tx) => {
    const t = await createTenantInTx(
      tx,
      config,
      systemActor('00000000-0000-0000-0000-000000000000', 'Teste'),
      {
        name: opts.name ?? `Inquilino ${suffix}`,
        slug,
        adminName: `Admin ${suffix}`,
        adminEmail,
      },
    )
    await tx
      .update(users)
      .set({ passwordHash, isPlatformAdmin: opts.platformAdmin ?? false })
      .where(eq(users.email, adminEmail))
    return t
  })
  const admin = new TestClient(app)
  await admin.login(adminEmail, TEST_PASSWORD)
  return { tenantId: created.id, slug, adminEmail, profiles: created.profiles, admin }
}

/** Adds a staff member with a known password to a tenant and returns a signed-in client for it. */
export async function createStaffClient(app: App, tenant: TenantFixture, profileName = 'Operador') {
  const email = `pessoa.${randomBytes(4).toString('hex')}@exemplo.com.br`
  const res = await tenant.admin.post('/api/v1/staff', {
    name: 'Pessoa de Teste',
    email,
    profileId: tenant.profiles.get(profileName),
  })
  if (res.status !== 201) throw new Error(`staff: ${res.status} ${JSON.stringify(res.body)}`)
  hashed ??= hashPassword(TEST_PASSWORD)
  await app.database.db
    .update(users)
    .set({ passwordHash: await hashed })
    .where(eq(users.email, email))
  const client = new TestClient(app)
  await client.login(email, TEST_PASSWORD)
  return { client, email, staffId: res.body.id as string }
}
