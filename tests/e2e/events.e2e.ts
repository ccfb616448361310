/**
 * The events journey: the team creates an online training open to the public with two sessions
 * (secondary events), a visitor registers through the public page, the team confirms the event and
 * answers "Sim, enviar" (an individual e-mail with the .ics invitation and the personal join link),
 * the participant opens the link early (countdown) and inside the window (redirect to the
 * conference, attendance recorded) with the server's clock moved by the test, the team finishes the
 * event and issues the certificates, and the certificate's PDF and verification page are checked.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { ParsedMail } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { formatDate, formatDateTime, formatTime } from '#shared/format.ts'
import {
  type Harness,
  journeyStep,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
  openSection,
} from './harness.ts'

const EVENT = {
  description: 'Acolhimento humanizado na atenção primária',
  type: 'Treinamento aberto ao público',
  capacity: '30',
  workload: '3',
}
const SESSIONS = [
  { description: 'Módulo 1 — Conceitos e escuta qualificada', from: 0, to: 55 },
  { description: 'Módulo 2 — Prática supervisionada', from: 65, to: 120 },
]
const PARTICIPANT = {
  name: 'Helena Duarte Siqueira',
  email: 'helena.siqueira@exemplo.com.br',
  cpf: '52998224725',
  cpfFormatted: '529.982.247-25',
  cpfMasked: '***.982.247-**',
}
const CONFERENCE_TITLE = 'Sala da conferência'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const JOIN_LINK = /https?:\/\/\S+\/entrar\/[0-9a-f]{32}\.[\w-]{24}/
const CERTIFICATE_CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/

describe('jornada: evento online, da criação ao certificado verificado', () => {
  let h: Harness | undefined
  let visitor: Page | undefined
  let conference: Conference | undefined
  let tmp = ''
  // About three hours from now, on a quarter hour, for two hours.
  const startsAt = new Date(Math.ceil((Date.now() + 3 * HOUR) / (15 * MINUTE)) * 15 * MINUTE)
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR)
  let mainPath = ''
  let code = ''
  const sessionPaths: string[] = []
  let publicUrl = ''
  let joinLink = ''
  let certificateCode = ''
  let verifyLink = ''
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
    // The participant uses a browser of their own (no staff session); the staff use the harness's page.
    visitor = await h.newPage()
    conference = await startConference()
    tmp = await mkdtemp(path.join(tmpdir(), 'cadastra-e2e-evento-'))
  })
  after(async () => {
    h?.clock.setOffset(0)
    await h?.close()
    await conference?.close()
    if (tmp) await rm(tmp, { recursive: true, force: true })
  })

  test(
    'a equipe cria o evento principal: treinamento aberto ao público, online, inscrição pública, 3 h',
    step(async ({ page, screenshot }) => {
      await signInAsAdmin(page)
      await openSection(page, 'Eventos e treinamentos', '/eventos')

      await page.getByRole('link', { name: 'Novo evento', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/eventos/novo')
      await page.getByRole('heading', { name: 'Novo evento', level: 1 }).waitFor()
      await page.getByLabel('Descrição').fill(EVENT.description)
      await page.getByRole('combobox', { name: 'Tipo' }).click()
      await page.getByRole('option', { name: EVENT.type, exact: true }).click()
      await fillPeriod(page, startsAt, endsAt)
      await page.getByLabel('Link da conferência').fill(conferenceApi().url)
      await page.getByLabel('Capacidade').fill(EVENT.capacity)
      await page.getByLabel('Carga horária').fill(EVENT.workload)
      await page.getByRole('switch', { name: 'Inscrição pública' }).check()
      assert.equal(await page.getByRole('combobox', { name: 'Tipo' }).inputValue(), EVENT.type)
      await page.evaluate(() => window.scrollTo(0, 0))
      await screenshot('60-evento-novo')

      await page.getByRole('button', { name: 'Salvar', exact: true }).click()
      await page.waitForURL((url) => /^\/eventos\/[0-9a-f-]{36}$/.test(url.pathname))
      mainPath = new URL(page.url()).pathname
      await page.getByRole('heading', { name: EVENT.description, level: 1 }).waitFor()
      await page.getByText('Evento salvo.', { exact: true }).waitFor()
      const data = dataPanel(page)
      code = await fieldText(data, 'Código')
      assert.match(code, /^\d+$/, `o evento ganha um código: ${code}`)
      assert.ok((await fieldText(data, 'Tipo')).startsWith(EVENT.type))
      assert.equal(await fieldText(data, 'Status'), 'Aberto')
      assert.equal(await fieldText(data, 'Link da conferência'), conferenceApi().url)
      assert.equal(await fieldText(data, 'Inscrição pública'), 'Aberta')
      assert.equal(await fieldText(data, 'Carga horária'), '3 h')
      // Less than a day before the start: the eve's reminder has no moment left.
      const reminderAt = new Date(startsAt.getTime() - 24 * HOUR)
      assert.equal(
        await fieldText(data, 'Lembrete'),
        `Não enviado (previsto para ${formatDateTime(reminderAt)})`,
      )
      assert.equal(await fieldText(data, 'Vagas'), '0/30 inscritos')
      await waitForText(field(data, 'Data e horário'), formatDate(startsAt))
      await waitForText(field(data, 'Data e horário'), formatTime(startsAt))
      await waitForText(field(data, 'Data e horário'), formatTime(endsAt))
      await screenshot('61-evento-criado')
    }),
  )

  test(
    'a equipe adiciona duas sessões (eventos secundários) pelo menu "Outros"',
    step(async ({ page, screenshot }) => {
      for (const [i, session] of SESSIONS.entries()) {
        await page.goto(mainPath)
        await page.getByRole('heading', { name: EVENT.description, level: 1 }).waitFor()
        await page.getByRole('button', { name: 'Outros' }).click()
        await page.getByRole('menuitem', { name: 'Adicionar evento secundário' }).click()
        await page.waitForURL((url) => url.pathname === '/eventos/novo' && url.search.includes('principal='))
        await page.getByRole('heading', { name: 'Novo evento secundário', level: 1 }).waitFor()
        // The main event comes chosen, and what it decides is not asked again.
        const main = page.getByRole('combobox', { name: 'Evento principal' })
        await waitForValue(main, new RegExp(`^${code} — ${EVENT.description} \\(`))
        await waitForText(page.getByRole('alert').filter({ hasText: 'Segue o evento principal' }), code)
        assert.equal(await page.getByLabel('Link da conferência').count(), 0)
        await page.getByLabel('Descrição').fill(session.description)
        await fillPeriod(
          page,
          new Date(startsAt.getTime() + session.from * MINUTE),
          new Date(startsAt.getTime() + session.to * MINUTE),
        )
        if (i === 0) await screenshot('62-sessao-nova')
        await page.getByRole('button', { name: 'Salvar', exact: true }).click()
        await page.waitForURL(
          (url) => /^\/eventos\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== mainPath,
        )
        sessionPaths.push(new URL(page.url()).pathname)
        await page.getByRole('heading', { name: session.description, level: 1 }).waitFor()
        await waitForText(page.getByRole('main'), `sessão do evento ${code}`)
        // Inherited from the main event.
        assert.equal(await fieldText(dataPanel(page), 'Link da conferência'), conferenceApi().url)
      }

      await page.goto(mainPath)
      const table = page.getByRole('table', { name: 'Eventos secundários' })
      await waitForCount(table.getByRole('row'), 1 + SESSIONS.length)
      for (const session of SESSIONS) await waitForText(table, session.description)
      await screenshot('63-evento-com-sessoes')
    }),
  )

  test(
    'a página pública (aberta pelo menu) aceita a inscrição de uma visitante com CPF',
    step(async ({ page, screenshot, waitForMail }) => {
      const popup = page.context().waitForEvent('page')
      await page.getByRole('button', { name: 'Outros' }).click()
      await page.getByRole('menuitem', { name: 'Abrir página pública' }).click()
      const opened = await popup
      await opened.waitForURL((url) => url.pathname.startsWith('/e/'))
      publicUrl = opened.url()
      await opened.close()
      assert.equal(await fieldText(dataPanel(page), 'Link público'), publicUrl, 'o mesmo link em "Dados"')

      const v = visitorPage()
      await v.goto(publicUrl)
      await v.getByRole('heading', { name: EVENT.description, level: 1 }).waitFor()
      const main = v.getByRole('main')
      await waitForText(main, EVENT.type)
      await waitForText(main, '3 horas')
      await waitForText(v.getByTestId('event-spots'), '30 vagas restantes')
      const program = v.getByRole('list')
      for (const session of SESSIONS) await waitForText(program, session.description)

      await v.getByRole('textbox', { name: 'Nome' }).fill(PARTICIPANT.name)
      await v.getByRole('textbox', { name: 'E-mail' }).fill(PARTICIPANT.email)
      await v.getByRole('textbox', { name: 'CPF' }).fill(PARTICIPANT.cpf)
      assert.equal(await v.getByRole('textbox', { name: 'CPF' }).inputValue(), PARTICIPANT.cpfFormatted)
      await v.getByRole('checkbox').check()
      await screenshot('64-pagina-publica-inscricao', { page: v })

      await v.getByRole('button', { name: 'Inscrever-me' }).click()
      await waitForText(
        v.getByTestId('registration-result'),
        'Inscrição confirmada! Enviamos os detalhes e o seu link de acesso para o seu e-mail.',
      )
      await screenshot('65-pagina-publica-inscrita', { page: v })

      const mail = await waitForMail(PARTICIPANT.email, { subject: 'Inscrição confirmada:' })
      assert.equal(mail.subject, `Inscrição confirmada: ${EVENT.description}`)
      assert.match(mail.text ?? '', JOIN_LINK)
      assert.match(ics(mail).text, /^SEQUENCE:0$/m, 'a inscrição leva o convite na versão 0')
    }),
  )

  test(
    'as duas sessões listam a participante inscrita no evento principal',
    step(async ({ page, screenshot }) => {
      for (const [i, sessionPath] of sessionPaths.entries()) {
        await page.goto(`${sessionPath}?aba=participantes`)
        const row = participantRow(page)
        await waitForText(row, PARTICIPANT.email)
        await waitForText(row, 'via principal')
        assert.equal((await row.getByRole('cell').nth(1).textContent())?.trim(), PARTICIPANT.cpfMasked)
        if (i === 0) await screenshot('66-sessao-participantes')
        // A session's certificates are issued by the main event: not offered here.
        await page.getByRole('button', { name: 'Outros' }).click()
        await page.getByRole('menuitem', { name: 'Abrir página pública' }).waitFor()
        await waitForCount(page.getByRole('menuitem', { name: 'Emitir certificados' }), 0)
        await page.keyboard.press('Escape')
      }
    }),
  )

  test(
    'a equipe confirma o evento e responde "Sim, enviar": e-mail individual com o convite .ics e o link pessoal',
    step(async ({ page, screenshot, waitForMail, baseUrl }) => {
      await page.goto(mainPath)
      await page.getByRole('link', { name: 'Editar', exact: true }).click()
      await page.waitForURL((url) => url.pathname === `${mainPath}/editar`)
      await page.getByRole('heading', { name: `Editar evento ${code}`, level: 1 }).waitFor()
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Confirmado' })
      await page.getByText('Muda de Aberto para Confirmado.').waitFor()
      await page.getByRole('button', { name: 'Salvar', exact: true }).click()
      const ask = page.getByRole('dialog', { name: 'Enviar e-mail aos participantes?' })
      await waitForText(ask, 'O status do evento muda de Aberto para Confirmado.')
      await screenshot('67-confirmar-enviar-email', { fullPage: false })
      await ask.getByRole('button', { name: 'Sim, enviar' }).click()
      await page.waitForURL((url) => url.pathname === mainPath)
      await page.getByText('Evento salvo. 1 e-mail na fila.').waitFor()
      await waitForText(field(dataPanel(page), 'Status'), 'Confirmado')

      const mail = await waitForMail(PARTICIPANT.email, { subject: 'Evento confirmado:' })
      assert.equal(mail.subject, `Evento confirmado: ${EVENT.description}`)
      assert.deepEqual(addresses(mail.to), [PARTICIPANT.email], 'um destinatário só')
      assert.deepEqual([...addresses(mail.cc), ...addresses(mail.bcc)], [], 'sem cópias')
      const text = mail.text ?? ''
      assert.match(text, /Olá, Helena!/)
      assert.match(text, /está confirmado\./)
      for (const session of SESSIONS)
        assert.ok(text.includes(session.description), `sessão no e-mail: ${text}`)
      const found = text.match(JOIN_LINK)
      assert.ok(found, `o texto do e-mail traz o link pessoal: ${text}`)
      joinLink = found[0]
      assert.ok(joinLink.startsWith(`${baseUrl}/entrar/`), joinLink)
      assert.ok(String(mail.html).includes(joinLink), 'a versão HTML traz o mesmo link')

      const invite = ics(mail)
      assert.equal(invite.filename, 'convite.ics')
      assert.match(invite.contentType, /^text\/calendar/)
      assert.match(invite.text, /^METHOD:REQUEST$/m)
      const sequence = Number(/^SEQUENCE:(\d+)$/m.exec(invite.text)?.[1])
      assert.ok(sequence >= 1, `SEQUENCE sobe com a mudança de status: ${sequence}`)
      assert.match(invite.text, new RegExp(`^DTSTART:${icsUtc(startsAt)}$`, 'm'))
      assert.match(invite.text, new RegExp(`^DTEND:${icsUtc(endsAt)}$`, 'm'))
      assert.match(invite.text, new RegExp(`^ATTENDEE;.*:mailto:${PARTICIPANT.email}$`, 'm'))
      assert.ok(invite.text.includes(`URL:${joinLink}`), 'o convite leva o link pessoal')

      await page.getByRole('tab', { name: 'E-mails' }).click()
      const log = page.getByRole('table', { name: 'E-mails do evento' })
      await waitForText(log, 'Mudança de status')
      await waitForText(log, 'Confirmação de inscrição')
      await screenshot('68-evento-emails')
    }),
  )

  test(
    'o link aberto cedo mostra a contagem regressiva até a abertura, uma hora antes do início',
    step(async ({ screenshot }) => {
      const v = visitorPage()
      await v.goto(joinLink)
      await v.waitForURL((url) => url.pathname.startsWith('/evento/entrar/'))
      await v.getByRole('heading', { name: 'Acesso ao evento', level: 1 }).waitFor()
      await waitForText(v.getByRole('main'), 'Olá, Helena! Sua inscrição está confirmada.')
      const opensAt = new Date(startsAt.getTime() - HOUR)
      const countdown = await waitForText(
        v.getByTestId('join-countdown'),
        /^Faltam [12] h \d{2} min \d{2} s$/,
      )
      const [hh, mm, ss] = (countdown.match(/\d+/g) ?? []).map(Number)
      const left = ((hh * 60 + mm) * 60 + ss) * 1000
      assert.ok(
        Math.abs(left - (opensAt.getTime() - Date.now())) < 5000,
        `a contagem vai até a abertura: "${countdown}"`,
      )
      await waitForText(
        v.getByTestId('join-opens-at'),
        `O acesso abre às ${formatTime(opensAt)} de ${formatDate(opensAt).slice(0, 5)} (uma hora antes do início).`,
      )
      assert.equal(conferenceApi().hits, 0, 'ninguém foi levado à conferência')
      await screenshot('69-entrar-contagem-regressiva', { page: v })
    }),
  )

  test(
    'dentro da janela o link leva à sala da conferência e a presença aparece em "Participantes"',
    step(async ({ page, clock, screenshot }) => {
      // Half an hour before the start: inside the window that opens an hour before.
      clock.setOffset(startsAt.getTime() - 30 * MINUTE - Date.now())
      const before = clock.now()
      const v = visitorPage()
      await v.goto(joinLink)
      await v.waitForURL(conferenceApi().url)
      await v.getByRole('heading', { name: CONFERENCE_TITLE }).waitFor()
      const after = clock.now()
      assert.equal(conferenceApi().hits, 1)

      await page.goto(`${mainPath}?aba=participantes`)
      const row = participantRow(page)
      await waitForText(row, 'Presente')
      const shown = await waitForText(row, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · pelo link/)
      const when = [formatDateTime(before), formatDateTime(after)]
      assert.ok(
        when.some((w) => shown.includes(`${w} · pelo link`)),
        `presença registrada na hora do relógio do servidor (${when.join(' ou ')}): ${shown}`,
      )
      assert.ok(await row.getByRole('checkbox', { name: `Presença de ${PARTICIPANT.name}` }).isChecked())
      await screenshot('70-presenca-pelo-link')
    }),
  )

  test(
    'depois do término a equipe marca o evento como realizado e emite os certificados; o PDF chega por e-mail',
    step(async ({ page, clock, smtp, screenshot, waitForMail }) => {
      clock.setOffset(endsAt.getTime() + 10 * MINUTE - Date.now())
      await page.goto(`${mainPath}/editar`)
      await page.getByRole('heading', { name: `Editar evento ${code}`, level: 1 }).waitFor()
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Realizado' })
      await page.getByRole('button', { name: 'Salvar', exact: true }).click()
      const ask = page.getByRole('dialog', { name: 'Enviar e-mail aos participantes?' })
      await ask.getByRole('button', { name: 'Não', exact: true }).click()
      await page.waitForURL((url) => url.pathname === mainPath)
      await waitForText(field(dataPanel(page), 'Status'), 'Realizado')
      assert.equal(await fieldText(dataPanel(page), 'Presentes'), '1')

      await page.getByRole('button', { name: 'Outros' }).click()
      await page.getByRole('menuitem', { name: 'Emitir certificados' }).click()
      await page.getByText('Emissão de certificados iniciada: os participantes recebem por e-mail.').waitFor()

      const mail = await waitForMail(PARTICIPANT.email, { subject: 'Certificado:' })
      assert.equal(mail.subject, `Certificado: ${EVENT.description}`)
      assert.deepEqual(addresses(mail.to), [PARTICIPANT.email])
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')
      assert.ok(pdf, `o PDF vai anexado: ${mail.attachments.map((a) => a.filename).join(', ')}`)
      assert.match(pdf.filename ?? '', /^certificado-[A-Z2-9-]{14}\.pdf$/)
      const file = path.join(tmp, pdf.filename ?? 'certificado.pdf')
      await writeFile(file, pdf.content)
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' ')
      assert.match(text, /CERTIFICADO/)
      assert.ok(text.includes(PARTICIPANT.name), `nome no PDF: ${text}`)
      assert.ok(text.includes(`CPF ${PARTICIPANT.cpfMasked}`), `CPF mascarado no PDF: ${text}`)
      assert.ok(!text.includes(PARTICIPANT.cpfFormatted), 'o CPF inteiro não aparece')
      assert.ok(text.includes(`"${EVENT.description}"`), `evento no PDF: ${text}`)
      assert.ok(text.includes('carga horária de 3 h'), `carga horária no PDF: ${text}`)
      certificateCode = /Código de verificação: ([A-Z0-9-]{14})/.exec(text)?.[1] ?? ''
      assert.match(certificateCode, CERTIFICATE_CODE)
      assert.equal(pdf.filename, `certificado-${certificateCode}.pdf`)
      const found = (mail.text ?? '').match(/https?:\/\/\S+\/certificados\/[A-Z0-9-]{14}/)
      assert.ok(found, `o e-mail traz o link de verificação: ${mail.text}`)
      verifyLink = found[0]
      assert.ok(verifyLink.endsWith(`/certificados/${certificateCode}`), verifyLink)
      assert.ok((mail.text ?? '').includes(`Código de verificação: ${certificateCode}.`))

      // "Não" on the status question: nobody was told the event was realised.
      const realised = smtp.received.filter((m) => (m.subject ?? '').startsWith('Evento realizado'))
      assert.deepEqual(
        realised.map((m) => m.subject),
        [],
      )

      await page.getByRole('tab', { name: /^Participantes/ }).click()
      const row = participantRow(page)
      await row
        .getByRole('link', { name: `Baixar o certificado ${certificateCode} de ${PARTICIPANT.name} (PDF)` })
        .waitFor()
      await waitForText(row, `Emitido em ${formatDate(clock.now())}`)
      await screenshot('71-certificado-emitido')
    }),
  )

  test(
    'a página de verificação do certificado mostra "Válido" com a participante',
    step(async ({ screenshot, consoleErrors }) => {
      const v = visitorPage()
      await v.goto(verifyLink)
      await v.getByRole('heading', { name: 'Verificação de certificado', level: 1 }).waitFor()
      await waitForText(v.getByTestId('certificate-status'), 'Válido')
      const main = v.getByRole('main')
      await waitForText(main, PARTICIPANT.name)
      await waitForText(main, PARTICIPANT.cpfMasked)
      await waitForText(main, EVENT.description)
      await waitForText(main, '3 horas')
      await waitForText(main, certificateCode)
      await screenshot('72-certificado-verificado', { page: v })

      assert.deepEqual(consoleErrors, [], 'nenhum erro no console')
    }),
  )

  function visitorPage(): Page {
    if (!visitor) throw new Error('o navegador da visitante não abriu')
    return visitor
  }
  function conferenceApi(): Conference {
    if (!conference) throw new Error('a sala da conferência não subiu')
    return conference
  }
})

type Conference = { url: string; hits: number; close(): Promise<void> }

/** A stand-in for Meet/Teams on this offline machine: one page the join link redirects to. */
async function startConference(): Promise<Conference> {
  const state = { hits: 0 }
  const server = http.createServer((req, res) => {
    if (req.url !== '/sala-da-conferencia') {
      // The browser also asks for /favicon.ico: no content, not an error.
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end()
      return
    }
    state.hits++
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>${CONFERENCE_TITLE}</title></head>` +
        `<body><h1>${CONFERENCE_TITLE}</h1></body></html>`,
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/sala-da-conferencia`,
    get hits() {
      return state.hits
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Types the period in São Paulo time, as the form asks. */
async function fillPeriod(page: Page, start: Date, end: Date): Promise<void> {
  await page.getByLabel('Data de início').fill(formatDate(start))
  await page.getByLabel('Hora de início').fill(formatTime(start))
  await page.getByLabel('Data de término').fill(formatDate(end))
  await page.getByLabel('Hora de término').fill(formatTime(end))
  // Leave the last field so the date inputs settle.
  await page.getByLabel('Hora de término').blur()
  assert.equal(await page.getByLabel('Data de início').inputValue(), formatDate(start))
  assert.equal(await page.getByLabel('Data de término').inputValue(), formatDate(end))
}

/** The "Dados do evento" box of the event page. */
function dataPanel(page: Page): Locator {
  return page.getByRole('tabpanel', { name: 'Dados' })
}

/** The value of a field of the "Dados" box: what follows its (upper-cased) label. */
function field(panel: Locator, label: string): Locator {
  return panel.getByText(label, { exact: true }).first().locator('xpath=following-sibling::*[1]')
}

/** A field's text as written (textContent: not upper-cased by CSS), spaces collapsed. */
async function fieldText(panel: Locator, label: string): Promise<string> {
  return ((await field(panel, label).textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

/** The participant's row in the "Participantes" tab. */
function participantRow(page: Page): Locator {
  return page
    .getByRole('table', { name: 'Participantes' })
    .getByRole('row')
    .filter({ hasText: PARTICIPANT.name })
}

/** Polls an input's value until it matches. */
async function waitForValue(input: Locator, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  for (;;) {
    last = await input.inputValue().catch(() => '')
    if (pattern.test(last)) return
    if (Date.now() > deadline) throw new Error(`${input} não chegou a ${pattern}: "${last}"`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

function addresses(field: ParsedMail['to']): string[] {
  const list = field ? (Array.isArray(field) ? field : [field]) : []
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()))
}

/** The e-mail's calendar invitation, lines unfolded (RFC 5545 3.1). */
function ics(mail: ParsedMail): { filename: string; contentType: string; text: string } {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))
  assert.ok(attachment, `o convite .ics vai anexado: ${mail.attachments.map((a) => a.filename).join(', ')}`)
  return {
    filename: attachment.filename ?? '',
    contentType: attachment.contentType,
    text: attachment.content
      .toString('utf8')
      .replace(/\r\n[ \t]/g, '')
      .replace(/\r\n/g, '\n'),
  }
}

/** '20261130T170000Z', the form of DTSTART in UTC. */
function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}
