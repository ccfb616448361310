/**
 * Password strength meter: a reimplementation, from its published rules table and explanations, of
 * "The Password Meter" (passwordmeter.com, Jeff Todnem). No code was taken from the site's script.
 * Pure TypeScript: the server and the web app score with this same function.
 *
 * The rules (n = occurrences, len = password length):
 *   additions   Number of characters         +(n×4)
 *               Uppercase letters            +((len−n)×2)  only when 0 < n < len
 *               Lowercase letters            +((len−n)×2)  only when 0 < n < len
 *               Numbers                      +(n×4)        only when 0 < n < len
 *               Symbols                      +(n×6)
 *               Middle numbers or symbols    +(n×2)        not the first or the last character
 *               Requirements                 +(n×2)        n = items met among: 8+ characters, uppercase,
 *                                                          lowercase, numbers, symbols; awarded only when the
 *                                                          recommended minimum is met (8+ characters and 3 of
 *                                                          the 4 kinds, i.e. n ≥ 4)
 *   deductions  Letters only                 −n            n = len
 *               Numbers only                 −n            n = len
 *               Repeat characters            −(incremental, see repeatDeduction), case-insensitive
 *               Consecutive uppercase        −(n×2)        n = adjacent pairs of uppercase letters
 *               Consecutive lowercase        −(n×2)        n = adjacent pairs of lowercase letters
 *               Consecutive numbers          −(n×2)        n = adjacent pairs of digits
 *               Sequential letters (3+)      −(n×3)        n = distinct 3-character runs of the alphabet
 *               Sequential numbers (3+)      −(n×3)            found forwards or backwards, anywhere, ignoring
 *               Sequential symbols (3+)      −(n×3)            case (each run is counted once)
 *   The score is the sum, clamped to 0..100.
 *
 * Where the published description leaves room, these are the readings taken (the site's own script
 * differs from the description in the first four points; we follow the description):
 *  - Characters are Unicode code points of the NFC form, so 'ã' typed as one or two code points and an
 *    emoji all count as one character.
 *  - Letters are Unicode letters: 'Ã' is an uppercase letter, 'ç' and 'ã' are lowercase letters (letters
 *    without case, e.g. CJK, count as lowercase). Numbers are decimal digits. Everything else is a
 *    symbol — including the space and '_' (the site's script drops whitespace before counting and
 *    ignores '_', so a space there adds to the length only; the table just says "Symbols").
 *  - Sequences use the whole alphabet, digit row and shifted digit row: 'abc'…'xyz', '012'…'789' and
 *    '890' (the digit row ends in 0), ')!@'…'*()'. The site's script stops one run short in each
 *    ('xyz', '890' and '*()' are not penalised there), which reads as an off-by-one, not a rule.
 *    Accented letters form no sequence.
 *  - Repeat characters follow the site's incremental formula (see repeatDeduction) over the whole
 *    password, comparing case-insensitively as the table's title says.
 */

export type Band = 'muito-fraca' | 'fraca' | 'boa' | 'forte' | 'muito-forte'
export type BandLabel = 'Muito fraca' | 'Fraca' | 'Boa' | 'Forte' | 'Muito forte'

/** The bands from weakest to strongest. */
export const BANDS: readonly Band[] = ['muito-fraca', 'fraca', 'boa', 'forte', 'muito-forte']

export const BAND_LABELS: Readonly<Record<Band, BandLabel>> = {
  'muito-fraca': 'Muito fraca',
  fraca: 'Fraca',
  boa: 'Boa',
  forte: 'Forte',
  'muito-forte': 'Muito forte',
}

/** < 20 Muito fraca, 20–39 Fraca, 40–59 Boa, 60–79 Forte, ≥ 80 Muito forte. */
export function bandFor(score: number): Band {
  if (score < 20) return 'muito-fraca'
  if (score < 40) return 'fraca'
  if (score < 60) return 'boa'
  if (score < 80) return 'forte'
  return 'muito-forte'
}

/** Position of a band in BANDS (0 = muito-fraca), to compare bands. */
export const bandRank = (band: Band): number => BANDS.indexOf(band)

export type AdditionKey =
  | 'length'
  | 'uppercase'
  | 'lowercase'
  | 'numbers'
  | 'symbols'
  | 'middle'
  | 'requirements'
