/**
 * The client users and secure access journey: an administrator registers a client user with the
 * wizard (departments, two companies, permissions, notifications) and sends the invitation; it
 * arrives by real SMTP; the client creates the password with the live strength meter, sets up the
 * KEYPASS (TOTP) with the key shown on the page, keeps the recovery codes, lands in the portal, signs
 * in again with password + a fresh code and switches company. The administrator then sees the
 * invitation accepted and the KEYPASS configured.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { totpCode } from '#server/platform/security/totp.ts'
import {
  DEMO_ADMIN,
  DEMO_TENANT,
  type Harness,
  journeyStep,
  login,
  logout,
  navigation,
  portalLogout,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
  openSection,
} from './harness.ts'

const CLIENT = {
  name: 'Helena Prado',
  firstName: 'Helena',
  email: 'helena@exemplo.com.br',
  cpf: '529.982.247-25',
  phone: '(27) 99876-5432',
  weakPassword: 'helena123',
  password: 'Portal#Seguro2026',
}
const COMPANIES = ['Padaria Pão Quente Ltda', 'Comércio Exemplo S.A.']
const DEPARTMENTS = [
  { name: 'Pessoal', level: 'Contribuinte' },
  { name: 'Fiscal', level: 'Revisor' },
]
const PERMISSION = 'Envia documentos'
const INVITATION_SUBJECT = `${DEMO_TENANT} convidou você para o Portal do Cliente`
const TOTP_SECRET = /^[A-Z2-7]{32}$/
const RECOVERY_CODE = /^[a-z2-9]{5}-[a-z2-9]{5}$/
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

describe('jornada: usuário de cliente, do convite ao portal com KEYPASS', () => {
  let h: Harness | undefined
  let link = ''
  let secret = ''
  let enrolCode = ''
  let funnelBefore: Record<string, number> = {}
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
  })
  after(async () => {
    await h?.close()
  })

  test(
    'o administrador cadastra Helena pelo assistente e envia o convite ao concluir',
    step(async ({ page, screenshot }) => {
      await signInAsAdmin(page)
      await openSection(page, 'Usuários de clientes', '/usuarios')
      funnelBefore = await readFunnel(page)

      await page.getByRole('link', { name: 'Novo usuário', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/usuarios/novo')
      await page.getByRole('heading', { name: 'Novo usuário de cliente', level: 1 }).waitFor()

      // Geral
      await page.getByLabel('Nome completo').fill(CLIENT.name)
      await page.getByLabel('E-mail').fill(CLIENT.email)
      await page.getByLabel('CPF').fill(CLIENT.cpf.replace(/\D/g, ''))
      await page.getByLabel('Telefone').fill(CLIENT.phone.replace(/\D/g, ''))
      assert.equal(await page.getByLabel('CPF').inputValue(), CLIENT.cpf, 'o CPF ganha a máscara')
      assert.equal(await page.getByLabel('Telefone').inputValue(), CLIENT.phone, 'o telefone ganha a máscara')
      await page.getByRole('switch', { name: 'Acesso ao Portal do Cliente' }).click()
      const sendDialog = page.getByRole('dialog', { name: 'Convite de acesso ao Portal do Cliente' })
      await waitForText(sendDialog, CLIENT.email)
      await sendDialog.getByRole('button', { name: 'Envie agora' }).click()
      await sendDialog.waitFor({ state: 'hidden' })
      assert.ok(await page.getByRole('switch', { name: 'Acesso ao Portal do Cliente' }).isChecked())
      await page.getByText('O convite será enviado ao clicar em Concluir.').waitFor()
      await screenshot('20-assistente-geral')

      // Departamentos
      await page.getByRole('button', { name: 'Avançar' }).click()
      for (const department of DEPARTMENTS) {
        await page.getByRole('checkbox', { name: department.name, exact: true }).check()
        const levels = page.getByRole('radiogroup', { name: `Nível de acesso em ${department.name}` })
        await chooseSegment(levels, department.level)
        assert.ok(await levels.getByRole('radio', { name: department.level }).isChecked())
      }
      await screenshot('21-assistente-departamentos')

      // Clientes
      await page.getByRole('button', { name: 'Avançar' }).click()
      const found = page.getByRole('group', { name: 'Clientes encontrados' })
      for (const company of COMPANIES) await found.getByRole('checkbox', { name: company }).check()
      await page.getByText('Empresas selecionadas (2)').waitFor()
      await screenshot('22-assistente-clientes')

      // Permissões
      await page.getByRole('button', { name: 'Avançar' }).click()
      await page.getByRole('checkbox', { name: PERMISSION }).check()

      // Notificações: new users start on "Ambos" everywhere; billing goes by e-mail only.
      await page.getByRole('button', { name: 'Avançar' }).click()
      const documents = page.getByRole('radiogroup', { name: 'Novos documentos publicados' })
      assert.ok(await documents.getByRole('radio', { name: 'Ambos' }).isChecked())
      await chooseSegment(page.getByRole('radiogroup', { name: 'Cobranças e planos' }), 'E-mail')
      await chooseSegment(documents, 'Ambos')

      // Resumo
      await page.getByRole('button', { name: 'Avançar' }).click()
      const summary = (title: string) => page.getByRole('region', { name: title })
      await waitForText(summary('Geral'), CLIENT.name)
      await waitForText(summary('Geral'), CLIENT.cpf)
      await waitForText(summary('Geral'), CLIENT.phone)
      await waitForText(summary('Geral'), `Será enviado para ${CLIENT.email} ao concluir.`)
      // Badges are upper-cased by CSS, and innerText follows it.
      await waitForText(summary('Departamentos'), /Pessoal Contribuinte Fiscal Revisor/i)
      for (const company of COMPANIES) await waitForText(summary('Clientes'), company)
      await waitForText(summary('Permissões'), PERMISSION)
      await waitForText(summary('Notificações'), 'Novos documentos publicados Ambos')
      await waitForText(summary('Notificações'), 'Cobranças e planos E-mail')
      await screenshot('23-assistente-resumo')

      await page.getByRole('button', { name: 'Concluir', exact: true }).click()
      await page.getByText(`Usuário cadastrado. Convite enviado para ${CLIENT.email}.`).waitFor()
      await page.waitForURL((url) => url.pathname === '/usuarios')
      const row = page
        .getByRole('table', { name: 'Usuários de clientes' })
        .getByRole('row')
        .filter({ hasText: CLIENT.name })
      await waitForText(row, CLIENT.email)
      const cells = await cellTexts(row)
      assert.ok(
        COMPANIES.some((c) => cells[2] === `${c}+1`),
        `uma empresa e "+1" na coluna Empresas: ${cells[2]}`,
      )
      assert.deepEqual(cells.slice(0, 6), [
        CLIENT.name,
        CLIENT.email,
        cells[2],
        'Enviado',
        'Pendente',
        'Nunca acessou',
      ])
      await screenshot('24-usuarios-com-helena')
    }),
  )

  test(
    'o convite chega por SMTP com o link /convite',
    step(async ({ waitForMail, baseUrl }) => {
      const mail = await waitForMail(CLIENT.email)
      assert.equal(mail.subject, INVITATION_SUBJECT)
      assert.match(mail.text ?? '', /Olá, Helena!/)
      const found = (mail.text ?? '').match(/https?:\/\/\S+\/convite\?token=[\w%-]+/)
      assert.ok(found, `o texto do e-mail traz o link: ${mail.text}`)
      link = found[0]
      assert.ok(link.startsWith(`${baseUrl}/convite?token=`), `o link aponta para o servidor: ${link}`)
      assert.ok(String(mail.html).includes(link), 'a versão HTML traz o mesmo link')
    }),
  )

  test(
    'Helena cria a senha pelo link, com o medidor de força ao vivo',
    step(async ({ page, screenshot }) => {
      await logout(page)
      await page.goto(link)
      await page.getByRole('heading', { name: 'Crie sua senha' }).waitFor()
      const card = page.locator('form').locator('..')
      await waitForText(card, `Olá, ${CLIENT.name}. ${DEMO_TENANT} convidou você para o Portal do Cliente.`)
      await waitForText(card, CLIENT.email)

      const form = page.locator('form')
      await page.getByLabel('Nova senha').fill(CLIENT.weakPassword)
      await waitForText(form, /Força: \d+% — Muito fraca/)
      await waitForText(form, 'Esta senha é muito comum e fácil de adivinhar.')
      await screenshot('25-convite-senha-fraca')

      await page.getByLabel('Nova senha').fill(CLIENT.password)
      await waitForText(form, 'Força: 100% — Muito forte')
      assert.equal(await form.getByText('Esta senha é muito comum').count(), 0, 'os problemas somem')
      await page.getByLabel('Confirmação da senha').fill(CLIENT.password)
      await screenshot('26-convite-senha-forte')
      await page.getByRole('button', { name: 'Criar senha' }).click()
      await page.waitForURL((url) => url.pathname === '/keypass/configurar')
    }),
  )

  test(
    'Helena configura o KEYPASS com a chave da página e guarda os códigos de recuperação',
    step(async ({ page, screenshot }) => {
      await page.getByRole('heading', { name: 'Configure seu KEYPASS' }).waitFor()
      const qr = page.getByRole('img', { name: 'QR code do KEYPASS' })
      await qr.waitFor()
      await page.waitForFunction(
        (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
        await qr.elementHandle(),
      )
      const shown = (await page.getByTestId('keypass-secret').textContent()) ?? ''
      assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, `a chave aparece em blocos de 4: ${shown}`)
      secret = shown.replace(/\s+/g, '')
      assert.match(secret, TOTP_SECRET)
      await waitForText(page.locator('body'), `Conta: ${CLIENT.email} · Emissor: Cadastra`)
      await screenshot('27-keypass-qr')

      enrolCode = totpCode(secret)
      await page.getByLabel('Código KEYPASS').fill(enrolCode)
      await page.getByRole('button', { name: 'Ativar KEYPASS' }).click()
      await page.getByRole('heading', { name: 'KEYPASS ativado' }).waitFor()
      const codes = page.getByRole('list', { name: 'Códigos de recuperação' }).getByRole('listitem')
      await waitForCount(codes, 10)
      const recovery = (await codes.allInnerTexts()).map((c) => c.trim())
      for (const code of recovery) assert.match(code, RECOVERY_CODE)
      assert.equal(new Set(recovery).size, 10, 'os 10 códigos são diferentes')

      const proceed = page.getByRole('button', { name: 'Continuar' })
      assert.ok(await proceed.isDisabled(), 'só continua depois de confirmar que guardou os códigos')
      await page
        .getByRole('checkbox', { name: 'Guardei meus códigos de recuperação em local seguro' })
        .check()
      assert.ok(await proceed.isEnabled())
      await screenshot('28-keypass-codigos-de-recuperacao')

      await proceed.click()
      await page.waitForURL((url) => url.pathname === '/portal')
      await waitForText(page.getByRole('heading', { level: 1 }), `Olá, ${CLIENT.firstName}!`)
      const current = await waitForText(page.getByRole('region', { name: 'Empresa atual' }), /\S/)
      assert.ok(
        COMPANIES.some((c) => current.includes(c)),
        `a empresa atual é uma das de Helena: ${current}`,
      )
      for (const department of DEPARTMENTS) {
        await waitForText(
          page.getByRole('group', { name: department.name }),
          new RegExp(department.level, 'i'),
        )
      }
      await waitForText(page.getByRole('region', { name: 'O que você pode fazer' }), PERMISSION)
      await screenshot('29-portal-inicio')
    }),
  )

  test(
    'Helena entra de novo com senha e um código KEYPASS novo; o código já usado é recusado',
    step(async ({ page, screenshot }) => {
      await portalLogout(page)
      await login(page, CLIENT.email, CLIENT.password)
      await page.getByRole('heading', { name: 'Verificação KEYPASS' }).waitFor()
      await waitForText(page.locator('form'), `Entrando como ${CLIENT.email}`)
      await screenshot('30-login-codigo-keypass')

      // The code of the set-up step cannot be used twice (or has already expired).
      const codeField = page.getByLabel('Código KEYPASS')
      await codeField.fill(enrolCode)
      await page.getByRole('button', { name: 'Verificar' }).click()
      await waitForText(
        page.locator('form'),
        /Este código já foi usado\. Aguarde o próximo código do aplicativo\.|Código inválido ou expirado\./,
      )
      assert.equal(new URL(page.url()).pathname, '/entrar')
      await screenshot('31-login-codigo-repetido')

      // The next 30-second step: the server accepts one step of drift and it was never used.
      await codeField.fill(totpCode(secret, Date.now() + 30_000))
      await page.getByRole('button', { name: 'Verificar' }).click()
      await page.waitForURL((url) => url.pathname === '/portal')
      await waitForText(page.getByRole('heading', { level: 1 }), `Olá, ${CLIENT.firstName}!`)
    }),
  )

  test(
    'Helena troca de empresa pelo seletor no canto superior esquerdo',
    step(async ({ page, screenshot }) => {
      const switcher = page.getByRole('banner').getByRole('button', { name: /^Empresa atual: / })
      const label = (await switcher.getAttribute('aria-label')) ?? ''
      const from = COMPANIES.find((c) => label === `Empresa atual: ${c}. Trocar de empresa`)
      assert.ok(from, `o seletor mostra uma das empresas de Helena: ${label}`)
      const to = COMPANIES.find((c) => c !== from) ?? ''
      await waitForText(page.getByRole('region', { name: 'Empresa atual' }), from)

      await switcher.click()
      const items = page.getByRole('menuitem')
      await waitForCount(items, 2)
      await items.filter({ hasText: to }).click()
      await page.getByText(`Agora você está vendo ${to}.`).waitFor()
      await waitForText(page.getByRole('region', { name: 'Empresa atual' }), to)
      assert.equal(await switcher.getAttribute('aria-label'), `Empresa atual: ${to}. Trocar de empresa`)
      await waitForText(switcher, to)
      for (const department of DEPARTMENTS) {
        await waitForText(
          page.getByRole('group', { name: department.name }),
          new RegExp(department.level, 'i'),
        )
      }
      await screenshot('32-portal-outra-empresa')
    }),
  )

  test(
    'o administrador vê o convite aceito, o KEYPASS configurado e o primeiro acesso',
    step(async ({ page, screenshot, consoleErrors }) => {
      await portalLogout(page)
      await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password)
      await page.waitForURL((url) => url.pathname === '/')
      await navigation(page).getByRole('link', { name: 'Usuários de clientes', exact: true }).click()
      const row = page
        .getByRole('table', { name: 'Usuários de clientes' })
        .getByRole('row')
        .filter({ hasText: CLIENT.name })
      await waitForText(row, /Aceito/i)
      const cells = await cellTexts(row)
      assert.equal(cells[3], 'Aceito')
      assert.equal(cells[4], 'Configurado')
      assert.match(cells[5], DATE_TIME, `último acesso em dd/mm/aaaa hh:mm: ${cells[5]}`)
      // Helena went through every stage of the funnel.
      const funnel = await readFunnel(page)
      for (const [stage, before] of Object.entries(funnelBefore)) {
        assert.equal(funnel[stage], before + 1, `funil, ${stage}: ${before} → ${funnel[stage]}`)
      }
      await screenshot('33-usuarios-helena-aceito')

      // The only error the browser saw in the whole journey is the refused replayed code.
      const unexpected = consoleErrors.filter(
        (e) => !/status of 40[09] .*\/api\/v1\/auth\/mfa\/verify\)$/.test(e),
      )
      assert.deepEqual(unexpected, [], 'nenhum outro erro no console')
    }),
  )
})

const FUNNEL_STAGES = ['invited', 'opened', 'passwordSet', 'keypass', 'firstLogin']

/** The invitation funnel's counters on /usuarios, once they have loaded. */
async function readFunnel(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const stage of FUNNEL_STAGES) {
    const text = await waitForText(page.getByTestId(`funnel-${stage}`), /^\d+$/)
    counts[stage] = Number(text)
  }
  return counts
}

/** The cells of a table row as their text content (not upper-cased by CSS), spaces collapsed. */
async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.getByRole('cell').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim())
}

/** Picks an option of a Mantine segmented control: its radio inputs are hidden, the labels take the click. */
async function chooseSegment(group: Locator, option: string): Promise<void> {
  await group.getByText(option, { exact: true }).click()
  await group.getByRole('radio', { name: option, checked: true }).waitFor({ state: 'attached' })
}
