import { sql } from 'drizzle-orm'
import type { Db } from '#server/platform/db/database.ts'

/**
 * Claims the queued import job of this run as a worker that dies would leave it: running, locked an
 * hour ago (past its timeout). Returns the job's token, for the worker that runs it.
 */
export async function claimImportJob(db: Db, runId: string): Promise<string> {
  const res = await db.execute(
    sql`update jobs set status = 'running', locked_at = now() - interval '1 hour', attempts = 1
        where name = 'imports.run' and status = 'queued' and payload->>'runId' = ${runId} returning payload`,
  )
  const [job] = (res as unknown as { rows: { payload: { token: string } }[] }).rows
  return job.payload.token
}

/** What a new worker does with import jobs whose worker died: queues them again. */
export async function requeueAbandonedImportJobs(db: Db) {
  await db.execute(
    sql`update jobs set status = 'queued', locked_at = null where status = 'running' and name = 'imports.run'`,
  )
}
