import assert from 'node:assert/strict'
import { test } from 'node:test'
import { COMMON_PASSWORDS } from './common-passwords.ts'
import { scorePassword } from './meter.ts'
import {
  COMMON_PASSWORD_MAX_SCORE,
  DEFAULT_PASSWORD_POLICY,
  PASSWORD_MAX_LENGTH,
  PASSWORD_PROBLEMS,
  evaluatePassword,
  isCommonPassword,
  isSameAsIdentity,
  passwordRulesHint,
} from './policy.ts'

const SAME = 'A senha não pode ser igual ao e-mail ou ao login.'
const COMMON = 'Esta senha é muito comum e fácil de adivinhar.'
const CLASSES = 'Use pelo menos 3 destes: letras maiúsculas, minúsculas, números e símbolos.'
const BAND_BOA = 'A senha precisa ser pelo menos Boa.'

test('default policy: Boa, 8 characters, 3 of 4 kinds', () => {
  assert.deepEqual({ ...DEFAULT_PASSWORD_POLICY }, { minBand: 'boa', minLength: 8, minClasses: 3 })
  assert.ok(Object.isFrozen(DEFAULT_PASSWORD_POLICY))
  assert.equal(PASSWORD_MAX_LENGTH, 128)
})

test('a good password passes with the meter’s score and breakdown', () => {
  const r = evaluatePassword('Tr0ub4dor&3', { email: 'ana@exemplo.com.br', login: 'ana' })
  assert.equal(r.ok, true)
  assert.deepEqual(r.problems, [])
  assert.equal(r.score, 100)
  assert.equal(r.bandLabel, 'Muito forte')
  assert.deepEqual(r.additions, scorePassword('Tr0ub4dor&3').additions)
  assert.deepEqual(r.tips, [])
})

test('equal to the e-mail, its local part or the login: score 0 (case and surrounding spaces ignored)', () => {
  const ctx = { email: '  Joao.Silva@Exemplo.com.br ', login: 'jsilva77' }
  for (const pw of [
    'joao.silva@exemplo.com.br',
    'JOAO.SILVA@EXEMPLO.COM.BR',
    'Joao.Silva',
    ' jsilva77 ',
    'JSilva77',
  ]) {
    const r = evaluatePassword(pw, ctx)
    assert.equal(r.score, 0, pw)
    assert.equal(r.band, 'muito-fraca')
    assert.equal(r.ok, false)
    assert.equal(r.problems[0], SAME, pw)
    assert.ok(!r.problems.includes(BAND_BOA), 'the identity problem is enough')
    const line = r.deductions.find((d) => d.key === 'sameAsIdentity')!
    assert.equal(line.label, 'Igual ao e-mail ou login')
    assert.equal(line.points, 0 - scorePassword(pw).score)
  }
  assert.equal(evaluatePassword('Joao.Silva!', ctx).problems.includes(SAME), false)
  assert.equal(isSameAsIdentity('x', {}), false)
  assert.equal(isSameAsIdentity('', { email: '', login: '' }), false)
  assert.equal(isSameAsIdentity('exemplo.com.br', { email: 'a@exemplo.com.br' }), false)
})

test('common passwords are refused and capped to Muito fraca', () => {
  for (const pw of [
    '123456',
    'senha',
    'senha123',
    'mudar123',
    'brasil',
    'flamengo',
    'corinthians',
    'palmeiras',
    'qwerty',
    'abc123',
    'admin',
    '102030',
    '123mudar',
    'cadastra',
    'password',
  ]) {
    assert.ok(COMMON_PASSWORDS.has(pw), `${pw} in the list`)
    assert.ok(isCommonPassword(pw), pw)
  }
  const r = evaluatePassword('Senha@123', {})
  assert.equal(scorePassword('Senha@123').score, 83)
  assert.equal(r.score, COMMON_PASSWORD_MAX_SCORE)
  assert.equal(r.band, 'muito-fraca')
  assert.deepEqual(r.problems, [COMMON])
  assert.equal(r.deductions.at(-1)!.key, 'commonPassword')
  assert.equal(r.deductions.at(-1)!.points, COMMON_PASSWORD_MAX_SCORE - 83)
  assert.match(r.tips[0], /senha conhecida/)
  // a common password already below the cap keeps its score and gets no extra line
  const weak = evaluatePassword('senha', {})
  assert.equal(weak.score, 7)
  assert.ok(!weak.deductions.some((d) => d.key === 'commonPassword'))
})

