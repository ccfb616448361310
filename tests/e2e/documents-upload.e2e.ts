/**
 * Several documents at once: staff pick three files for the Fiscal folder of a client (two PDFs and
 * a program the server refuses), see "Enviando n de 3" with a progress bar, then one summary — the
 * good ones in the list, the refused one in an alert with the server's reason — and the folder is
 * read again once; then a file dragged from the computer onto the folder is sent too.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { TestClient } from '../helpers/client.ts'
import {
  DEMO_ADMIN,
  type Harness,
  journeyStep,
  openClientTab,
  RESULTS_DIR,
  settle,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
} from './harness.ts'

const COMPANY = 'Padaria Pão Quente Ltda'
const GOOD = ['Holerite março 2026 - Ana.pdf', 'Holerite março 2026 - Bruno.pdf']
const REFUSED = 'programa.exe'
const DROPPED = 'Recibo de férias.pdf'
const TYPE_REFUSED =
  'Tipo de arquivo não aceito. Envie PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), CSV, TXT, XML (NF-e e outros) ou OFX (extrato bancário).'

const pdf = (title: string) =>
  `%PDF-1.4\n1 0 obj << /Type /Catalog /Title (${title}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`

/** Saves the page to test-results/e2e/docs-upload-<name>.png. */
async function shot(h: Harness, page: Page, name: string) {
  await settle(page)
  await h.screenshot(`docs-upload-${name}`, { page })
}

/**
 * The same while something keeps moving (the progress bar and the button's loader run until the
 * upload ends, so waiting for animations would wait for the end).
 */
async function shotNow(page: Page, name: string) {
  await page.screenshot({
    path: path.join(RESULTS_DIR, `docs-upload-${name}.png`),
    fullPage: true,
    animations: 'disabled',
  })
}

