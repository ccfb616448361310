import { and, count, desc, eq, gte, ilike, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { auditLog } from '../../platform/audit/audit.tables.ts'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'

export type AuditFilter = {
  entity?: string
  action?: string
  entityId?: string
  actorId?: string
  from?: Date
  to?: Date
  search?: string
  page: number
  pageSize: number
}

export function auditRepository(db: Db) {
  return {
    async find(tenantId: string, f: AuditFilter) {
      const conds: SQL[] = [eq(auditLog.tenantId, tenantId)]
      if (f.entity) conds.push(eq(auditLog.entity, f.entity))
      if (f.action) conds.push(eq(auditLog.action, f.action))
      if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId))
      if (f.actorId) conds.push(eq(auditLog.actorUserId, f.actorId))
      if (f.from) conds.push(gte(auditLog.createdAt, f.from))
      if (f.to) conds.push(lt(auditLog.createdAt, f.to))
      if (f.search) {
        const like = containsPattern(f.search)
        conds.push(
          or(
            ilike(auditLog.actorName, like),
            ilike(auditLog.entityId, like),
            sql`${auditLog.before}::text ilike ${like}`,
            sql`${auditLog.after}::text ilike ${like}`,
          )!,
        )
      }
      const where = and(...conds)
      const items = await db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
      const [{ n }] = await db.select({ n: count() }).from(auditLog).where(where)
      return { items, total: n }
    },

    async facets(tenantId: string) {
      const entities = await db
        .selectDistinct({ v: auditLog.entity })
        .from(auditLog)
        .where(eq(auditLog.tenantId, tenantId))
        .orderBy(auditLog.entity)
      const actions = await db
        .selectDistinct({ v: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.tenantId, tenantId))
        .orderBy(auditLog.action)
      const actors = await db
        .selectDistinctOn([auditLog.actorUserId], { id: auditLog.actorUserId, name: auditLog.actorName })
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), isNotNull(auditLog.actorUserId)))
        .orderBy(auditLog.actorUserId, desc(auditLog.createdAt))
      return {
        entities: entities.map((r) => r.v),
        actions: actions.map((r) => r.v),
        actors: actors.map((r) => ({ id: r.id!, name: r.name ?? '—' })),
      }
    },
  }
}
