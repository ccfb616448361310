/**
 * Brazilian documents and contact data: CPF, CNPJ (numeric and alphanumeric), CEP and phones.
 * normalize* strips punctuation, isValid* checks the value, format* renders a complete value
 * (returning the trimmed input unchanged when it cannot), mask* formats a partial value while typing.
 * Pure TypeScript: safe for both the server and the web app.
 */
import { AsYouType, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max'

type Input = string | null | undefined

/** The input as a trimmed string ('' for null/undefined). */
const trimmed = (s: Input): string => String(s ?? '').trim()

/** Keeps only the ASCII digits 0–9. */
export function onlyDigits(s: Input): string {
  return String(s ?? '').replace(/\D/g, '')
}

/** Applies a mask like '###.###.###-##' to the given characters, stopping where they end. */
function applyMask(chars: string, mask: string): string {
  let out = ''
  let i = 0
  for (const m of mask) {
    if (i >= chars.length) break
    if (m === '#') out += chars[i++]
    else out += m
  }
  return out
}

const allEqual = (s: string): boolean => /^(.)\1*$/.test(s)

// ---------------------------------------------------------------- CPF

const CPF_MASK = '###.###.###-##'

/** CPF with punctuation stripped (digits only). */
export function normalizeCpf(s: Input): string {
  return onlyDigits(s)
}

/** Check digit for CPF: weights count down from (length + 1) to 2. */
function cpfCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (digits.length + 1 - i)
  const rest = (sum * 10) % 11
  return rest === 10 ? 0 : rest
}

/** The 11-digit CPF of a 9-digit base: the base followed by its two check digits. */
export function withCpfCheckDigits(base: string): string {
  const d1 = cpfCheckDigit(base)
  return `${base}${d1}${cpfCheckDigit(`${base}${d1}`)}`
}

/** True for a CPF with 11 digits and correct check digits; rejects repeated digits (111.111.111-11). */
export function isValidCpf(s: Input): boolean {
  if (!/^[\d.\-\s]*$/.test(trimmed(s))) return false
  const cpf = normalizeCpf(s)
  if (cpf.length !== 11 || allEqual(cpf)) return false
  const dv1 = cpfCheckDigit(cpf.slice(0, 9))
  const dv2 = cpfCheckDigit(cpf.slice(0, 10))
  return cpf.endsWith(`${dv1}${dv2}`)
}

/** '00000000000' → '000.000.000-00'; other input is returned trimmed. */
export function formatCpf(s: Input): string {
  const cpf = normalizeCpf(s)
  return cpf.length === 11 ? applyMask(cpf, CPF_MASK) : trimmed(s)
}

/** Progressive CPF mask while typing: '1234' → '123.4'. */
export function maskCpf(partial: Input): string {
  return applyMask(onlyDigits(partial).slice(0, 11), CPF_MASK)
}

// ---------------------------------------------------------------- CNPJ

const CNPJ_MASK = '##.###.###/####-##'
const CNPJ_WEIGHTS_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
const CNPJ_WEIGHTS_2 = [6, ...CNPJ_WEIGHTS_1]

/** CNPJ with punctuation stripped and letters uppercased (alphanumeric CNPJ, July 2026). */
export function normalizeCnpj(s: Input): string {
  return String(s ?? '')
    .replace(/[^0-9a-z]/gi, '')
    .toUpperCase()
}

/** Mod-11 check digit; each character is worth its ASCII code minus 48 ('0' → 0, 'A' → 17). */
function cnpjCheckDigit(base: string, weights: number[]): number {
  let sum = 0
  for (let i = 0; i < base.length; i++) sum += (base.charCodeAt(i) - 48) * weights[i]
  const rest = sum % 11
  return rest < 2 ? 0 : 11 - rest
}

/**
 * True for a 14-character CNPJ (12 alphanumeric + 2 numeric check digits) with correct check
 * digits; rejects repeated characters (00.000.000/0000-00).
 */
export function isValidCnpj(s: Input): boolean {
  if (!/^[0-9a-z.\-/\s]*$/i.test(trimmed(s))) return false
  const cnpj = normalizeCnpj(s)
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || allEqual(cnpj)) return false
  const dv1 = cnpjCheckDigit(cnpj.slice(0, 12), CNPJ_WEIGHTS_1)
  const dv2 = cnpjCheckDigit(cnpj.slice(0, 13), CNPJ_WEIGHTS_2)
  return cnpj.endsWith(`${dv1}${dv2}`)
}

/** '12ABC34501DE35' → '12.ABC.345/01DE-35'; other input is returned trimmed. */
export function formatCnpj(s: Input): string {
  const cnpj = normalizeCnpj(s)
  return cnpj.length === 14 ? applyMask(cnpj, CNPJ_MASK) : trimmed(s)
}

/** Progressive CNPJ mask while typing; letters allowed in the first 12 positions only. */
export function maskCnpj(partial: Input): string {
  let chars = ''
  for (const c of normalizeCnpj(partial)) {
    if (chars.length >= 14) break
    if (chars.length < 12 || /\d/.test(c)) chars += c
  }
  return applyMask(chars, CNPJ_MASK)
}

// ---------------------------------------------------------------- CPF or CNPJ

export type DocumentType = 'cpf' | 'cnpj'

