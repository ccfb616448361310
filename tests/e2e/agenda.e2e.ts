/**
 * The installation agenda journey: the administrator creates a role (cargo) with the default
 * working hours and a technician of that role, opens a weekday in the technician's agenda,
 * double-clicks a free hour, books it for a client (extending Hr. Fin) with the person who will be
 * there, sees the cells occupied with the client and contact, cancels the booking and sees the
 * hours free again.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  type Harness,
  journeyStep,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
  openSection,
} from './harness.ts'

const ROLE = 'Instalador de fibra'
const TECHNICIAN = { name: 'Rafael Moreira Instalador', phone: '27999887766' }
const CLIENT = 'Padaria Pão Quente Ltda'
const CONTACT = { name: 'Dona Cida', phone: '2733334444' }

/** Days from today (São Paulo) to the next Monday–Friday after today. */
function daysToNextWeekday(): number {
  const weekday = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-US', {
      timeZone: 'America/Sao_Paulo',
      weekday: 'short',
    })
  let n = 1
  while (['Sat', 'Sun'].includes(weekday(n))) n++
  return n
}

const grid = (page: Page) => page.getByRole('table', { name: /^Agenda de / })
const freeCell = (page: Page, from: string) =>
  grid(page).locator(`td[data-slot="livre"][aria-label^="Livre das ${from} às"]`)

