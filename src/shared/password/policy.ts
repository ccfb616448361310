/**
 * Cadastra's password policy on top of the strength meter: the same rules run in the browser (live,
 * under every password field) and on the server (the final word). Pure TypeScript.
 *
 * A password is accepted when it is not the user's e-mail or login, is not a common password, has
 * minLength..PASSWORD_MAX_LENGTH characters, uses minClasses of the 4 kinds (uppercase, lowercase,
 * numbers, symbols — as the meter classifies them) and scores at least minBand.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts'
import {
  BAND_LABELS,
  type AdditionKey,
  type Band,
  type BandLabel,
  type DeductionKey,
  type MeterItem,
  bandFor,
  bandRank,
  countKinds,
  passwordChars,
  scorePassword,
} from './meter.ts'

export interface PasswordPolicy {
  /** Weakest band accepted. */
  minBand: Band
  /** Fewest characters accepted. */
  minLength: number
  /** How many of the 4 kinds (uppercase, lowercase, numbers, symbols) the password must use. */
  minClasses: number
}

export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minBand: 'boa',
  minLength: 8,
  minClasses: 3,
})

/** Longest password accepted, in characters. */
export const PASSWORD_MAX_LENGTH = 128

/** A common password scores at most this: the top of the 'muito-fraca' band. */
export const COMMON_PASSWORD_MAX_SCORE = 19

export interface PasswordContext {
  email?: string | null
  login?: string | null
  /** Missing fields take DEFAULT_PASSWORD_POLICY's. */
  policy?: Partial<PasswordPolicy>
}

/** Lines the policy adds to the meter's deductions when it overrides the score. */
export type PolicyDeductionKey = 'sameAsIdentity' | 'commonPassword'

export interface PasswordEvaluation {
  score: number
  band: Band
  bandLabel: BandLabel
  additions: MeterItem<AdditionKey>[]
  /** The meter's deductions, then the policy's override (if any) as the difference it made. */
  deductions: MeterItem<DeductionKey | PolicyDeductionKey>[]
  ok: boolean
  /** pt-BR, one per unmet rule, ready to show. */
  problems: string[]
  /** pt-BR, what would raise the score. */
  tips: string[]
}

export const PASSWORD_PROBLEMS = {
  empty: 'Informe a senha.',
  sameAsIdentity: 'A senha não pode ser igual ao e-mail ou ao login.',
  common: 'Esta senha é muito comum e fácil de adivinhar.',
  tooShort: (min: number) => `A senha precisa ter pelo menos ${min} caracteres.`,
  tooLong: `A senha pode ter no máximo ${PASSWORD_MAX_LENGTH} caracteres.`,
  classes: (min: number) =>
    `Use pelo menos ${min} destes: letras maiúsculas, minúsculas, números e símbolos.`,
  band: (band: Band) => `A senha precisa ser pelo menos ${BAND_LABELS[band]}.`,
} as const

/** The policy with DEFAULT_PASSWORD_POLICY's value for every field missing or undefined. */
export function resolvePolicy(policy?: Partial<PasswordPolicy>): PasswordPolicy {
  const d = DEFAULT_PASSWORD_POLICY
  return {
    minBand: policy?.minBand ?? d.minBand,
    minLength: policy?.minLength ?? d.minLength,
    minClasses: policy?.minClasses ?? d.minClasses,
  }
}

/** The rules in one sentence, for the hint under an empty password field. */
export function passwordRulesHint(policy?: Partial<PasswordPolicy>): string {
  const p = resolvePolicy(policy)
  return (
    `Use pelo menos ${p.minLength} caracteres, com ${p.minClasses} destes 4 tipos: letras maiúsculas, ` +
    'minúsculas, números e símbolos. Evite senhas comuns e não use seu e-mail.'
  )
}

const comparable = (s: string): string => s.normalize('NFC').trim().toLowerCase()
const withoutAccents = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')

/** True when the password is the e-mail, the e-mail's local part or the login (case and spaces aside). */
export function isSameAsIdentity(password: string, ctx: Pick<PasswordContext, 'email' | 'login'>): boolean {
  const pw = comparable(password)
  if (!pw) return false
  const email = comparable(ctx.email ?? '')
  const at = email.lastIndexOf('@')
  const candidates = [email, at > 0 ? email.slice(0, at).trim() : '', comparable(ctx.login ?? '')]
  return candidates.some((c) => c !== '' && c === pw)
}

/**
 * True when the password is in the common-password list: as typed (lowercase), without accents
 * ("João" → "joao"), or once the digits and symbols around a word are removed ("Flamengo2026!",
 * "@senha123" → "flamengo", "senha") when at least 4 letters remain.
 */
