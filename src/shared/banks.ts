/**
 * Brazilian banks (COMPE codes) and bank-account validation with the banks' own check digits.
 * Pure TypeScript: safe for both the server and the web app.
 *
 * Check digits are verified only where the bank's published rule is known (BANKS_WITH_CHECK_DIGIT):
 *   001 Banco do Brasil  agency DV and account DV (mod 11, 10 → 'X')
 *   033 Santander        account DV over agency + account (mod 10, weights 9,7,3,1,…)
 *   041 Banrisul         account DV (mod 11, weights 3,2,4,7,6,5,4,3,2; remainder 1 → 6)
 *   104 Caixa            account DV over agency + 3-digit operation + account (mod 11)
 *   237 Bradesco         agency DV and account DV (mod 11, 10 → 'P')
 *   341 Itaú             account DV over agency + account (mod 10, weights 2,1)
 * Every other bank, Banrisul's two-digit agency DV and Caixa's new 4-digit operations (1288, 3701…)
 * only have their format checked: no rule was found that could be confirmed, so nothing is guessed.
 */

export interface Bank {
  /** COMPE code, always 3 digits ('001'). */
  readonly code: string
  /** Short name as people know the bank. */
  readonly name: string
}

/** The banks most used by people and small companies, by COMPE code. */
export const BRAZILIAN_BANKS: readonly Bank[] = Object.freeze([
  { code: '001', name: 'Banco do Brasil' },
  { code: '003', name: 'Banco da Amazônia' },
  { code: '004', name: 'Banco do Nordeste' },
  { code: '021', name: 'Banestes' },
  { code: '033', name: 'Santander' },
  { code: '037', name: 'Banpará' },
  { code: '041', name: 'Banrisul' },
  { code: '047', name: 'Banese' },
  { code: '070', name: 'BRB' },
  { code: '077', name: 'Banco Inter' },
  { code: '085', name: 'Ailos' },
  { code: '104', name: 'Caixa Econômica Federal' },
  { code: '136', name: 'Unicred' },
  { code: '197', name: 'Stone' },
  { code: '208', name: 'BTG Pactual' },
  { code: '212', name: 'Banco Original' },
  { code: '237', name: 'Bradesco' },
  { code: '260', name: 'Nubank' },
  { code: '290', name: 'PagBank' },
  { code: '318', name: 'Banco BMG' },
  { code: '323', name: 'Mercado Pago' },
  { code: '336', name: 'C6 Bank' },
  { code: '341', name: 'Itaú Unibanco' },
  { code: '380', name: 'PicPay' },
  { code: '389', name: 'Mercantil do Brasil' },
  { code: '403', name: 'Cora' },
  { code: '422', name: 'Banco Safra' },
  { code: '536', name: 'Neon' },
  { code: '623', name: 'Banco Pan' },
  { code: '655', name: 'Banco BV' },
  { code: '748', name: 'Sicredi' },
  { code: '756', name: 'Sicoob' },
])

const NAMES: ReadonlyMap<string, string> = new Map(BRAZILIAN_BANKS.map((b) => [b.code, b.name]))

/** '1', '01' or '001' → '001'; null when the code is not 1–3 digits. */
function normalizeBankCode(code: string | null | undefined): string | null {
  const s = String(code ?? '').trim()
  return /^\d{1,3}$/.test(s) ? s.padStart(3, '0') : null
}

/** Short name of the bank ('Banco do Brasil' for '001' or '1'), or undefined when it is not listed. */
export function bankName(code: string): string | undefined {
  const normalized = normalizeBankCode(code)
  return normalized ? NAMES.get(normalized) : undefined
}

// ---------------------------------------------------------------- check digits

/** Sum of each digit times the weight in the same position. */
function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * weights[i]
  return sum
}

