import { and, count, desc, eq, gt, isNotNull, sql } from 'drizzle-orm'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { defineErrors } from '../../platform/errors.ts'
import { jobs } from '../../platform/jobs/jobs.tables.ts'
import { taskKind } from './tasks.catalog.ts'
import type { Task, TaskCounts, TaskList } from './tasks.schemas.ts'

export const TaskErrors = defineErrors({
  TASK_NOT_FOUND: [404, 'Tarefa não encontrada.'],
  TASK_NOT_FAILED: [409, 'Esta tarefa não está com falha: ela já foi concluída ou está na fila.'],
  TASK_NOT_RETRYABLE: [409, 'Esta tarefa não é refeita por aqui.'],
})

/** How many tasks a list shows at most (the newest first). */
const MAX_TASKS = 200

type Row = typeof jobs.$inferSelect

function toTask(r: Row): Task {
  const kind = taskKind(r.name)
  const failed = r.status === 'failed'
  return {
    id: r.id,
    name: r.name,
    label: kind.label,
    status: failed ? 'failed' : 'retrying',
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    finishedAt: failed ? (r.finishedAt?.toISOString() ?? null) : null,
    nextAttemptAt: failed ? null : r.runAt.toISOString(),
    canRetry: failed && kind.retry,
    hint: kind.retry ? null : kind.hint,
  }
}

const failedOf = (tenantId: string) => and(eq(jobs.tenantId, tenantId), eq(jobs.status, 'failed'))
/** Queued again after a failed attempt (running ones are the worker's business). */
const retryingOf = (tenantId: string) =>
  and(eq(jobs.tenantId, tenantId), eq(jobs.status, 'queued'), gt(jobs.attempts, 0), isNotNull(jobs.lastError))

/**
 * The tenant's background tasks that failed (gave up) or are being retried, newest first. Tasks of
 * the platform itself (no tenant) and other tenants' are never listed.
 */
export async function findTasks(db: Db, actor: Actor, status: 'failed' | 'retrying'): Promise<TaskList> {
  const where = status === 'failed' ? failedOf(actor.tenantId) : retryingOf(actor.tenantId)
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(status === 'failed' ? jobs.finishedAt : jobs.runAt), desc(jobs.id))
      .limit(MAX_TASKS),
    countTasks(db, actor),
  ])
  return { items: rows.map(toTask), counts }
}

/** How many of the tenant's tasks failed and are being retried (the home page's warning, the tabs). */
export async function countTasks(db: Db, actor: Actor): Promise<TaskCounts> {
  const [[failed], [retrying]] = await Promise.all([
    db.select({ n: count() }).from(jobs).where(failedOf(actor.tenantId)),
    db.select({ n: count() }).from(jobs).where(retryingOf(actor.tenantId)),
  ])
  return { failed: Number(failed.n), retrying: Number(retrying.n) }
}

/**
 * "Tentar de novo": a failed task goes back to the queue with its attempts counted from zero, to run
 * now. Only the tenant's own failed tasks whose recovery is a retry; audited.
 */
export async function retryTask(db: Db, actor: Actor, id: number): Promise<Task> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.tenantId, actor.tenantId)))
      .for('update')
    if (!row) throw TaskErrors.TASK_NOT_FOUND()
    if (row.status !== 'failed') throw TaskErrors.TASK_NOT_FAILED()
    const kind = taskKind(row.name)
    if (!kind.retry)
      throw TaskErrors.TASK_NOT_RETRYABLE({ message: `Esta tarefa não é refeita por aqui. ${kind.hint}` })
    const [queued] = await tx
      .update(jobs)
      .set({
        status: 'queued',
        attempts: 0,
        runAt: sql`now()`,
        finishedAt: null,
        lockedAt: null,
        lockedBy: null,
      })
      .where(eq(jobs.id, row.id))
      .returning()
    await recordAudit(tx, actor, {
      entity: 'background_task',
      entityId: String(row.id),
      action: 'retry',
      before: { task: kind.label, attempts: row.attempts, lastError: row.lastError },
      after: { status: 'queued' },
    })
    return toTask(queued)
  })
}
