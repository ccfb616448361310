/**
 * Tenant-defined extra fields ("Campos extras"). A client is seeded through the API; then, in the
 * browser: with no field defined, the client form keeps the free name/value editor ("Setor"); the
 * administrator defines a required client field "Código ERP" in Configurações; the client's edit
 * form shows one input for it (saving it empty puts the error under it) and "Setor" read-only as
 * not defined (the server refuses it, the error lands on it; removed); filled, the client page shows
 * "Código ERP". At the end the definitions are removed again in Configurações.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import {
  type Harness,
  journeyStep,
  navigation,
  settle,
  startHarness,
  waitForCount,
  waitForText,
  signInAsAdmin,
} from './harness.ts'

const CLIENT = { name: 'Distribuidora Campos Gerais Ltda', document: '45.723.174/0001-10' }
const FIELD = { label: 'Código ERP', key: 'codigo-erp', value: 'ERP-1020' }
const FREE = { name: 'Setor', value: 'Financeiro' }
const REQUIRED_MESSAGE = `Preencha o campo "${FIELD.label}".`

/** JSON API calls with the page's session and its CSRF token. */
async function apiCall<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }
  const res = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  assert.ok(res.ok(), `${method} ${path} → ${res.status()}: ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** Screenshot to /tmp/extra-fields-<name>.png: the full page, or only that part of it. */
async function shot(page: Page, name: string, part?: Locator): Promise<void> {
  await settle(page)
  const path = `/tmp/extra-fields-${name}.png`
  if (part) await part.screenshot({ path, animations: 'disabled' })
  else await page.screenshot({ path, fullPage: true, animations: 'disabled' })
}

/** The "Campos extras" table of the client page's Dados tab. */
function extrasTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Campos extras' })
}

/** The Mantine error text under the input. */
async function errorOf(input: Locator): Promise<string> {
  const id = await input.getAttribute('aria-describedby')
  assert.ok(id, 'o campo aponta para a mensagem de erro')
  const ids = id.split(/\s+/).map((i) => `#${i}`)
  return (await input.page().locator(ids.join(', ')).allInnerTexts()).join(' ')
}