test('common-password variants: case, accents, digits and symbols around a word', () => {
  for (const pw of [
    'SENHA123',
    'Flamengo2026!',
    '@Palmeiras1914',
    'João2024',
    'Sãopaulo2026!',
    '2024#Brasil',
  ])
    assert.ok(isCommonPassword(pw), pw)
  for (const pw of ['Tr0ub4dor&3', 'Abc123!x', 'Kx9#mW2&pL', 'ana123', 'luz do sol 2026'])
    assert.equal(isCommonPassword(pw), false, pw)
})

test('length: at least minLength, at most 128 characters', () => {
  const short = evaluatePassword('Ab1!', {})
  assert.deepEqual(short.problems, ['A senha precisa ter pelo menos 8 caracteres.'])
  assert.equal(short.score, 40) // Boa, but too short
  const long = evaluatePassword(`Kx9#mW2&pL${'q'.repeat(PASSWORD_MAX_LENGTH)}`, {})
  assert.ok(long.problems.includes('A senha pode ter no máximo 128 caracteres.'))
  assert.equal(long.ok, false)
  assert.equal(evaluatePassword(`Kx9#mW2&pL${'qZ3!'.repeat(29)}`, {}).ok, true) // 126 characters
})

test('kinds: fewer than minClasses of the 4', () => {
  const r = evaluatePassword('zqxjkvbw72', {})
  assert.ok(r.problems.includes(CLASSES))
  assert.equal(evaluatePassword('zqxjkvbW72', {}).problems.includes(CLASSES), false)
  // accented letters count as letters, a space as a symbol
  assert.equal(evaluatePassword('çãõéíúzq 9', {}).problems.includes(CLASSES), false)
})

test('band below minBand', () => {
  // 'aaaaaaaaB1': 3 kinds, 10 characters, not common, but Fraca (39)
  const r = evaluatePassword('aaaaaaaaB1', {})
  assert.equal(r.score, 39)
  assert.deepEqual(r.problems, [BAND_BOA])
  assert.ok(r.tips.includes('Evite repetir caracteres.'))
  assert.deepEqual(evaluatePassword('aaaaaaaaB1', { policy: { minBand: 'fraca' } }).problems, [])
})

test('a custom policy changes every rule and its message', () => {
  const policy = { minBand: 'muito-forte', minLength: 12, minClasses: 4 } as const
  const r = evaluatePassword('Zorro!bq7Q', { policy })
  assert.deepEqual(r.problems, [
    'A senha precisa ter pelo menos 12 caracteres.',
    'A senha precisa ser pelo menos Muito forte.',
  ])
  assert.ok(evaluatePassword('zorro!bq7qxw', { policy }).problems.includes(PASSWORD_PROBLEMS.classes(4)))
  assert.equal(evaluatePassword('Zorro!bq7Q#m', { policy }).ok, true)
})

test('empty password: one problem, no tips', () => {
  const r = evaluatePassword('', {})
  assert.deepEqual(r.problems, ['Informe a senha.'])
  assert.deepEqual(r.tips, [])
  assert.equal(r.score, 0)
  assert.equal(r.ok, false)
})

test('tips say what would raise the score', () => {
  assert.deepEqual(evaluatePassword('zqxjkvbw72', {}).tips, [
    'Use uma senha mais longa: cada caractere a mais soma pontos.',
    'Inclua letras maiúsculas e símbolos (como ! ? # %).',
    'Alterne maiúsculas, minúsculas, números e símbolos em vez de agrupá-los.',
  ])
  assert.ok(evaluatePassword('Abc123!x', {}).tips.includes('Evite sequências como abc, 123 ou !@#.'))
})

test('undefined policy fields keep the defaults', () => {
  const policy = { minBand: undefined, minLength: undefined, minClasses: undefined }
  assert.deepEqual(evaluatePassword('senha123', { policy }).problems, [COMMON, CLASSES])
  assert.deepEqual(evaluatePassword('Ab1!', { policy }).problems, [PASSWORD_PROBLEMS.tooShort(8)])
})

test('rules hint follows the policy', () => {
  assert.match(passwordRulesHint(), /^Use pelo menos 8 caracteres, com 3 destes 4 tipos/)
  assert.match(
    passwordRulesHint({ minLength: 12, minClasses: 4 }),
    /^Use pelo menos 12 caracteres, com 4 destes/,
  )
})
