import { randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'

/** KEYPASS parameters: RFC 6238 defaults, which every authenticator app supports. */
export const TOTP_PERIOD = 30
export const TOTP_DIGITS = 6
const ALGORITHM = 'SHA1'

/** A new random 160-bit secret, base32 (what authenticator apps accept as a typed key). */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

export function totpUri(secret: string, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secret),
  }).toString()
}

export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD)
}

/** The code of a given time (tests and the benchmark use it; so does any authenticator app). */
export function totpCode(secret: string, now = Date.now()): string {
  return new TOTP({
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secret),
  }).generate({ timestamp: now })
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the
 * matched step, or null. A step at or before `lastStep` is refused: a code cannot be replayed.
 */
export function verifyTotp(
  secret: string,
  code: string,
  opts: { lastStep?: number | null; now?: number } = {},
): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const now = opts.now ?? Date.now()
  const totp = new TOTP({
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secret),
  })
  const delta = totp.validate({ token: code, timestamp: now, window: 1 })
  if (delta === null) return null
  const step = totpStep(now) + delta
  if (opts.lastStep != null && step <= opts.lastStep) return -1
  return step
}

/** Ten one-time recovery codes like "k7m2q-x9p4t" (no 0/o/1/l to avoid misreading). */
export function generateRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789'
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10)
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

export function normalizeRecoveryCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}
