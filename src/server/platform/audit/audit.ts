import type { Actor } from '../actor.ts'
import { isSystemActor } from '../actor.ts'
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
