import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'
import { accessProfiles } from '../access/access.tables.ts'
import { users } from '../auth/auth.tables.ts'
import { staffMembers } from './staff.tables.ts'

const columns = {
  id: staffMembers.id,
  userId: staffMembers.userId,
  name: staffMembers.name,
  email: users.email,
  profileId: staffMembers.profileId,
  profileName: accessProfiles.name,
  isActive: staffMembers.isActive,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  lastLoginAt: users.lastLoginAt,
  createdAt: staffMembers.createdAt,
}
export type StaffView = {
  id: string
  userId: string
  name: string
  email: string
  profileId: string
  profileName: string
  isActive: boolean
  hasPassword: boolean
  lastLoginAt: Date | null
  createdAt: Date
}

export function staffRepository(db: Db) {
  const base = () =>
    db
      .select(columns)
      .from(staffMembers)
      .innerJoin(users, eq(users.id, staffMembers.userId))
      .innerJoin(
        accessProfiles,
        and(
          eq(accessProfiles.id, staffMembers.profileId),
          eq(accessProfiles.tenantId, staffMembers.tenantId),
        ),
      )

  return {
    async find(tenantId: string, q: { search?: string; isActive?: boolean; page: number; pageSize: number }) {
      const conds: SQL[] = [eq(staffMembers.tenantId, tenantId)]
      if (q.search) {
        const like = containsPattern(q.search)
        conds.push(or(ilike(staffMembers.name, like), ilike(users.email, like))!)
      }
      if (q.isActive !== undefined) conds.push(eq(staffMembers.isActive, q.isActive))
      const where = and(...conds)
      const items = (await base()
        .where(where)
        .orderBy(desc(staffMembers.isActive), staffMembers.name)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)) as StaffView[]
      const [{ n }] = await db
        .select({ n: count() })
        .from(staffMembers)
        .innerJoin(users, eq(users.id, staffMembers.userId))
        .where(where)
      return { items, total: n }
    },

    async findById(tenantId: string, id: string): Promise<StaffView | null> {
      const [row] = await base().where(and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.id, id)))
      return (row as StaffView) ?? null
    },

    async lockById(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(staffMembers)
        .where(and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.id, id)))
        .for('update')
      return row ?? null
    },

    async findMembership(tenantId: string, userId: string) {
      const [row] = await db
        .select()
        .from(staffMembers)
        .where(and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.userId, userId)))
      return row ?? null
    },

    async insert(values: typeof staffMembers.$inferInsert) {
      const [row] = await db.insert(staffMembers).values(values).returning()
      return row
    },

    async update(
      tenantId: string,
      id: string,
      values: Partial<Pick<typeof staffMembers.$inferInsert, 'name' | 'profileId' | 'isActive'>>,
    ) {
      await db
        .update(staffMembers)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.id, id)))
    },

    async findUserByEmail(email: string) {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`)
      return row ?? null
    },

    async insertUser(values: typeof users.$inferInsert) {
      const [row] = await db.insert(users).values(values).returning()
      return row
    },
  }
}
