import type { Actor } from '../actor.ts'
import { isSystemActor } from '../actor.ts'
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/database.ts'
import { auditLog } from './audit.tables.ts'

export type AuditEntry = {
  entity: string
  entityId?: string | null
  action: string
  before?: unknown
  after?: unknown
  /** Overrides the actor's tenant, e.g. for platform-level actions on a tenant. */
  tenantId?: string | null
}

const SECRET_KEY = /pass(word)?|secret|token|hash|otp|totp|recovery|cookie|authorization/i

/** Replaces secret-looking values so the audit log never stores credentials. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || depth > 6) return value ?? null
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] =
        SECRET_KEY.test(k) && v !== null && typeof v !== 'boolean' ? '[protegido]' : redact(v, depth + 1)
    }
    return out
  }
  return value
}

/** Writes one audit entry. Call it with the transaction that makes the change. */
export async function recordAudit(tx: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId === undefined ? (actor?.tenantId ?? null) : entry.tenantId,
    actorUserId: actor && !isSystemActor(actor) ? actor.userId : null,
    actorName: actor?.name ?? null,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    action: entry.action,
    before: (redact(entry.before) ?? null) as object | null,
    after: (redact(entry.after) ?? null) as object | null,
    ip: actor?.ip ?? null,
    requestId: actor?.requestId ?? null,
  })
}

/**
 * Many audit entries in one statement (bulk work: imports, mass invitations), with recordAudit's
 * columns and redaction.
 */
export async function recordAuditMany(tx: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 5000) {
    const json = JSON.stringify(
      entries.slice(i, i + 5000).map((e) => ({
        entity: e.entity,
        entity_id: e.entityId ?? null,
        action: e.action,
        before: redact(e.before) ?? null,
        after: redact(e.after) ?? null,
      })),
    )
    await tx.execute(sql`
      insert into audit_log (tenant_id, actor_user_id, actor_name, entity, entity_id, action, before, after, ip, request_id)
      select ${actor.tenantId}::uuid, ${isSystemActor(actor) ? null : actor.userId}::uuid, ${actor.name},
        x.entity, x.entity_id, x.action, x.before, x.after, ${actor.ip}, ${actor.requestId}
      from jsonb_to_recordset(${json}::jsonb) as x(entity text, entity_id text, action text, before jsonb, after jsonb)`)
  }
}

/**
 * The audit entries of a set-based statement: `insert into audit_log … select … from <from>`, for a
 * data-modifying CTE that writes records and their audit in one round trip. `after` is built in SQL,
 * so it must hold no secret (redaction is not applied).
 */
export function auditInsertSql(
  actor: Actor,
  row: { entity: SQL | string; entityId: SQL; action: SQL | string; after: SQL; from: SQL },
): SQL {
  const text = (v: SQL | string) => (typeof v === 'string' ? sql`${v}` : v)
  return sql`
    insert into audit_log (tenant_id, actor_user_id, actor_name, entity, entity_id, action, after, ip, request_id)
    select ${actor.tenantId}::uuid, ${isSystemActor(actor) ? null : actor.userId}::uuid, ${actor.name},
      ${text(row.entity)}, (${row.entityId})::text, ${text(row.action)}, ${row.after}, ${actor.ip}, ${actor.requestId}
    from ${row.from}`
}
