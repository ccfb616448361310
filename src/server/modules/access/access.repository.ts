import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { staffMembers } from '../staff/staff.tables.ts'
import { accessProfiles } from './access.tables.ts'

export type ProfileRow = typeof accessProfiles.$inferSelect

// Written out with table names: inside a subquery drizzle would leave the columns unqualified.
const staffCount = sql<number>`(select count(*)::int from staff_members sm where sm.profile_id = "access_profiles"."id" and sm.tenant_id = "access_profiles"."tenant_id")`

/** Access profiles. Every method takes the tenant first and never crosses it. */
export function profilesRepository(db: Db) {
  return {
    async list(tenantId: string) {
      return db
        .select({ profile: accessProfiles, staffCount })
        .from(accessProfiles)
        .where(eq(accessProfiles.tenantId, tenantId))
        .orderBy(asc(accessProfiles.name))
    },

    async findById(tenantId: string, id: string) {
      const [row] = await db
        .select({ profile: accessProfiles, staffCount })
        .from(accessProfiles)
        .where(and(eq(accessProfiles.tenantId, tenantId), eq(accessProfiles.id, id)))
      return row ?? null
    },

    async findByIdForUpdate(tenantId: string, id: string): Promise<ProfileRow | null> {
      const [row] = await db
        .select()
        .from(accessProfiles)
        .where(and(eq(accessProfiles.tenantId, tenantId), eq(accessProfiles.id, id)))
        .for('update')
      return row ?? null
    },

    async findByName(tenantId: string, name: string): Promise<ProfileRow | null> {
      const [row] = await db
        .select()
        .from(accessProfiles)
        .where(
          and(eq(accessProfiles.tenantId, tenantId), sql`lower(${accessProfiles.name}) = lower(${name})`),
        )
      return row ?? null
    },

    async insert(values: typeof accessProfiles.$inferInsert): Promise<ProfileRow> {
      const [row] = await db.insert(accessProfiles).values(values).returning()
      return row
    },

    async update(
      tenantId: string,
      id: string,
      values: Partial<Pick<ProfileRow, 'name' | 'description' | 'permissions'>>,
    ): Promise<ProfileRow> {
      const [row] = await db
        .update(accessProfiles)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(accessProfiles.tenantId, tenantId), eq(accessProfiles.id, id)))
        .returning()
      return row
    },

    async delete(tenantId: string, id: string): Promise<void> {
      await db
        .delete(accessProfiles)
        .where(and(eq(accessProfiles.tenantId, tenantId), eq(accessProfiles.id, id)))
    },

    async countStaff(tenantId: string, id: string): Promise<number> {
      const [r] = await db
        .select({ n: count() })
        .from(staffMembers)
        .where(and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.profileId, id)))
      return r.n
    },
  }
}
