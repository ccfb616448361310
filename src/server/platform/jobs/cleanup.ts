import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { defineJob, enqueue } from './queue.ts'

export const CLEANUP_JOB = 'jobs.cleanup'
/** Finished jobs are kept this long (to look into what happened), then deleted. */
export const DONE_JOBS_RETENTION_DAYS = 30
const DAY_MS = 86_400_000

/**
 * Jobs whose dedupe key can never be enqueued again, so their rows may go: keys of a past time
 * window (the notice of publications) or of a past day (this cleanup). Other keyed jobs (an event's
 * certificates or reminder, an import's scheduled invitations) stay, so that editing the event or
 * the run later does not enqueue the same work again.
 */
const DELETABLE_WITH_KEY = ['documents.announce', CLEANUP_JOB]

const payload = z.object({ day: z.iso.date() })
const shape = defineJob({ name: CLEANUP_JOB, payload, handler: async () => {} })

/** The next cleanup, at 03:00 UTC (midnight in São Paulo) of the day after `now`; once per day. */
export function scheduleJobsCleanup(db: Db, now = new Date()) {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 3))
  const day = next.toISOString().slice(0, 10)
  return enqueue(db, shape, { day }, { runAt: next, dedupeKey: `${CLEANUP_JOB}:${day}` })
}

/**
 * Deletes finished (done) jobs older than the retention, a slice at a time so no statement holds
 * the table long; failed jobs stay (they are on "Tarefas em segundo plano"). Returns how many went.
 */
export async function deleteFinishedJobs(db: Db, now = new Date(), slice = 5000): Promise<number> {
  const before = new Date(now.getTime() - DONE_JOBS_RETENTION_DAYS * DAY_MS)
  const names = sql.join(
    DELETABLE_WITH_KEY.map((n) => sql`${n}`),
    sql`, `,
  )
  let deleted = 0
  for (;;) {
    const res = await db.execute(sql`
      delete from jobs where id in (
        select id from jobs
        where status = 'done' and finished_at < ${before}
          and (dedupe_key is null or name in (${names}))
        limit ${slice}
      )
      returning id`)
    const n = (res as unknown as { rows: unknown[] }).rows.length
    deleted += n
    if (n < slice) return deleted
  }
}

/** The daily cleanup of finished jobs; each run schedules the next. */
export function createJobsCleanupJob(db: Db, now: () => Date = () => new Date()) {
  return defineJob({
    name: CLEANUP_JOB,
    payload,
    handler: async () => {
      await deleteFinishedJobs(db, now())
      await scheduleJobsCleanup(db, now())
    },
  })
}
