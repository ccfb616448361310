import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { validateBankAccount } from '../../../shared/banks.ts'
import {
  BILLING_STEP,
  checkBank,
  checkService,
  checkStep,
  emptyService,
  emptyValues,
  PLAN_STEP,
  SCHEDULE_STEP,
  stepOfField,
  toBody,
  wizardPath,
} from './plan-form.ts'

const STRONG = 'Fibra#Rapida2026'

function bbDigits(account: string) {
  const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']
  const base = { bankCode: '001', agency: '1234', account }
  const agencyDigit = digits.find((d) => {
    const r = validateBankAccount({ ...base, agencyDigit: d, accountDigit: '0' })
    return r.ok || r.field !== 'agencyDigit'
  }) as string
  const accountDigit = digits.find(
    (d) => validateBankAccount({ ...base, agencyDigit, accountDigit: d }).ok,
  ) as string
  return { agencyDigit, accountDigit }
}

describe('Novo Plano Cliente: checks, body and the API field errors', () => {
  test('services: RADIUS needs a login and a password that passes the meter, confirmed', () => {
    const radius = {
      ...emptyService('radius', true),
      login: 'Jo',
      password: 'abc12345',
      passwordConfirmation: 'x',
    }
    const errors = checkService(radius)
    assert.match(errors.login, /de 3 a 64/)
    assert.ok(errors.password, 'weak password refused')
    assert.equal(errors.passwordConfirmation, 'A confirmação não confere com a senha.')
    assert.deepEqual(
      checkService({ ...radius, login: 'joao.silva', password: STRONG, passwordConfirmation: STRONG }),
      {},
    )
    // An optional service left out is not checked.
    assert.deepEqual(checkService({ ...emptyService('email'), enabled: false }), {})
  })

  test('bank debit: the check digit is verified in the browser', () => {
    const { agencyDigit, accountDigit } = bbDigits('00123456')
    const wrong = accountDigit === '1' ? '2' : '1'
    const bank = {
      bankCode: '001',
      agency: '1234',
      agencyDigit,
      account: '00123456',
      accountDigit: wrong,
      operation: '',
      holderName: 'Roberto Souza',
      holderDocument: '529.982.247-25',
    }
    assert.match(checkBank(bank).accountDigit, /não confere para o Banco do Brasil/)
    assert.deepEqual(checkBank({ ...bank, accountDigit }), {})
  })

  test('steps own their fields; the body leaves out services not included', () => {
    const values = emptyValues()
    values.planId = '00000000-0000-4000-8000-000000000001'
    values.services = [
      {
        ...emptyService('radius', true),
        login: 'joao.silva',
        password: STRONG,
        passwordConfirmation: STRONG,
      },
      { ...emptyService('email'), enabled: false },
      { ...emptyService('ip'), ip: '200.150.10.5' },
    ]
    values.billing.paymentMethod = 'boleto'
    values.billing.dueDay = '10'
    assert.deepEqual(checkStep(PLAN_STEP, values), {})
    assert.deepEqual(checkStep(BILLING_STEP, values), {})
    assert.deepEqual(Object.keys(checkStep(SCHEDULE_STEP, values)).sort(), [
      'schedule.date',
      'schedule.endTime',
      'schedule.startTime',
      'schedule.technicianId',
    ])
    const { body, serviceIndex } = toBody(values, [], { withSchedule: false })
    assert.deepEqual(
      body.services.map((s) => s.kind),
      ['radius', 'ip'],
    )
    assert.deepEqual(serviceIndex, [0, 2])
    assert.equal(body.billing.dueDay, 10)
    assert.equal(body.schedule, null)
  })

  test('API field errors go back to the wizard field and step', () => {
    const serviceIndex = [0, 2]
    assert.equal(wizardPath('services.1.password', serviceIndex, 'technician'), 'services.2.password')
    assert.equal(
      wizardPath('billing.bank.accountDigit', serviceIndex, 'technician'),
      'billing.bank.accountDigit',
    )
    assert.equal(wizardPath('schedule.startsAt', serviceIndex, 'technician'), 'schedule.startTime')
    assert.equal(wizardPath('schedule.technicianId', serviceIndex, 'role'), 'schedule.roleId')
    assert.equal(
      wizardPath('contract.installationFeeCents', serviceIndex, 'technician'),
      'contract.installationFee',
    )
    assert.equal(
      wizardPath('installation.address.number', serviceIndex, 'technician'),
      'installationAddressId',
    )
    assert.equal(wizardPath('rules.abc', serviceIndex, 'technician'), null)
    const services = [{ ...emptyService('radius'), login: 'joao.silva' }]
    assert.equal(
      wizardPath('services', serviceIndex, 'technician', {
        message: 'O login joao.silva já está em uso por outro serviço.',
        services,
      }),
      'services.0.login',
    )
    assert.equal(stepOfField('services.2.password'), PLAN_STEP)
    assert.equal(stepOfField('billing.bank.accountDigit'), BILLING_STEP)
    assert.equal(stepOfField('schedule.startTime'), SCHEDULE_STEP)
  })
})
