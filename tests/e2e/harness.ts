/**
 * Browser journey harness: the real server (PGlite loaded from the test runner's migrated template
 * when there is one, with the demo data; the built web app; job polling) on a free local port, a
 * real SMTP server that keeps what it receives, and a headless Chromium page in pt-BR / São Paulo
 * time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestContext } from 'node:test'
import type { ParsedMail } from 'mailparser'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { type App, buildApp } from '#server/app.ts'
import { type Config, loadConfig } from '#server/config.ts'
import type { Clock } from '#server/platform/clock.ts'
import type { Database } from '#server/platform/db/database.ts'
import { seedDemoData } from '#server/seed.ts'
import { ensureWebBuilt } from '#server/web-build.ts'
import { createTestDatabase } from '../helpers/database.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e')

/** How long one expectation may take before the journey fails. */
export const EXPECT_TIMEOUT_MS = 15_000

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const DEMO_ADMIN = {
  email: 'admin@cadastra.test',
  password: 'Admin@Cadastra2026',
  name: 'Ana Administradora',
}
export const DEMO_OPERATOR = { email: 'operador@cadastra.test', password: 'Operador@Cadastra2026' }
export const DEMO_TENANT = 'Demonstração Serviços Ltda'

export type Smtp = TestSmtp

/** A port that was free a moment ago: the config (and so APP_URL in e-mails) is fixed before listen. */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function recipients(mail: ParsedMail): string[] {
  const to = mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]) : []
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()))
}

/**
 * ensureWebBuilt() lets Vite bundle React for whatever NODE_ENV this process has, and the test
 * runner sets NODE_ENV=test: that would bundle React's development build (StrictMode runs every
 * effect twice, so every API call goes out twice) and leave it in dist/web for `npm start` too.
 * Build as production, like what ships.
 */
async function buildWebForProduction(): Promise<string> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    return await ensureWebBuilt()
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}

export type Harness = {
  config: Config
  app: App
  database: Database
  /**
   * The server's business clock (join window, reminders, certificates): `clock.setOffset(ms)` moves
   * it away from real time; set it back to 0 when done.
   */
  clock: Clock
  smtp: Smtp
  browser: Browser
  context: BrowserContext
  page: Page
  baseUrl: string
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[]
  /**
   * Waits for an e-mail to that address to reach the SMTP server and returns it (the first one, or
   * the first whose subject contains / matches `subject`).
   */
  waitForMail(
    to: string,
    opts?: number | { subject?: string | RegExp; timeoutMs?: number },
  ): Promise<ParsedMail>
  /**
   * Waits for running animations, then saves a screenshot to test-results/e2e/<name>.png (full page
   * unless fullPage is false: fixed overlays such as drawers only cover the viewport). `page`
   * defaults to the harness's page.
   */
  screenshot(name: string, opts?: { fullPage?: boolean; page?: Page }): Promise<string>
  /**
   * Another person's browser: a new context (own cookies) with the same locale, time zone and
   * viewport, its console errors collected in `consoleErrors` too. Closed with the harness.
   */
  newPage(): Promise<Page>
  /**
   * Runs SQL with $1… parameters on the app's database (the same handle the server uses), for what
   * no API does, e.g. moving a deadline into the past. Returns the rows.
   */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
  close(): Promise<void>
}