/** 'cpf' for 11 digits, 'cnpj' for 14 alphanumeric characters (after normalising), else null. */
export function detectDocumentType(s: Input): DocumentType | null {
  const doc = normalizeCnpj(s)
  if (/^\d{11}$/.test(doc)) return 'cpf'
  if (doc.length === 14) return 'cnpj'
  return null
}

/** True for a valid CPF or CNPJ. */
export function isValidDocument(s: Input): boolean {
  const type = detectDocumentType(s)
  return type === 'cpf' ? isValidCpf(s) : type === 'cnpj' ? isValidCnpj(s) : false
}

/** Formats as CPF or CNPJ depending on the length; other input is returned trimmed. */
export function formatDocument(s: Input): string {
  const type = detectDocumentType(s)
  return type === 'cpf' ? formatCpf(s) : type === 'cnpj' ? formatCnpj(s) : trimmed(s)
}

/** Progressive mask for a "CPF ou CNPJ" field: CPF mask up to 11 digits, CNPJ mask beyond (or with letters). */
export function maskDocument(partial: Input): string {
  const doc = normalizeCnpj(partial)
  return /^\d{0,11}$/.test(doc) ? maskCpf(doc) : maskCnpj(doc)
}

// ---------------------------------------------------------------- CEP

const CEP_MASK = '#####-###'

/** CEP with punctuation stripped (digits only). */
export function normalizeCep(s: Input): string {
  return onlyDigits(s)
}

/** True for a CEP with exactly 8 digits ('29000-000' or '29000000'). */
export function isValidCep(s: Input): boolean {
  return /^[\d.\-\s]*$/.test(trimmed(s)) && normalizeCep(s).length === 8
}

/** '29000000' → '29000-000'; other input is returned trimmed. */
export function formatCep(s: Input): string {
  const cep = normalizeCep(s)
  return cep.length === 8 ? applyMask(cep, CEP_MASK) : trimmed(s)
}

/** Progressive CEP mask while typing: '290001' → '29000-1'. */
export function maskCep(partial: Input): string {
  return applyMask(onlyDigits(partial).slice(0, 8), CEP_MASK)
}

// ---------------------------------------------------------------- Phones

/**
 * Parses a phone number, Brazil by default. Also accepts '+55…', '0xx…' (trunk prefix) and
 * '55…' without '+' when the national reading is not a valid number. The last few answers are
 * remembered: validating, normalising and formatting one number (a form, an imported row) parse
 * it once instead of three times, and metadata matching is the slow part.
 */
function parsePhone(s: Input): PhoneNumber | undefined {
  const text = trimmed(s)
  if (!text) return undefined
  if (recentPhones.has(text)) return recentPhones.get(text)
  const phone = readPhone(text)
  if (recentPhones.size >= 64) recentPhones.clear()
  recentPhones.set(text, phone)
  if (phone && isValidParsed(phone)) recentPhones.set(phone.number, phone)
  return phone
}

const recentPhones = new Map<string, PhoneNumber | undefined>()
const validity = new WeakMap<PhoneNumber, boolean>()

function isValidParsed(phone: PhoneNumber): boolean {
  let valid = validity.get(phone)
  if (valid === undefined) {
    valid = phone.isValid()
    validity.set(phone, valid)
  }
  return valid
}

function readPhone(text: string): PhoneNumber | undefined {
  const phone = parsePhoneNumberFromString(text, 'BR')
  if ((phone && isValidParsed(phone)) || text.startsWith('+')) return phone
  const digits = onlyDigits(text)
  if (/^55\d{10,11}$/.test(digits)) {
    const international = parsePhoneNumberFromString(`+${digits}`)
    if (international && isValidParsed(international)) return international
  }
  return phone
}

/** E.164 ('+5527999999999') when the input can be parsed as a phone number, else ''. */
export function normalizePhone(s: Input): string {
  return parsePhone(s)?.number ?? ''
}

/** True for a valid phone number (Brazilian by default; other countries need '+'). */
export function isValidPhone(s: Input): boolean {
  const phone = parsePhone(s)
  return phone ? isValidParsed(phone) : false
}

/**
 * Brazilian numbers in national format: '(27) 99999-9999' (mobile), '(27) 3333-4444' (landline);
 * foreign numbers in international format. Invalid input is returned trimmed.
 */
export function formatPhone(s: Input): string {
  const phone = parsePhone(s)
  if (!phone || !isValidParsed(phone)) return trimmed(s)
  return phone.country === 'BR' ? phone.formatNational() : phone.formatInternational()
}

/** Progressive phone mask while typing: '2799' → '(27) 99', '27999999999' → '(27) 99999-9999'. */
export function maskPhone(partial: Input): string {
  const text = trimmed(partial)
  if (text.startsWith('+')) return new AsYouType().input(`+${onlyDigits(text).slice(0, 15)}`)
  const digits = onlyDigits(text)
  return new AsYouType('BR').input(digits.slice(0, digits.startsWith('0') ? 12 : 11))
}

/** The 27 federative units (26 states and the Distrito Federal), as used in addresses. */
export const UFS = [
  'AC',
  'AL',
  'AP',
  'AM',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MT',
  'MS',
  'MG',
  'PA',
  'PB',
  'PR',
  'PE',
  'PI',
  'RJ',
  'RN',
  'RS',
  'RO',
  'RR',
  'SC',
  'SP',
  'SE',
  'TO',
] as const
export type Uf = (typeof UFS)[number]
