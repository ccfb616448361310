import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isValidCNPJ as libIsValidCnpj, isValidCPF as libIsValidCpf } from '@brazilian-utils/brazilian-utils'
import {
  detectDocumentType,
  formatCep,
  formatCnpj,
  formatCpf,
  formatDocument,
  formatPhone,
  isValidCep,
  isValidCnpj,
  isValidCpf,
  withCpfCheckDigits,
  isValidDocument,
  isValidPhone,
  maskCep,
  maskCnpj,
  maskCpf,
  maskDocument,
  maskPhone,
  normalizeCep,
  normalizeCnpj,
  normalizeCpf,
  normalizePhone,
  onlyDigits,
} from './documents.ts'

/** Small deterministic PRNG so the cross-checks are reproducible. */
function makeRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

test('onlyDigits', () => {
  assert.equal(onlyDigits('529.982.247-25'), '52998224725')
  assert.equal(onlyDigits('(27) 9 9999-9999'), '27999999999')
  assert.equal(onlyDigits('abc'), '')
  assert.equal(onlyDigits(''), '')
  assert.equal(onlyDigits(null), '')
})

// ---------------------------------------------------------------- CPF

test('normalizeCpf strips punctuation', () => {
  assert.equal(normalizeCpf('529.982.247-25'), '52998224725')
  assert.equal(normalizeCpf(' 529 982 247 25 '), '52998224725')
})

test('isValidCpf accepts valid CPFs, formatted or not', () => {
  for (const cpf of ['529.982.247-25', '52998224725', '111.444.777-35', '123.456.789-09', '000.000.001-91']) {
    assert.equal(isValidCpf(cpf), true, cpf)
  }
})

test('withCpfCheckDigits completes a 9-digit base with both check digits', () => {
  assert.equal(withCpfCheckDigits('529982247'), '52998224725')
  assert.equal(withCpfCheckDigits('000000019'), '00000001910')
  for (let n = 1; n < 500; n += 7)
    assert.equal(
      isValidCpf(
        withCpfCheckDigits(
          String(n * 104729)
            .padStart(9, '0')
            .slice(-9),
        ),
      ),
      true,
    )
})

test('isValidCpf rejects wrong check digits, lengths and repeated digits', () => {
  for (const cpf of [
    '529.982.247-24',
    '529.982.247-15',
    '5299822472',
    '529982247250',
    '111.111.111-11',
    '000.000.000-00',
    '999.999.999-99',
    'abc52998224725',
    '',
    null,
    undefined,
  ]) {
    assert.equal(isValidCpf(cpf), false, String(cpf))
  }
})

test('isValidCpf agrees with @brazilian-utils on random numbers', () => {
  const random = makeRandom(42)
  let valid = 0
  for (let n = 0; n < 300; n++) {
    const base = Array.from({ length: 9 }, () => Math.floor(random() * 10)).join('')
    for (let dv = 0; dv < 100; dv++) {
      const cpf = base + String(dv).padStart(2, '0')
      assert.equal(isValidCpf(cpf), libIsValidCpf(cpf), cpf)
      if (isValidCpf(cpf)) valid++
    }
  }
  assert.equal(valid, 300) // exactly one pair of check digits per base
})

test('formatCpf', () => {
  assert.equal(formatCpf('52998224725'), '529.982.247-25')
  assert.equal(formatCpf('529.982.247-25'), '529.982.247-25')
  assert.equal(formatCpf(' 12345 '), '12345')
  assert.equal(formatCpf(null), '')
})

test('maskCpf formats progressively while typing', () => {
  const steps: Array<[string, string]> = [
    ['', ''],
    ['1', '1'],
    ['123', '123'],
    ['1234', '123.4'],
    ['123456', '123.456'],
    ['1234567', '123.456.7'],
    ['123456789', '123.456.789'],
    ['1234567890', '123.456.789-0'],
    ['12345678909', '123.456.789-09'],
    ['123456789099999', '123.456.789-09'],
    ['123.456.7', '123.456.7'],
    ['12a3', '123'],
  ]
  for (const [input, expected] of steps) assert.equal(maskCpf(input), expected, input)
})

// ---------------------------------------------------------------- CNPJ