/** `env`: settings of the app under test beyond the defaults (EXPORT_MAX_ROWS…). */
export async function startHarness(opts: { env?: Record<string, string> } = {}): Promise<Harness> {
  const cleanups: (() => Promise<unknown>)[] = []
  const close = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err) => console.error('limpeza falhou:', err))
    cleanups.length = 0
  }
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cadastra-e2e-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))

    const smtp = await startSmtp()
    cleanups.push(() => smtp.close())

    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: baseUrl,
      SESSION_SECRET: 'e2e-segredo-de-sessao-'.padEnd(48, 'x'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Cadastra <nao-responda@cadastra.test>',
      JOBS_POLL_MS: '100',
      // A publication's notice goes out at once, not at the end of a two-minute window.
      DOCUMENTS_NOTICE_DELAY_SECONDS: '0',
      ...opts.env,
    })

    const webDir = await buildWebForProduction()
    // The migrated template loads in about a second; a new PGlite folder takes five or more (initdb).
    const { database, drop } = await createTestDatabase()
    cleanups.push(drop)
    await seedDemoData(database.db, config)
    const app = await buildApp(config, { database, webDir })
    cleanups.push(() => app.close())
    await app.listen({ host: '127.0.0.1', port })

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
    cleanups.push(() => browser.close())
    const consoleErrors: string[] = []
    const openPage = async () => {
      const ctx = await browser.newContext({
        baseURL: baseUrl,
        locale: 'pt-BR',
        timezoneId: 'America/Sao_Paulo',
        viewport: { width: 1366, height: 850 },
      })
      ctx.setDefaultTimeout(EXPECT_TIMEOUT_MS)
      ctx.setDefaultNavigationTimeout(EXPECT_TIMEOUT_MS)
      const p = await ctx.newPage()
      p.on('console', (msg) => {
        if (msg.type() === 'error') consoleErrors.push(`[console] ${msg.text()} (${msg.location().url})`)
      })
      p.on('pageerror', (err) => consoleErrors.push(`[pageerror] ${err.stack ?? err.message}`))
      return { context: ctx, page: p }
    }
    const { context, page } = await openPage()

    mkdirSync(RESULTS_DIR, { recursive: true })

    return {
      config,
      app,
      database,
      clock: app.clock,
      smtp,
      browser,
      context,
      page,
      baseUrl,
      consoleErrors,
      async waitForMail(to, opts) {
        const { subject, timeoutMs = EXPECT_TIMEOUT_MS } =
          typeof opts === 'number' ? { timeoutMs: opts } : (opts ?? {})
        const address = to.toLowerCase()
        const subjectOk = (m: ParsedMail) =>
          subject === undefined ||
          (typeof subject === 'string' ? (m.subject ?? '').includes(subject) : subject.test(m.subject ?? ''))
        const deadline = Date.now() + timeoutMs
        for (;;) {
          const mail = smtp.received.find((m) => recipients(m).includes(address) && subjectOk(m))
          if (mail) return mail
          if (Date.now() > deadline) {
            const seen = smtp.received.map((m) => `${recipients(m).join(',')}: ${m.subject}`)
            const which = subject === undefined ? '' : ` com assunto ${String(subject)}`
            throw new Error(
              `Nenhum e-mail para ${to}${which} em ${timeoutMs} ms. Recebidos: ${JSON.stringify(seen)}`,
            )
          }
          await new Promise((r) => setTimeout(r, 50))
        }
      },
      async screenshot(name, opts = {}) {
        const target = opts.page ?? page
        const file = path.join(RESULTS_DIR, `${fileSafe(name)}.png`)
        await settle(target)
        await target.screenshot({ path: file, fullPage: opts.fullPage ?? true, animations: 'disabled' })
        return file
      },
      async newPage() {
        // Contexts close with the browser (closed in the clean-up).
        return (await openPage()).page
      },
      async sql<T>(text: string, params: unknown[] = []) {
        if (database.raw.kind === 'pglite') {
          return (await database.raw.client.query<T>(text, params)).rows
        }
        return (await database.raw.pool.query(text, params)).rows as T[]
      },
      close,
    }
  } catch (err) {
    await close()
    throw err
  }
}

export function fileSafe(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
}

/**
 * Runs one step of a journey. On failure saves a full-page screenshot and the page's console errors
 * to test-results/e2e/<test name>.{png,console.txt}, marks the journey as broken (the following
 * steps are skipped instead of failing in cascade) and rethrows.
 */