describe('jornada: enviar vários documentos de uma vez e arrastando', () => {
  let h: Harness | undefined
  let orgId = ''
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
    const staff = new TestClient(h.app)
    await staff.login(DEMO_ADMIN.email, DEMO_ADMIN.password)
    const orgs = await staff.get(`/api/v1/client-orgs?search=${encodeURIComponent('Pão Quente')}`)
    orgId = orgs.body.items.find((o: { name: string }) => o.name === COMPANY).id
  })
  after(async () => {
    await h?.close()
  })

  test(
    'a equipe envia três arquivos de uma vez: progresso, os PDFs na pasta e o recusado no aviso',
    step(async (h) => {
      const { page } = h
      await signInAsAdmin(page)
      await openClientTab(page, orgId, COMPANY, 'Documentos')
      await page
        .getByRole('navigation', { name: 'Pastas por departamento' })
        .getByRole('group', { name: 'Departamento Fiscal' })
        .getByTestId('folder-node')
        .filter({ hasText: 'Fiscal' })
        .click()
      await page.getByRole('heading', { name: 'Fiscal', level: 2 }).waitFor()
      await page.getByText('Pasta vazia').waitFor()
      await shot(h, page, '01-pasta-vazia')

      // Each upload answers a little late, so that the progress can be seen; count the requests.
      const uploads: string[] = []
      const folderReads: string[] = []
      await page.route('**/api/v1/documents/folders/*/documents', async (route) => {
        uploads.push(route.request().url())
        await new Promise((r) => setTimeout(r, 700))
        await route.continue()
      })
      page.on('request', (request) => {
        if (request.method() === 'GET' && /\/api\/v1\/documents\/folders\/[^/]+$/.test(request.url()))
          folderReads.push(request.url())
      })

      await page.getByLabel('Arquivos para enviar').setInputFiles([
        { name: GOOD[0]!, mimeType: 'application/pdf', buffer: Buffer.from(pdf('Ana')) },
        {
          name: REFUSED,
          mimeType: 'application/octet-stream',
          buffer: Buffer.from('MZ\x90\x00\x03programa'),
        },
        { name: GOOD[1]!, mimeType: 'application/pdf', buffer: Buffer.from(pdf('Bruno')) },
      ])
      const progress = page.getByTestId('upload-progress')
      await waitForText(progress, `Enviando 1 de 3: ${GOOD[0]}`)
      await page.getByRole('progressbar', { name: 'Progresso do envio dos documentos' }).waitFor()
      await waitForText(progress, `Enviando 2 de 3: ${REFUSED}`)
      // Nothing else on the folder meanwhile.
      assert.equal(await page.getByRole('button', { name: 'Nova pasta', exact: true }).isDisabled(), true)
      assert.equal(await page.getByRole('button', { name: 'Enviar documento' }).isDisabled(), true)
      await shotNow(page, '02-enviando')

      await page.getByText(`2 documentos enviados para Fiscal.`).waitFor()
      const refusals = page.getByRole('alert').filter({ hasText: 'não foi enviado' })
      await waitForText(refusals, '1 de 3 arquivos não foi enviado:')
      await waitForText(refusals, `${REFUSED} — ${TYPE_REFUSED}`)
      await progress.waitFor({ state: 'detached' })
      const rows = page.getByTestId('document-row')
      await waitForCount(rows, 2)
      for (const name of GOOD) await rows.filter({ hasText: name }).waitFor()
      assert.equal(await rows.filter({ hasText: 'programa' }).count(), 0)
      assert.equal(uploads.length, 3, 'one request per file')
      assert.equal(folderReads.length, 1, 'the folder is read again once, at the end')
      assert.equal(await page.getByRole('button', { name: 'Nova pasta', exact: true }).isDisabled(), false)
      await shot(h, page, '03-resumo')

      await refusals.getByRole('button', { name: 'Fechar o aviso' }).click()
      await refusals.waitFor({ state: 'detached' })
      await page.unroute('**/api/v1/documents/folders/*/documents')
    }),
  )

  test(
    'a equipe arrasta um arquivo do computador para a pasta e ele é enviado',
    step(async (h) => {
      const { page } = h
      const zone = page.getByTestId('folder-drop-zone')
      // The area adds nothing to the keyboard order: the upload button is still the way in.
      assert.equal(await zone.getAttribute('tabindex'), null)
      const dataTransfer = await page.evaluateHandle(
        ({ name, text }) => {
          const data = new DataTransfer()
          data.items.add(new File([text], name, { type: 'application/pdf' }))
          return data
        },
        { name: DROPPED, text: pdf('férias') },
      )
      await zone.dispatchEvent('dragenter', { dataTransfer })
      await zone.dispatchEvent('dragover', { dataTransfer })
      const overlay = page.getByTestId('drop-overlay')
      await waitForText(overlay, 'Solte os arquivos para enviar a Fiscal')
      await shot(h, page, '04-arrastando')

      await zone.dispatchEvent('drop', { dataTransfer })
      await overlay.waitFor({ state: 'detached' })
      await page.getByText(`${DROPPED} enviado para Fiscal.`).waitFor()
      const rows = page.getByTestId('document-row')
      await waitForCount(rows, 3)
      await rows.filter({ hasText: DROPPED }).waitFor()
      await shot(h, page, '05-solto')

      // Only the browser's note on the refused upload (415) reached the console.
      assert.deepEqual(
        h.consoleErrors.filter((e) => !e.includes('status of 415')),
        [],
      )
    }),
  )

  test(
    '"Baixar tudo (.zip)" traz os documentos da pasta em um arquivo .zip',
    step(async (h) => {
      const { page } = h
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Baixar tudo (.zip)' }).click(),
      ])
      assert.equal(download.suggestedFilename(), 'Fiscal.zip')
      const names = await zipNames(readFileSync(await download.path()))
      assert.deepEqual(names, [...GOOD, DROPPED].map((n) => `Fiscal/${n}`).sort())
      await shot(h, page, '06-baixar-tudo')
    }),
  )
})

/** The entries of a .zip, read by Python's zipfile (another program than the one that wrote it). */
async function zipNames(bytes: Buffer): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadastra-e2e-zip-'))
  try {
    writeFileSync(path.join(dir, 'p.zip'), bytes)
    const { stdout } = await promisify(execFile)('python3', [
      '-c',
      'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps(sorted(z.namelist())))',
      path.join(dir, 'p.zip'),
    ])
    return JSON.parse(stdout)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
