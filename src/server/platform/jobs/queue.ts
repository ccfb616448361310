import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../db/database.ts'
import { jobs } from './jobs.tables.ts'

export type JobContext = { jobId: number; attempt: number; maxAttempts: number; isLastAttempt: boolean }

/** A typed job: a name, a zod payload and an idempotent handler (it may run more than once). */
export type JobDefinition<P = unknown> = {
  name: string
  payload: z.ZodType<P>
  maxAttempts?: number
  /** A running job whose worker is silent this long is considered crashed and is retried. */
  timeoutMs?: number
  handler: (payload: P, ctx: JobContext) => Promise<void>
}

/** The longest wait between two attempts: the back-off doubles up to this. */
export const MAX_RETRY_DELAY_MS = 3_600_000
export const DEFAULT_RETRY_BASE_MS = 5000

/** The wait after a failed attempt (1, 2, …): `baseMs × 2^(attempt-1)`, at most an hour. */
export function retryDelayMs(attempt: number, baseMs = DEFAULT_RETRY_BASE_MS): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS)
}

/**
 * For deferred work that nothing else would notice left undone — the grouped notice of publications,
 * invitations scheduled for a date, an event's certificates, the trash's and the import retention's
 * final deletions: their job is the only trigger, so a failed one would leave them waiting for good.
 * With these attempts they keep trying, hourly once the back-off reaches an hour, through an outage
 * of nearly two days.
 */
export const PATIENT_ATTEMPTS = 56

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def
}

export type EnqueueOptions = {
  runAt?: Date
  dedupeKey?: string
  tenantId?: string | null
  maxAttempts?: number
}

/**
 * Enqueues a job with the given handle: pass the transaction that writes the job's data, so the
 * job exists only if that transaction commits. Returns the job id (null when deduplicated).
 */
export async function enqueue<P>(
  tx: Db,
  def: JobDefinition<P>,
  payload: P,
  opts: EnqueueOptions = {},
): Promise<number | null> {
  const parsed = def.payload.parse(payload)
  const rows = await tx
    .insert(jobs)
    .values({
      name: def.name,
      payload: parsed as object,
      tenantId: opts.tenantId ?? null,
      maxAttempts: opts.maxAttempts ?? def.maxAttempts ?? 5,
      runAt: opts.runAt ?? new Date(),
      dedupeKey: opts.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id })
  return rows[0]?.id ?? null
}

/** Many jobs of one kind in one statement (bulk work); the same options for all. */
export async function enqueueMany<P>(
  tx: Db,
  def: JobDefinition<P>,
  payloads: P[],
  opts: Omit<EnqueueOptions, 'dedupeKey'> = {},
): Promise<void> {
  for (let i = 0; i < payloads.length; i += 5000) {
    await tx.insert(jobs).values(
      payloads.slice(i, i + 5000).map((p) => ({
        name: def.name,
        payload: def.payload.parse(p) as object,
        tenantId: opts.tenantId ?? null,
        maxAttempts: opts.maxAttempts ?? def.maxAttempts ?? 5,
        runAt: opts.runAt ?? new Date(),
      })),
    )
  }
}

export type JobRunnerOptions = {
  pollMs: number
  concurrency?: number
  /** First retry delay; doubles each attempt, capped at one hour. */
  retryBaseMs?: number
  /** True when this process is the only one using the database (PGlite): orphans are requeued at start. */
  exclusive?: boolean
  onError?: (err: unknown, job: { id: number; name: string; attempt: number }) => void
}

type ClaimedJob = { id: number; name: string; payload: unknown; attempts: number; max_attempts: number }

/** Polls the jobs table and runs handlers. `drain()` runs everything due now (used by tests and scripts). */
export class JobRunner {
  private readonly defs = new Map<string, JobDefinition<unknown>>()
  private readonly workerId = `w-${randomUUID().slice(0, 8)}`
  private timer: NodeJS.Timeout | null = null
  private running = new Set<Promise<void>>()
  private stopped = true
  private polling: Promise<void> | null = null
  private pollAgain = false

  constructor(
    private readonly db: Db,
    // biome-ignore lint/suspicious/noExplicitAny: a list of definitions with different payload types
    definitions: JobDefinition<any>[],
    private readonly opts: JobRunnerOptions,
  ) {
    for (const d of definitions) this.defs.set(d.name, d as unknown as JobDefinition<unknown>)
  }

