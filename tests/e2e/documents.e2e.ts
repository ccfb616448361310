/**
 * The portal's documents by department: staff publish a PDF into the Fiscal folder of a client from
 * the client page ("Documentos" tab) and ask "Por que vê?"; a Revisor client user sees it in the
 * portal, downloads it (audited) and has no upload button; a Contribuinte without the permission
 * "Envia documentos ao escritório" has no upload button either and is told why; once the office
 * ticks it, he uploads a document and can delete only theirs; a Proprietária renames what others
 * published and created, and switching company switches her tree. Client users are registered and
 * accept their invitations through the API (the
 * client-onboarding journey covers those screens); they sign in here with password + KEYPASS.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { totpCode } from '#server/platform/security/totp.ts'
import { acceptAndEnrol, tokenFrom } from '../factories/client-users.ts'
import { TestClient } from '../helpers/client.ts'
import {
  DEMO_ADMIN,
  type Harness,
  journeyStep,
  login,
  openClientTab,
  settle,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
} from './harness.ts'

const COMPANY = 'Padaria Pão Quente Ltda'
const PASSWORD = 'Portal#Seguro2026'
const REVISOR = { name: 'Rita Revisora', email: 'rita.revisora@exemplo.com.br', secret: '' }
const CONTRIBUINTE = { name: 'Caio Contribuinte', email: 'caio.contribuinte@exemplo.com.br', secret: '' }
const PROPRIETARIA = { name: 'Paula Proprietária', email: 'paula.proprietaria@exemplo.com.br', secret: '' }
const STAFF_PDF = 'Guia DAS março 2026.pdf'
const CLIENT_PDF = 'Notas de entrada.pdf'
const STAFF_FOLDER = 'Balancetes'
const DATE_TIME = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/

const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Title (${title}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  )

/** Saves the page to /tmp/docs-<name>.png (to look at) and to test-results/e2e. */
async function shot(h: Harness, page: Page, name: string) {
  await h.screenshot(`docs-${name}`, { page })
  await settle(page)
  await page.screenshot({ path: `/tmp/docs-${name}.png`, fullPage: true, animations: 'disabled' })
}

async function signInToPortal(page: Page, user: { email: string; secret: string }) {
  await page.goto('/entrar')
  await login(page, user.email, PASSWORD)
  await page.getByRole('heading', { name: 'Verificação KEYPASS' }).waitFor()
  // The next 30-second step: the enrolment code was already used.
  await page.getByLabel('Código KEYPASS').fill(totpCode(user.secret, Date.now() + 30_000))
  await page.getByRole('button', { name: 'Verificar' }).click()
  await page.waitForURL((url) => url.pathname === '/portal')
}

async function uploadThroughButton(page: Page, name: string, bytes: Buffer) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Enviar documento' }).click(),
  ])
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: bytes })
  await page.getByText(`${name} enviado para Fiscal.`).waitFor()
}

