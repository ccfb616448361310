/**
 * The client portal's inbox: a client user who chose "Ambos" for "Novos documentos publicados" has
 * an empty bell at first; the office publishes a document in each of her two companies and the bell
 * counts them within a minute (the page polls); she opens the panel, clicks the one about the other
 * company and lands on its documents (the portal switched company), then marks the rest as read.
 * The client user is registered and accepts her invitation through the API; she signs in here with
 * password + KEYPASS.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { totpCode } from '#server/platform/security/totp.ts'
import { acceptAndEnrol, makeCnpj, tokenFrom } from '../factories/client-users.ts'
import { TestClient } from '../helpers/client.ts'
import { DEMO_ADMIN, type Harness, journeyStep, login, startHarness, waitForText } from './harness.ts'

const COMPANY = 'Padaria Pão Quente Ltda'
const SECOND_COMPANY = 'Vidraçaria Beira-Rio Ltda'
const PASSWORD = 'Portal#Seguro2026'
const CLIENT = { name: 'Sofia Sistema', email: 'sofia.sistema@exemplo.com.br', secret: '' }
const DATE_TIME = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/

const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Title (${title}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  )

const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Notificações, / })
const panel = (page: Page) => page.getByRole('dialog', { name: 'Notificações' })

describe('jornada: notificações do portal (o sino do usuário de cliente)', () => {
  let h: Harness | undefined
  let staff: TestClient
  let page: Page
  let fiscal = ''
  const folders = new Map<string, string>()
  const step = journeyStep(() => h)

  async function publish(company: string, name: string) {
    const res = await staff.upload(
      'POST',
      `/api/v1/documents/folders/${folders.get(company)}/documents`,
      name,
      pdf(name),
      'application/pdf',
    )
    assert.equal(res.status, 201, JSON.stringify(res.body))
  }

  before(async () => {
    h = await startHarness()
    staff = new TestClient(h.app)
    await staff.login(DEMO_ADMIN.email, DEMO_ADMIN.password)
    const orgs = await staff.get(`/api/v1/client-orgs?search=${encodeURIComponent('Pão Quente')}`)
    const first = orgs.body.items.find((o: { name: string }) => o.name === COMPANY)
    // Second by name: the portal opens on the first one, Padaria.
    const second = await staff.post('/api/v1/client-orgs', {
      name: SECOND_COMPANY,
      document: makeCnpj(),
      portalEnabled: true,
    })
    assert.equal(second.status, 201, JSON.stringify(second.body))
    const departments = (await staff.get('/api/v1/departments')).body.items as { id: string; name: string }[]
    fiscal = departments.find((d) => d.name === 'Fiscal')!.id
    for (const org of [first, second.body]) {
      const tree = await staff.get(`/api/v1/client-orgs/${org.id}/documents`)
      folders.set(
        org.name,
        tree.body.folders.find(
          (f: { isSystem: boolean; departmentId: string }) => f.isSystem && f.departmentId === fiscal,
        ).id,
      )
    }
    const created = await staff.post('/api/v1/client-users', {
      name: CLIENT.name,
      email: CLIENT.email,
      departments: [{ departmentId: fiscal, level: 'revisor' }],
      companyIds: [first.id, second.body.id],
      permissions: [],
      notifications: { documents: 'both' },
      send: 'now',
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const mail = await h.waitForMail(CLIENT.email)
    const link = (mail.text ?? '').match(/https?:\/\/\S+\/convite\?token=[\w-]+/)![0]
    CLIENT.secret = (await acceptAndEnrol(h.app, tokenFrom(link), PASSWORD)).secret
  })
  after(async () => {
    await h?.close()
  })

  test(
    'a usuária entra no portal: o sino está vazio',
    step(async (h) => {
      page = await h.newPage()
      // Timers under the test's control: the minute between two polls is skipped, not waited.
      await page.clock.install()
      await page.goto('/entrar')
      await login(page, CLIENT.email, PASSWORD)
      await page.getByRole('heading', { name: 'Verificação KEYPASS' }).waitFor()
      await page.getByLabel('Código KEYPASS').fill(totpCode(CLIENT.secret, Date.now() + 30_000))
      await page.getByRole('button', { name: 'Verificar' }).click()
      await page.waitForURL((url) => url.pathname === '/portal')
      await page.getByRole('button', { name: 'Notificações, 0 não lidas' }).waitFor()
      await bell(page).click()
      await panel(page).getByText('Nenhuma notificação por enquanto.').waitFor()
      assert.equal(
        await panel(page).getByRole('button', { name: 'Marcar todas como lidas' }).isDisabled(),
        true,
      )
      await h.screenshot('notificacoes-01-vazio', { page, fullPage: false })
      await page.keyboard.press('Escape')
      await panel(page).waitFor({ state: 'hidden' })
    }),
  )

  test(
    'a equipe publica nas duas empresas: o sino conta 2 em até um minuto, sem recarregar',
    step(async (h) => {
      await publish(COMPANY, 'Balancete março 2026.pdf')
      await publish(SECOND_COMPANY, 'Guia DAS março 2026.pdf')
      // "Ambos": the e-mail goes too.
      await h.waitForMail(CLIENT.email, { subject: 'Novo documento: Guia DAS março 2026.pdf' })
      assert.equal(await page.getByRole('button', { name: 'Notificações, 0 não lidas' }).count(), 1)
      await page.clock.fastForward(61_000)
      await page.getByRole('button', { name: 'Notificações, 2 não lidas' }).waitFor()
      await waitForText(page.getByTestId('notifications-count'), '2')

      await bell(page).click()
      const items = panel(page).getByTestId('notification-item')
      await waitForText(items.first(), 'Novo documento: Guia DAS março 2026.pdf')
      const texts = await items.allInnerTexts()
      assert.equal(texts.length, 2)
      assert.match(
        texts[0],
        new RegExp(`publicou "Guia DAS março 2026\\.pdf" na pasta Fiscal de ${SECOND_COMPANY}`),
      )
      assert.match(texts[1], /Novo documento: Balancete março 2026\.pdf/)
      for (const text of texts) assert.match(text, DATE_TIME)
      assert.equal(await panel(page).locator('[data-unread]').count(), 2)
      await h.screenshot('notificacoes-02-painel', { page, fullPage: false })
    }),
  )

  test(
    'clicar na notificação da outra empresa troca a empresa, abre os documentos e marca como lida',
    step(async (h) => {
      await page.getByTestId('current-company').filter({ hasText: COMPANY }).waitFor()
      await panel(page)
        .getByRole('button', { name: 'Não lida: Novo documento: Guia DAS março 2026.pdf' })
        .click()
      await page.waitForURL((url) => url.pathname === '/portal/documentos')
      await page.getByTestId('current-company').filter({ hasText: SECOND_COMPANY }).waitFor()
      await page.getByRole('row').filter({ hasText: 'Guia DAS março 2026.pdf' }).waitFor()
      await page.getByRole('button', { name: 'Notificações, 1 não lida' }).waitFor()

      await bell(page).click()
      await panel(page).getByRole('button', { name: 'Marcar todas como lidas' }).click()
      await page.getByRole('button', { name: 'Notificações, 0 não lidas' }).waitFor()
      assert.equal(await panel(page).locator('[data-unread]').count(), 0)
      assert.equal(await panel(page).getByTestId('notification-item').count(), 2)
      await h.screenshot('notificacoes-03-todas-lidas', { page, fullPage: false })
      assert.deepEqual(h.consoleErrors, [])
    }),
  )
})
