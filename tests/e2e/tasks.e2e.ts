/**
 * "Tarefas em segundo plano": the administrator finds a notice of new documents that gave up after
 * its attempts (the database was away, say) and an import run that failed, each with its reason;
 * "Tentar de novo" puts the notice back in the queue and the worker finishes it; the import points
 * to its own page; a task still being retried shows when it runs next.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import {
  DEMO_TENANT,
  type Harness,
  journeyStep,
  navigation,
  signInAsAdmin,
  startHarness,
  waitForCount,
  waitForText,
} from './harness.ts'

describe('jornada: tarefas em segundo plano com falha e "Tentar de novo"', () => {
  let h: Harness | undefined
  const step = journeyStep(() => h)
  let noticeId = 0

  before(async () => {
    h = await startHarness()
    const [tenant] = await h.sql<{ id: string }>('select id from tenants where name = $1', [DEMO_TENANT])
    const insert = async (
      name: string,
      payload: object,
      state: string,
      attempts: number,
      error: string,
      runAt = 'now()',
    ) => {
      const [row] = await h!.sql<{ id: string }>(
        `insert into jobs (name, payload, tenant_id, status, attempts, max_attempts, last_error, run_at, finished_at)
         values ($1, $2::jsonb, $3, $4, $5, $5 + ${state === 'failed' ? 0 : 3}, $6, ${runAt}, ${state === 'failed' ? 'now()' : 'null'})
         returning id`,
        [name, JSON.stringify(payload), tenant.id, state, attempts, error],
      )
      return Number(row.id)
    }
    noticeId = await insert(
      'documents.announce',
      { tenantId: tenant.id, folderId: randomUUID() },
      'failed',
      56,
      'Connection terminated unexpectedly',
    )
    await insert(
      'imports.run',
      { tenantId: tenant.id, runId: randomUUID(), token: randomUUID() },
      'failed',
      5,
      'armazenamento indisponível (GetObject): HTTP 503',
    )
    await insert(
      'mail.send',
      { messageId: randomUUID() },
      'queued',
      2,
      'connect ECONNREFUSED 127.0.0.1:2525',
      "now() + interval '10 minutes'",
    )
  })
  after(async () => {
    await h?.close()
  })

  test(
    'o administrador vê o que falhou, com o motivo, e tenta de novo o aviso de documentos',
    step(async ({ page, screenshot }) => {
      await signInAsAdmin(page)
      // The home page warns the administrator, and links to the list.
      const warning = page.getByRole('alert').filter({ hasText: 'Tarefas com falha' })
      await waitForText(warning, '2 tarefas em segundo plano desistiram depois de todas as tentativas.')
      await screenshot('tarefas-00-inicio-aviso')
      await warning.getByRole('link', { name: 'Ver o motivo e tentar de novo' }).click()
      await page.waitForURL((url) => url.pathname === '/tarefas')
      await page.getByRole('heading', { name: 'Tarefas em segundo plano', level: 1 }).waitFor()
      const rows = page.getByTestId('task-row')
      await waitForCount(rows, 2)
      const notice = rows.filter({ hasText: 'Aviso de novos documentos publicados' })
      await waitForText(notice, 'Connection terminated unexpectedly')
      await waitForText(notice, '56 de 56')
      const run = rows.filter({ hasText: 'Importação de uma planilha' })
      await waitForText(run, 'Abra a importação em Importação e use "Retomar".')
      assert.equal(await run.getByRole('button').count(), 0, 'the import is resumed on its own page')
      await screenshot('tarefas-01-com-falha')

      await notice
        .getByRole('button', { name: 'Tentar de novo: Aviso de novos documentos publicados' })
        .click()
      const confirm = page.getByRole('dialog', { name: 'Tentar de novo' })
      await waitForText(confirm, 'Última falha: Connection terminated unexpectedly')
      await confirm.getByRole('button', { name: 'Tentar de novo' }).click()
      await page.getByText('Aviso de novos documentos publicados: de volta à fila.').waitFor()
      await waitForCount(rows, 1)
      // The worker runs it (no pending notices for that folder: nothing to send, done).
      const deadline = Date.now() + 15_000
      let status = ''
      while (Date.now() < deadline) {
        ;[{ status }] = await h!.sql<{ status: string }>('select status from jobs where id = $1', [noticeId])
        if (status === 'done') break
        await new Promise((r) => setTimeout(r, 200))
      }
      assert.equal(status, 'done')
      const [audit] = await h!.sql<{ actor_name: string }>(
        "select actor_name from audit_log where entity = 'background_task' and action = 'retry'",
      )
      assert.ok(audit, 'the retry is audited')

      await page.getByRole('tab', { name: /Tentando de novo/ }).click()
      await waitForCount(rows, 1)
      await waitForText(rows, 'Envio de e-mail')
      await waitForText(rows, 'connect ECONNREFUSED 127.0.0.1:2525')
      await waitForText(rows, '2 de 5')
      // The side bar leads here too.
      assert.equal(await navigation(page).getByRole('link', { name: 'Tarefas', exact: true }).count(), 1)
      assert.equal(new URL(page.url()).searchParams.get('situacao'), 'tentando')
      await screenshot('tarefas-02-tentando')
      assert.deepEqual(h!.consoleErrors, [])
    }),
  )
})