test('normalizeCnpj strips punctuation and uppercases', () => {
  assert.equal(normalizeCnpj('12.abc.345/01de-35'), '12ABC34501DE35')
  assert.equal(normalizeCnpj('11.222.333/0001-81'), '11222333000181')
})

test('isValidCnpj accepts numeric CNPJs', () => {
  for (const cnpj of ['11.222.333/0001-81', '11222333000181', '11.444.777/0001-61', '00.000.000/0001-91']) {
    assert.equal(isValidCnpj(cnpj), true, cnpj)
  }
})

test('isValidCnpj accepts alphanumeric CNPJs (July 2026)', () => {
  for (const cnpj of ['12.ABC.345/01DE-35', '12ABC34501DE35', '12.abc.345/01de-35', 'Q0.SLF.MBD/7VX4-39']) {
    assert.equal(isValidCnpj(cnpj), true, cnpj)
  }
})

test('isValidCnpj rejects wrong check digits, bad shapes and repeated characters', () => {
  for (const cnpj of [
    '11.222.333/0001-80',
    '11.222.333/0001-18',
    '12.ABC.345/01DE-36',
    '12.ABC.345/01DE-53',
    '12.ABC.345/01D3-5E', // check digits must be numeric
    '12.ABC.345/01DE-3',
    '1122233300018',
    '112223330001811',
    '00.000.000/0000-00',
    '11.111.111/1111-11',
    '12.ABC.345/01DE-35!',
    '',
    null,
  ]) {
    assert.equal(isValidCnpj(cnpj), false, String(cnpj))
  }
})

