/**
 * The foundation journey: an administrator invites a staff member, the invitation arrives by real
 * SMTP, the new member sets a password through the e-mailed link and signs in with the operator's
 * menu, and the administrator finds it all in the audit trail.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  DEMO_ADMIN,
  DEMO_TENANT,
  type Harness,
  journeyStep,
  login,
  logout,
  navigation,
  startHarness,
  waitForCount,
  waitForStill,
  waitForText,
  signInAsAdmin,
} from './harness.ts'

const MEMBER = { name: 'Beatriz Conceição', email: 'beatriz@exemplo.com.br', password: 'Beatriz#Forte2026' }
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

describe('jornada: equipe nova, do convite por e-mail à auditoria', () => {
  let h: Harness | undefined
  let link = ''
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
  })
  after(async () => {
    await h?.close()
  })

  test(
    'o administrador entra pela página de login e vê o inquilino no cabeçalho',
    step(async ({ page, screenshot }) => {
      await page.goto('/')
      await page.waitForURL((url) => url.pathname === '/entrar')
      await page.getByRole('heading', { name: 'Entrar' }).waitFor()
      assert.equal(await page.title(), 'Entrar · Cadastra')
      await screenshot('01-login')

      await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password)
      await page.waitForURL((url) => url.pathname === '/')
      await waitForText(page.getByRole('banner'), DEMO_TENANT)
      await waitForText(page.getByRole('heading', { level: 1 }), 'Olá, Ana!')
    }),
  )

  test(
    'o administrador cadastra Beatriz na equipe como Operador',
    step(async ({ page, screenshot }) => {
      await navigation(page).getByRole('link', { name: 'Equipe', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/equipe')
      const table = page.getByRole('table', { name: 'Membros da equipe' })
      await waitForText(table, 'Otávio Operador')

      await page.getByRole('button', { name: 'Novo membro da equipe' }).click()
      const dialog = page.getByRole('dialog', { name: 'Novo membro da equipe' })
      await dialog.waitFor()
      await dialog.getByLabel('Nome completo').fill(MEMBER.name)
      await dialog.getByLabel('E-mail').fill(MEMBER.email)
      const profile = dialog.getByLabel('Perfil de acesso')
      await profile.locator('option', { hasText: 'Operador' }).waitFor({ state: 'attached' })
      await profile.selectOption({ label: 'Operador' })
      await dialog.getByRole('button', { name: 'Criar e enviar convite' }).click()

      await page.getByText(`Convite de acesso enviado para ${MEMBER.email}`).waitFor()
      await dialog.waitFor({ state: 'hidden' })
      const row = table.getByRole('row').filter({ hasText: MEMBER.name })
      await waitForText(row, MEMBER.email)
      const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.trim())
      assert.deepEqual(cells.slice(0, 5), [
        MEMBER.name,
        MEMBER.email,
        'Operador',
        'Ativo',
        'Convite pendente',
      ])
      await screenshot('02-equipe-com-novo-membro')
    }),
  )

  test(
    'o convite chega por SMTP com assunto em UTF-8 e o link de definição de senha',
    step(async ({ waitForMail, baseUrl }) => {
      const mail = await waitForMail(MEMBER.email)
      assert.match(mail.subject ?? '', /Seu acesso à equipe de Demonstração Serviços Ltda/)
      assert.equal(mail.from?.value[0].address, 'nao-responda@cadastra.test')
      assert.match(mail.text ?? '', /Olá, Beatriz!/)
      const found = (mail.text ?? '').match(/https?:\/\/\S+\/definir-senha\?token=[\w%-]+/)
      assert.ok(found, `o texto do e-mail traz o link: ${mail.text}`)
      link = found[0]
      assert.ok(link.startsWith(`${baseUrl}/definir-senha?token=`), `o link aponta para o servidor: ${link}`)
      assert.ok(String(mail.html).includes(link), 'a versão HTML traz o mesmo link')
    }),
  )

  test(
    'Beatriz define a senha pelo link, entra e vê só o menu do Operador',
    step(async ({ page, screenshot }) => {
      await logout(page)
      await page.goto(link)
      await page.getByRole('heading', { name: 'Definir senha' }).waitFor()
      const card = page.locator('form').locator('..')
      await waitForText(card, `Olá, ${MEMBER.name}.`)
      await waitForText(card, MEMBER.email)
      await waitForText(card, DEMO_TENANT)

      await page.getByLabel('Nova senha').fill('fraca1234')
      await page.getByLabel('Confirmação da senha').fill('fraca1234')
      await page.getByRole('button', { name: 'Salvar senha' }).click()
      // The live meter and the field both say it: the same engine the server runs.
      await page
        .getByText('Use pelo menos 3 destes: letras maiúsculas, minúsculas, números e símbolos.')
        .first()
        .waitFor()
      await waitForText(page.locator('form'), 'Força: 45%')
      await screenshot('03-definir-senha-fraca')

      await page.getByLabel('Nova senha').fill(MEMBER.password)
      await page.getByLabel('Confirmação da senha').fill(MEMBER.password)
      await page.getByRole('button', { name: 'Salvar senha' }).click()
      await page.getByRole('heading', { name: 'Senha definida' }).waitFor()
      await waitForText(page.getByRole('status'), 'Pronto, Beatriz! Sua senha foi definida.')
      await screenshot('04-senha-definida')

      await page.getByRole('link', { name: 'Ir para a entrada' }).click()
      await page.waitForURL((url) => url.pathname === '/entrar')
      assert.equal(await page.getByLabel('E-mail').inputValue(), MEMBER.email, 'o e-mail já vem preenchido')
      await login(page, MEMBER.email, MEMBER.password)
      await page.waitForURL((url) => url.pathname === '/')
      await waitForText(page.getByRole('heading', { level: 1 }), 'Olá, Beatriz!')
      await waitForText(page.getByRole('banner'), MEMBER.name)

      const nav = navigation(page)
      await nav.getByRole('link', { name: 'Equipe', exact: true }).waitFor()
      assert.equal(await nav.getByRole('link', { name: 'Perfis de acesso', exact: true }).count(), 0)
      assert.equal(await nav.getByRole('link', { name: 'Auditoria', exact: true }).count(), 0)
      assert.equal(await nav.getByRole('link', { name: 'Inquilinos', exact: true }).count(), 0)
      await screenshot('05-inicio-operador')

      // The operator sees the team but cannot manage it.
      await nav.getByRole('link', { name: 'Equipe', exact: true }).click()
      await waitForText(page.getByRole('table', { name: 'Membros da equipe' }), MEMBER.name)
      assert.equal(await page.getByRole('button', { name: 'Novo membro da equipe' }).count(), 0)

      // The link was single-use.
      await logout(page)
      await page.goto(link)
      await page.getByRole('heading', { name: 'Link inválido' }).waitFor()
    }),
  )

  test(
    'o administrador encontra na auditoria a criação de Beatriz e a definição da senha',
    step(async ({ page, screenshot }) => {
      await signInAsAdmin(page)
      await navigation(page).getByRole('link', { name: 'Auditoria', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/auditoria')

      const table = page.getByRole('table', { name: 'Registros de auditoria' })
      const created = table.getByRole('row').filter({ hasText: 'Criação' }).filter({ hasText: MEMBER.name })
      await waitForCount(created, 1)
      const cells = (await created.getByRole('cell').allTextContents()).map((c) => c.trim())
      assert.match(cells[0], DATE_TIME, `data/hora em dd/mm/aaaa hh:mm: ${cells[0]}`)
      assert.equal(cells[1], DEMO_ADMIN.name)
      assert.equal(cells[3], 'Equipe')

      const passwordSet = table
        .getByRole('row')
        .filter({ hasText: 'Definição de senha' })
        .filter({ hasText: MEMBER.name })
      await waitForCount(passwordSet, 1)
      const pwCells = (await passwordSet.getByRole('cell').allTextContents()).map((c) => c.trim())
      assert.match(pwCells[0], DATE_TIME)
      assert.equal(pwCells[1], MEMBER.name, 'quem definiu a senha foi a própria Beatriz')
      assert.equal(pwCells[3], 'Usuário')
      await screenshot('06-auditoria')

      await created.getByRole('button', { name: 'Detalhes' }).click()
      const drawer = page.getByRole('dialog', { name: 'Criação · Equipe' })
      await drawer.waitFor()
      await waitForStill(drawer)
      const afterSide = drawer
        .locator('div', { has: page.getByRole('heading', { name: 'Depois', exact: true }) })
        .last()
      await waitForText(afterSide, MEMBER.email)
      await waitForText(afterSide, MEMBER.name)
      await waitForText(afterSide, 'Operador')
      const beforeSide = drawer
        .locator('div', { has: page.getByRole('heading', { name: 'Antes', exact: true }) })
        .last()
      await waitForText(beforeSide, 'Sem dados')
      await waitForText(drawer, DEMO_ADMIN.name)
      await screenshot('07-auditoria-detalhes', { fullPage: false })

      // The filters narrow the trail down to what the administrator did to the team.
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })
      for (const [label, option] of [
        ['Ação', 'Criação'],
        ['Quem', DEMO_ADMIN.name],
      ]) {
        const select = page.getByLabel(label, { exact: true })
        await select.locator('option', { hasText: option }).waitFor({ state: 'attached' })
        await select.selectOption({ label: option })
      }
      await waitForCount(table.locator('tbody tr'), 1)
      await waitForText(table.locator('tbody tr'), MEMBER.name)
    }),
  )
})
