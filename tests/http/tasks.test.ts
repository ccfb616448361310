/**
 * "Tarefas em segundo plano": a tenant's administrator sees the background tasks that gave up after
 * their attempts and those being retried, with a pt-BR name and the last error, and puts a failed one
 * back in the queue ("Tentar de novo", audited) — which the worker then runs. Never another tenant's
 * or the platform's; the import's tasks point to the import's page instead; refusals change nothing.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import { jobs } from '#server/platform/jobs/jobs.tables.ts'
import { defineJob, enqueue, JobRunner } from '#server/platform/jobs/queue.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'

type Task = {
  id: number
  name: string
  label: string
  status: 'failed' | 'retrying'
  attempts: number
  lastError: string | null
  nextAttemptAt: string | null
  canRetry: boolean
  hint: string | null
}

describe('tarefas em segundo plano: as que falharam, e tentar de novo', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture
  const ids: Record<string, number> = {}

  /** A job of `name` for `tenantId` in the state a worker leaves it after failing. */
  async function failedJob(
    name: string,
    tenantId: string | null,
    label: string,
    state: 'failed' | 'retrying',
  ) {
    const shape = defineJob({ name, payload: z.object({ label: z.string() }), handler: async () => {} })
    const id = (await enqueue(ctx.app.database.db, shape, { label }, { tenantId }))!
    await ctx.app.database.db
      .update(jobs)
      .set(
        state === 'failed'
          ? { status: 'failed', attempts: 5, lastError: `falhou: ${label}`, finishedAt: new Date() }
          : {
              status: 'queued',
              attempts: 2,
              lastError: `falhou: ${label}`,
              runAt: sql`now() + interval '1 hour'`,
            },
      )
      .where(eq(jobs.id, id))
    ids[label] = id
    return id
  }
  const list = async (status = 'failed') => {
    const res = await t.admin.get(`/api/v1/tasks?status=${status}`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body as { items: Task[]; counts: { failed: number; retrying: number } }
  }
  const jobRow = async (id: number) =>
    (await ctx.app.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { name: 'Escritório Tarefas' })
    other = await createTenant(ctx.app, ctx.config, { name: 'Outro Escritório Tarefas' })
    await failedJob('documents.announce', t.tenantId, 'aviso', 'failed')
    await failedJob('imports.run', t.tenantId, 'importacao', 'failed')
    await failedJob('mail.send', t.tenantId, 'email', 'retrying')
    await failedJob('documents.announce', other.tenantId, 'aviso do outro', 'failed')
    await failedJob('mail.send', null, 'da plataforma', 'failed')
  })
  after(() => ctx.close())

  test("the tenant's failed tasks and those being retried, each with a pt-BR name and the last error", async () => {
    const failed = await list()
    assert.deepEqual(failed.counts, { failed: 2, retrying: 1 })
    const byName = new Map(failed.items.map((i) => [i.name, i]))
    assert.deepEqual([...byName.keys()].sort(), ['documents.announce', 'imports.run'])
    const notice = byName.get('documents.announce')!
    assert.equal(notice.label, 'Aviso de novos documentos publicados')
    assert.equal(notice.lastError, 'falhou: aviso')
    assert.equal(notice.attempts, 5)
    assert.equal(notice.canRetry, true)
    const run = byName.get('imports.run')!
    assert.equal(run.canRetry, false)
    assert.match(run.hint ?? '', /Retomar/)

    const retrying = await list('retrying')
    assert.equal(retrying.items.length, 1)
    assert.equal(retrying.items[0].label, 'Envio de e-mail')
    assert.equal(retrying.items[0].canRetry, false, 'still in the queue: the worker tries again by itself')
    assert.ok(Date.parse(retrying.items[0].nextAttemptAt!) > Date.now())

    // The home page's warning reads the counts alone.
    const counts = await t.admin.get('/api/v1/tasks/counts')
    assert.equal(counts.status, 200)
    assert.deepEqual(counts.body, { failed: 2, retrying: 1 })
    assert.deepEqual((await other.admin.get('/api/v1/tasks/counts')).body, { failed: 1, retrying: 0 })

    // The other tenant sees only its own.
    const theirs = await other.admin.get('/api/v1/tasks')
    assert.deepEqual(
      theirs.body.items.map((i: Task) => i.lastError),
      ['falhou: aviso do outro'],
    )
  })

  test('"Tentar de novo" queues a failed task from zero attempts, audited, and the worker runs it', async () => {
    const id = ids.aviso
    const res = await t.admin.post(`/api/v1/tasks/${id}/retry`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const row = await jobRow(id)
    assert.equal(row.status, 'queued')
    assert.equal(row.attempts, 0)
    assert.equal(row.finishedAt, null)
    assert.ok(row.runAt.getTime() <= Date.now() + 1000)
    const [audit] = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)))
    assert.equal(audit.entity, 'background_task')
    assert.equal(audit.action, 'retry')
    assert.equal(audit.tenantId, t.tenantId)
    assert.equal((audit.before as { lastError: string }).lastError, 'falhou: aviso')
    assert.deepEqual((await list()).counts, { failed: 1, retrying: 1 })

    // A worker that knows the task picks it up now.
    const ran: string[] = []
    const worker = new JobRunner(
      ctx.app.database.db,
      [
        defineJob({
          name: 'documents.announce',
          payload: z.object({ label: z.string() }),
          handler: async (p) => {
            ran.push(p.label)
          },
        }),
      ],
      { pollMs: 50 },
    )
    await worker.drain()
    assert.ok(ran.includes('aviso'))
    assert.equal((await jobRow(id)).status, 'done')
    // Done is not failed: nothing to retry any more.
    const again = await t.admin.post(`/api/v1/tasks/${id}/retry`)
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'TASK_NOT_FAILED')
  })

  test("refused: the import's tasks, another tenant's, the platform's, a bad id — nothing changes", async () => {
    const audits = async () =>
      Number((await ctx.app.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n)
    const before = await audits()
    const imported = await t.admin.post(`/api/v1/tasks/${ids.importacao}/retry`)
    assert.equal(imported.status, 409)
    assert.equal(imported.body.code, 'TASK_NOT_RETRYABLE')
    assert.match(imported.body.message, /Abra a importação em Importação e use "Retomar"/)
    for (const id of [ids['aviso do outro'], ids['da plataforma'], 999_999_999]) {
      const res = await t.admin.post(`/api/v1/tasks/${id}/retry`)
      assert.equal(res.status, 404, `task ${id}`)
      assert.equal(res.body.code, 'TASK_NOT_FOUND')
    }
    const bad = await t.admin.post('/api/v1/tasks/abc/retry')
    assert.equal(bad.status, 400)
    const retrying = await t.admin.post(`/api/v1/tasks/${ids.email}/retry`)
    assert.equal(retrying.status, 409)
    assert.equal(retrying.body.code, 'TASK_NOT_FAILED')
    for (const label of ['importacao', 'aviso do outro', 'da plataforma'])
      assert.equal((await jobRow(ids[label])).status, 'failed')
    assert.equal(await audits(), before)
    const status = await t.admin.get('/api/v1/tasks?status=todas')
    assert.equal(status.status, 400)
  })

  test('only with "Configurar o inquilino" (settings:manage): an Operador is refused', async () => {
    const { client } = await createStaffClient(ctx.app, t, 'Operador')
    assert.equal((await client.get('/api/v1/tasks')).status, 403)
    assert.equal((await client.get('/api/v1/tasks/counts')).status, 403)
    assert.equal((await client.post(`/api/v1/tasks/${ids.importacao}/retry`)).status, 403)
  })
})
