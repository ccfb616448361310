import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  BANKS_WITH_CHECK_DIGIT,
  BRAZILIAN_BANKS,
  type BankAccountInput,
  type BankAccountValidation,
  bankName,
  validateBankAccount,
} from './banks.ts'

const OK: BankAccountValidation = { ok: true }

/** Asserts the input is refused on the given field and returns the message. */
function refused(input: BankAccountInput, field: string): string {
  const result = validateBankAccount(input)
  assert.equal(result.ok, false, JSON.stringify(input))
  if (result.ok) throw new Error('unreachable')
  assert.equal(result.field, field, result.message)
  return result.message
}

// The accounts below are made up and their check digits worked out by hand from each bank's rule.

describe('BRAZILIAN_BANKS and bankName', () => {
  it('lists unique 3-digit COMPE codes with names', () => {
    assert.ok(BRAZILIAN_BANKS.length >= 25)
    for (const bank of BRAZILIAN_BANKS) {
      assert.match(bank.code, /^\d{3}$/)
      assert.ok(bank.name.length > 1)
    }
    assert.equal(new Set(BRAZILIAN_BANKS.map((b) => b.code)).size, BRAZILIAN_BANKS.length)
  })

  it('names the main banks by their real COMPE codes', () => {
    const expected: Record<string, string> = {
      '001': 'Banco do Brasil',
      '341': 'Itaú Unibanco',
      '237': 'Bradesco',
      '104': 'Caixa Econômica Federal',
      '033': 'Santander',
      '041': 'Banrisul',
      '748': 'Sicredi',
      '756': 'Sicoob',
      '077': 'Banco Inter',
      '260': 'Nubank',
      '336': 'C6 Bank',
      '208': 'BTG Pactual',
      '422': 'Banco Safra',
      '004': 'Banco do Nordeste',
      '070': 'BRB',
      '021': 'Banestes',
      '389': 'Mercantil do Brasil',
      '212': 'Banco Original',
      '290': 'PagBank',
      '323': 'Mercado Pago',
    }
    for (const [code, name] of Object.entries(expected)) assert.equal(bankName(code), name, code)
  })

  it('accepts codes without leading zeros and returns undefined for unknown ones', () => {
    assert.equal(bankName('1'), 'Banco do Brasil')
    assert.equal(bankName('33'), 'Santander')
    assert.equal(bankName(' 237 '), 'Bradesco')
    assert.equal(bankName('999'), undefined)
    assert.equal(bankName('abc'), undefined)
    assert.equal(bankName('0001'), undefined)
    assert.equal(bankName(''), undefined)
  })

  it('lists the banks whose check digits are verified', () => {
    assert.deepEqual([...BANKS_WITH_CHECK_DIGIT], ['001', '033', '041', '104', '237', '341'])
    for (const code of BANKS_WITH_CHECK_DIGIT) assert.ok(bankName(code), code)
  })
})

describe('validateBankAccount: Banco do Brasil (001)', () => {
  // Agency 1234: 1×5 + 2×4 + 3×3 + 4×2 = 30; 30 mod 11 = 8; 11 − 8 = 3 → 1234-3.
  // Account 12345678: 1×9 + 2×8 + 3×7 + 4×6 + 5×5 + 6×4 + 7×3 + 8×2 = 156;
  //   156 mod 11 = 2; 11 − 2 = 9 → 12345678-9.
  // Account 45678 (00045678): 4×6 + 5×5 + 6×4 + 7×3 + 8×2 = 110; 110 mod 11 = 0; 11 → 0.
  // Account 20000 (00020000): 2×6 = 12; 12 mod 11 = 1; 11 − 1 = 10 → X.
  // Agency 0023: 2×3 + 3×2 = 12; 12 mod 11 = 1; 10 → X.
  const base = { bankCode: '001', agency: '1234', agencyDigit: '3', account: '12345678', accountDigit: '9' }

  it('accepts valid agencies and accounts', () => {
    assert.deepEqual(validateBankAccount(base), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '45678', accountDigit: '0' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '20000', accountDigit: 'X' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '20000', accountDigit: 'x' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, agency: '0023', agencyDigit: 'X' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, agencyDigit: undefined }), OK)
  })

  it("accepts 0 typed for an 'X' check digit (numeric keypads)", () => {
    assert.deepEqual(validateBankAccount({ ...base, account: '20000', accountDigit: '0' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, agency: '0023', agencyDigit: '0' }), OK)
  })

  it('accepts punctuation and spaces', () => {
    assert.deepEqual(
      validateBankAccount({ ...base, agency: ' 1.234 ', account: '1.234.567-8', accountDigit: ' 9 ' }),
      OK,
    )
  })

  it('refuses a wrong account check digit', () => {
    assert.equal(
      refused({ ...base, accountDigit: '8' }, 'accountDigit'),
      'O dígito verificador da conta não confere para o Banco do Brasil.',
    )
    refused({ ...base, account: '45678', accountDigit: 'X' }, 'accountDigit')
  })

  it('refuses a wrong agency check digit', () => {
    assert.equal(
      refused({ ...base, agencyDigit: '4' }, 'agencyDigit'),
      'O dígito verificador da agência não confere para o Banco do Brasil.',
    )
  })

  it("refuses 'P' and accounts longer than 8 digits", () => {
    refused({ ...base, accountDigit: 'P' }, 'accountDigit')
    refused({ ...base, agencyDigit: 'P' }, 'agencyDigit')
    assert.match(
      refused({ ...base, account: '123456789' }, 'account'),
      /Banco do Brasil deve ter até 8 dígitos/,
    )
  })
})