export function journeyStep(getHarness: () => Harness | undefined) {
  let broken: string | null = null
  return (fn: (h: Harness) => Promise<void>) => async (t: TestContext) => {
    const h = getHarness()
    if (broken || !h) {
      t.skip(broken ? `passo anterior falhou: ${broken}` : 'o ambiente não subiu')
      return
    }
    try {
      await fn(h)
    } catch (err) {
      broken = t.name
      const base = path.join(RESULTS_DIR, fileSafe(t.name))
      try {
        await h.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5_000 })
      } catch (shotErr) {
        console.error('captura de tela falhou:', shotErr)
      }
      const lines = [`URL: ${h.page.url()}`, `Erro: ${err instanceof Error ? err.stack : String(err)}`, '']
      lines.push(h.consoleErrors.length ? 'Erros do console:' : 'Nenhum erro no console.', ...h.consoleErrors)
      writeFileSync(`${base}.console.txt`, `${lines.join('\n')}\n`)
      throw err
    }
  }
}

/** Polls until the locator's rendered text (all matches joined) contains the text or matches the pattern. */
export async function waitForText(
  locator: Locator,
  text: string | RegExp,
  timeoutMs = EXPECT_TIMEOUT_MS,
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  for (;;) {
    last = (await locator.allInnerTexts().catch(() => [] as string[])).join(' ').replace(/\s+/g, ' ')
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last
    if (Date.now() > deadline) {
      throw new Error(
        `Texto ${String(text)} não apareceu em ${timeoutMs} ms em ${locator}. Último texto: "${last.slice(0, 600)}"`,
      )
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Waits until the page's CSS transitions and animations (modals, drawers, toasts) have finished. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})))
  })
}

/**
 * Waits until the element stops moving (e.g. a drawer sliding in): same bounding box on three polls
 * in a row, then no animation running on the page.
 */
export async function waitForStill(locator: Locator, timeoutMs = EXPECT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  let same = 0
  while (same < 2) {
    if (Date.now() > deadline) throw new Error(`${locator} não parou de se mover em ${timeoutMs} ms.`)
    const box = JSON.stringify(await locator.boundingBox())
    same = box === last && box !== 'null' ? same + 1 : 0
    last = box
    await new Promise((r) => setTimeout(r, 60))
  }
  await settle(locator.page())
}

/** Fails unless the locator matches exactly that many elements, polling until the timeout. */
export async function waitForCount(
  locator: Locator,
  count: number,
  timeoutMs = EXPECT_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const n = await locator.count()
    if (n === count) return
    if (Date.now() > deadline) throw new Error(`Esperava ${count} elemento(s) em ${locator}, há ${n}.`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Fills the login form and submits it. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Senha', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Entrar', exact: true }).click()
}

/** Staff: signs in as the demo administrator from the login page and waits for the home page. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/entrar')
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password)
  await page.waitForURL((url) => url.pathname === '/')
}

/** Staff: a section from the side bar ("Importação", "/importacao"), its heading shown. */
export async function openSection(page: Page, name: string, pathname: string): Promise<void> {
  await navigation(page).getByRole('link', { name, exact: true }).click()
  await page.waitForURL((url) => url.pathname === pathname)
  await page.getByRole('heading', { name, level: 1 }).waitFor()
}

/** Staff: a client's page, on one of its tabs ("Documentos", "Planos"…). */
export async function openClientTab(page: Page, orgId: string, company: string, tab: string): Promise<void> {
  await page.goto(`/clientes/${orgId}`)
  await page.getByRole('heading', { name: company, level: 1 }).waitFor()
  await page.getByRole('tab', { name: tab }).click()
}

/** Signs out through the header button and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sair' }).click()
  await page.waitForURL((url) => url.pathname === '/entrar')
  await page.getByRole('button', { name: 'Entrar', exact: true }).waitFor()
}

/** The main navigation in the side bar. */
export function navigation(page: Page): Locator {
  return page.locator('nav[aria-label="Navegação principal"]')
}

/** Signs a client user out of the portal through the user menu (top right) and waits for the login page. */
export async function portalLogout(page: Page): Promise<void> {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Menu de / })
    .click()
  await page.getByRole('menuitem', { name: 'Sair' }).click()
  await page.waitForURL((url) => url.pathname === '/entrar')
  await page.getByRole('button', { name: 'Entrar', exact: true }).waitFor()
}
