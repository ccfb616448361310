/**
 * The doors of the app: bad set-password links, a wrong password, and private pages opened without
 * a session.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
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
})