export type DeductionKey =
  | 'lettersOnly'
  | 'numbersOnly'
  | 'repeated'
  | 'consecutiveUppercase'
  | 'consecutiveLowercase'
  | 'consecutiveNumbers'
  | 'sequentialLetters'
  | 'sequentialNumbers'
  | 'sequentialSymbols'

/** One line of the breakdown. `points` is signed: positive for additions, negative (or 0) for deductions. */
export interface MeterItem<K extends string = AdditionKey | DeductionKey> {
  key: K
  label: string
  count: number
  points: number
}

export interface PasswordScore {
  /** 0–100, integer. */
  score: number
  band: Band
  bandLabel: BandLabel
  /** Every addition rule, in the table's order; points 0 where the rule does not apply. */
  additions: MeterItem<AdditionKey>[]
  /** Every deduction rule, in the table's order; points 0 where the rule does not apply. */
  deductions: MeterItem<DeductionKey>[]
}

const ADDITION_LABELS: Record<AdditionKey, string> = {
  length: 'Número de caracteres',
  uppercase: 'Letras maiúsculas',
  lowercase: 'Letras minúsculas',
  numbers: 'Números',
  symbols: 'Símbolos',
  middle: 'Números ou símbolos no meio',
  requirements: 'Requisitos mínimos',
}

const DEDUCTION_LABELS: Record<DeductionKey, string> = {
  lettersOnly: 'Somente letras',
  numbersOnly: 'Somente números',
  repeated: 'Caracteres repetidos',
  consecutiveUppercase: 'Letras maiúsculas consecutivas',
  consecutiveLowercase: 'Letras minúsculas consecutivas',
  consecutiveNumbers: 'Dígitos consecutivos',
  sequentialLetters: 'Sequência de letras (3+)',
  sequentialNumbers: 'Sequência de números (3+)',
  sequentialSymbols: 'Sequência de símbolos (3+)',
}

/** The recommended minimum length of the site's "Requirements" rule. */
export const METER_MIN_LENGTH = 8

/**
 * Only this many characters are scored (the repeat rule is quadratic). Far above any accepted
 * password (the policy allows 128), so it only bounds the work done on hostile input.
 */
export const METER_MAX_SCORED_LENGTH = 1024

export type CharKind = 'upper' | 'lower' | 'number' | 'symbol'

const UPPER = /^[\p{Lu}\p{Lt}]$/u
const LETTER = /^\p{L}$/u
const DIGIT = /^\p{Nd}$/u

export function charKind(ch: string): CharKind {
  if (UPPER.test(ch)) return 'upper'
  if (LETTER.test(ch)) return 'lower'
  if (DIGIT.test(ch)) return 'number'
  return 'symbol'
}

/** The password as the meter sees it: NFC code points. */
export function passwordChars(password: string): string[] {
  return Array.from(password.normalize('NFC'))
}