describe('validateBankAccount: Itaú (341)', () => {
  // Agency 1234 + account 56789 → digits 1 2 3 4 5 6 7 8 9 × weights 2 1 2 1 2 1 2 1 2
  //   = 2, 2, 6, 4, 10→1, 6, 14→5, 8, 18→9; sum 43; 10 − 3 = 7 → 56789-7.
  // Agency 0001 + account 12345 → 0, 0, 0, 1, 2, 2, 6, 4, 10→1; sum 16; 10 − 6 = 4 → 12345-4.
  const base = { bankCode: '341', agency: '1234', account: '56789', accountDigit: '7' }

  it('accepts valid accounts', () => {
    assert.deepEqual(validateBankAccount(base), OK)
    assert.deepEqual(
      validateBankAccount({ ...base, agency: '0001', account: '12345', accountDigit: '4' }),
      OK,
    )
    assert.deepEqual(validateBankAccount({ ...base, account: '56.789' }), OK)
  })

  it('refuses a wrong account check digit', () => {
    assert.equal(
      refused({ ...base, accountDigit: '8' }, 'accountDigit'),
      'O dígito verificador da conta não confere para o Itaú Unibanco.',
    )
    // the agency enters the computation: the same account in another agency is refused
    refused({ ...base, agency: '1235' }, 'accountDigit')
  })

  it('refuses letters as check digit and accounts longer than 5 digits', () => {
    refused({ ...base, accountDigit: 'X' }, 'accountDigit')
    assert.equal(
      refused({ ...base, account: '567890' }, 'account'),
      'A conta do Itaú Unibanco deve ter até 5 dígitos, sem o dígito verificador.',
    )
  })
})

describe('validateBankAccount: Bradesco (237)', () => {
  // Agency 1234: 1×5 + 2×4 + 3×3 + 4×2 = 30; 30 mod 11 = 8; 11 − 8 = 3 → 1234-3.
  // Account 1234567: 1×2 + 2×7 + 3×6 + 4×5 + 5×4 + 6×3 + 7×2 = 106; 106 mod 11 = 7; 11 − 7 = 4 → 1234567-4.
  // Account 1234564: 2 + 14 + 18 + 20 + 20 + 18 + 4×2 = 100; 100 mod 11 = 1; 11 − 1 = 10 → P.
  // Account 1234569: 2 + 14 + 18 + 20 + 20 + 18 + 9×2 = 110; 110 mod 11 = 0 → 0.
  // Agency 0023: 2×3 + 3×2 = 12; 12 mod 11 = 1; 10 → P.
  const base = { bankCode: '237', agency: '1234', agencyDigit: '3', account: '1234567', accountDigit: '4' }

  it('accepts valid agencies and accounts', () => {
    assert.deepEqual(validateBankAccount(base), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '1234564', accountDigit: 'P' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '1234569', accountDigit: '0' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, agency: '0023', agencyDigit: 'p' }), OK)
  })

  it("accepts 0 typed for a 'P' check digit", () => {
    assert.deepEqual(validateBankAccount({ ...base, account: '1234564', accountDigit: '0' }), OK)
  })

  it('refuses wrong check digits', () => {
    assert.equal(
      refused({ ...base, accountDigit: '5' }, 'accountDigit'),
      'O dígito verificador da conta não confere para o Bradesco.',
    )
    refused({ ...base, account: '1234569', accountDigit: 'P' }, 'accountDigit')
    assert.equal(
      refused({ ...base, agencyDigit: '2' }, 'agencyDigit'),
      'O dígito verificador da agência não confere para o Bradesco.',
    )
  })

  it("refuses 'X' and accounts longer than 7 digits", () => {
    assert.equal(
      refused({ ...base, accountDigit: 'X' }, 'accountDigit'),
      'O dígito da conta do Bradesco deve ser um número de 0 a 9 ou P.',
    )
    refused({ ...base, account: '12345678' }, 'account')
  })
})

