/**
 * The import survives its process being killed: a worker process (tests/helpers/import-worker.ts)
 * runs the import job and is killed with SIGKILL while batches are in flight — on PostgreSQL two
 * lanes side by side, on PGlite (the embedded default, in a folder as `npm start` keeps it) one. What
 * the database holds afterwards is whole batches only, each user with the records of its batch; a
 * new worker picks up the stale job and finishes with nothing duplicated or lost.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { openPglite } from '#server/platform/db/database.ts'
import { createTenant, TEST_PASSWORD } from '../factories/tenants.ts'
import { buildOn, startTestApp, testConfig } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'
import { claimImportJob, requeueAbandonedImportJobs } from '../helpers/jobs.ts'
import { createTestDatabase, TEST_ENGINE } from '../helpers/database.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ROWS = 6000
/** The killed worker's batches; the one that finishes uses the app's (500): planned around what is in. */
const WORKER_BATCH = 200

type Run = { id: string; status: string; totals: { ok: number }; progress: { created: number } }

describe('importação: o processo que importa morre no meio (SIGKILL)', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cadastra-import-crash-'))
  after(() => rmSync(scratch, { recursive: true, force: true }))

  test('whole batches only after the kill, each user with its invitation; a new worker finishes with nothing duplicated or lost', async () => {
    const pgliteDir = path.join(scratch, 'pglite')
    const testDb = await createTestDatabase(TEST_ENGINE === 'pglite' ? { dataDir: pgliteDir } : {})
    const config = testConfig({
      dataDir: scratch,
      imports: { ...testConfig().imports, batchRows: 500 },
    })
    let ctx = await startTestApp({ database: testDb, config })
    const t = await createTenant(ctx.app, ctx.config)
    const count = async (q: ReturnType<typeof sql>) =>
      Number(((await ctx.app.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n)
    const users = () =>
      count(
        sql`select count(*)::int as n from client_users where tenant_id = ${t.tenantId} and email like '%@queda.com.br'`,
      )
    const invitations = () =>
      count(sql`select count(*)::int as n from invitations i join client_users cu on cu.id = i.client_user_id
                where cu.email like '%@queda.com.br'`)

    try {
      // A dry-run-checked file of 6,000 users, confirmed with "Enviar mais tarde".
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('Usuários')
      ws.addRow(['Nome', 'E-mail'])
      for (let i = 1; i <= ROWS; i++) ws.addRow([`Queda ${i} Brusca`, `q${i}@queda.com.br`])
      const bytes = Buffer.from(await wb.xlsx.writeBuffer())
      const up = await t.admin.upload('POST', '/api/v1/imports?kind=client_users', 'queda.xlsx', bytes, XLSX)
      assert.equal(up.status, 201, JSON.stringify(up.body))
      const mapping = (up.body.mapping as { column: number; field: string | null }[]).map((m) => ({
        column: m.column,
        field: m.field,
      }))
      assert.equal((await t.admin.post(`/api/v1/imports/${up.body.id}/dry-run`, { mapping })).status, 202)
      await ctx.app.jobs.drain()
      const run: Run = (await t.admin.get(`/api/v1/imports/${up.body.id}`)).body
      assert.equal(run.totals.ok, ROWS)
      assert.equal(
        (await t.admin.post(`/api/v1/imports/${run.id}/confirm`, { invitations: 'later' })).status,
        202,
      )
      // The worker process claims the job (the claim its death leaves behind).
      const token = await claimImportJob(ctx.app.database.db, run.id)

      // PGlite: one process per folder — this one lets go of it while the worker runs.
      const workerUrl = testDb.url ? new URL(testDb.url) : null
      workerUrl?.searchParams.set('application_name', 'import-worker')
      if (!workerUrl) {
        await ctx.app.close()
        await testDb.database.close()
      }
      const worker = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/import-worker.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          IMPORT_WORKER: JSON.stringify({
            ...(workerUrl ? { url: workerUrl.toString() } : { dir: pgliteDir }),
            tenantId: t.tenantId,
            runId: run.id,
            token,
            dataDir: scratch,
            batchRows: WORKER_BATCH,
          }),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        worker.once('exit', (_c, sig) => resolve(sig)),
      )
      // Killed once it reports 1,000 rows in — on PostgreSQL at a moment its batch statement is
      // running (seen in pg_stat_activity); PGlite's folder is the worker's alone: just after.
      let reported = 0
      let finished = false
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the worker reported no progress in 90 s')), 90_000)
        worker.stdout.on('data', (d) => {
          for (const line of String(d).split('\n')) {
            if (line === 'done') finished = true
            else if (line) reported = Number(line)
          }
          if (reported >= 1000 || finished) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      let caughtWriting = false
      if (workerUrl) {
        const deadline = Date.now() + 10_000
        while (!caughtWriting && Date.now() < deadline)
          caughtWriting =
            (await count(sql`select count(*)::int as n from pg_stat_activity
                             where application_name = 'import-worker' and state = 'active'
                               and query like '%insert into client_users%'`)) > 0
      }
      worker.kill('SIGKILL')
      assert.equal(await exited, 'SIGKILL')
      assert.equal(finished, false, 'killed before the end')
      if (workerUrl) assert.ok(caughtWriting, 'killed while a batch was being written')

      if (workerUrl) {
        // The server ends the dead worker's sessions; a transaction in flight is rolled back.
        const sessions = () =>
          count(sql`select count(*)::int as n from pg_stat_activity where application_name = 'import-worker'`)
        while ((await sessions()) > 0) await new Promise((r) => setTimeout(r, 20))
      } else {
        // The folder opened again, as after a restart: PGlite replays its write-ahead log.
        const database = await openPglite(pgliteDir)
        ctx = { ...ctx, app: await buildOn(database, config) }
      }

      const atKill = await count(sql`select done_rows as n from import_runs where id = ${run.id}`)
      assert.ok(atKill >= reported && atKill < ROWS, `killed mid-way: ${atKill} of ${ROWS} rows in`)
      assert.equal(await users(), atKill, 'what the run counts is what is there')
      assert.equal(atKill % WORKER_BATCH, 0, `whole batches of ${WORKER_BATCH} only (${atKill})`)
      assert.equal(
        await count(sql`select count(*)::int as n from import_created where run_id = ${run.id}`),
        atKill,
      )
      assert.equal(await invitations(), atKill, 'each committed user with its invitation')

      // A new worker finds the stale job and finishes it.
      await requeueAbandonedImportJobs(ctx.app.database.db)
      await ctx.app.jobs.drain()
      const admin = new TestClient(ctx.app)
      await admin.login(t.adminEmail, TEST_PASSWORD)
      const done: Run = (await admin.get(`/api/v1/imports/${run.id}`)).body
      assert.equal(done.status, 'done')
      assert.equal(done.progress.created, ROWS)
      assert.equal(await users(), ROWS)
      assert.equal(
        await count(
          sql`select count(distinct lower(email))::int as n from client_users where tenant_id = ${t.tenantId} and email like '%@queda.com.br'`,
        ),
        ROWS,
        'no duplicates',
      )
      assert.equal(
        await count(sql`select count(*)::int as n from import_created where run_id = ${run.id}`),
        ROWS,
      )
      assert.equal(await invitations(), ROWS, 'one invitation each')
    } finally {
      await ctx.app.close().catch(() => {})
      // PGlite: the folder's database as reopened (the scratch folder goes with it).
      if (TEST_ENGINE === 'pglite') await ctx.app.database.close().catch(() => {})
      else await testDb.drop()
    }
  })
})