export function isCommonPassword(password: string): boolean {
  const pw = comparable(password)
  if (!pw) return false
  const candidates = new Set<string>()
  for (const form of [pw, withoutAccents(pw)]) {
    candidates.add(form)
    const trailing = form.replace(/[^\p{L}]+$/u, '')
    const both = trailing.replace(/^[^\p{L}]+/u, '')
    for (const core of [trailing, both])
      if (core !== form && Array.from(core).length >= 4) candidates.add(core)
  }
  for (const c of candidates) if (COMMON_PASSWORDS.has(c)) return true
  return false
}

function tipsFor(
  password: string,
  additions: MeterItem<AdditionKey>[],
  deductions: MeterItem<DeductionKey>[],
): string[] {
  const add = Object.fromEntries(additions.map((i) => [i.key, i])) as Record<AdditionKey, MeterItem>
  const ded = Object.fromEntries(deductions.map((i) => [i.key, i])) as Record<DeductionKey, MeterItem>
  const tips: string[] = []
  if (add.length.count < 12) tips.push('Use uma senha mais longa: cada caractere a mais soma pontos.')
  const missing = [
    add.uppercase.count === 0 ? 'letras maiúsculas' : null,
    add.lowercase.count === 0 ? 'letras minúsculas' : null,
    add.numbers.count === 0 ? 'números' : null,
    add.symbols.count === 0 ? 'símbolos (como ! ? # %)' : null,
  ].filter((s) => s !== null)
  if (missing.length) tips.push(`Inclua ${missing.join(', ').replace(/, ([^,]*)$/, ' e $1')}.`)
  if (add.middle.count === 0 && Array.from(password).length > 2)
    tips.push('Coloque números ou símbolos no meio da senha, não só no começo ou no fim.')
  if (ded.repeated.points < 0) tips.push('Evite repetir caracteres.')
  if (ded.consecutiveUppercase.points + ded.consecutiveLowercase.points + ded.consecutiveNumbers.points < 0)
    tips.push('Alterne maiúsculas, minúsculas, números e símbolos em vez de agrupá-los.')
  if (ded.sequentialLetters.points + ded.sequentialNumbers.points + ded.sequentialSymbols.points < 0)
    tips.push('Evite sequências como abc, 123 ou !@#.')
  return tips
}

/** Scores the password with the meter and checks it against the policy. */
export function evaluatePassword(password: string, ctx: PasswordContext = {}): PasswordEvaluation {
  const policy = resolvePolicy(ctx.policy)
  const chars = passwordChars(password)
  const tooLong = chars.length > PASSWORD_MAX_LENGTH
  // A password over the limit is refused anyway; scoring only the accepted part bounds the work.
  const scored = tooLong ? chars.slice(0, PASSWORD_MAX_LENGTH).join('') : password
  const meter = scorePassword(scored)
  const deductions: MeterItem<DeductionKey | PolicyDeductionKey>[] = [...meter.deductions]
  const problems: string[] = []
  let score = meter.score

  if (chars.length === 0) {
    return { ...meter, ok: false, problems: [PASSWORD_PROBLEMS.empty], tips: [] }
  }

  // The override that applies wins over the band rule: the band problem would only repeat it.
  let overridden = false
  let common = false
  if (isSameAsIdentity(password, ctx)) {
    problems.push(PASSWORD_PROBLEMS.sameAsIdentity)
    deductions.push({
      key: 'sameAsIdentity',
      label: 'Igual ao e-mail ou login',
      count: 1,
      points: score ? -score : 0,
    })
    score = 0
    overridden = true
  } else if (isCommonPassword(password)) {
    problems.push(PASSWORD_PROBLEMS.common)
    const capped = Math.min(score, COMMON_PASSWORD_MAX_SCORE)
    if (capped < score)
      deductions.push({ key: 'commonPassword', label: 'Senha comum', count: 1, points: capped - score })
    score = capped
    overridden = true
    common = true
  }

  if (chars.length < policy.minLength) problems.push(PASSWORD_PROBLEMS.tooShort(policy.minLength))
  if (tooLong) problems.push(PASSWORD_PROBLEMS.tooLong)
  const kinds = countKinds(scored)
  const classes = [kinds.upper, kinds.lower, kinds.number, kinds.symbol].filter((n) => n > 0).length
  if (classes < policy.minClasses) problems.push(PASSWORD_PROBLEMS.classes(policy.minClasses))
  const band = bandFor(score)
  if (!overridden && bandRank(band) < bandRank(policy.minBand))
    problems.push(PASSWORD_PROBLEMS.band(policy.minBand))

  const tips = score >= 100 ? [] : tipsFor(scored, meter.additions, meter.deductions)
  if (common) tips.unshift('Escolha uma combinação sua, que não seja palavra, nome, time ou senha conhecida.')
  return {
    score,
    band,
    bandLabel: BAND_LABELS[band],
    additions: meter.additions,
    deductions,
    ok: problems.length === 0,
    problems,
    tips,
  }
}