describe('jornada: documentos do portal por departamento e nível de acesso', () => {
  let h: Harness | undefined
  let orgId = ''
  let admin: TestClient | undefined
  let contribuinteId = ''
  let caioPage: Page | undefined
  let otherCompany = ''
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
    // Two client users of the demo company, through the API, as the wizard would create them.
    const staff = new TestClient(h.app)
    admin = staff
    await staff.login(DEMO_ADMIN.email, DEMO_ADMIN.password)
    const orgs = await staff.get(`/api/v1/client-orgs?search=${encodeURIComponent('Pão Quente')}`)
    orgId = orgs.body.items.find((o: { name: string }) => o.name === COMPANY).id
    const departments = (await staff.get('/api/v1/departments')).body.items as { id: string; name: string }[]
    const fiscal = departments.find((d) => d.name === 'Fiscal')!.id
    // The Proprietária works for two companies: the demo one and another.
    const others = (await staff.get('/api/v1/client-orgs?status=ativo&pageSize=50')).body.items as {
      id: string
      name: string
      portalEnabled: boolean
    }[]
    const second = others.find((o) => o.id !== orgId && o.portalEnabled)!
    otherCompany = second.name
    for (const [user, level, companyIds] of [
      [REVISOR, 'revisor', [orgId]],
      [CONTRIBUINTE, 'contribuinte', [orgId]],
      [PROPRIETARIA, 'proprietario', [orgId, second.id]],
    ] as const) {
      const created = await staff.post('/api/v1/client-users', {
        name: user.name,
        email: user.email,
        departments: [{ departmentId: fiscal, level }],
        companyIds,
        // "Envia documentos ao escritório" unticked: the Contribuinte gets it later in the journey.
        permissions: [],
        send: 'now',
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      if (user === CONTRIBUINTE) contribuinteId = created.body.id
      const mail = await h.waitForMail(user.email)
      const link = (mail.text ?? '').match(/https?:\/\/\S+\/convite\?token=[\w-]+/)![0]
      user.secret = (await acceptAndEnrol(h.app, tokenFrom(link), PASSWORD)).secret
    }
  })
  after(async () => {
    await h?.close()
  })

  test(
    'a equipe publica um PDF na pasta Fiscal do cliente e pergunta "Por que vê?"',
    step(async (h) => {
      const { page } = h
      await signInAsAdmin(page)
      await openClientTab(page, orgId, COMPANY, 'Documentos')

      const tree = page.getByRole('navigation', { name: 'Pastas por departamento' })
      for (const department of ['Pessoal', 'Fiscal', 'Contábil', 'Societário'])
        await tree.getByRole('group', { name: `Departamento ${department}` }).waitFor()
      await tree
        .getByRole('group', { name: 'Departamento Fiscal' })
        .getByTestId('folder-node')
        .filter({ hasText: 'Fiscal' })
        .click()
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      await page.getByText('Pasta do departamento padrão Fiscal: compartilhada automaticamente').waitFor()

      await uploadThroughButton(page, STAFF_PDF, pdf('DAS'))
      const row = page.getByRole('row').filter({ hasText: STAFF_PDF })
      const text = await waitForText(row, DATE_TIME)
      assert.match(text, /v1/)
      assert.match(text, /0,1 KB/)
      assert.match(text, new RegExp(DEMO_ADMIN.name))
      await shot(h, page, '01-equipe-publicou')

      await page.getByRole('button', { name: 'Por que vê?' }).click()
      const dialog = page.getByRole('dialog', { name: 'Por que vê esta pasta?' })
      await dialog.getByLabel('Usuário do cliente').click()
      await page.getByRole('option', { name: new RegExp(REVISOR.name) }).click()
      await waitForText(
        dialog.getByTestId('why-summary'),
        `${REVISOR.name} vê a pasta "Fiscal" porque participa do departamento Fiscal como Revisor na empresa ${COMPANY}.`,
      )
      await shot(h, page, '02-por-que-ve')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })

      // A folder the office creates stays out of the portal until it is shared (seed 004).
      await page.getByRole('button', { name: 'Nova pasta', exact: true }).click()
      const create = page.getByRole('dialog', { name: 'Nova pasta em Fiscal' })
      await create.getByLabel('Nome da pasta').fill(STAFF_FOLDER)
      assert.equal(
        await create.getByRole('checkbox', { name: 'Compartilhar com o departamento Fiscal' }).isChecked(),
        false,
      )
      await create.getByRole('button', { name: 'Criar pasta' }).click()
      await page.getByText(`Pasta ${STAFF_FOLDER} criada.`).waitFor()
      const folderRow = page.getByTestId('folder-row').filter({ hasText: STAFF_FOLDER })
      await waitForText(folderRow, 'Não compartilhada')
      await folderRow.getByRole('button', { name: `Abrir a pasta ${STAFF_FOLDER}` }).click()
      await page.getByRole('heading', { name: STAFF_FOLDER, level: 2 }).waitFor()
      await page.getByRole('switch', { name: 'Compartilhada com o departamento Fiscal' }).waitFor()
      await shot(h, page, '02a-pasta-nao-compartilhada')
      await page.getByRole('button', { name: 'Por que vê?' }).click()
      await dialog.getByLabel('Usuário do cliente').click()
      await page.getByRole('option', { name: new RegExp(REVISOR.name) }).click()
      await waitForText(
        dialog.getByTestId('why-summary'),
        /não vê a pasta "Fiscal \/ Balancetes": a pasta "Balancetes" foi criada pelo escritório/,
      )
      await shot(h, page, '02b-por-que-nao-ve')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
    }),
  )

  test(
    'a Revisora vê e baixa o PDF (download auditado), sem botão de envio',
    step(async (h) => {
      const page = await h.newPage()
      await signInToPortal(page, REVISOR)
      await page.getByTestId('portal-documents-link').click()
      await page.waitForURL((url) => url.pathname === '/portal/documentos')
      await page.getByRole('heading', { name: 'Documentos', level: 1 }).waitFor()
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      const row = page.getByRole('row').filter({ hasText: STAFF_PDF })
      await waitForText(row, DEMO_ADMIN.name)
      await page.getByText('Como Revisor, você visualiza e baixa os documentos desta pasta').waitFor()
      assert.equal(await page.getByRole('button', { name: 'Enviar documento' }).count(), 0)
      assert.equal(await page.getByRole('button', { name: 'Nova pasta', exact: true }).count(), 0)
      // The unshared folder the office made is not in her tree.
      assert.deepEqual(await page.getByTestId('folder-node').allInnerTexts(), ['Fiscal\n1'])
      assert.equal(
        await row.getByRole('button', { name: /^(Excluir|Renomear|Enviar nova versão)/ }).count(),
        0,
      )
      await shot(h, page, '03-revisora')

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: `Baixar ${STAFF_PDF}` }).click(),
      ])
      assert.equal(download.suggestedFilename(), STAFF_PDF)
      assert.deepEqual(readFileSync((await download.path())!), pdf('DAS'))
      const audited = await h.sql<{ actor_name: string }>(
        "select actor_name from audit_log where entity = 'document' and action = 'download'",
      )
      assert.deepEqual(
        audited.map((a) => a.actor_name),
        [REVISOR.name],
      )
      await page.close()
    }),
  )

  test(
    'o Contribuinte sem a permissão não envia; com ela, envia um documento e só pode excluir o seu',
    step(async (h) => {
      const page = await h.newPage()
      await signInToPortal(page, CONTRIBUINTE)
      await page.goto('/portal/documentos')
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      // Contribuinte, but without "Envia documentos ao escritório": no upload, and the reason.
      await waitForText(
        page.getByTestId('upload-not-permitted'),
        'Seu usuário não tem permissão para enviar documentos ao escritório. Peça ao administrador.',
      )
      assert.equal(await page.getByRole('button', { name: 'Enviar documento' }).count(), 0)
      await shot(h, page, '04a-contribuinte-sem-permissao')
      const granted = await admin!.patch(`/api/v1/client-users/${contribuinteId}`, {
        permissions: ['documents:upload'],
      })
      assert.equal(granted.status, 200, JSON.stringify(granted.body))
      await page.reload()
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      await page.getByRole('button', { name: 'Enviar documento' }).waitFor()
      assert.equal(await page.getByTestId('upload-not-permitted').count(), 0)
      await uploadThroughButton(page, CLIENT_PDF, pdf('notas'))
      const rows = page.getByTestId('document-row')
      await waitForCount(rows, 2)
      const mine = rows.filter({ hasText: CLIENT_PDF })
      const staff = rows.filter({ hasText: STAFF_PDF })
      await waitForText(mine, 'enviado por você')
      assert.equal(await mine.getByRole('button', { name: `Excluir ${CLIENT_PDF}` }).count(), 1)
      assert.equal(await mine.getByRole('button', { name: `Enviar nova versão de ${CLIENT_PDF}` }).count(), 1)
      assert.equal(await staff.getByRole('button', { name: `Excluir ${STAFF_PDF}` }).count(), 0)
      assert.equal(await staff.getByRole('button', { name: `Renomear ${STAFF_PDF}` }).count(), 0)
      await shot(h, page, '04-contribuinte')

      // A new version of their own document, then its history.
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        mine.getByRole('button', { name: `Enviar nova versão de ${CLIENT_PDF}` }).click(),
      ])
      await chooser.setFiles({ name: 'notas corrigidas.pdf', mimeType: 'application/pdf', buffer: pdf('v2') })
      await page.getByText(`Versão 2 de ${CLIENT_PDF} enviada.`).waitFor()
      await mine.getByRole('button', { name: 'Versão 2: ver versões' }).click()
      const versions = page.getByRole('dialog', { name: `Versões de ${CLIENT_PDF}` })
      await waitForCount(versions.getByRole('row'), 3)
      await waitForText(versions, 'notas corrigidas.pdf')
      await shot(h, page, '04b-versoes')
      await page.keyboard.press('Escape')
      await versions.waitFor({ state: 'hidden' })

      await mine.getByRole('button', { name: `Excluir ${CLIENT_PDF}` }).click()
      const confirm = page.getByRole('dialog', { name: 'Excluir documento' })
      await shot(h, page, '05-contribuinte-excluir')
      await confirm.getByRole('button', { name: 'Excluir' }).click()
      await page.getByText(`${CLIENT_PDF} excluído.`).waitFor()
      await waitForCount(rows, 1)
      await waitForText(rows, STAFF_PDF)
      const deletions = await h.sql<{ actor_name: string }>(
        "select actor_name from audit_log where entity = 'document' and action = 'delete'",
      )
      assert.deepEqual(
        deletions.map((a) => a.actor_name),
        [CONTRIBUINTE.name],
      )
      assert.deepEqual(h.consoleErrors, [])
      // Still signed in for the trash (a second KEYPASS sign-in could reuse the same code).
      caioPage = page
    }),
  )

  test(
    'a equipe exclui uma pasta e vê a Lixeira do cliente: o que foi excluído, onde estava, por quem e quando',
    step(async (h) => {
      const { page } = h
      await openClientTab(page, orgId, COMPANY, 'Documentos')
      await page
        .getByRole('navigation', { name: 'Pastas por departamento' })
        .getByRole('group', { name: 'Departamento Fiscal' })
        .getByTestId('folder-node')
        .filter({ hasText: 'Fiscal' })
        .first()
        .click()
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      const folderRow = page.getByTestId('folder-row').filter({ hasText: STAFF_FOLDER })
      await folderRow.getByRole('button', { name: `Excluir a pasta ${STAFF_FOLDER}` }).click()
      const confirm = page.getByRole('dialog', { name: 'Excluir pasta' })
      await waitForText(confirm, 'vão para a Lixeira, onde podem ser restaurados por 30 dias')
      await confirm.getByRole('button', { name: 'Excluir' }).click()
      await page.getByText(`Pasta ${STAFF_FOLDER} excluída.`).waitFor()

      await page.getByRole('button', { name: 'Lixeira' }).click()
      await page.getByRole('heading', { name: 'Lixeira', level: 2 }).waitFor()
      const rows = page.getByTestId('trash-row')
      await waitForCount(rows, 2)
      const folder = rows.filter({ hasText: STAFF_FOLDER })
      const text = await waitForText(folder, DATE_TIME)
      assert.match(text, /Pasta/)
      assert.match(text, /Fiscal/)
      assert.match(text, new RegExp(DEMO_ADMIN.name))
      const doc = rows.filter({ hasText: CLIENT_PDF })
      await waitForText(doc, CONTRIBUINTE.name)
      assert.match((await doc.textContent()) ?? '', /Documento/)
      await shot(h, page, '06-equipe-lixeira')
    }),
  )

  test(
    'o Contribuinte restaura o seu documento da Lixeira e o move para uma pasta nova; no celular, sem rolagem lateral',
    step(async (h) => {
      const page = caioPage!
      await page.goto('/portal/documentos')
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      await page.getByRole('button', { name: 'Lixeira' }).click()
      await page.getByRole('heading', { name: 'Lixeira', level: 2 }).waitFor()
      // Only what he deleted or published: his document, not the office's folder.
      const rows = page.getByTestId('trash-row')
      await waitForCount(rows, 1)
      await waitForText(rows, CLIENT_PDF)
      await shot(h, page, '07-contribuinte-lixeira')
      await rows.getByRole('button', { name: `Restaurar ${CLIENT_PDF}` }).click()
      const confirm = page.getByRole('dialog', { name: 'Restaurar documento' })
      await waitForText(confirm, `${CLIENT_PDF} volta para a pasta Fiscal.`)
      await shot(h, page, '07a-restaurar')
      await confirm.getByRole('button', { name: 'Restaurar' }).click()
      await page.getByText(`${CLIENT_PDF} restaurado em Fiscal.`).waitFor()
      await page.getByText('A lixeira está vazia.').waitFor()
      await shot(h, page, '07b-lixeira-vazia')

      // Back in Fiscal; a new folder, and "Mover" there.
      await page
        .getByRole('navigation', { name: 'Pastas por departamento' })
        .getByTestId('folder-node')
        .filter({ hasText: 'Fiscal' })
        .click()
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      const mine = page.getByTestId('document-row').filter({ hasText: CLIENT_PDF })
      await mine.waitFor()
      assert.equal(
        await page
          .getByTestId('document-row')
          .filter({ hasText: STAFF_PDF })
          .getByRole('button', { name: /^Mover/ })
          .count(),
        0,
        'a Contribuinte moves only what he published',
      )
      await page.getByRole('button', { name: 'Nova pasta', exact: true }).click()
      const create = page.getByRole('dialog', { name: 'Nova pasta em Fiscal' })
      await create.getByLabel('Nome da pasta').fill('Notas 2026')
      await create.getByRole('button', { name: 'Criar pasta' }).click()
      await page.getByText('Pasta Notas 2026 criada.').waitFor()
      // His own folder: he may delete it (while all in it is his), not rename it.
      const own = page.getByTestId('folder-row').filter({ hasText: 'Notas 2026' })
      await own.getByRole('button', { name: 'Excluir a pasta Notas 2026' }).waitFor()
      assert.equal(await own.getByRole('button', { name: 'Renomear a pasta Notas 2026' }).count(), 0)
      await mine.getByRole('button', { name: `Mover ${CLIENT_PDF}` }).click()
      const move = page.getByRole('dialog', { name: `Mover ${CLIENT_PDF}` })
      await waitForText(move, 'Pasta atual')
      await move.getByTestId('move-target').filter({ hasText: 'Notas 2026' }).click()
      await shot(h, page, '08-mover')
      await move.getByRole('button', { name: 'Mover', exact: true }).click()
      await page.getByText(`${CLIENT_PDF} movido para Notas 2026.`).waitFor()
      await waitForCount(page.getByTestId('document-row'), 1)
      await page.getByRole('button', { name: 'Abrir a pasta Notas 2026' }).click()
      await page.getByRole('heading', { name: 'Notas 2026', level: 2 }).waitFor()
      await waitForText(page.getByTestId('document-row'), CLIENT_PDF)
      const moved = await h.sql<{ actor_name: string }>(
        "select actor_name from audit_log where entity = 'document' and action = 'move'",
      )
      assert.deepEqual(
        moved.map((a) => a.actor_name),
        [CONTRIBUINTE.name],
      )
      await shot(h, page, '09-movido')

      // On a phone: the trash and the move dialog fit the width.
      const desktop = page.viewportSize()!
      await page.setViewportSize({ width: 390, height: 844 })
      await page.waitForTimeout(500) // the side menu slides away
      const sideways = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      await page.getByRole('button', { name: 'Lixeira' }).click()
      await page.getByText('A lixeira está vazia.').waitFor()
      assert.equal(await sideways(), 0)
      await shot(h, page, '10-celular-lixeira')
      await page.getByTestId('folder-node').filter({ hasText: 'Notas 2026' }).click()
      await page.getByRole('heading', { name: 'Notas 2026', level: 2 }).waitFor()
      await page
        .getByTestId('document-row')
        .getByRole('button', { name: `Mover ${CLIENT_PDF}` })
        .click()
      await page.getByRole('dialog', { name: `Mover ${CLIENT_PDF}` }).waitFor()
      assert.equal(await sideways(), 0)
      await shot(h, page, '11-celular-mover')
      await page.keyboard.press('Escape')
      await page.setViewportSize(desktop)
      assert.deepEqual(h.consoleErrors, [])
      await page.close()
    }),
  )

  test(
    'a Proprietária renomeia o que outros publicaram e criaram; trocar de empresa troca a árvore',
    step(async (h) => {
      const page = await h.newPage()
      await signInToPortal(page, PROPRIETARIA)
      await page.goto('/portal/documentos')
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      // Two companies: the menu at the top says which one is in use and switches.
      const switchTo = async (name: string) => {
        const current = page.getByTestId('current-company')
        if (((await current.textContent()) ?? '').includes(name)) return
        await page.getByRole('button', { name: /Trocar de empresa/ }).click()
        await page.getByRole('menuitem', { name: new RegExp(name) }).click()
        await page.getByText(`Agora você está vendo ${name}.`).waitFor()
        await waitForText(current, name)
        await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      }
      await switchTo(COMPANY)
      // The office's document and the Contribuinte's folder: full control over both.
      const staffRow = page.getByTestId('document-row').filter({ hasText: STAFF_PDF })
      await staffRow.getByRole('button', { name: `Renomear ${STAFF_PDF}` }).waitFor()
      assert.equal(await staffRow.getByRole('button', { name: `Excluir ${STAFF_PDF}` }).count(), 1)
      const caioFolder = page.getByTestId('folder-row').filter({ hasText: 'Notas 2026' })
      assert.equal(await caioFolder.getByRole('button', { name: 'Excluir a pasta Notas 2026' }).count(), 1)
      await shot(h, page, '12-proprietaria')
      await caioFolder.getByRole('button', { name: 'Renomear a pasta Notas 2026' }).click()
      const renameFolder = page.getByRole('dialog', { name: 'Renomear pasta' })
      await renameFolder.getByLabel('Nome da pasta').fill('Notas fiscais 2026')
      await renameFolder.getByRole('button', { name: 'Salvar' }).click()
      await renameFolder.waitFor({ state: 'hidden' })
      await page.getByTestId('folder-row').filter({ hasText: 'Notas fiscais 2026' }).waitFor()
      await staffRow.getByRole('button', { name: `Renomear ${STAFF_PDF}` }).click()
      const renameDoc = page.getByRole('dialog', { name: 'Renomear documento' })
      await renameDoc.getByLabel('Nome do documento').fill('Guia DAS 03-2026')
      await renameDoc.getByRole('button', { name: 'Salvar' }).click()
      await renameDoc.waitFor({ state: 'hidden' })
      await page.getByTestId('document-row').filter({ hasText: 'Guia DAS 03-2026.pdf' }).waitFor()
      const renames = await h.sql<{ entity: string; actor_name: string }>(
        "select entity, actor_name from audit_log where action = 'rename' order by created_at",
      )
      assert.deepEqual(
        renames.map((r) => [r.entity, r.actor_name]),
        [
          ['document_folder', PROPRIETARIA.name],
          ['document', PROPRIETARIA.name],
        ],
      )
      await shot(h, page, '13-proprietaria-renomeou')

      // "Mover" the folder into a new one: the dialog offers the department's folders, not itself.
      await page.getByRole('button', { name: 'Nova pasta', exact: true }).click()
      const create = page.getByRole('dialog', { name: 'Nova pasta em Fiscal' })
      await create.getByLabel('Nome da pasta').fill('Arquivo 2026')
      await create.getByRole('button', { name: 'Criar pasta' }).click()
      await page.getByText('Pasta Arquivo 2026 criada.').waitFor()
      await page
        .getByTestId('folder-row')
        .filter({ hasText: 'Notas fiscais 2026' })
        .getByRole('button', { name: 'Mover a pasta Notas fiscais 2026' })
        .click()
      const move = page.getByRole('dialog', { name: 'Mover a pasta Notas fiscais 2026' })
      await waitForText(move, 'A pasta leva as suas subpastas e documentos.')
      const targets = move.getByTestId('move-target')
      await waitForCount(targets, 2)
      assert.deepEqual(await targets.allTextContents(), ['FiscalPasta atual', 'Arquivo 2026'])
      await targets.filter({ hasText: 'Arquivo 2026' }).click()
      await shot(h, page, '13a-mover-pasta')
      await move.getByRole('button', { name: 'Mover', exact: true }).click()
      await page.getByText('Pasta Notas fiscais 2026 movida para Arquivo 2026.').waitFor()
      await waitForCount(page.getByTestId('folder-row').filter({ hasText: 'Notas fiscais 2026' }), 0)
      await page.getByRole('button', { name: 'Abrir a pasta Arquivo 2026' }).click()
      await page.getByRole('heading', { name: 'Arquivo 2026', level: 2 }).waitFor()
      await page.getByTestId('folder-row').filter({ hasText: 'Notas fiscais 2026' }).waitFor()
      const moves = await h.sql<{ actor_name: string; after: { folder: string } }>(
        "select actor_name, after from audit_log where entity = 'document_folder' and action = 'move'",
      )
      assert.deepEqual(
        moves.map((m) => [m.actor_name, m.after.folder]),
        [[PROPRIETARIA.name, 'Fiscal / Arquivo 2026 / Notas fiscais 2026']],
      )
      await shot(h, page, '13b-pasta-movida')

      // "Buscar documentos": a part of the name, capitals aside, finds the document where it now is.
      const search = page.getByRole('searchbox', { name: 'Buscar documentos' })
      await search.fill('ENTRADA')
      await page.getByRole('heading', { name: 'Resultados para “ENTRADA”', level: 2 }).waitFor()
      const hits = page.getByTestId('search-row')
      await waitForCount(hits, 1)
      await waitForText(hits, CLIENT_PDF)
      await waitForText(hits, CONTRIBUINTE.name)
      assert.equal(new URL(page.url()).searchParams.get('busca'), 'ENTRADA', 'a reload keeps the search')
      await shot(h, page, '13c-busca')
      await hits
        .getByRole('button', { name: 'Abrir a pasta Fiscal / Arquivo 2026 / Notas fiscais 2026' })
        .click()
      await page.getByRole('heading', { name: 'Notas fiscais 2026', level: 2 }).waitFor()
      await page.getByTestId('document-row').filter({ hasText: CLIENT_PDF }).waitFor()
      assert.equal(await search.inputValue(), '')
      assert.equal(new URL(page.url()).searchParams.get('busca'), null)
      // Folders by name, too: "notas fiscais" finds the folder (and not a document).
      await search.fill('notas fiscais')
      const folderHit = page.getByTestId('search-folder')
      await waitForCount(folderHit, 1)
      await waitForText(folderHit, 'Fiscal / Arquivo 2026 / Notas fiscais 2026')
      await waitForCount(hits, 0)
      await shot(h, page, '13d-busca-pasta')
      await folderHit.click()
      await page.getByRole('heading', { name: 'Notas fiscais 2026', level: 2 }).waitFor()
      await search.fill('boleto de dezembro')
      await page.getByText('Nenhum documento ou pasta encontrado').first().waitFor()
      await page.getByRole('button', { name: 'Limpar a busca' }).click()
      await page.getByRole('heading', { name: 'Notas fiscais 2026', level: 2 }).waitFor()

      // The other company: its own Fiscal folder, empty; nothing of the first one.
      await switchTo(otherCompany)
      await page.getByText('Pasta vazia').waitFor()
      assert.equal(await page.getByTestId('document-row').count(), 0)
      assert.equal(await page.getByTestId('folder-row').count(), 0)
      await shot(h, page, '14-outra-empresa')
      assert.deepEqual(h.consoleErrors, [])
      await page.close()
    }),
  )

  test(
    'o escritório exclui o documento do Contribuinte: ele o vê na Lixeira, mas só um Proprietário ou o escritório restaura',
    step(async (h) => {
      const [doc] = await h.sql<{ id: string }>(
        'select id from documents where name = $1 and deleted_at is null',
        [CLIENT_PDF],
      )
      const staff = new TestClient(h.app)
      await staff.login(DEMO_ADMIN.email, DEMO_ADMIN.password)
      assert.equal((await staff.delete(`/api/v1/documents/files/${doc.id}`)).status, 200)

      const page = await h.newPage()
      await page.goto('/entrar')
      await login(page, CONTRIBUINTE.email, PASSWORD)
      await page.getByRole('heading', { name: 'Verificação KEYPASS' }).waitFor()
      await page.getByLabel('Código KEYPASS').fill(await unusedKeypassCode(h, CONTRIBUINTE))
      await page.getByRole('button', { name: 'Verificar' }).click()
      await page.waitForURL((url) => url.pathname === '/portal')
      await page.goto('/portal/documentos')
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      await page.getByRole('button', { name: 'Lixeira' }).click()
      await page.getByRole('heading', { name: 'Lixeira', level: 2 }).waitFor()
      const rows = page.getByTestId('trash-row')
      await waitForCount(rows, 1)
      await waitForText(rows, CLIENT_PDF)
      await waitForText(rows, DEMO_ADMIN.name)
      await waitForText(rows, 'Só um Proprietário ou o escritório pode restaurar')
      assert.equal(await rows.getByRole('button', { name: `Restaurar ${CLIENT_PDF}` }).count(), 0)
      await shot(h, page, '15-contribuinte-nao-restaura')
      assert.deepEqual(h.consoleErrors, [])
      await page.close()
    }),
  )
})

/**
 * A KEYPASS code of a 30-second step after the last one this user spent (a step already used is a
 * replay and refused), waiting for it to come within the accepted window when needed.
 */
async function unusedKeypassCode(h: Harness, user: { email: string; secret: string }): Promise<string> {
  const [row] = await h.sql<{ step: string | null }>(
    'select totp_last_step as step from users where lower(email) = lower($1)',
    [user.email],
  )
  const last = row?.step == null ? 0 : Number(row.step)
  const step = Math.max(Math.floor(Date.now() / 30_000) + 1, last + 1)
  const wait = (step - 1) * 30_000 - Date.now()
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 100))
  return totpCode(user.secret, step * 30_000)
}
