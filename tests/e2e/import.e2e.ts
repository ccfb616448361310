/**
 * The batch import journey (seed 004, "importação em lote através de planilha Excel"; acceptance 1 of
 * issue 7): an administrator downloads the template, sends an .xlsx — LibreOffice-made when soffice
 * is installed, otherwise written with exceljs — with accents, CPFs typed as numbers and a few bad
 * rows; the column mapping is guessed; the dry run lists the bad rows with pt-BR messages; the import
 * creates the good ones and their invitations arrive by real SMTP; the result survives a reload;
 * sending the same file again creates nothing; "Desfazer importação" removes what it created. A larger
 * file shows the progress bar (rows, rate, time left) across a page reload. The lists' export buttons
 * download .xlsx/.csv.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { purgeImport } from '#server/modules/imports/imports.retention.ts'
import { importStep } from '#server/modules/imports/imports.run.ts'
import { createLocalStorage } from '#server/platform/storage/index.ts'
import { withCpfCheckDigits } from '#shared/documents.ts'
import { hasLibreOffice, libreOfficeXlsx } from '../helpers/libreoffice.ts'
import {
  DEMO_TENANT,
  type Harness,
  journeyStep,
  navigation,
  RESULTS_DIR,
  startHarness,
  waitForText,
  signInAsAdmin,
  openSection,
} from './harness.ts'

const INVITATION_SUBJECT = `${DEMO_TENANT} convidou você para o Portal do Cliente`
const PADARIA = '11222333000181'
const GOOD = [
  { name: 'Joaquim Araújo Peçanha', email: 'joaquim@importado.com.br' },
  { name: 'Ângela Müller da Conceição', email: 'angela@importado.com.br' },
  { name: 'Íris Gonçalves', email: 'iris@importado.com.br' },
]

/** A valid CPF from a 9-digit base. */
function cpf(base: number): string {
  return withCpfCheckDigits(String(base).padStart(9, '0'))
}

const ROWS: (string | number)[][] = [
  ['Nome', 'E-mail', 'CPF', 'Celular', 'Departamentos', 'CNPJ da empresa'],
  [
    GOOD[0].name,
    GOOD[0].email,
    Number(cpf(123456789)),
    '27999990001',
    'Pessoal: Proprietário; Fiscal',
    PADARIA,
  ],
  // The CPF starts with zero: typed as a number, the spreadsheet keeps 10 digits.
  [GOOD[1].name, GOOD[1].email, Number(cpf(12345678)), '27999990002', 'Contábil', ''],
  [GOOD[2].name, GOOD[2].email, '', '', '', ''],
  ['Otávio CPF Errado', 'otavio@importado.com.br', 12345678900, '', '', ''],
  ['Repetido da Silva', GOOD[0].email, '', '', '', ''],
  ['Sem Departamento', 'semdepto@importado.com.br', '', '', 'Marketing', ''],
]

/** The test file: LibreOffice converts a CSV when installed (acceptance 1), else exceljs writes it. */
async function spreadsheet(): Promise<{ file: string; madeBy: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cadastra-import-e2e-'))
  if (hasLibreOffice()) {
    return { file: libreOfficeXlsx(dir, 'usuarios', ROWS), madeBy: 'LibreOffice' }
  }
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Usuários')
  for (const r of ROWS) ws.addRow(r)
  const file = path.join(dir, 'usuários da padaria.xlsx')
  await wb.xlsx.writeFile(file)
  return { file, madeBy: 'exceljs' }
}

async function uploadFile(page: Page, file: string) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Enviar planilha' }).click(),
  ])
  await chooser.setFiles(file)
  await page.waitForURL((url) => /^\/importacao\/[0-9a-f-]{36}$/.test(url.pathname))
}

/**
 * Saves test-results/e2e/import-<name>.png and /tmp/import-<name>.png. `running`: the progress bar's
 * stripes never stop moving, so the harness's wait for animations is skipped (they are frozen instead).
 */
async function shot(h: Harness, name: string, running = false) {
  if (!running) await h.screenshot(`import-${name}`)
  for (const file of [
    `/tmp/import-${name}.png`,
    ...(running ? [path.join(RESULTS_DIR, `import-${name}.png`)] : []),
  ])
    await h.page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
}