/** How many characters of each kind the password has. */
export function countKinds(password: string): Record<CharKind, number> {
  const counts: Record<CharKind, number> = { upper: 0, lower: 0, number: 0, symbol: 0 }
  for (const ch of passwordChars(password)) counts[charKind(ch)]++
  return counts
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'
const DIGIT_ROW = '01234567890'
const SHIFTED_DIGIT_ROW = ')!@#$%^&*()'

/** How many distinct 3-character runs of `row` appear in `text`, forwards or backwards. */
function sequenceCount(text: string, row: string): number {
  let n = 0
  for (let s = 0; s + 3 <= row.length; s++) {
    const run = row.slice(s, s + 3)
    const reversed = run.split('').reverse().join('')
    if (text.includes(run) || text.includes(reversed)) n++
  }
  return n
}

/** Tolerance for the float sums below: the true values are small rationals. */
const EPSILON = 1e-9

/**
 * The site's incremental repeat-character deduction ("Comp" in its table). Walking the password from
 * left to right, for each character that also appears elsewhere (case-insensitive):
 *   inc += Σ len / |distance to each other occurrence|   (closer repeats weigh more)
 *   repeated += 1
 *   inc = ceil(inc / (len − repeated))  — or ceil(inc) once no character is left unique
 * The deduction is the final `inc`; the count shown is `repeated` (characters involved in a repeat).
 */
function repeatDeduction(folded: string[]): { count: number; points: number } {
  const len = folded.length
  const positions = new Map<string, number[]>()
  folded.forEach((ch, i) => {
    const list = positions.get(ch)
    if (list) list.push(i)
    else positions.set(ch, [i])
  })
  let repeated = 0
  let inc = 0
  for (let i = 0; i < len; i++) {
    const same = positions.get(folded[i])!
    if (same.length < 2) continue
    for (const j of same) if (j !== i) inc += len / Math.abs(j - i)
    repeated++
    const unique = len - repeated
    inc = Math.ceil((unique > 0 ? inc / unique : inc) - EPSILON)
  }
  return { count: repeated, points: inc }
}

/** Scores a password with The Password Meter's rules. */
export function scorePassword(password: string): PasswordScore {
  const chars = passwordChars(password).slice(0, METER_MAX_SCORED_LENGTH)
  const len = chars.length
  const kinds = chars.map(charKind)
  const n: Record<CharKind, number> = { upper: 0, lower: 0, number: 0, symbol: 0 }
  for (const k of kinds) n[k]++
  const letters = n.upper + n.lower

  let middle = 0
  for (let i = 1; i < len - 1; i++) if (kinds[i] === 'number' || kinds[i] === 'symbol') middle++

  const consecutive: Record<CharKind, number> = { upper: 0, lower: 0, number: 0, symbol: 0 }
  for (let i = 1; i < len; i++) if (kinds[i] === kinds[i - 1]) consecutive[kinds[i]]++

  const classes = [n.upper, n.lower, n.number, n.symbol].filter((c) => c > 0).length
  const requirements = (len >= METER_MIN_LENGTH ? 1 : 0) + classes
  const meetsMinimum = len >= METER_MIN_LENGTH && classes >= 3

  const folded = chars.map((c) => c.toLowerCase())
  const text = folded.join('')
  const repeat = repeatDeduction(folded)
  const lettersOnly = letters > 0 && n.number === 0 && n.symbol === 0
  const numbersOnly = n.number > 0 && letters === 0 && n.symbol === 0
  const partial = (count: number) => count > 0 && count < len

  const add = (key: AdditionKey, count: number, points: number): MeterItem<AdditionKey> => ({
    key,
    label: ADDITION_LABELS[key],
    count,
    points,
  })
  const deduct = (key: DeductionKey, count: number, points: number): MeterItem<DeductionKey> => ({
    key,
    label: DEDUCTION_LABELS[key],
    count,
    points: points === 0 ? 0 : -points,
  })

  const additions = [
    add('length', len, len * 4),
    add('uppercase', n.upper, partial(n.upper) ? (len - n.upper) * 2 : 0),
    add('lowercase', n.lower, partial(n.lower) ? (len - n.lower) * 2 : 0),
    add('numbers', n.number, partial(n.number) ? n.number * 4 : 0),
    add('symbols', n.symbol, n.symbol * 6),
    add('middle', middle, middle * 2),
    add('requirements', requirements, meetsMinimum ? requirements * 2 : 0),
  ]
  const seqLetters = sequenceCount(text, ALPHABET)
  const seqNumbers = sequenceCount(text, DIGIT_ROW)
  const seqSymbols = sequenceCount(text, SHIFTED_DIGIT_ROW)
  const deductions = [
    deduct('lettersOnly', lettersOnly ? len : 0, lettersOnly ? len : 0),
    deduct('numbersOnly', numbersOnly ? len : 0, numbersOnly ? len : 0),
    deduct('repeated', repeat.count, repeat.points),
    deduct('consecutiveUppercase', consecutive.upper, consecutive.upper * 2),
    deduct('consecutiveLowercase', consecutive.lower, consecutive.lower * 2),
    deduct('consecutiveNumbers', consecutive.number, consecutive.number * 2),
    deduct('sequentialLetters', seqLetters, seqLetters * 3),
    deduct('sequentialNumbers', seqNumbers, seqNumbers * 3),
    deduct('sequentialSymbols', seqSymbols, seqSymbols * 3),
  ]

  const total = [...additions, ...deductions].reduce((sum, item) => sum + item.points, 0)
  const score = Math.min(100, Math.max(0, total))
  const band = bandFor(score)
  return { score, band, bandLabel: BAND_LABELS[band], additions, deductions }
}
