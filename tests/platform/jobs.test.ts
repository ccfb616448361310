import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '#server/platform/db/database.ts'
import { jobs } from '#server/platform/jobs/jobs.tables.ts'
import {
  defineJob,
  enqueue,
  JobRunner,
  MAX_RETRY_DELAY_MS,
  PATIENT_ATTEMPTS,
  retryDelayMs,
} from '#server/platform/jobs/queue.ts'
import { createTestDatabase, reopen, TEST_ENGINE } from '../helpers/database.ts'

// A job that records each run in a real table, so "it ran" is read back from the database.
async function createRunsTable(db: Db) {
  await db.execute(
    sql`create table if not exists test_job_runs (id serial primary key, label text not null, ran_at timestamptz default now())`,
  )
}
async function runsOf(db: Db, label: string): Promise<number> {
  const res = await db.execute(sql`select count(*)::int as n from test_job_runs where label = ${label}`)
  return Number((res as unknown as { rows: { n: number }[] }).rows[0].n)
}
function recordingJob(db: Db, failTimes = 0) {
  const failures = new Map<string, number>()
  return defineJob({
    name: 'test.record',
    payload: z.object({ label: z.string() }),
    maxAttempts: 3,
    handler: async ({ label }) => {
      const seen = failures.get(label) ?? 0
      if (seen < failTimes) {
        failures.set(label, seen + 1)
        throw new Error(`falha simulada ${seen + 1}`)
      }
      await db.execute(sql`insert into test_job_runs (label) values (${label})`)
    },
  })
}