/** 11 minus the remainder by 11; 11 becomes '0' and 10 becomes the bank's letter ('X' or 'P'). */
function mod11Complement(sum: number, letter: string): string {
  const dv = 11 - (sum % 11)
  return dv === 11 ? '0' : dv === 10 ? letter : String(dv)
}

/** Banco do Brasil agency (4 digits): weights 5,4,3,2. */
const bbAgencyDigit = (agency: string): string => mod11Complement(weightedSum(agency, [5, 4, 3, 2]), 'X')

/** Banco do Brasil account (8 digits): weights 9 down to 2. */
const bbAccountDigit = (account: string): string =>
  mod11Complement(weightedSum(account, [9, 8, 7, 6, 5, 4, 3, 2]), 'X')

/** Bradesco agency (4 digits): weights 5,4,3,2. */
const bradescoAgencyDigit = (agency: string): string =>
  mod11Complement(weightedSum(agency, [5, 4, 3, 2]), 'P')

/** Bradesco account (7 digits): weights 2,7,6,5,4,3,2 (2 to 7 repeating from the right). */
const bradescoAccountDigit = (account: string): string =>
  mod11Complement(weightedSum(account, [2, 7, 6, 5, 4, 3, 2]), 'P')

/**
 * Itaú: mod 10 over agency (4) + account (5), weights 2,1,2,1… from the left; a two-digit
 * product counts as the sum of its digits (16 → 7).
 */
function itauAccountDigit(agency: string, account: string): string {
  const digits = agency + account
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1)
    sum += product > 9 ? product - 9 : product
  }
  return String((10 - (sum % 10)) % 10)
}

/**
 * Santander: mod 10 over agency (4) + account (8) with weights 9,7,3,1 | 9,7,1,3,1,9,7,3; the DV is
 * 10 minus the last digit of the sum (0 when that is 10). The bank's table is often printed as
 * 9,7,3,1,0,9,7,1,3,1,9,7,3, the 0 weighing a filler position that is always zero.
 */
function santanderAccountDigit(agency: string, account: string): string {
  const sum = weightedSum(agency + account, [9, 7, 3, 1, 9, 7, 1, 3, 1, 9, 7, 3])
  return String((10 - (sum % 10)) % 10)
}

/** Banrisul account (9 digits): weights 3,2,4,7,6,5,4,3,2; remainder 0 → 0, remainder 1 → 6, else 11 − r. */
function banrisulAccountDigit(account: string): string {
  const rest = weightedSum(account, [3, 2, 4, 7, 6, 5, 4, 3, 2]) % 11
  return rest === 0 ? '0' : rest === 1 ? '6' : String(11 - rest)
}

/**
 * Caixa: agency (4) + operation (3) + account (8), weights 8,7,6,5,4,3,2,9,8,7,6,5,4,3,2
 * (2 to 9 repeating from the right); DV = (sum × 10) mod 11, 10 → 0.
 */
