import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadConfig } from '#server/config.ts'
import { redact } from '#server/platform/audit/audit.ts'
import { AppError, CommonErrors, defineErrors, isUniqueViolation } from '#server/platform/errors.ts'
import { toAppError } from '#server/platform/http/error-handler.ts'
import { escapeHtml, extractLinks, renderMail } from '#server/platform/mail/layout.ts'
import { hashToken, randomToken, safeEqual } from '#server/platform/security/tokens.ts'

describe('auditoria: segredos nunca são gravados', () => {
  test('password, token and hash keys are masked at any depth; other values are kept', () => {
    const out = redact({
      name: 'Ana',
      passwordHash: '$argon2id$...',
      nested: { resetToken: 'abc', list: [{ secret: 's', ok: 1 }] },
      isActive: true,
      hasPassword: false,
      when: new Date('2026-11-22T17:30:00Z'),
    }) as Record<string, any>
    assert.equal(out.name, 'Ana')
    assert.equal(out.passwordHash, '[protegido]')
    assert.equal(out.nested.resetToken, '[protegido]')
    assert.equal(out.nested.list[0].secret, '[protegido]')
    assert.equal(out.nested.list[0].ok, 1)
    assert.equal(out.hasPassword, false, 'booleans about secrets are not secrets')
    assert.equal(out.when, '2026-11-22T17:30:00.000Z')
  })
})

describe('erros', () => {
  test('defineErrors builds AppErrors with stable codes and overridable messages', () => {
    const E = defineErrors({ THING_NOT_FOUND: [404, 'Coisa não encontrada.'] })
    const e = E.THING_NOT_FOUND({ fields: { id: 'x' } })
    assert.ok(e instanceof AppError)
    assert.equal(e.code, 'THING_NOT_FOUND')
    assert.equal(e.status, 404)
    assert.equal(e.message, 'Coisa não encontrada.')
    assert.deepEqual(e.fields, { id: 'x' })
    assert.equal(E.THING_NOT_FOUND({ message: 'Outra.' }).message, 'Outra.')
  })

  test('unknown failures become a generic 500 without details', () => {
    const e = toAppError(new Error('connection terminated: senha=xyz'))
    assert.equal(e.status, 500)
    assert.equal(e.code, 'INTERNAL')
    assert.ok(!e.message.includes('xyz'))
    assert.equal(toAppError(CommonErrors.FORBIDDEN()).code, 'FORBIDDEN')
  })

  test('unique violations are recognised from both drivers, also when wrapped', () => {
    const pgError = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'users_email_key',
    })
    assert.ok(isUniqueViolation(pgError))
    assert.ok(isUniqueViolation({ cause: pgError }, 'users_email_key'))
    assert.ok(!isUniqueViolation({ code: '23503' }))
    assert.ok(!isUniqueViolation(new Error('x')))
  })
})

describe('e-mail: modelo comum', () => {
  test('interpolated text is HTML-escaped and the text part mirrors the HTML', () => {
    const m = renderMail({
      subject: 'Teste <b>',
      tenantName: 'Silva & Filhos <Ltda>',
      greeting: 'Olá, João!',
      paragraphs: ['Linha com "aspas" e <script>alert(1)</script>'],
      action: { label: 'Abrir', url: 'https://cadastra.test/x?a=1&b=2' },
    })
    assert.ok(!m.html.includes('<script>'))
    assert.match(m.html, /Silva &amp; Filhos &lt;Ltda&gt;/)
    assert.match(m.html, /href="https:\/\/cadastra\.test\/x\?a=1&amp;b=2"/)
    assert.match(m.text, /Abrir: https:\/\/cadastra\.test\/x\?a=1&b=2/)
    assert.match(m.text, /Olá, João!/)
    assert.deepEqual(extractLinks(m.html, m.text), ['https://cadastra.test/x?a=1&b=2'])
    assert.equal(escapeHtml(`'"`), '&#39;&quot;')
  })
})

describe('tokens', () => {
  test('random tokens are long and distinct; stored hashes depend on the secret', () => {
    const a = randomToken()
    assert.ok(a.length >= 43)
    assert.notEqual(a, randomToken())
    assert.notEqual(hashToken('s1', a), hashToken('s2', a))
    assert.equal(hashToken('s1', a), hashToken('s1', a))
    assert.ok(safeEqual('abc', 'abc'))
    assert.ok(!safeEqual('abc', 'abd'))
    assert.ok(!safeEqual(null, null))
  })
})

describe('configuração', () => {
  test('defaults to embedded PGlite in ./data and the local mailbox', () => {
    const c = loadConfig({ SESSION_SECRET: 'x'.repeat(40) })
    assert.equal(c.database.kind, 'pglite')
    assert.equal(c.mail.transport, 'mailbox')
    assert.equal(c.port, 3000)
    assert.ok(Object.isFrozen(c))
  })

  test('DATABASE_URL and SMTP_URL switch the providers', () => {
    const c = loadConfig({
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://u@h:5432/db',
      SMTP_URL: 'smtp://mail.exemplo.com.br:587',
      APP_URL: 'https://cadastra.exemplo.com.br/',
    })
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@h:5432/db' })
    assert.equal(c.mail.transport, 'smtp')
    assert.equal(c.appUrl, 'https://cadastra.exemplo.com.br')
    assert.equal(c.secureCookies, true)
  })

  test('bad values are reported together, in pt-BR', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'curta' }),
      (err: Error) =>
        /Configuração inválida/.test(err.message) &&
        /PORT/.test(err.message) &&
        /DATABASE_URL deve começar com postgres/.test(err.message) &&
        /SESSION_SECRET precisa/.test(err.message),
    )
  })
})