  async start(): Promise<void> {
    this.stopped = false
    await this.recoverStale(this.opts.exclusive === true)
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.polling
    await Promise.allSettled([...this.running])
  }

  /** Runs due jobs until none is left (retries scheduled in the future are not waited for). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0
    for (let i = 0; i < maxRounds; i++) {
      const batch = await this.claim(this.opts.concurrency ?? 4)
      if (batch.length === 0) break
      await Promise.all(batch.map((j) => this.execute(j)))
      total += batch.length
    }
    return total
  }

  private schedule(delay: number) {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.polling = this.pollOnce().finally(() => {
        this.polling = null
        const again = this.pollAgain
        this.pollAgain = false
        this.schedule(again ? 0 : this.opts.pollMs)
      })
    }, delay)
    this.timer.unref?.()
  }

  /**
   * A job finished: look for the next one now rather than at the next tick, so a queue of
   * thousands of e-mails drains at the speed of the workers, not `concurrency` per `pollMs`.
   */
  private kick() {
    if (this.stopped) return
    if (this.polling) this.pollAgain = true
    else this.schedule(0)
  }

  private async pollOnce(): Promise<void> {
    try {
      await this.recoverStale(false)
      const free = (this.opts.concurrency ?? 4) - this.running.size
      if (free <= 0) return
      const batch = await this.claim(free)
      for (const job of batch) {
        const p = this.execute(job).finally(() => {
          this.running.delete(p)
          this.kick()
        })
        this.running.add(p)
      }
    } catch (err) {
      this.opts.onError?.(err, { id: 0, name: 'poll', attempt: 0 })
    }
  }

  private async claim(limit: number): Promise<ClaimedJob[]> {
    const names = [...this.defs.keys()]
    if (names.length === 0) return []
    const res = await this.db.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1, locked_at = now(), locked_by = ${this.workerId}
      where id in (
        select id from jobs
        where status = 'queued' and run_at <= now() and name in (${sql.join(
          names.map((n) => sql`${n}`),
          sql`, `,
        )})
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      returning id, name, payload, attempts, max_attempts`)
    return (res as unknown as { rows: ClaimedJob[] }).rows.map((r) => ({ ...r, id: Number(r.id) }))
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const def = this.defs.get(job.name)
    // The runnable definition's attempts decide (modules enqueue through handler-less shapes, whose
    // rows carry the default); the row's count is the fallback for a per-job override.
    const maxAttempts = def?.maxAttempts ?? job.max_attempts
    const ctx: JobContext = {
      jobId: job.id,
      attempt: job.attempts,
      maxAttempts,
      isLastAttempt: job.attempts >= maxAttempts,
    }
    try {
      if (!def) throw new Error(`Tipo de tarefa desconhecido: ${job.name}`)
      const payload = def.payload.parse(job.payload)
      await def.handler(payload, ctx)
      await this.db.execute(
        sql`update jobs set status = 'done', finished_at = now(), locked_at = null, last_error = null where id = ${job.id}`,
      )
    } catch (err) {
      this.opts.onError?.(err, { id: job.id, name: job.name, attempt: job.attempts })
      const message = err instanceof Error ? err.message : String(err)
      if (ctx.isLastAttempt) {
        await this.db.execute(
          sql`update jobs set status = 'failed', finished_at = now(), locked_at = null, last_error = ${message}, max_attempts = ${maxAttempts} where id = ${job.id}`,
        )
      } else {
        const delayMs = retryDelayMs(job.attempts, this.opts.retryBaseMs)
        await this.db.execute(sql`
          update jobs set status = 'queued', locked_at = null, last_error = ${message}, max_attempts = ${maxAttempts},
            run_at = now() + (${delayMs}::int * interval '1 millisecond')
          where id = ${job.id}`)
      }
    }
  }

  /** Requeues jobs whose worker died: all running ones when exclusive, otherwise those past their timeout. */
  private async recoverStale(all: boolean): Promise<void> {
    if (all) {
      await this.db.execute(sql`update jobs set status = 'queued', locked_at = null where status = 'running'`)
      return
    }
    const timeoutMs = Math.max(...[...this.defs.values()].map((d) => d.timeoutMs ?? 300_000), 1000)
    await this.db.execute(sql`
      update jobs set status = 'queued', locked_at = null
      where status = 'running' and locked_at < now() - (${timeoutMs}::int * interval '1 millisecond')`)
  }
}