describe('fila de tarefas durável', () => {
  const cleanups: (() => Promise<void>)[] = []
  after(async () => {
    for (const c of cleanups.reverse()) await c()
  })

  test('a job enqueued in a rolled-back transaction never runs', async () => {
    const t = await createTestDatabase()
    cleanups.push(t.drop)
    const db = t.database.db
    await createRunsTable(db)
    const job = recordingJob(db)
    await assert.rejects(
      db.transaction(async (tx) => {
        await enqueue(tx, job, { label: 'desfeita' })
        throw new Error('regra de negócio falhou')
      }),
      /regra de negócio falhou/,
    )
    await db.transaction(async (tx) => {
      await enqueue(tx, job, { label: 'confirmada' })
    })
    const runner = new JobRunner(db, [job], { pollMs: 50 })
    assert.equal(await runner.drain(), 1)
    assert.equal(await runsOf(db, 'desfeita'), 0)
    assert.equal(await runsOf(db, 'confirmada'), 1)
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs)
    assert.equal(Number(n), 1)
  })

  test('a job survives a server restart (queued and interrupted while running)', async () => {
    const dir = TEST_ENGINE === 'pglite' ? await mkdtemp(path.join(os.tmpdir(), 'cadastra-jobs-')) : undefined
    const t = await createTestDatabase({ dataDir: dir })
    cleanups.push(async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
      else await t.drop()
    })
    await createRunsTable(t.database.db)
    // First "server": enqueues two jobs and dies; one of them had been claimed (running) when it died.
    const first = t.database.db
    await first.transaction(async (tx) => {
      await enqueue(tx, recordingJob(first), { label: 'na-fila' })
      await enqueue(tx, recordingJob(first), { label: 'em-execucao' })
    })
    await first
      .update(jobs)
      .set({ status: 'running', lockedAt: sql`now() - interval '1 hour'`, attempts: 1 })
      .where(eq(jobs.payload, sql`'{"label":"em-execucao"}'::jsonb`))
    await t.database.close()

    // Second "server" on the same data: both jobs run exactly once.
    const database = await reopen(t)
    if (!dir) cleanups.push(() => database.close())
    const db = database.db
    const runner = new JobRunner(db, [recordingJob(db)], { pollMs: 20, exclusive: TEST_ENGINE === 'pglite' })
    await runner.start()
    for (let i = 0; i < 100 && (await runsOf(db, 'na-fila')) + (await runsOf(db, 'em-execucao')) < 2; i++) {
      await new Promise((r) => setTimeout(r, 50))
    }
    await runner.stop()
    assert.equal(await runsOf(db, 'na-fila'), 1)
    assert.equal(await runsOf(db, 'em-execucao'), 1)
    const statuses = await db.select({ status: jobs.status }).from(jobs)
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['done', 'done'],
    )
    if (dir) await database.close()
  })

  test('a failing job is retried with backoff, then marked failed after its last attempt', async () => {
    const t = await createTestDatabase()
    cleanups.push(t.drop)
    const db = t.database.db
    await createRunsTable(db)
    const flaky = recordingJob(db, 2)
    await enqueue(db, flaky, { label: 'instavel' })
    // A long first delay: on a busy machine the assertions below must still run before it is due.
    const runner = new JobRunner(db, [flaky], { pollMs: 50, retryBaseMs: 5_000 })
    assert.equal(await runner.drain(), 1, 'first attempt fails')
    const [afterFirst] = await db.select().from(jobs)
    assert.equal(afterFirst.status, 'queued')
    assert.equal(afterFirst.attempts, 1)
    assert.match(afterFirst.lastError ?? '', /falha simulada 1/)
    assert.ok(afterFirst.runAt.getTime() > Date.now() + 1_000, 'next attempt is scheduled in the future')
    assert.equal(await runner.drain(), 0, 'not due yet')
    await db.update(jobs).set({ runAt: sql`now()` })
    await runner.drain()
    await db.update(jobs).set({ runAt: sql`now()` })
    await runner.drain()
    const [done] = await db.select().from(jobs)
    assert.equal(done.status, 'done')
    assert.equal(done.attempts, 3)
    assert.equal(await runsOf(db, 'instavel'), 1)

    const broken = recordingJob(db, 99)
    await enqueue(db, broken, { label: 'quebrado' })
    for (let i = 0; i < 3; i++) {
      await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'))
      await new JobRunner(db, [broken], { pollMs: 50, retryBaseMs: 1 }).drain()
    }
    const [failed] = await db.select().from(jobs).where(eq(jobs.payload, sql`'{"label":"quebrado"}'::jsonb`))
    assert.equal(failed.status, 'failed')
    assert.equal(failed.attempts, 3)
  })

  test('the attempts of the runnable definition decide, not those of the shape a module enqueues with', async () => {
    const t = await createTestDatabase()
    cleanups.push(t.drop)
    const db = t.database.db
    await createRunsTable(db)
    // Modules enqueue through a handler-less shape (no maxAttempts: the row gets the default 5)…
    const shape = defineJob({
      name: 'test.record',
      payload: z.object({ label: z.string() }),
      handler: async () => {},
    })
    await enqueue(db, shape, { label: 'paciente' })
    const [queued] = await db.select().from(jobs)
    assert.equal(queued.maxAttempts, 5)
    // …and the runner holds the real one: 3 attempts (recordingJob), and 2 failures then success.
    const runner = new JobRunner(db, [recordingJob(db, 4)], { pollMs: 50, retryBaseMs: 1 })
    for (let i = 0; i < 3; i++) {
      await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.status, 'queued'))
      await runner.drain()
    }
    const [failed] = await db.select().from(jobs)
    assert.equal(failed.status, 'failed', "failed after the definition's 3 attempts, not the row's 5")
    assert.equal(failed.attempts, 3)
    assert.equal(failed.maxAttempts, 3, 'the row now says so too')
    assert.equal(await runsOf(db, 'paciente'), 0)
  })

  test('back-off doubles up to an hour; patient jobs keep trying through nearly two days of outage', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => retryDelayMs(a, 5000)),
      [5000, 10_000, 20_000, 40_000],
    )
    assert.equal(retryDelayMs(11, 5000), MAX_RETRY_DELAY_MS)
    assert.equal(retryDelayMs(40, 5000), MAX_RETRY_DELAY_MS)
    let waited = 0
    for (let attempt = 1; attempt < PATIENT_ATTEMPTS; attempt++) waited += retryDelayMs(attempt)
    const hours = waited / 3_600_000
    assert.ok(hours >= 44 && hours <= 48, `${hours.toFixed(1)} h between the first and the last attempt`)
  })

  test('a dedupe key enqueues a job only once', async () => {
    const t = await createTestDatabase()
    cleanups.push(t.drop)
    const db = t.database.db
    const job = recordingJob(db)
    const first = await enqueue(db, job, { label: 'x' }, { dedupeKey: 'lembrete:evento-1' })
    const second = await enqueue(db, job, { label: 'x' }, { dedupeKey: 'lembrete:evento-1' })
    assert.equal(typeof first, 'number')
    assert.equal(second, null)
  })
})