describe('jornada: campos extras definidos pelo inquilino no cadastro de clientes', () => {
  let h: Harness | undefined
  let clientId = ''
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
  })
  after(async () => {
    // The definitions are the tenant's: leave none behind even when a step failed.
    if (h) {
      await apiCall(h.page, 'PATCH', '/settings', { extraFields: { clients: [], plans: [] } }).catch((err) =>
        console.error('não foi possível apagar os campos extras:', err),
      )
    }
    await h?.close()
  })

  test(
    'sem campos definidos: o formulário do cliente aceita campos livres',
    step(async ({ page }) => {
      await signInAsAdmin(page)
      const defs = await apiCall<{ clients: unknown[] }>(page, 'GET', '/settings/extra-fields')
      assert.deepEqual(defs.clients, [], 'nenhum campo de cliente definido no início')
      const client = await apiCall<{ id: string }>(page, 'POST', '/client-orgs', {
        name: CLIENT.name,
        document: CLIENT.document,
      })
      clientId = client.id

      await page.goto(`/clientes/${clientId}/editar`)
      const section = page.getByRole('region', { name: 'Campos extras' })
      await section.getByText('Nenhum campo extra.').waitFor()
      await section.getByRole('button', { name: 'Adicionar campo' }).click()
      await section.getByLabel('Nome do campo').fill(FREE.name)
      await section.getByLabel('Valor').fill(FREE.value)
      await page.getByRole('button', { name: 'Salvar alterações' }).click()
      await page.waitForURL((url) => url.pathname === `/clientes/${clientId}`)
      await waitForText(extrasTable(page), `${FREE.name} ${FREE.value}`)
    }),
  )

  test(
    'Configurações → Campos extras: "Código ERP" obrigatório nos clientes',
    step(async ({ page, screenshot }) => {
      await navigation(page).getByRole('link', { name: 'Configurações', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/configuracoes')
      const section = page.getByRole('region', { name: 'Campos extras' })
      await section.getByText('campos livres (nome e valor à vontade)', { exact: false }).waitFor()
      const clients = section.getByRole('group', { name: 'Clientes', exact: true })
      const plans = section.getByRole('group', { name: 'Planos de clientes' })
      await clients.getByText('Nenhum campo definido: campos livres permitidos.').waitFor()
      const save = section.getByRole('button', { name: 'Salvar campos extras' })
      assert.equal(await save.isDisabled(), true, 'nada a salvar ainda')

      // Two fields with the same name are refused before the request.
      await clients.getByRole('button', { name: 'Adicionar campo' }).click()
      await clients.getByLabel('Nome do campo 1 (Clientes)').fill(FIELD.label)
      await clients.getByRole('checkbox', { name: 'Obrigatório' }).check()
      await clients.getByRole('button', { name: 'Adicionar campo' }).click()
      await clients.getByLabel('Nome do campo 2 (Clientes)').fill('codigo erp')
      await save.click()
      await waitForText(clients, 'Já existe um campo com este nome.')
      await shot(page, '01-settings-duplicate', section)
      await clients.getByRole('button', { name: 'Remover o campo codigo erp' }).click()
      await plans.getByText('Nenhum campo definido: campos livres permitidos.').waitFor()

      await save.click()
      await page.getByText('Campos extras salvos.').waitFor()
      await page.reload()
      await clients.getByLabel('Nome do campo 1 (Clientes)').waitFor()
      assert.equal(await clients.getByLabel('Nome do campo 1 (Clientes)').inputValue(), FIELD.label)
      assert.equal(await clients.getByRole('checkbox', { name: 'Obrigatório' }).isChecked(), true)
      await waitForCount(clients.getByRole('checkbox', { name: 'Obrigatório' }), 1)
      const defs = await apiCall<{ clients: { key: string; label: string; required: boolean }[] }>(
        page,
        'GET',
        '/settings/extra-fields',
      )
      assert.deepEqual(defs.clients, [{ key: FIELD.key, label: FIELD.label, required: true }])
      await shot(page, '02-settings', section)
      await screenshot('extra-fields-01-configuracoes')
    }),
  )

  test(
    'edição do cliente: o campo definido é exigido, o campo livre é recusado e removido',
    step(async ({ page, screenshot }) => {
      await page.goto(`/clientes/${clientId}/editar`)
      const section = page.getByRole('region', { name: 'Campos extras' })
      const input = section.getByRole('textbox', { name: FIELD.label })
      await input.waitFor()
      assert.equal(await section.getByRole('button', { name: 'Adicionar campo' }).count(), 0)
      assert.equal(await section.getByLabel('Nome do campo').count(), 0, 'sem nomes livres')
      await waitForText(section, 'campo não definido — será recusado; remova-o')
      const free = section.getByRole('textbox', { name: FREE.name })
      assert.equal(await free.inputValue(), FREE.value)
      assert.equal(await free.getAttribute('readonly'), '', 'o campo não definido é só leitura')

      // Empty required field: the error under it, nothing sent.
      const save = page.getByRole('button', { name: 'Salvar alterações' })
      await save.click()
      await waitForText(section, REQUIRED_MESSAGE)
      assert.match(await errorOf(input), new RegExp(REQUIRED_MESSAGE))
      await shot(page, '03-form-required')

      // Filled: the server refuses the field no definition matches, on that field.
      await input.fill(FIELD.value)
      await save.click()
      await waitForText(section, 'Campo extra não definido nas Configurações.')
      assert.match(await errorOf(free), /Campo extra não definido nas Configurações\./)
      assert.equal(page.url().endsWith('/editar'), true, 'continua no formulário')
      await shot(page, '04-form-refused')
      await screenshot('extra-fields-02-formulario')

      await section.getByRole('button', { name: `Remover o campo ${FREE.name}` }).click()
      await save.click()
      await page.waitForURL((url) => url.pathname === `/clientes/${clientId}`)
      await waitForText(extrasTable(page), `${FIELD.label} ${FIELD.value}`)
      const text = (await extrasTable(page).textContent()) ?? ''
      assert.ok(!text.includes(FIELD.key), `a chave não aparece: ${text}`)
      assert.ok(!text.includes(FREE.name), 'o campo livre foi removido')
      const saved = await apiCall<{ extraFields: Record<string, string> }>(
        page,
        'GET',
        `/client-orgs/${clientId}`,
      )
      assert.deepEqual(saved.extraFields, { [FIELD.key]: FIELD.value })
      await shot(page, '05-client-page')
      await screenshot('extra-fields-03-cliente')
    }),
  )

  test(
    'Configurações: os campos extras são removidos ao fim da jornada',
    step(async ({ page, consoleErrors }) => {
      await navigation(page).getByRole('link', { name: 'Configurações', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/configuracoes')
      const section = page.getByRole('region', { name: 'Campos extras' })
      const clients = section.getByRole('group', { name: 'Clientes', exact: true })
      await clients.getByRole('button', { name: `Remover o campo ${FIELD.label}` }).click()
      await section.getByRole('button', { name: 'Salvar campos extras' }).click()
      await page.getByText('Campos extras salvos.').waitFor()
      await clients.getByText('Nenhum campo definido: campos livres permitidos.').waitFor()
      const defs = await apiCall<{ clients: unknown[]; plans: unknown[] }>(
        page,
        'GET',
        '/settings/extra-fields',
      )
      assert.deepEqual(defs, { clients: [], plans: [] })

      // The only errors the browser saw are the refusal the journey asked for (400 on the client).
      const unexpected = consoleErrors.filter((e) => !/status of 400 .*\/api\/v1\/client-orgs\//.test(e))
      assert.deepEqual(unexpected, [], 'nenhum outro erro no console')
    }),
  )
})
