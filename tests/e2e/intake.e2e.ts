/**
 * The fichas cadastrais journey: an organisation sends an incomplete ficha through the provider's
 * public form with the original attached and gets the protocol by e-mail; the team checks it,
 * "Completa" is refused (phone missing), it is returned with the list of what is missing; the
 * sender corrects it through the e-mailed link; the team completes it, forwards it to the partner
 * (e-mail with the ficha as PDF), "Cadastrar" creates the client and its user with the invitation
 * held for the training, then it is registered, archived and found by protocol in the archive.
 * Last, a ficha whose deadline passed shows in red on the board with "Somente atrasadas".
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { addBusinessDays } from '#shared/business-days.ts'
import {
  type Harness,
  journeyStep,
  navigation,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
  openSection,
} from './harness.ts'

const SENDER = { name: 'Patrícia Nunes', email: 'patricia.nunes@saude.vilavelha.es.gov.br' }
const ORG = { name: 'Secretaria Municipal de Saúde de Vila Velha', cnpj: '27.485.612/0001-78' }
const UNIT = 'Unidade de Saúde Centro'
const RESPONSIBLE = {
  name: 'Roberto Almeida',
  email: 'roberto.almeida@saude.vilavelha.es.gov.br',
  phone: '(27) 99988-7766',
}
const USER = {
  name: 'Marcos Vinícius Teles',
  email: 'marcos.teles@saude.vilavelha.es.gov.br',
  profile: 'Solicitante',
}
const PARTNER = 'cadastro@parceiro.com.br'
const ATTACHMENT = 'ficha-original.pdf'
const PHONE_MISSING = 'Telefone do responsável'
const RETURN_NOTE = 'Informe o telefone do responsável com DDD.'
const LATE_ORG = 'Câmara Municipal de Cariacica'
const DUE_LATE = /Atrasada há (1 dia útil|\d+ dias úteis)/
const PROTOCOL = /^\d{8}-[A-Z0-9]{6}$/

describe('jornada: ficha cadastral, do formulário público ao arquivo', () => {
  let h: Harness | undefined
  let sender: Page | undefined
  let tmp = ''
  let pdfPath = ''
  let protocol = ''
  let fichaPath = ''
  let correctLink = ''
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
    // The sender uses a browser of their own (no staff session); the staff use the harness's page.
    sender = await h.newPage()
    tmp = await mkdtemp(path.join(tmpdir(), 'cadastra-e2e-ficha-'))
    pdfPath = path.join(tmp, ATTACHMENT)
    await writeFile(
      pdfPath,
      '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    )
  })
  after(async () => {
    await h?.close()
    if (tmp) await rm(tmp, { recursive: true, force: true })
  })

  test(
    'o remetente envia pelo formulário público uma ficha sem o telefone do responsável, com o original anexado',
    step(async ({ screenshot }) => {
      const page = senderPage()
      await page.goto('/fichas/enviar/demo')
      await page.getByRole('heading', { name: 'Ficha cadastral', level: 1 }).waitFor()
      await page.getByLabel('Nome do órgão ou entidade').fill(ORG.name)
      await page.getByLabel('CNPJ', { exact: true }).fill(ORG.cnpj.replace(/\D/g, ''))
      assert.equal(
        await page.getByLabel('CNPJ', { exact: true }).inputValue(),
        ORG.cnpj,
        'o CNPJ ganha a máscara',
      )
      await page.getByLabel('Nome da unidade').fill(UNIT)
      await page.getByLabel('Nome do responsável').fill(RESPONSIBLE.name)
      await page.getByLabel('E-mail do responsável').fill(RESPONSIBLE.email)
      await page.getByLabel('Nome do usuário 1').fill(USER.name)
      await page.getByLabel('E-mail do usuário 1').fill(USER.email)
      await page.getByLabel('Perfil de acesso do usuário 1').fill(USER.profile)
      await page.getByLabel('Seu nome').fill(SENDER.name)
      await page.getByLabel('Seu e-mail').fill(SENDER.email)

      const attachment = page.getByLabel('Original da ficha (PDF ou imagem)')
      const chooser = page.waitForEvent('filechooser')
      await attachment.click()
      await (await chooser).setFiles(pdfPath)
      await waitForText(attachment, ATTACHMENT)
      await waitForText(page.locator('form'), 'vai junto com a ficha ao enviar')
      await screenshot('40-ficha-formulario-publico', { page })

      await page.getByRole('button', { name: 'Enviar ficha' }).click()
      await page.getByRole('heading', { name: 'Ficha enviada', level: 1 }).waitFor()
      protocol = (await waitForText(page.getByTestId('ficha-protocol'), PROTOCOL)).trim()
      await waitForText(page.getByTestId('ficha-attachment'), `Anexo recebido: ${ATTACHMENT}`)
      await waitForText(page.locator('main'), SENDER.email)
      await screenshot('41-ficha-enviada', { page })
    }),
  )

  test(
    'o comprovante chega ao remetente com o protocolo no assunto',
    step(async ({ waitForMail }) => {
      const mail = await waitForMail(SENDER.email, { subject: protocol })
      assert.equal(mail.subject, `Ficha cadastral recebida — protocolo ${protocol}`)
      assert.match(mail.text ?? '', new RegExp(`O número de protocolo é ${protocol}\\.`))
      assert.match(mail.text ?? '', /\/fichas\/acompanhar\?protocolo=/)
    }),
  )

  test(
    'a equipe confere a ficha: anexo listado, "Completa" recusada por falta do telefone, devolvida com o item marcado',
    step(async ({ page, screenshot }) => {
      await signInAsAdmin(page)
      await openSection(page, 'Fichas cadastrais', '/fichas')
      const card = column(page, 'Recebida').getByRole('link', { name: `Ficha ${protocol} — ${ORG.name}` })
      await waitForText(card, ORG.cnpj)
      await waitForText(card, `Enviada por ${SENDER.name}`)
      await screenshot('42-quadro-de-fichas')

      await card.click()
      await page.waitForURL((url) => /^\/fichas\/[0-9a-f-]{36}$/.test(url.pathname))
      fichaPath = new URL(page.url()).pathname
      await page.getByRole('heading', { name: `Ficha ${protocol}`, level: 1 }).waitFor()
      await expectStatus(page, 'Recebida')
      const attachments = page.getByRole('region', { name: 'Anexos' })
      await waitForText(attachments, ATTACHMENT)
      assert.equal(
        await attachments.getByRole('link', { name: ATTACHMENT }).getAttribute('download'),
        ATTACHMENT,
      )
      await waitForText(page.getByRole('region', { name: 'Checklist' }), `Falta: ${PHONE_MISSING}`)

      await act(page, 'Iniciar verificação')
      await expectStatus(page, 'Em verificação')

      await act(page, 'Marcar como completa')
      const refusal = actions(page).getByRole('alert')
      await waitForText(refusal, `Falta: ${PHONE_MISSING}`)
      await expectStatus(page, 'Em verificação')
      await screenshot('43-ficha-completa-recusada')

      await act(page, 'Devolver para correção')
      const dialog = page.getByRole('dialog', { name: 'Devolver para correção' })
      await waitForText(dialog, SENDER.email)
      const missing = dialog.getByRole('group', { name: 'O que falta' })
      assert.ok(
        await missing.getByRole('checkbox', { name: PHONE_MISSING }).isChecked(),
        'o item que falta vem marcado',
      )
      const checked = missing.getByRole('checkbox', { checked: true })
      await waitForCount(checked, 1)
      await dialog.getByLabel('Observação').fill(RETURN_NOTE)
      await screenshot('44-ficha-devolver', { fullPage: false })
      await dialog.getByRole('button', { name: 'Devolver e avisar o remetente' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await expectStatus(page, 'Devolvida para correção')
      await waitForText(
        page.getByRole('region', { name: 'Checklist' }),
        `Pedido ao remetente na devolução ${PHONE_MISSING}`,
      )
    }),
  )

  test(
    'o pedido de correção chega com a lista e o link; o remetente informa o telefone e a ficha volta para "Recebida"',
    step(async ({ waitForMail, baseUrl, screenshot }) => {
      const mail = await waitForMail(SENDER.email, { subject: `Ficha ${protocol}: precisamos de correções` })
      const text = mail.text ?? ''
      assert.match(text, new RegExp(`• ${PHONE_MISSING}`))
      assert.match(text, new RegExp(`Observação da equipe: ${RETURN_NOTE}`))
      const found = text.match(/https?:\/\/\S+\/fichas\/acompanhar\?protocolo=[\w%-]+&chave=[\w%-]+/)
      assert.ok(found, `o texto do e-mail traz o link de correção: ${text}`)
      correctLink = found[0]
      assert.ok(correctLink.startsWith(`${baseUrl}/fichas/acompanhar?protocolo=${protocol}&`), correctLink)

      // Typed without the link's end, the page asks for the link; pasted whole, it opens the ficha.
      const page = senderPage()
      await page.goto('/fichas/acompanhar')
      await page.getByRole('heading', { name: 'Acompanhar ficha cadastral', level: 1 }).waitFor()
      await page
        .getByLabel('Link recebido por e-mail')
        .fill(`${baseUrl}/fichas/acompanhar?protocolo=${protocol}`)
      await page.getByRole('button', { name: 'Abrir a ficha' }).click()
      await page.getByText('Este não é o link de acompanhamento').waitFor()
      await screenshot('45-ficha-colar-link', { page })
      await page.getByLabel('Link recebido por e-mail').fill(correctLink)
      await page.getByRole('button', { name: 'Abrir a ficha' }).click()
      await waitForText(page.getByTestId('ficha-protocol'), protocol)
      await waitForText(page.getByTestId('ficha-status'), /Devolvida para correção/i)
      await waitForText(page.getByRole('list', { name: 'O que falta' }), PHONE_MISSING)
      assert.equal(
        await page.getByLabel('Nome do órgão ou entidade').inputValue(),
        ORG.name,
        'o que foi enviado vem preenchido',
      )
      await screenshot('45-ficha-correcao', { page })

      await page.getByLabel('Telefone do responsável').fill(RESPONSIBLE.phone.replace(/\D/g, ''))
      assert.equal(await page.getByLabel('Telefone do responsável').inputValue(), RESPONSIBLE.phone)
      await page.getByRole('button', { name: 'Enviar correção' }).click()
      await waitForText(page.getByTestId('ficha-status'), /^Recebida$/i)
      await page.getByText('Correção enviada. A equipe vai conferir a ficha de novo.').waitFor()
      assert.equal(
        await page.getByRole('button', { name: 'Enviar correção' }).count(),
        0,
        'a correção não fica aberta',
      )
      await screenshot('46-ficha-corrigida', { page })
    }),
  )

  test(
    'a equipe completa, encaminha ao parceiro (e-mail com o PDF da ficha) e cadastra: cliente criado, convite agendado',
    step(async ({ page, waitForMail, screenshot }) => {
      await page.reload()
      await expectStatus(page, 'Recebida')
      await waitForText(page.getByRole('region', { name: 'Histórico' }), `${SENDER.name} (correção)`)
      await waitForText(page.getByRole('region', { name: 'Responsável' }), RESPONSIBLE.phone)

      await act(page, 'Iniciar verificação')
      await expectStatus(page, 'Em verificação')
      await act(page, 'Marcar como completa')
      await expectStatus(page, 'Completa')
      await waitForText(
        page.getByRole('region', { name: 'Checklist' }),
        'Todos os itens exigidos estão preenchidos.',
      )

      await act(page, 'Encaminhar')
      const forward = page.getByRole('dialog', { name: 'Encaminhar ficha' })
      await forward.getByLabel('E-mail da equipe ou parceiro').fill(PARTNER)
      await forward.getByRole('button', { name: 'Encaminhar e enviar e-mail' }).click()
      await forward.waitFor({ state: 'hidden' })
      await expectStatus(page, 'Encaminhada')
      await waitForText(page.getByRole('region', { name: 'Histórico' }), `Encaminhada para ${PARTNER}`)

      const mail = await waitForMail(PARTNER)
      assert.equal(mail.subject, `Ficha cadastral ${protocol} encaminhada para cadastro`)
      assert.match(
        mail.text ?? '',
        new RegExp(`Usuários: ${USER.name} <${USER.email}> \\(${USER.profile}\\)`),
      )
      const pdf = mail.attachments.find((a) => a.filename === `ficha-${protocol}.pdf`)
      assert.ok(pdf, `o PDF da ficha vai anexado: ${mail.attachments.map((a) => a.filename).join(', ')}`)
      assert.equal(pdf.contentType, 'application/pdf')
      assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-', 'o anexo é um PDF de verdade')

      await act(page, 'Cadastrar')
      const register = page.getByRole('dialog', { name: 'Cadastrar cliente e usuários' })
      await waitForText(register, `Cria o cliente ${ORG.name} (CNPJ ${ORG.cnpj})`)
      await waitForText(register, `${USER.name} (${USER.email})`)
      await waitForText(register, 'os convites ficam agendados até o treinamento')
      await screenshot('47-ficha-cadastrar', { fullPage: false })
      await register.getByRole('button', { name: 'Cadastrar', exact: true }).click()
      await register.waitFor({ state: 'hidden' })
      await expectStatus(page, 'Aguardando treinamento')
      const note = `Cliente criado: ${ORG.name}. 1 usuário cadastrado. Unidade ainda não treinada: convites aguardam o treinamento.`
      await waitForText(page.getByTestId('ficha-registered'), note)
      await waitForText(page.getByRole('region', { name: 'Histórico' }), note)
      await screenshot('48-ficha-aguardando-treinamento')

      await navigation(page).getByRole('link', { name: 'Clientes', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/clientes')
      const client = page
        .getByRole('table', { name: 'Clientes' })
        .getByRole('row')
        .filter({ hasText: ORG.name })
      await waitForText(client, ORG.cnpj)

      await navigation(page).getByRole('link', { name: 'Usuários de clientes', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/usuarios')
      const row = page
        .getByRole('table', { name: 'Usuários de clientes' })
        .getByRole('row')
        .filter({ hasText: USER.name })
      await waitForText(row, USER.email)
      const cells = await cellTexts(row)
      assert.deepEqual(cells.slice(0, 4), [USER.name, USER.email, ORG.name, 'Agendado'])
      await screenshot('49-usuario-da-ficha-agendado')
    }),
  )

  test(
    'a equipe marca como cadastrada, arquiva, e a busca do arquivo encontra a ficha pelo protocolo',
    step(async ({ page, smtp, screenshot }) => {
      await page.goto(fichaPath)
      await expectStatus(page, 'Aguardando treinamento')
      await act(page, 'Marcar como cadastrada')
      const done = page.getByRole('dialog', { name: 'Marcar como cadastrada' })
      await done.getByRole('button', { name: 'Confirmar' }).click()
      await done.waitFor({ state: 'hidden' })
      await expectStatus(page, 'Cadastrada')

      await act(page, 'Arquivar')
      const archive = page.getByRole('dialog', { name: 'Arquivar ficha' })
      await archive.getByRole('button', { name: 'Confirmar' }).click()
      await archive.waitFor({ state: 'hidden' })
      await expectStatus(page, 'Arquivada')
      await waitForText(actions(page), 'Nenhuma ação: a ficha está arquivada.')

      await navigation(page).getByRole('link', { name: 'Fichas cadastrais', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/fichas')
      await waitForText(page.getByRole('main'), 'nenhuma atrasada')
      assert.equal(
        await page.getByRole('link', { name: new RegExp(`^Ficha ${protocol}`) }).count(),
        0,
        'arquivada sai do quadro',
      )
      await page.getByLabel('Buscar').fill(protocol)
      await waitForText(page.getByRole('main'), '1 ficha encontrada')
      await column(page, 'Arquivada')
        .getByRole('link', { name: `Ficha ${protocol} — ${ORG.name}` })
        .waitFor()
      await screenshot('50-busca-no-arquivo')

      // The unit was never trained: no invitation went to the user (it waits for the training).
      const toUser = smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes(USER.email))
      assert.deepEqual(
        toUser.map((m) => m.subject),
        [],
        'nenhum convite antes do treinamento',
      )
    }),
  )

  test(
    'uma ficha com o prazo vencido aparece em vermelho em "Somente atrasadas"',
    step(async ({ page, sql, screenshot, consoleErrors }) => {
      // Another ficha through the public API, with the staff session's CSRF token.
      const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }
      const res = await page.request.post('/api/v1/public/fichas/demo', {
        headers: { 'x-csrf-token': session.csrfToken },
        data: {
          senderName: 'Jorge Prates',
          senderEmail: 'jorge.prates@cariacica.es.leg.br',
          data: { organization: { name: LATE_ORG } },
        },
      })
      assert.equal(res.status(), 201, await res.text())
      const late = ((await res.json()) as { protocol: string }).protocol
      // No API moves a deadline: put this one three business days in the past.
      const dueOn = addBusinessDays(new Date(), -3)
      const updated = await sql('update fichas set due_on = $1 where protocol = $2 returning id', [
        dueOn,
        late,
      ])
      assert.equal(updated.length, 1)

      await page.reload()
      await page.getByRole('heading', { name: 'Fichas cadastrais', level: 1 }).waitFor()
      await waitForText(page.getByRole('main'), '1 ficha em andamento, 1 atrasada')
      await page.getByRole('switch', { name: 'Somente atrasadas' }).click()
      await waitForText(page.getByRole('main'), '1 ficha encontrada')
      await waitForCount(page.getByTestId('ficha-card'), 1)
      const card = column(page, 'Recebida').getByRole('link', { name: `Ficha ${late} — ${LATE_ORG}` })
      const badge = card.locator('[data-due="atrasado"]')
      await waitForText(badge, DUE_LATE)
      const colors = await badge.evaluate((el) => {
        const card = el.closest('a')
        return {
          background: getComputedStyle(el).backgroundColor,
          border: card ? getComputedStyle(card).borderLeftColor : '',
        }
      })
      assert.ok(isRed(colors.background), `o selo é vermelho: ${colors.background}`)
      assert.ok(isRed(colors.border), `a borda do cartão é vermelha: ${colors.border}`)
      // One column fits: no horizontal scrollbar left over from the full board.
      await waitForCount(
        page.locator('.mantine-ScrollArea-scrollbar[data-orientation="horizontal"]:visible'),
        0,
      )
      await screenshot('51-quadro-somente-atrasadas')

      // The only errors the browsers saw: the refused "Marcar como completa" (409).
      const unexpected = consoleErrors.filter(
        (e) => !/status of 409 .*\/api\/v1\/fichas\/[0-9a-f-]{36}\/transition\)$/.test(e),
      )
      assert.deepEqual(unexpected, [], 'nenhum outro erro no console')
    }),
  )

  function senderPage(): Page {
    if (!sender) throw new Error('o navegador do remetente não abriu')
    return sender
  }
})

/** The ficha page's "Ações" box. */
function actions(page: Page): Locator {
  return page.getByRole('region', { name: 'Ações' })
}

/** Clicks a button of the "Ações" box. */
async function act(page: Page, label: string): Promise<void> {
  await actions(page).getByRole('button', { name: label, exact: true }).click()
}

/** Waits for the ficha page's status badge (upper-cased by CSS: compared without case). */
async function expectStatus(page: Page, label: string): Promise<void> {
  await waitForText(page.getByTestId('ficha-status'), new RegExp(`^${label}$`, 'i'))
}

/** A column of the board. */
function column(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true })
}

/** The cells of a table row as their text content (not upper-cased by CSS), spaces collapsed. */
async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.getByRole('cell').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim())
}

/** "rgb(250, 82, 82)" and the like: a clearly red colour. */
function isRed(color: string): boolean {
  const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number)
  return r >= 180 && g <= 110 && b <= 110
}