describe('validateBankAccount: Caixa (104)', () => {
  // Agency 1234 + operation 001 + account 00012345:
  //   digits  1 2 3 4 | 0 0 1 | 0 0 0 1 2 3 4 5
  //   weights 8 7 6 5 | 4 3 2 | 9 8 7 6 5 4 3 2
  //   8 + 14 + 18 + 20 + 2 + 6 + 10 + 12 + 12 + 10 = 112; 112 × 10 = 1120; 1120 mod 11 = 9 → 12345-9.
  // Same account with operation 013: the operation adds 1×3 + 3×2 = 9 instead of 2 → 119;
  //   1190 mod 11 = 2 → 12345-2.
  const base = { bankCode: '104', agency: '1234', operation: '001', account: '12345', accountDigit: '9' }

  it('accepts valid accounts', () => {
    assert.deepEqual(validateBankAccount(base), OK)
    assert.deepEqual(validateBankAccount({ ...base, operation: '013', accountDigit: '2' }), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '00012345' }), OK)
  })

  it('accepts the operation typed in front of the account', () => {
    assert.deepEqual(validateBankAccount({ ...base, operation: undefined, account: '001.00012345' }), OK)
    refused({ ...base, operation: '', account: '00100012345', accountDigit: '8' }, 'accountDigit')
  })

  it('refuses a wrong account check digit, which depends on the operation', () => {
    assert.equal(
      refused({ ...base, accountDigit: '8' }, 'accountDigit'),
      'O dígito verificador da conta não confere para a Caixa Econômica Federal.',
    )
    refused({ ...base, operation: '013' }, 'accountDigit')
  })

  it('asks for the operation', () => {
    assert.match(refused({ ...base, operation: undefined }, 'operation'), /Informe a operação/)
    refused({ ...base, operation: '0a1' }, 'operation')
    refused({ ...base, operation: '01' }, 'operation')
  })

  it('checks only the format of the new 4-digit operations (1288, 3701)', () => {
    assert.deepEqual(
      validateBankAccount({ ...base, operation: '1288', account: '123456789', accountDigit: '0' }),
      OK,
    )
    assert.deepEqual(
      validateBankAccount({ ...base, operation: '3701', account: '123456789', accountDigit: '5' }),
      OK,
    )
    refused({ ...base, operation: '1288', account: '1234567890' }, 'account')
    refused({ ...base, operation: '001', account: '123456789' }, 'account')
  })
})

describe('validateBankAccount: Santander (033)', () => {
  // Agency 1234 + account 12345678, weights 9 7 3 1 | 9 7 1 3 1 9 7 3:
  //   agency 9 + 14 + 9 + 4 = 36; account 9 + 14 + 3 + 12 + 5 + 54 + 49 + 24 = 170;
  //   total 206, last digit 6; 10 − 6 = 4 → 12345678-4.
  // Agency 0001 + account 01000123: 1×1 = 1; 1×7 + 1×9 + 2×7 + 3×3 = 39; total 40 → 10 − 0 → 0.
  const base = { bankCode: '033', agency: '1234', account: '12345678', accountDigit: '4' }

  it('accepts valid accounts', () => {
    assert.deepEqual(validateBankAccount(base), OK)
    assert.deepEqual(
      validateBankAccount({ ...base, agency: '0001', account: '01000123', accountDigit: '0' }),
      OK,
    )
    assert.deepEqual(
      validateBankAccount({ ...base, agency: '0001', account: '1000123', accountDigit: '0' }),
      OK,
    )
  })

  it('refuses a wrong account check digit', () => {
    assert.equal(
      refused({ ...base, accountDigit: '5' }, 'accountDigit'),
      'O dígito verificador da conta não confere para o Santander.',
    )
    refused({ ...base, agency: '1243' }, 'accountDigit')
  })

  it('refuses accounts longer than 8 digits', () => {
    refused({ ...base, account: '123456789' }, 'account')
  })
})