function caixaAccountDigit(agency: string, operation: string, account: string): string {
  const sum = weightedSum(agency + operation + account, [8, 7, 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
  const rest = (sum * 10) % 11
  return rest === 10 ? '0' : String(rest)
}

// ---------------------------------------------------------------- rules per bank

interface AccountParts {
  agency: string
  operation: string
  /** Left-padded with zeros to the bank's account length. */
  account: string
}

interface BankRule {
  /** Article for messages: 'do Bradesco', 'da Caixa Econômica Federal'. */
  article: 'o' | 'a'
  /** Longest account number, without its DV; shorter numbers are left-padded with zeros. */
  accountLength: number
  /** Letter the bank prints as a DV when the computation gives 10. */
  letter?: 'X' | 'P'
  /** Digits of the agency DV (Banrisul prints two); 1 when omitted. */
  agencyDigitLength?: number
  agencyCheckDigit?: (agency: string) => string
  /** Expected account DV, or undefined when the bank's rule does not cover this account format. */
  accountCheckDigit: (parts: AccountParts) => string | undefined
}

const CAIXA = '104'

const RULES: Readonly<Record<string, BankRule>> = {
  '001': {
    article: 'o',
    accountLength: 8,
    letter: 'X',
    agencyCheckDigit: bbAgencyDigit,
    accountCheckDigit: ({ account }) => bbAccountDigit(account),
  },
  '033': {
    article: 'o',
    accountLength: 8,
    accountCheckDigit: ({ agency, account }) => santanderAccountDigit(agency, account),
  },
  '041': {
    article: 'o',
    accountLength: 9,
    agencyDigitLength: 2,
    accountCheckDigit: ({ account }) => banrisulAccountDigit(account),
  },
  [CAIXA]: {
    article: 'a',
    accountLength: 8, // 9 with a 4-digit operation, see caixaParts
    accountCheckDigit: ({ agency, operation, account }) =>
      operation.length === 3 ? caixaAccountDigit(agency, operation, account) : undefined,
  },
  '237': {
    article: 'o',
    accountLength: 7,
    letter: 'P',
    agencyCheckDigit: bradescoAgencyDigit,
    accountCheckDigit: ({ account }) => bradescoAccountDigit(account),
  },
  '341': {
    article: 'o',
    accountLength: 5,
    accountCheckDigit: ({ agency, account }) => itauAccountDigit(agency, account),
  },
}

/** COMPE codes of the banks whose check digits are verified. */
export const BANKS_WITH_CHECK_DIGIT: readonly string[] = Object.freeze(Object.keys(RULES).sort())

/** CNAB 240 holds up to 12 account digits plus the DV: the limit for banks without their own rule. */
const MAX_ACCOUNT_LENGTH = 12

// ---------------------------------------------------------------- validation

export type BankAccountField =
  | 'bankCode'
  | 'agency'
  | 'agencyDigit'
  | 'account'
  | 'accountDigit'
  | 'operation'

export interface BankAccountInput {
  /** COMPE code ('001'; '1' is accepted). */
  bankCode: string
  /** 4 digits, without the DV. */
  agency: string
  agencyDigit?: string
  /** Without the DV. */
  account: string
  accountDigit: string
  /** Caixa only: 3 digits (001, 013…) or 4 in the new format (1288, 3701…). */
  operation?: string
}

export type BankAccountValidation = { ok: true } | { ok: false; field: BankAccountField; message: string }

type Failure = { ok: false; field: BankAccountField; message: string }

const fail = (field: BankAccountField, message: string): Failure => ({ ok: false, field, message })

/** Digits of a numeric field with '.', '-' and spaces removed; null when anything else is typed. */
function digitsOf(s: string | null | undefined): string | null {
  const text = String(s ?? '').trim()
  return /^[\d.\-\s]*$/.test(text) ? text.replace(/\D/g, '') : null
}

/** A check-digit field with '.', '-' and spaces removed, uppercased ('x' → 'X'). */
const checkDigitOf = (s: string | null | undefined): string =>
  String(s ?? '')
    .replace(/[.\-\s]/g, '')
    .toUpperCase()

/**
 * A typed DV matches the expected one; a letter DV may also be typed as '0', as numeric-only
 * keypads and several banks' own channels ask for it.
 */
const sameDigit = (typed: string, expected: string): boolean =>
  typed === expected || (/^[XP]$/.test(expected) && typed === '0')

/** Splits Caixa's operation from the account when it was typed in the account field. */
function caixaParts(
  operationInput: string | undefined,
  account: string,
): { operation: string; account: string } | Failure {
  const operation = digitsOf(operationInput)
  if (operation === null) return fail('operation', 'A operação deve conter apenas números.')
  if (operation === '') {
    // 001 + 8 digits (classic) or 1288 + 9 digits (new format) typed together
    if (account.length === 11) return { operation: account.slice(0, 3), account: account.slice(3) }
    if (account.length === 13) return { operation: account.slice(0, 4), account: account.slice(4) }
    return fail('operation', 'Informe a operação da conta Caixa (ex.: 001 conta corrente, 013 poupança).')
  }
  if (operation.length !== 3 && operation.length !== 4) {
    return fail(
      'operation',
      'A operação da Caixa deve ter 3 dígitos (ex.: 001, 013) ou 4 no formato novo (ex.: 1288, 3701).',
    )
  }
  return { operation, account }
}

/**
 * Checks a Brazilian bank account: the bank must be listed, agency 4 digits, the account within the
 * bank's length and DVs in the bank's alphabet; for the banks in BANKS_WITH_CHECK_DIGIT the DVs are
 * also recomputed. '.', '-' and spaces are accepted and ignored; messages are in pt-BR.
 */
export function validateBankAccount(input: BankAccountInput): BankAccountValidation {
  const code = normalizeBankCode(input.bankCode)
  const name = code ? NAMES.get(code) : undefined
  if (!code || !name) return fail('bankCode', 'Banco não encontrado na lista.')
  const rule: BankRule | undefined = RULES[code]
  const ofBank = rule ? ` d${rule.article} ${name}` : ''
  const letter = rule ? rule.letter : 'X' // unknown rule: accept the usual mod-11 'X' too
  const digitKinds = letter ? `um número de 0 a 9 ou ${letter}` : 'um número de 0 a 9'

  const agency = digitsOf(input.agency)
  if (agency === null) return fail('agency', 'A agência deve conter apenas números.')
  if (agency === '') return fail('agency', 'Informe a agência.')
  if (agency.length !== 4) return fail('agency', 'A agência deve ter 4 dígitos, sem o dígito verificador.')

  const agencyDigit = checkDigitOf(input.agencyDigit)
  if (agencyDigit !== '') {
    const length = rule?.agencyDigitLength ?? 1
    const valid =
      length === 1
        ? /^\d$/.test(agencyDigit) || agencyDigit === letter
        : agencyDigit.length <= length && /^\d+$/.test(agencyDigit)
    if (!valid) {
      const expected = length === 1 ? digitKinds : `de até ${length} números`
      return fail('agencyDigit', `O dígito da agência${ofBank} deve ser ${expected}.`)
    }
  }

  let account = digitsOf(input.account)
  if (account === null) return fail('account', 'O número da conta deve conter apenas números.')
  if (account === '') return fail('account', 'Informe o número da conta.')

  let operation = ''
  let accountLength = rule?.accountLength ?? MAX_ACCOUNT_LENGTH
  if (code === CAIXA) {
    const parts = caixaParts(input.operation, account)
    if ('ok' in parts) return parts
    operation = parts.operation
    account = parts.account
    if (operation.length === 4) accountLength = 9
  }
  if (account.length > accountLength) {
    return fail(
      'account',
      `A conta${ofBank} deve ter até ${accountLength} dígitos, sem o dígito verificador.`,
    )
  }
  if (/^0+$/.test(account)) return fail('account', 'Informe um número de conta válido.')

  const accountDigit = checkDigitOf(input.accountDigit)
  if (accountDigit === '') return fail('accountDigit', 'Informe o dígito da conta.')
  if (!/^\d$/.test(accountDigit) && accountDigit !== letter) {
    return fail('accountDigit', `O dígito da conta${ofBank} deve ser ${digitKinds}.`)
  }

  if (!rule) return { ok: true }
  if (rule.agencyCheckDigit && agencyDigit !== '' && !sameDigit(agencyDigit, rule.agencyCheckDigit(agency))) {
    return fail('agencyDigit', `O dígito verificador da agência não confere para ${rule.article} ${name}.`)
  }
  const expected = rule.accountCheckDigit({
    agency,
    operation,
    account: account.padStart(accountLength, '0'),
  })
  if (expected !== undefined && !sameDigit(accountDigit, expected)) {
    return fail('accountDigit', `O dígito verificador da conta não confere para ${rule.article} ${name}.`)
  }
  return { ok: true }
}
