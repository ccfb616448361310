import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkTransition } from '#server/modules/plans/plans.lifecycle.ts'
import { evaluateRules, type RuleContext, type RuleDefinition } from '#server/modules/plans/plans.rules.ts'

const base: RuleContext = {
  categoryId: 'cat-internet',
  client: { documentType: 'cpf', document: '52998224725', emails: ['a@b.com.br'] },
  installationAddress: {
    cep: '29050000',
    street: 'Rua A',
    number: '10',
    complement: null,
    district: 'Centro',
    city: 'Vitória',
    uf: 'ES',
  },
  paymentMethod: 'boleto',
  debitHolderDocument: null,
}
const rule = (kind: RuleDefinition['kind'], extra: Partial<RuleDefinition> = {}): RuleDefinition => ({
  id: kind,
  kind,
  categoryId: null,
  severity: 'block',
  message: null,
  ...extra,
})

describe('plan status (seed 003 Obs1/Obs2)', () => {
  test('inactive returns to active; cancelled never returns; no transition to the same status', () => {
    assert.deepEqual(checkTransition('ativo', 'inativo'), { ok: true })
    assert.deepEqual(checkTransition('inativo', 'ativo'), { ok: true })
    assert.deepEqual(checkTransition('ativo', 'cancelado'), { ok: true })
    assert.deepEqual(checkTransition('inativo', 'cancelado'), { ok: true })
    assert.deepEqual(checkTransition('cancelado', 'ativo'), { ok: false, reason: 'cancelled_final' })
    assert.deepEqual(checkTransition('cancelado', 'inativo'), { ok: false, reason: 'cancelled_final' })
    assert.deepEqual(checkTransition('ativo', 'ativo'), { ok: false, reason: 'same' })
  })
})

describe('registration rules (seed 003 Obs4)', () => {
  test('each kind fires only on its condition, with the default pt-BR text or the tenant message', async () => {
    const all = [
      rule('install_address_number'),
      rule('install_address_required'),
      rule('debit_holder_cpf'),
      rule('client_email_required', { severity: 'warn', message: 'Peça o e-mail ao cliente.' }),
    ]
    assert.deepEqual(await evaluateRules(all, base, null), [])
    const bad = await evaluateRules(
      all,
      {
        ...base,
        client: { ...base.client, emails: [] },
        installationAddress: { ...base.installationAddress!, number: 'S/N' },
        paymentMethod: 'debito_conta',
        debitHolderDocument: '11.222.333/0001-81',
      },
      null,
    )
    assert.deepEqual(
      bad.map((a) => [a.ruleId, a.severity]),
      [
        ['install_address_number', 'block'],
        ['debit_holder_cpf', 'block'],
        ['client_email_required', 'warn'],
      ],
    )
    assert.match(bad[0].message, /número/)
    assert.equal(bad[2].message, 'Peça o e-mail ao cliente.')
    const none = await evaluateRules(all, { ...base, installationAddress: null }, null)
    assert.deepEqual(
      none.map((a) => a.ruleId),
      ['install_address_required'],
    )
  })

  test('a rule scoped to a category ignores plans of other categories', async () => {
    const scoped = [rule('install_address_required', { categoryId: 'cat-emissores' })]
    assert.deepEqual(await evaluateRules(scoped, { ...base, installationAddress: null }, null), [])
    assert.equal(
      (await evaluateRules(scoped, { ...base, categoryId: 'cat-emissores', installationAddress: null }, null))
        .length,
      1,
    )
  })
})
