/**
 * The doors of the app: bad set-password links, a wrong password, and private pages opened without
 * a session.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { get as httpGet, type IncomingHttpHeaders } from 'node:http'
import { after, before, describe, test } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { issuePasswordToken, passwordLink } from '#server/modules/auth/index.ts'
import { users } from '#server/modules/auth/auth.tables.ts'
import { staffMembers } from '#server/modules/staff/staff.tables.ts'
import {
  DEMO_ADMIN,
  DEMO_OPERATOR,
  type Harness,
  journeyStep,
  login,
  navigation,
  logout,
  startHarness,
  waitForText,
} from './harness.ts'

describe('jornada: portas de entrada protegidas', () => {
  let h: Harness | undefined
  const step = journeyStep(() => h)

  before(async () => {
    h = await startHarness()
  })
  after(async () => {
    await h?.close()
  })

  test(
    'um link de definição de senha desconhecido mostra a página de link inválido',
    step(async ({ page, screenshot }) => {
      await page.goto(`/definir-senha?token=${randomBytes(32).toString('base64url')}`)
      await page.getByRole('heading', { name: 'Link inválido' }).waitFor()
      await waitForText(
        page.getByRole('alert'),
        'Este link de acesso não é válido ou já foi usado. Peça um novo link ao administrador da sua equipe.',
      )
      assert.equal(await page.getByLabel('Nova senha').count(), 0, 'sem formulário de senha')
      await screenshot('10-link-invalido')

      // A truncated token (rejected by the schema) reads the same way, and so does a missing one.
      await page.goto('/definir-senha?token=curto')
      await page.getByRole('heading', { name: 'Link inválido' }).waitFor()
      await page.goto('/definir-senha')
      await page.getByRole('heading', { name: 'Link inválido' }).waitFor()

      await page.getByRole('link', { name: 'Ir para a página de entrada' }).click()
      await page.waitForURL((url) => url.pathname === '/entrar')
    }),
  )

  test(
    'um link vencido mostra a página de link expirado',
    step(async ({ page, database, config, screenshot }) => {
      const [operator] = await database.db
        .select({ userId: users.id, tenantId: staffMembers.tenantId })
        .from(users)
        .innerJoin(staffMembers, eq(staffMembers.userId, users.id))
        .where(eq(users.email, DEMO_OPERATOR.email))
      assert.ok(operator, 'o operador de demonstração existe')
      const token = await database.db.transaction((tx) =>
        issuePasswordToken(tx, config, {
          tenantId: operator.tenantId,
          userId: operator.userId,
          email: DEMO_OPERATOR.email,
          purpose: 'set_password',
          ttlHours: -1,
        }),
      )
      await page.goto(passwordLink(config, token))
      await page.getByRole('heading', { name: 'Link expirado' }).waitFor()
      await waitForText(
        page.getByRole('alert'),
        'Este link de acesso expirou. Peça um novo link ao administrador da sua equipe.',
      )
      await screenshot('11-link-expirado')
    }),
  )

  test(
    'uma senha errada na página de entrada mostra "E-mail ou senha incorretos."',
    step(async ({ page, screenshot }) => {
      await page.goto('/entrar')
      await login(page, DEMO_ADMIN.email, 'Senha-Errada-2026')
      const alert = page.getByRole('alert')
      await waitForText(alert, 'Não foi possível entrar')
      await waitForText(alert, 'E-mail ou senha incorretos.')
      assert.equal(new URL(page.url()).pathname, '/entrar')
      assert.equal(await page.getByLabel('Senha', { exact: true }).inputValue(), '', 'a senha é apagada')
      await screenshot('12-senha-errada')
    }),
  )

  test(
    'abrir /auditoria sem sessão leva à página de entrada e, depois de entrar, de volta à auditoria',
    step(async ({ page, screenshot }) => {
      await page.goto('/auditoria')
      await page.waitForURL((url) => url.pathname === '/entrar')
      assert.equal(new URL(page.url()).searchParams.get('proximo'), '/auditoria')
      await page.getByRole('heading', { name: 'Entrar' }).waitFor()

      // An operator lands on the "not allowed" screen, not on the audit trail.
      await login(page, DEMO_OPERATOR.email, DEMO_OPERATOR.password)
      await page.waitForURL((url) => url.pathname === '/auditoria')
      await page.getByText('Acesso não permitido').waitFor()
      assert.equal(await page.getByRole('table', { name: 'Registros de auditoria' }).count(), 0)
      await screenshot('13-auditoria-sem-permissao')
      await logout(page)

      await page.goto('/auditoria')
      await page.waitForURL(
        (url) => url.pathname === '/entrar' && url.searchParams.get('proximo') === '/auditoria',
      )
      await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password)
      await page.waitForURL((url) => url.pathname === '/auditoria')
      await page.getByRole('heading', { name: 'Auditoria', level: 1 }).waitFor()
      await waitForText(page.getByRole('table', { name: 'Registros de auditoria' }), 'Falha de entrada')
    }),
  )

  test(
    'os arquivos da interface vão comprimidos (br ou gzip, como o navegador aceita) e os de /assets/ ficam em cache',
    step(async ({ baseUrl }) => {
      const index = await get(`${baseUrl}/`, 'br, gzip')
      assert.equal(index.status, 200)
      assert.equal(index.headers['cache-control'], 'no-cache', 'a página sempre confere a versão nova')
      const html = index.body.toString('utf8')
      const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
      assert.ok(files.some((f) => f.endsWith('.js')) && files.some((f) => f.endsWith('.css')), html)
      let compressed = 0
      const sizes = { plain: 0, br: 0 }
      for (const file of files) {
        const plain = await get(`${baseUrl}${file}`, 'identity')
        assert.equal(plain.status, 200)
        assert.equal(plain.headers['content-encoding'], undefined)
        assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable')
        const br = await get(`${baseUrl}${file}`, 'gzip, deflate, br')
        if (plain.body.length < 1024) {
          // Too small to be worth it: the build keeps no compressed copy.
          assert.equal(br.headers['content-encoding'], undefined, file)
          continue
        }
        compressed++
        assert.equal(br.headers['content-encoding'], 'br', file)
        assert.match(String(br.headers.vary), /accept-encoding/)
        assert.ok(br.body.length < plain.body.length, `${file}: ${br.body.length} de ${plain.body.length}`)
        sizes.plain += plain.body.length
        sizes.br += br.body.length
        assert.ok(brotliDecompressSync(br.body).equals(plain.body))
        const gz = await get(`${baseUrl}${file}`, 'gzip')
        assert.equal(gz.headers['content-encoding'], 'gzip', file)
        assert.ok(gunzipSync(gz.body).equals(plain.body))
      }
      assert.ok(compressed >= 2, 'the main script and the styles at least')
      assert.ok(sizes.br < sizes.plain / 3, `${sizes.br} bytes em vez de ${sizes.plain}`)
      // A file the build does not have (an old chunk after a deployment): 404, not the page.
      const gone = await get(`${baseUrl}/assets/pagina-antiga-0000abcd.js`, 'br, gzip')
      assert.equal(gone.status, 404)
      assert.doesNotMatch(gone.body.toString('utf8'), /<html/i)
    }),
  )

  test(
    'uma página cujo código não chega (versão nova publicada) recarrega sozinha uma vez; se continuar faltando, uma mensagem em português',
    step(async ({ page, screenshot }) => {
      // Signed in as the administrator by the previous step, on the audit trail.
      await page.getByRole('heading', { name: 'Auditoria', level: 1 }).waitFor()
      // Once: the old file is gone, the reload brings it.
      let staffRequests = 0
      await page.route('**/assets/staff-list-page-*.js', async (route) => {
        staffRequests++
        if (staffRequests === 1) await route.fulfill({ status: 404, body: 'Not Found' })
        else await route.continue()
      })
      await navigation(page).getByRole('link', { name: 'Equipe' }).click()
      await page.getByRole('heading', { name: 'Equipe', level: 1 }).waitFor()
      assert.equal(new URL(page.url()).pathname, '/equipe')
      assert.equal(staffRequests, 2, 'failed once, fetched again after the reload')

      // Always missing: one reload, then the error page (no reload loop).
      let profileRequests = 0
      await page.route('**/assets/profiles-page-*.js', async (route) => {
        profileRequests++
        await route.fulfill({ status: 404, body: 'Not Found' })
      })
      await navigation(page).getByRole('link', { name: 'Perfis de acesso' }).click()
      await page.getByRole('heading', { name: 'Não foi possível abrir esta página' }).waitFor()
      await page.getByText('O código da página não chegou ao navegador').waitFor()
      await page.waitForTimeout(500)
      assert.equal(profileRequests, 2, 'one reload, not a loop')
      await screenshot('14-pagina-nao-carregou')

      await page.unroute('**/assets/profiles-page-*.js')
      await page.getByRole('button', { name: 'Recarregar a página' }).click()
      await page.getByRole('heading', { name: 'Perfis de acesso', level: 1 }).waitFor()
    }),
  )
})

/** A GET with this Accept-Encoding, the body as it came over the wire (not decoded). */
function get(url: string, encoding: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    }).on('error', reject)
  })
}