test('isValidCnpj agrees with @brazilian-utils on random alphanumeric bases', () => {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  const random = makeRandom(7)
  let valid = 0
  for (let n = 0; n < 200; n++) {
    const base = Array.from({ length: 12 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    for (let dv = 0; dv < 100; dv++) {
      const cnpj = base + String(dv).padStart(2, '0')
      const ours = isValidCnpj(cnpj)
      assert.equal(ours, libIsValidCnpj(cnpj, { version: 2 }), cnpj)
      if (ours) valid++
    }
  }
  assert.equal(valid, 200) // exactly one pair of check digits per base
})

test('formatCnpj', () => {
  assert.equal(formatCnpj('12abc34501de35'), '12.ABC.345/01DE-35')
  assert.equal(formatCnpj('11222333000181'), '11.222.333/0001-81')
  assert.equal(formatCnpj('11.222.333/0001-81'), '11.222.333/0001-81')
  assert.equal(formatCnpj('1122'), '1122')
})

test('maskCnpj formats progressively while typing', () => {
  const steps: Array<[string, string]> = [
    ['', ''],
    ['1', '1'],
    ['12', '12'],
    ['12a', '12.A'],
    ['12abc3', '12.ABC.3'],
    ['12abc345', '12.ABC.345'],
    ['12abc3450', '12.ABC.345/0'],
    ['12abc34501de', '12.ABC.345/01DE'],
    ['12abc34501de3', '12.ABC.345/01DE-3'],
    ['12abc34501de35', '12.ABC.345/01DE-35'],
    ['12abc34501de35999', '12.ABC.345/01DE-35'],
    ['12abc34501deX3', '12.ABC.345/01DE-3'], // letters are not allowed in the check digits
    ['11.222.333/0001-81', '11.222.333/0001-81'],
  ]
  for (const [input, expected] of steps) assert.equal(maskCnpj(input), expected, input)
})

// ---------------------------------------------------------------- CPF or CNPJ

test('detectDocumentType uses the normalised length', () => {
  assert.equal(detectDocumentType('529.982.247-25'), 'cpf')
  assert.equal(detectDocumentType('11.222.333/0001-81'), 'cnpj')
  assert.equal(detectDocumentType('12.ABC.345/01DE-35'), 'cnpj')
  assert.equal(detectDocumentType('1234'), null)
  assert.equal(detectDocumentType('1234567890A'), null)
  assert.equal(detectDocumentType(''), null)
})

test('formatDocument, isValidDocument and maskDocument', () => {
  assert.equal(formatDocument('52998224725'), '529.982.247-25')
  assert.equal(formatDocument('12abc34501de35'), '12.ABC.345/01DE-35')
  assert.equal(formatDocument(' 123 '), '123')
  assert.equal(isValidDocument('529.982.247-25'), true)
  assert.equal(isValidDocument('12.ABC.345/01DE-35'), true)
  assert.equal(isValidDocument('529.982.247-26'), false)
  assert.equal(isValidDocument('123'), false)
  assert.equal(maskDocument('5299822472'), '529.982.247-2')
  assert.equal(maskDocument('52998224725'), '529.982.247-25')
  assert.equal(maskDocument('112223330001'), '11.222.333/0001')
  assert.equal(maskDocument('12a'), '12.A')
})

// ---------------------------------------------------------------- CEP

test('CEP normalise, validate and format', () => {
  assert.equal(normalizeCep('29000-000'), '29000000')
  assert.equal(isValidCep('29000-000'), true)
  assert.equal(isValidCep('29000000'), true)
  assert.equal(isValidCep('29.000-000'), true)
  assert.equal(isValidCep('2900-000'), false)
  assert.equal(isValidCep('290000000'), false)
  assert.equal(isValidCep('29000-00a'), false)
  assert.equal(isValidCep(''), false)
  assert.equal(formatCep('29000000'), '29000-000')
  assert.equal(formatCep('01310-100'), '01310-100')
  assert.equal(formatCep('123'), '123')
})

test('maskCep formats progressively while typing', () => {
  const steps: Array<[string, string]> = [
    ['', ''],
    ['2', '2'],
    ['29000', '29000'],
    ['290001', '29000-1'],
    ['29000000', '29000-000'],
    ['290000001', '29000-000'],
  ]
  for (const [input, expected] of steps) assert.equal(maskCep(input), expected, input)
})

// ---------------------------------------------------------------- Phones

test('normalizePhone returns E.164', () => {
  assert.equal(normalizePhone('(27) 99999-9999'), '+5527999999999')
  assert.equal(normalizePhone('27999999999'), '+5527999999999')
  assert.equal(normalizePhone('+55 27 99999-9999'), '+5527999999999')
  assert.equal(normalizePhone('5527999999999'), '+5527999999999')
  assert.equal(normalizePhone('027 99999-9999'), '+5527999999999')
  assert.equal(normalizePhone('27 3333-4444'), '+552733334444')
  assert.equal(normalizePhone('+1 202 555 0123'), '+12025550123')
  assert.equal(normalizePhone(''), '')
  assert.equal(normalizePhone('abc'), '')
})

test('isValidPhone', () => {
  for (const phone of [
    '(27) 99999-9999',
    '11987654321',
    '(27) 3333-4444',
    '+55 21 2222-3333',
    '+1 202 555 0123',
  ]) {
    assert.equal(isValidPhone(phone), true, phone)
  }
  for (const phone of ['', '123', '99999-9999', '(27) 9999-9999', '(27) 1999-9999', '27 99999 999', 'abc']) {
    assert.equal(isValidPhone(phone), false, phone)
  }
})

test('formatPhone uses the national format for Brazil', () => {
  assert.equal(formatPhone('27999999999'), '(27) 99999-9999')
  assert.equal(formatPhone('+5527999999999'), '(27) 99999-9999')
  assert.equal(formatPhone('5511987654321'), '(11) 98765-4321')
  assert.equal(formatPhone('2733334444'), '(27) 3333-4444')
  assert.equal(formatPhone('+1 2025550123'), '+1 202 555 0123')
  assert.equal(formatPhone(' 123 '), '123')
})

test('maskPhone formats progressively while typing', () => {
  const steps: Array<[string, string]> = [
    ['', ''],
    ['2', '2'],
    ['27', '(27)'],
    ['279', '(27) 9'],
    ['2799', '(27) 99'],
    ['273333', '(27) 3333'],
    ['2733334', '(27) 3333-4'],
    ['2733334444', '(27) 3333-4444'],
    ['27999999999', '(27) 99999-9999'],
    ['279999999999', '(27) 99999-9999'],
    ['(27) 9999', '(27) 9999'],
    ['+55 27 9', '+55 27 9'],
    ['+5527999999999', '+55 27 99999 9999'],
  ]
  for (const [input, expected] of steps) assert.equal(maskPhone(input), expected, input)
})
