/**
 * The daily cleanup of finished jobs: done jobs older than 30 days go, a slice at a time; failed
 * ones (on "Tarefas em segundo plano"), queued ones, recent ones and keyed ones that could be
 * enqueued again (an event's certificates) stay. Each run schedules the next day's, once.
 */
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import {
  CLEANUP_JOB,
  createJobsCleanupJob,
  deleteFinishedJobs,
  scheduleJobsCleanup,
} from '#server/platform/jobs/cleanup.ts'
import { jobs } from '#server/platform/jobs/jobs.tables.ts'
import { JobRunner } from '#server/platform/jobs/queue.ts'
import { createTestDatabase } from '../helpers/database.ts'

const DAY = 86_400_000

describe('limpeza diária das tarefas concluídas', () => {
  const cleanups: (() => Promise<void>)[] = []
  after(async () => {
    for (const c of cleanups.reverse()) await c()
  })

  test('done jobs past 30 days go; failed, queued, recent and re-enqueueable keyed ones stay', async () => {
    const t = await createTestDatabase()
    cleanups.push(t.drop)
    const db = t.database.db
    const now = new Date('2026-12-05T12:00:00Z')
    const ago = (days: number) => new Date(now.getTime() - days * DAY)
    const rows = [
      { label: 'old mail', name: 'mail.send', status: 'done', finishedAt: ago(40), dedupeKey: null },
      { label: 'old mail 2', name: 'mail.send', status: 'done', finishedAt: ago(31), dedupeKey: null },
      { label: 'recent mail', name: 'mail.send', status: 'done', finishedAt: ago(10), dedupeKey: null },
      {
        label: 'old notice',
        name: 'documents.announce',
        status: 'done',
        finishedAt: ago(60),
        dedupeKey: 'documents.announce:f:1',
      },
      {
        label: 'old certificates',
        name: 'events.certificates',
        status: 'done',
        finishedAt: ago(90),
        dedupeKey: 'event-certificates:e:1',
      },
      { label: 'old failure', name: 'mail.send', status: 'failed', finishedAt: ago(90), dedupeKey: null },
      { label: 'queued', name: 'mail.send', status: 'queued', finishedAt: null, dedupeKey: null },
    ] as const
    for (const r of rows)
      await db.insert(jobs).values({
        name: r.name,
        payload: { label: r.label },
        status: r.status,
        finishedAt: r.finishedAt,
        dedupeKey: r.dedupeKey,
      })

    // Slices of 2: the loop goes on until a slice comes back short.
    assert.equal(await deleteFinishedJobs(db, now, 2), 3)
    const left = await db.select({ payload: jobs.payload }).from(jobs)
    assert.deepEqual(left.map((r) => (r.payload as { label: string }).label).sort(), [
      'old certificates',
      'old failure',
      'queued',
      'recent mail',
    ])
    assert.equal(await deleteFinishedJobs(db, now), 0, 'nothing more to delete')
  })

  test('the job deletes and queues the next run at 03:00 UTC of the next day, once per day', async () => {
    const t = await createTestDatabase()
    cleanups.push(t.drop)
    const db = t.database.db
    const now = new Date('2026-12-05T12:00:00Z')
    await db.insert(jobs).values({
      name: 'mail.send',
      payload: { messageId: 'x' },
      status: 'done',
      finishedAt: new Date(now.getTime() - 45 * DAY),
    })
    assert.equal(typeof (await scheduleJobsCleanup(db, new Date('2026-12-04T10:00:00Z'))), 'number')
    assert.equal(
      await scheduleJobsCleanup(db, new Date('2026-12-04T23:00:00Z')),
      null,
      'the same day: deduplicated',
    )
    // Due now: run it (the business clock says 12-05).
    await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.name, CLEANUP_JOB))
    await new JobRunner(db, [createJobsCleanupJob(db, () => now)], { pollMs: 50 }).drain()

    const all = await db.select().from(jobs)
    assert.equal(all.filter((j) => j.name === 'mail.send').length, 0, 'the old e-mail job is gone')
    const cleanupJobs = all.filter((j) => j.name === CLEANUP_JOB)
    assert.deepEqual(cleanupJobs.map((j) => [j.status, j.dedupeKey]).sort(), [
      ['done', 'jobs.cleanup:2026-12-05'],
      ['queued', 'jobs.cleanup:2026-12-06'],
    ])
    const next = cleanupJobs.find((j) => j.status === 'queued')!
    assert.equal(next.runAt.toISOString(), '2026-12-06T03:00:00.000Z')
  })
})