describe('jornada: agenda de instalações, do cargo ao agendamento cancelado', () => {
  let h: Harness | undefined
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
  })
  after(async () => {
    await h?.close()
  })

  test(
    'o administrador cria o cargo com o horário padrão e um técnico com horário próprio',
    step(async ({ page, screenshot }) => {
      await signInAsAdmin(page)
      await openSection(page, 'Agenda de instalações', '/agenda')
      // The demo data brings two installers: the day shows them side by side.
      await waitForText(page.getByRole('main'), 'Bruno Instalador')

      await page.getByRole('tab', { name: 'Cargos' }).click()
      await page.getByRole('button', { name: 'Novo cargo' }).click()
      const roleDialog = page.getByRole('dialog', { name: 'Novo cargo' })
      await roleDialog.getByLabel('Nome do cargo').fill(ROLE)
      assert.equal(await roleDialog.getByLabel('Segunda-feira').inputValue(), '08:00–12:00, 13:00–18:00')
      // A typo is caught before sending.
      await roleDialog.getByLabel('Sábado').fill('8h às meio-dia')
      await roleDialog.getByRole('button', { name: 'Gravar' }).click()
      await waitForText(roleDialog, 'Não entendi "8h às meio-dia"')
      await roleDialog.getByLabel('Sábado').fill('')
      await roleDialog.getByRole('button', { name: 'Gravar' }).click()
      await roleDialog.waitFor({ state: 'detached' })
      const roles = page.getByRole('table', { name: 'Cargos' })
      await waitForText(roles, ROLE)
      await waitForText(roles, 'Seg–Sex 08:00–12:00, 13:00–18:00')

      await page.getByRole('tab', { name: 'Técnicos' }).click()
      await page.getByRole('button', { name: 'Novo técnico' }).click()
      const techDialog = page.getByRole('dialog', { name: 'Novo técnico' })
      await techDialog.getByLabel('Nome').fill(TECHNICIAN.name)
      await techDialog.getByLabel('Telefone').fill(TECHNICIAN.phone)
      await techDialog.getByRole('combobox', { name: 'Cargo' }).click()
      await page.getByRole('option', { name: ROLE, exact: true }).click()
      assert.equal(await techDialog.getByRole('combobox', { name: 'Cargo' }).inputValue(), ROLE)
      await techDialog.getByLabel('Horário próprio (diferente do horário do cargo)').check()
      await techDialog.getByLabel('Sábado').fill('08:00-12:00')
      await screenshot('agenda-01-tecnico-novo')
      await techDialog.getByRole('button', { name: 'Gravar' }).click()
      await techDialog.waitFor({ state: 'detached' })
      const techs = page.getByRole('table', { name: 'Técnicos' })
      await waitForText(techs, TECHNICIAN.name)
      await waitForText(techs, '(27) 99988-7766')
      await waitForText(techs, 'Sáb 08:00–12:00')
      await waitForText(techs, 'Horário próprio')
    }),
  )

  test(
    'clique duplo num horário livre do técnico, agendamento com cliente e contato: a célula fica ocupada',
    step(async ({ page, screenshot }) => {
      await page.getByRole('tab', { name: 'Agenda' }).click()
      for (let i = daysToNextWeekday(); i > 0; i--) {
        await page.getByRole('button', { name: 'Próximo dia' }).click()
      }
      await page.locator('label.mantine-SegmentedControl-label', { hasText: /^Técnico$/ }).click()
      await page.getByRole('combobox', { name: 'Técnico' }).click()
      await page.getByRole('option', { name: `${TECHNICIAN.name} — ${ROLE}` }).click()
      await grid(page).waitFor()
      await waitForText(grid(page), TECHNICIAN.name)
      // 08:00–12:00 and 13:00–18:00: 8 + 10 free half hours; lunch and the evening are grey.
      await waitForCount(grid(page).locator('td[data-slot="livre"]'), 18)
      assert.equal((await grid(page).locator('td[data-slot="fora"]').count()) > 0, true)

      await freeCell(page, '09:00').dblclick()
      const dialog = page.getByRole('dialog', { name: 'Novo agendamento' })
      await dialog.waitFor()
      assert.equal(await dialog.getByLabel('Hr. Ini').inputValue(), '09:00')
      assert.equal(await dialog.getByLabel('Hr. Fin', { exact: false }).inputValue(), '09:30')
      await dialog.getByLabel('Hr. Fin', { exact: false }).fill('10:30')
      await dialog.getByRole('combobox', { name: 'Cliente' }).fill('Padaria')
      await page.getByRole('option', { name: new RegExp(`^${CLIENT}`) }).click()
      await dialog.getByLabel('Nome da pessoa', { exact: false }).fill(CONTACT.name)
      await dialog.getByLabel('Telefone', { exact: false }).fill(CONTACT.phone)
      await dialog.getByLabel('Observação').fill('Portão lateral, tocar a campainha.')
      await screenshot('agenda-02-novo-agendamento')
      await dialog.getByRole('button', { name: 'Agendar' }).click()
      await dialog.waitFor({ state: 'detached' })
      await page.getByText('Horário agendado', { exact: true }).waitFor()

      const busy = grid(page).locator('td[data-slot="ocupado"]')
      await waitForCount(busy, 1)
      await waitForText(busy, CLIENT)
      await waitForText(busy, `${CONTACT.name} · (27) 3333-4444`)
      await waitForText(busy, '09:00–10:30')
      assert.equal(await busy.getAttribute('rowspan'), '3', 'one cell over 09:00, 09:30 and 10:00')
      await waitForCount(grid(page).locator('td[data-slot="livre"]'), 15)
      assert.equal(await freeCell(page, '09:00').count(), 0)
      await page.screenshot({ path: '/tmp/agenda.png', fullPage: true })
      await screenshot('agenda-03-ocupado')
    }),
  )

  test(
    'o agendamento é cancelado pela célula ocupada e o horário volta a ficar livre',
    step(async ({ page, screenshot }) => {
      await grid(page)
        .getByRole('button', { name: /^Agendamento das 09:00 às 10:30/ })
        .click()
      const dialog = page.getByRole('dialog', { name: 'Agendamento' })
      await waitForText(dialog, CLIENT)
      await waitForText(dialog, 'Portão lateral')
      await dialog.getByRole('button', { name: 'Cancelar agendamento' }).click()
      await dialog.getByRole('button', { name: 'Confirmar cancelamento' }).click()
      await waitForText(dialog, 'Informe o motivo do cancelamento.')
      await dialog.getByLabel('Motivo do cancelamento').fill('Cliente pediu para remarcar')
      await screenshot('agenda-04-cancelar')
      await dialog.getByRole('button', { name: 'Confirmar cancelamento' }).click()
      await dialog.waitFor({ state: 'detached' })
      await page.getByText('Agendamento cancelado', { exact: true }).waitFor()
      await waitForCount(grid(page).locator('td[data-slot="ocupado"]'), 0)
      await waitForCount(grid(page).locator('td[data-slot="livre"]'), 18)
      await freeCell(page, '09:00').waitFor()
      await screenshot('agenda-05-livre-de-novo')

      // The role's agenda: one merged column, free when any technician of the role is free.
      await page.locator('label.mantine-SegmentedControl-label', { hasText: /^Cargo$/ }).click()
      await page.getByRole('combobox', { name: 'Cargo' }).click()
      await page.getByRole('option', { name: ROLE, exact: true }).click()
      await waitForText(grid(page).getByRole('columnheader'), `${ROLE} 1 técnico`)
      await waitForText(freeCell(page, '09:00'), 'Livre · 1 técnico')
      await screenshot('agenda-06-cargo')
    }),
  )
})