describe('jornada: importação em lote de usuários de clientes por planilha', () => {
  let h: Harness | undefined
  let file = ''
  let firstRunUrl = ''
  const step = journeyStep(() => h)

  before(async () => {
    // One export holds 2,000 rows: the 2,500 users of the big file are refused (see the exports).
    h = await startHarness({ env: { EXPORT_MAX_ROWS: '2000' } })
    file = (await spreadsheet()).file
  })
  after(async () => {
    await h?.close()
    if (file) rmSync(path.dirname(file), { recursive: true, force: true })
  })

  test(
    'o administrador abre Importação, baixa o modelo e envia a planilha: as colunas vêm reconhecidas',
    step(async (hh) => {
      const { page } = hh
      await signInAsAdmin(page)
      await openSection(page, 'Importação', '/importacao')
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Baixar planilha modelo' }).click(),
      ])
      assert.equal(download.suggestedFilename(), 'modelo-usuarios-de-clientes.xlsx')
      await shot(hh, '01-inicio')
      // On a phone the page fits the screen (the choice of kind stacks instead of overflowing).
      const desktop = page.viewportSize()!
      await page.setViewportSize({ width: 390, height: 844 })
      await page.getByText('Clientes (organizações)').waitFor()
      await page.waitForTimeout(500) // the side menu slides away
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`)
      await shot(hh, '01-inicio-celular')
      await page.setViewportSize(desktop)

      await uploadFile(page, file)
      firstRunUrl = new URL(page.url()).pathname
      await page.getByRole('heading', { name: 'Colunas da planilha' }).waitFor()
      for (const [header, field] of [
        ['Nome', 'Nome *'],
        ['E-mail', 'E-mail *'],
        ['CPF', 'CPF'],
        ['Celular', 'Telefone'],
        ['Departamentos', 'Departamentos'],
        ['CNPJ da empresa', 'Empresas (CNPJ/CPF)'],
      ]) {
        const select = page.getByLabel(`Campo da coluna ${header}`, { exact: true })
        const chosen = await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)
        assert.equal(chosen, field, `coluna ${header}`)
      }
      await shot(hh, '02-mapeamento')
      // The guess is only a start: a field chosen twice, a required one left out, each said at once.
      const celular = page.getByLabel('Campo da coluna Celular', { exact: true })
      await celular.selectOption({ label: 'E-mail *' })
      const alert = page.getByRole('alert')
      await waitForText(alert, 'O campo E-mail está em mais de uma coluna: escolha uma.')
      await page.getByLabel('Campo da coluna Nome', { exact: true }).selectOption({ label: 'Não importar' })
      await waitForText(alert, 'Escolha a coluna do campo obrigatório Nome.')
      await shot(hh, '02b-mapeamento-ajustado')
      await page.getByLabel('Campo da coluna Nome', { exact: true }).selectOption({ label: 'Nome *' })
      await celular.selectOption({ label: 'Telefone' })
      await alert.waitFor({ state: 'detached' })
    }),
  )

  test(
    'a prévia lista as linhas com erro, com a coluna e a mensagem em português',
    step(async (hh) => {
      const { page } = hh
      await page.getByRole('button', { name: 'Validar planilha (prévia)' }).click()
      await page.getByRole('heading', { name: 'Prévia, linha a linha' }).waitFor()
      const table = page.getByRole('table')
      await waitForText(table, 'CPF inválido')
      await waitForText(table, 'E-mail repetido na planilha (já está na linha 2)')
      await waitForText(table, 'Departamento inexistente: Marketing')
      await waitForText(page.locator('body'), 'Só erros (3)')
      await shot(hh, '03-previa-erros')
      await page.getByText('Todas (6)').click()
      await waitForText(table, GOOD[1].name)
      await waitForText(table, 'Pronta para importar')
      await shot(hh, '04-previa-todas')
    }),
  )

  test(
    'importar: as linhas válidas viram usuários e os convites chegam por e-mail; o resultado sobrevive a um recarregamento',
    step(async (hh) => {
      const { page } = hh
      assert.ok(await page.getByLabel('Enviar ao final da importação').isChecked())
      await page.getByRole('button', { name: 'Importar 3 linhas válidas' }).click()
      await waitForText(page.locator('body'), 'Importação concluída', 30_000)
      await waitForText(page.locator('body'), '3 usuários cadastrados')
      for (const g of GOOD) {
        const mail = await hh.waitForMail(g.email, { subject: INVITATION_SUBJECT, timeoutMs: 30_000 })
        assert.match(mail.text ?? '', /\/convite\?token=/)
      }
      await page.reload()
      await waitForText(page.locator('body'), 'Importação concluída')
      await page.getByRole('link', { name: 'Baixar relatório de erros' }).waitFor()
      await shot(hh, '05-concluida')
      const [{ n }] = await hh.sql<{ n: number }>(
        "select count(*)::int as n from client_users where email like '%@importado.com.br'",
      )
      assert.equal(n, 3)
      const [angela] = await hh.sql<{ cpf: string }>('select cpf from client_users where email = $1', [
        GOOD[1].email,
      ])
      assert.equal(angela.cpf, cpf(12345678), 'the leading zero restored')
    }),
  )

  test(
    'enviar a mesma planilha de novo não cria nada: as linhas aparecem como já cadastradas',
    step(async (hh) => {
      const { page } = hh
      await page.goto('/importacao')
      await uploadFile(page, file)
      await page.getByRole('button', { name: 'Validar planilha (prévia)' }).click()
      await page.getByRole('heading', { name: 'Prévia, linha a linha' }).waitFor()
      await page.getByText(/^Já cadastradas \(3\)$/).click()
      await waitForText(page.getByRole('table'), `E-mail já usado pelo usuário ${GOOD[0].name}`)
      const button = page.getByRole('button', { name: 'Nenhuma linha para importar' })
      assert.ok(await button.isDisabled())
      await shot(hh, '06-reenvio')
      const [{ n }] = await hh.sql<{ n: number }>(
        "select count(*)::int as n from client_users where email like '%@importado.com.br'",
      )
      assert.equal(n, 3)
    }),
  )

  test(
    'desfazer a importação remove os usuários criados',
    step(async (hh) => {
      const { page } = hh
      await page.goto(firstRunUrl)
      await page.getByRole('button', { name: 'Desfazer importação' }).click()
      const dialog = page.getByRole('dialog', { name: 'Desfazer importação' })
      await waitForText(dialog, 'Os 3 usuários criados por esta importação serão removidos')
      await shot(hh, '07-desfazer-confirmacao')
      await dialog.getByRole('button', { name: 'Desfazer' }).click()
      await waitForText(page.locator('body'), 'Os registros criados por esta importação foram removidos')
      await shot(hh, '08-desfeita')
      const [{ n }] = await hh.sql<{ n: number }>(
        "select count(*)::int as n from client_users where email like '%@importado.com.br'",
      )
      assert.equal(n, 0)
    }),
  )

  test(
    'uma planilha grande mostra a barra de progresso (linhas, velocidade, tempo restante), mesmo depois de recarregar',
    step(async (hh) => {
      const { page } = hh
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('Usuários')
      ws.addRow(['Name', 'Email', 'Phone'])
      for (let i = 1; i <= 2500; i++) ws.addRow([`Pessoa Número ${i} Lote`, `lote${i}@grande.com.br`, ''])
      const big = path.join(path.dirname(file), 'grande.xlsx')
      await wb.xlsx.writeFile(big)
      await page.goto('/importacao')
      await uploadFile(page, big)
      await page.getByRole('button', { name: 'Validar planilha (prévia)' }).click()
      await page.getByRole('heading', { name: 'Prévia, linha a linha' }).waitFor({ timeout: 60_000 })
      await page.getByLabel('Enviar mais tarde, pela lista de usuários').check()
      // The workers pause, so the page can be seen mid-way: two batches run by hand, then a reload.
      await hh.app.jobs.stop()
      await page.getByRole('button', { name: /^Importar 2\.500 linhas válidas$/ }).click()
      await waitForText(page.locator('body'), 'Importando…')
      const runId = new URL(page.url()).pathname.split('/').pop()!
      const [job] = await hh.sql<{ payload: { token: string } }>(
        "select payload from jobs where name = 'imports.run' and status = 'queued' and payload->>'runId' = $1",
        [runId],
      )
      // Batches of 500 for these two steps (the server's default is 5,000): the page shows 40 %.
      const deps = {
        db: hh.database.db,
        config: { ...hh.config, imports: { ...hh.config.imports, batchRows: 500 } },
        storage: createLocalStorage(path.join(hh.config.dataDir, 'imports')),
      }
      const tenantId = (
        await hh.sql<{ tenant_id: string }>('select tenant_id from import_runs where id = $1', [runId])
      )[0].tenant_id
      await new Promise((r) => setTimeout(r, 700))
      assert.equal(await importStep(deps, tenantId, runId, job.payload.token), 'more')
      assert.equal(await importStep(deps, tenantId, runId, job.payload.token), 'more')
      await waitForText(page.locator('body'), '1.000 de 2.500 linhas (40%)')
      await waitForText(page.locator('body'), /por segundo · faltam cerca de/)
      await page.getByRole('progressbar', { name: 'Progresso da importação' }).waitFor()
      await shot(hh, '09-progresso', true)
      await page.reload()
      await waitForText(page.locator('body'), '1.000 de 2.500 linhas (40%)')
      await hh.app.jobs.start()
      await waitForText(page.locator('body'), 'Importação concluída', 120_000)
      await waitForText(page.locator('body'), '2.500 usuários cadastrados')
      await shot(hh, '10-grande-concluida')
    }),
  )

  test(
    'as listas exportam para .xlsx e .csv com os filtros da tela',
    step(async (hh) => {
      const { page } = hh
      await navigation(page).getByRole('link', { name: 'Usuários de clientes', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/usuarios')
      await page.getByLabel('Buscar').fill('lote1')
      await page.waitForTimeout(400)
      await page.getByRole('button', { name: 'Exportar' }).click()
      await page.getByRole('menuitem', { name: 'Exportar .csv' }).waitFor()
      await shot(hh, '11-lista-usuarios-exportar')
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: 'Exportar .csv' }).click(),
      ])
      const text = readFileSync(await csv.path(), 'utf8')
      assert.match(text, /^\uFEFFNome;E-mail;CPF/)
      // lote1, lote10–19, lote100–199 and lote1000–1999 of the 2,500: the rows the search lists.
      const matching = Array.from({ length: 2500 }, (_, i) => String(i + 1)).filter((n) => n.startsWith('1'))
      assert.equal(text.trim().split('\r\n').length, 1 + matching.length)
      // Without the search the list is longer than an export holds: refused with what to do.
      await page.getByLabel('Buscar').fill('')
      await page.waitForTimeout(400)
      await page.getByRole('button', { name: 'Exportar' }).click()
      await page.getByRole('menuitem', { name: 'Exportar .csv' }).click()
      const refused = page.getByRole('alert').filter({ hasText: 'Não foi possível exportar' })
      await refused.waitFor()
      assert.match(
        String(await refused.textContent()),
        /A lista tem 2\.500 linhas e um arquivo leva até 2\.000\. Filtre a lista/,
      )
      await shot(hh, '11b-exportar-lista-grande-demais')
      await navigation(page).getByRole('link', { name: 'Clientes', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/clientes')
      await page.getByRole('button', { name: 'Exportar' }).click()
      await page.getByRole('menuitem', { name: 'Exportar .xlsx (Excel)' }).waitFor()
      await shot(hh, '12-clientes-exportar')
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: 'Exportar .xlsx (Excel)' }).click(),
      ])
      assert.match(xlsx.suggestedFilename(), /^clientes-\d{4}-\d{2}-\d{2}\.xlsx$/)
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile(await xlsx.path())
      assert.equal(book.worksheets[0].getCell('A1').value, 'Razão social / Nome')
      await navigation(page).getByRole('link', { name: 'Fichas cadastrais', exact: true }).click()
      await page.getByRole('button', { name: 'Exportar' }).waitFor()
      await shot(hh, '13-fichas-exportar')
      // The browser logs the refused export (413), expected; nothing else.
      const expected = /status of 413 .*\/api\/v1\/exports\/client-users\?format=csv\)$/
      assert.deepEqual(
        hh.consoleErrors.filter((e) => !expected.test(e)),
        [],
      )
      hh.consoleErrors.splice(0, hh.consoleErrors.length)
    }),
  )

  test(
    'ao fim do prazo de guarda, a importação mostra que os dados da planilha foram apagados',
    step(async (hh) => {
      const { page } = hh
      const runId = new URL(firstRunUrl, 'http://x').pathname.split('/').pop()!
      const [{ tenant_id: tenantId }] = await hh.sql<{ tenant_id: string }>(
        "update import_runs set created_at = created_at - interval '91 days' where id = $1 returning tenant_id",
        [runId],
      )
      const deps = {
        db: hh.database.db,
        config: hh.config,
        storage: createLocalStorage(path.join(hh.config.dataDir, 'imports')),
      }
      assert.equal(await purgeImport(deps, tenantId, runId), true)
      await page.goto(firstRunUrl)
      await waitForText(page.locator('body'), 'Dados da planilha apagados')
      await waitForText(page.locator('body'), 'ao fim do prazo de guarda de dados pessoais')
      assert.equal(await page.getByRole('link', { name: 'Baixar relatório de erros' }).count(), 0)
      await shot(hh, '14-dados-apagados')
      assert.deepEqual(hh.consoleErrors, [])
    }),
  )
})
