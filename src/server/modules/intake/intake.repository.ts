import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'
import { tenants } from '../tenants/tenants.tables.ts'
import { fichaEvents, fichas, type FichaStatus } from './intake.tables.ts'

export type FichaRow = typeof fichas.$inferSelect

export function intakeRepository(db: Db) {
  return {
    async tenantBySlug(slug: string) {
      const [row] = await db
        .select({ id: tenants.id, name: tenants.name })
        .from(tenants)
        .where(and(sql`lower(${tenants.slug}) = lower(${slug})`, eq(tenants.isActive, true)))
      return row ?? null
    },
    async insert(values: typeof fichas.$inferInsert): Promise<FichaRow> {
      const [row] = await db.insert(fichas).values(values).returning()
      return row
    },
    async update(tenantId: string, id: string, values: Partial<typeof fichas.$inferInsert>) {
      await db
        .update(fichas)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(fichas.tenantId, tenantId), eq(fichas.id, id)))
    },
    async findWaitingForTraining(tenantId: string): Promise<FichaRow[]> {
      return db
        .select()
        .from(fichas)
        .where(and(eq(fichas.tenantId, tenantId), eq(fichas.status, 'aguardando_treinamento')))
        .for('update')
    },
    async findById(tenantId: string, id: string, forUpdate = false): Promise<FichaRow | null> {
      const q = db
        .select()
        .from(fichas)
        .where(and(eq(fichas.tenantId, tenantId), eq(fichas.id, id)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },
    /** Public access: the protocol alone finds the row; the caller checks the secret. */
    async findByProtocol(protocol: string, forUpdate = false): Promise<FichaRow | null> {
      const q = db.select().from(fichas).where(eq(fichas.protocol, protocol))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },
    async find(
      tenantId: string,
      q: { status?: FichaStatus; overdueBefore?: string; search?: string; page: number; pageSize: number },
    ) {
      const conds: SQL[] = [eq(fichas.tenantId, tenantId)]
      // The board hides archived fichas; a search reaches the archive too (kept forever).
      if (q.status) conds.push(eq(fichas.status, q.status))
      else if (!q.search) conds.push(sql`${fichas.status} <> 'arquivada'`)
      if (q.overdueBefore) conds.push(sql`${fichas.dueOn} < ${q.overdueBefore}`)
      if (q.search) {
        const like = containsPattern(q.search, { lower: true })
        conds.push(sql`${fichas.searchText} like ${like}`)
      }
      const where = and(...conds)
      const items = await db
        .select()
        .from(fichas)
        .where(where)
        .orderBy(asc(sql`${fichas.dueOn} is null`), asc(fichas.dueOn), desc(fichas.createdAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
      const [{ n }] = await db.select({ n: count() }).from(fichas).where(where)
      return { items, total: n }
    },
    async insertEvent(values: typeof fichaEvents.$inferInsert) {
      await db.insert(fichaEvents).values(values)
    },
    async events(tenantId: string, fichaId: string) {
      return db
        .select()
        .from(fichaEvents)
        .where(and(eq(fichaEvents.tenantId, tenantId), eq(fichaEvents.fichaId, fichaId)))
        .orderBy(asc(fichaEvents.createdAt))
    },
  }
}
