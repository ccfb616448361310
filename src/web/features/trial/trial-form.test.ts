import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { emptyValues } from '../client-orgs/client-org-form.ts'
import {
  ADDRESS_STEP,
  type AccountValues,
  COMPANY_STEP,
  LOGIN_STEP,
  PLANS_STEP,
  locateField,
  toSignupBody,
  validateAddressStep,
  validateCompanyStep,
  validateLoginStep,
} from './trial-form.ts'

const ACCOUNT: AccountValues = {
  planIds: ['p1', 'p2'],
  contact: { name: 'Rafaela Moreira', phone: '(27) 99876-1234' },
  login: {
    email: ' Fiscal@Aurora.com.br ',
    password: 'Emissor#Aurora2026',
    passwordConfirmation: 'Emissor#Aurora2026',
  },
}

describe('assistente de novo cadastro: etapas e erros do servidor', () => {
  test('cada campo do servidor volta para a etapa que o mostra', () => {
    assert.deepEqual(locateField('planIds'), { step: PLANS_STEP, form: 'account', path: 'planIds' })
    assert.deepEqual(locateField('contact.phone'), {
      step: LOGIN_STEP,
      form: 'account',
      path: 'contact.phone',
    })
    assert.deepEqual(locateField('login.email'), { step: LOGIN_STEP, form: 'account', path: 'login.email' })
    // The step checks answer with the top-level names of their own bodies.
    assert.deepEqual(locateField('email'), { step: LOGIN_STEP, form: 'account', path: 'login.email' })
    assert.deepEqual(locateField('password'), { step: LOGIN_STEP, form: 'account', path: 'login.password' })
    assert.deepEqual(locateField('document'), { step: COMPANY_STEP, form: 'company', path: 'document' })
    assert.deepEqual(locateField('company.email'), { step: COMPANY_STEP, form: 'company', path: 'emails.0' })
    assert.deepEqual(locateField('company.stateRegistration'), {
      step: COMPANY_STEP,
      form: 'company',
      path: 'stateRegistration',
    })
    assert.deepEqual(locateField('address.cep'), {
      step: ADDRESS_STEP,
      form: 'company',
      path: 'addresses.0.cep',
    })
  })

  test('etapa 2: senha fraca, confirmação diferente e telefone inválido ficam nos campos', () => {
    assert.deepEqual(validateLoginStep(ACCOUNT), {})
    const errors = validateLoginStep({
      ...ACCOUNT,
      contact: { name: 'R', phone: '123' },
      login: { email: 'x@', password: '123456', passwordConfirmation: '1234567' },
    })
    assert.deepEqual(Object.keys(errors).sort(), [
      'contact.name',
      'contact.phone',
      'login.email',
      'login.password',
      'login.passwordConfirmation',
    ])
  })

  test('etapa 3 não olha o endereço; a etapa 4 exige o endereço inteiro', () => {
    const company = { ...emptyValues(), document: '45.781.293/0001-20', name: 'Transportes Aurora Ltda' }
    assert.deepEqual(validateCompanyStep(company), {})
    assert.deepEqual(Object.keys(validateAddressStep(company)).sort(), [
      'addresses.0.cep',
      'addresses.0.city',
      'addresses.0.district',
      'addresses.0.number',
      'addresses.0.street',
      'addresses.0.uf',
    ])
  })

  test('o corpo de POST /trial-signups leva só o que o contrato pede', () => {
    const company = {
      ...emptyValues(),
      document: '45.781.293/0001-20',
      name: ' Transportes Aurora Ltda ',
      stateRegistration: 'isento',
      emails: ['contato@aurora.com.br'],
      phones: ['(27) 3333-4444'],
    }
    company.addresses[0] = {
      ...company.addresses[0],
      cep: '29055-000',
      street: 'Rua Aleixo Netto',
      number: '250',
      district: 'Praia do Canto',
      city: 'Vitória',
      uf: 'es',
    }
    assert.deepEqual(toSignupBody(ACCOUNT, company), {
      planIds: ['p1', 'p2'],
      contact: { name: 'Rafaela Moreira', phone: '+5527998761234' },
      login: {
        email: 'fiscal@aurora.com.br',
        password: 'Emissor#Aurora2026',
        passwordConfirmation: 'Emissor#Aurora2026',
      },
      company: {
        document: '45.781.293/0001-20',
        name: 'Transportes Aurora Ltda',
        tradeName: null,
        stateRegistration: 'ISENTO',
        email: 'contato@aurora.com.br',
        phone: '+552733334444',
      },
      address: {
        cep: '29055000',
        street: 'Rua Aleixo Netto',
        number: '250',
        complement: null,
        district: 'Praia do Canto',
        city: 'Vitória',
        uf: 'ES',
      },
    })
  })
})