describe('validateBankAccount: Banrisul (041)', () => {
  // Account 123456789 × weights 3 2 4 7 6 5 4 3 2 = 3 + 4 + 12 + 28 + 30 + 30 + 28 + 24 + 18 = 177;
  //   177 mod 11 = 1 → by Banrisul's rule the DV is 6 → 123456789-6.
  // Account 350012345: 9 + 10 + 0 + 0 + 6 + 10 + 12 + 12 + 10 = 69; 69 mod 11 = 3; 11 − 3 = 8.
  const base = { bankCode: '041', agency: '1234', account: '123456789', accountDigit: '6' }

  it('accepts valid accounts', () => {
    assert.deepEqual(validateBankAccount(base), OK)
    assert.deepEqual(validateBankAccount({ ...base, account: '35.001234.5', accountDigit: '8' }), OK)
  })

  it('accepts the two-digit agency check digit without computing it', () => {
    assert.deepEqual(validateBankAccount({ ...base, agencyDigit: '57' }), OK)
    refused({ ...base, agencyDigit: '578' }, 'agencyDigit')
  })

  it('refuses a wrong account check digit', () => {
    assert.equal(
      refused({ ...base, accountDigit: '5' }, 'accountDigit'),
      'O dígito verificador da conta não confere para o Banrisul.',
    )
    refused({ ...base, account: '350012345', accountDigit: '6' }, 'accountDigit')
  })

  it('refuses accounts longer than 9 digits', () => {
    refused({ ...base, account: '1234567890' }, 'account')
  })
})

describe('validateBankAccount: banks without a check-digit rule', () => {
  it('accepts any check digit when the format is right', () => {
    for (const accountDigit of ['0', '5', '9', 'X']) {
      assert.deepEqual(
        validateBankAccount({ bankCode: '260', agency: '0001', account: '12345678', accountDigit }),
        OK,
        accountDigit,
      )
    }
    assert.deepEqual(
      validateBankAccount({
        bankCode: '748',
        agency: '0101',
        agencyDigit: '1',
        account: '123456',
        accountDigit: '7',
      }),
      OK,
    )
  })

  it('still checks the format', () => {
    const base = { bankCode: '077', agency: '0001', account: '12345678', accountDigit: '1' }
    assert.deepEqual(validateBankAccount(base), OK)
    assert.equal(
      refused({ ...base, accountDigit: 'P' }, 'accountDigit'),
      'O dígito da conta deve ser um número de 0 a 9 ou X.',
    )
    refused({ ...base, account: '1234567890123' }, 'account')
    refused({ ...base, agencyDigit: '12' }, 'agencyDigit')
  })
})

describe('validateBankAccount: format errors', () => {
  const base = { bankCode: '341', agency: '1234', account: '56789', accountDigit: '7' }

  it('refuses an unknown bank', () => {
    assert.equal(refused({ ...base, bankCode: '999' }, 'bankCode'), 'Banco não encontrado na lista.')
    refused({ ...base, bankCode: 'itau' }, 'bankCode')
    refused({ ...base, bankCode: '' }, 'bankCode')
  })

  it('accepts the bank code without leading zeros', () => {
    assert.deepEqual(
      validateBankAccount({ bankCode: '1', agency: '1234', account: '12345678', accountDigit: '9' }),
      OK,
    )
  })

  it('refuses letters and a short or long agency', () => {
    assert.equal(refused({ ...base, agency: '12a4' }, 'agency'), 'A agência deve conter apenas números.')
    assert.equal(
      refused({ ...base, agency: '123' }, 'agency'),
      'A agência deve ter 4 dígitos, sem o dígito verificador.',
    )
    refused({ ...base, agency: '1234-5' }, 'agency')
    assert.equal(refused({ ...base, agency: ' ' }, 'agency'), 'Informe a agência.')
  })

  it('refuses letters in the account and an empty or zero account', () => {
    assert.equal(
      refused({ ...base, account: '567B9' }, 'account'),
      'O número da conta deve conter apenas números.',
    )
    assert.equal(refused({ ...base, account: '' }, 'account'), 'Informe o número da conta.')
    refused({ ...base, account: '00000' }, 'account')
  })

  it('refuses a missing or malformed account check digit', () => {
    assert.equal(refused({ ...base, accountDigit: '' }, 'accountDigit'), 'Informe o dígito da conta.')
    assert.equal(
      refused({ ...base, accountDigit: 'A' }, 'accountDigit'),
      'O dígito da conta do Itaú Unibanco deve ser um número de 0 a 9.',
    )
    refused({ ...base, accountDigit: '77' }, 'accountDigit')
  })

  it('refuses a malformed agency check digit', () => {
    assert.equal(
      refused(
        { ...base, bankCode: '001', account: '12345678', accountDigit: '9', agencyDigit: 'A' },
        'agencyDigit',
      ),
      'O dígito da agência do Banco do Brasil deve ser um número de 0 a 9 ou X.',
    )
  })
})
