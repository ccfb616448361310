import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { auditRepository } from './audit.repository.ts'
import type { AuditEntry, FindAuditQuery } from './audit.schemas.ts'

/** `to` given as a day (AAAA-MM-DD) includes that whole day in São Paulo time. */
function parseBound(value: string | undefined, endOfDay: boolean): Date | undefined {
  if (!value) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00-03:00`)
    return endOfDay ? new Date(start.getTime() + 86_400_000) : start
  }
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : d
}

export async function findAudit(db: Db, actor: Actor, q: FindAuditQuery) {
  const { items, total } = await auditRepository(db).find(actor.tenantId, {
    ...q,
    from: parseBound(q.from, false),
    to: parseBound(q.to, true),
  })
  return {
    items: items.map(
      (r): AuditEntry => ({
        id: Number(r.id),
        createdAt: r.createdAt.toISOString(),
        actorId: r.actorUserId,
        actorName: r.actorName,
        entity: r.entity,
        entityId: r.entityId,
        action: r.action,
        before: r.before ?? null,
        after: r.after ?? null,
        ip: r.ip,
      }),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function auditFacets(db: Db, actor: Actor) {
  return auditRepository(db).facets(actor.tenantId)
}
