import { createHmac } from 'node:crypto'
import type { Config } from '../../config.ts'
import { safeEqual } from '../../platform/security/tokens.ts'

/**
 * Personal links of a registration: the join link (/entrar/…) and the CPF form for the
 * certificate. Derived, not stored: `<registration id>.<HMAC>` — a new e-mail always carries the
 * same working link, and nobody can forge one for another registration.
 */
type Purpose = 'join' | 'cpf'

function sign(config: Config, purpose: Purpose, registrationId: string): string {
  return createHmac('sha256', config.sessionSecret)
    .update(`event-${purpose}:${registrationId}`)
    .digest('base64url')
    .slice(0, 24)
}

export function registrationToken(config: Config, purpose: Purpose, registrationId: string): string {
  return `${registrationId.replaceAll('-', '')}.${sign(config, purpose, registrationId)}`
}

/** The registration id inside a valid token, or null. */
export function readRegistrationToken(config: Config, purpose: Purpose, token: string): string | null {
  const m = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{24})$/.exec(token)
  if (!m) return null
  const hex = m[1]
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  return safeEqual(m[2], sign(config, purpose, id)) ? id : null
}

export const joinUrl = (config: Config, registrationId: string) =>
  `${config.appUrl}/entrar/${registrationToken(config, 'join', registrationId)}`
export const cpfUrl = (config: Config, registrationId: string) =>
  `${config.appUrl}/evento/cpf/${registrationToken(config, 'cpf', registrationId)}`
export const publicEventUrl = (config: Config, slug: string) => `${config.appUrl}/e/${slug}`
export const verificationUrl = (config: Config, code: string) => `${config.appUrl}/certificados/${code}`
