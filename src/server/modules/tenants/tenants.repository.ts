import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { tenants } from './tenants.tables.ts'

/** Tenants are the one table that is not tenant-scoped: only platform administrators reach it. */
export function tenantsRepository(db: Db) {
  return {
    async list() {
      return db
        .select({
          tenant: tenants,
          staffCount: sql<number>`(select count(*)::int from staff_members sm where sm.tenant_id = "tenants"."id")`,
        })
        .from(tenants)
        .orderBy(asc(tenants.name))
    },
    async findBySlug(slug: string) {
      const [row] = await db.select().from(tenants).where(sql`lower(${tenants.slug}) = lower(${slug})`)
      return row ?? null
    },
    async insert(values: typeof tenants.$inferInsert) {
      const [row] = await db.insert(tenants).values(values).returning()
      return row
    },
    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants)
      return Number(row.n)
    },
    async findById(id: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id))
      return row ?? null
    },
  }
}
