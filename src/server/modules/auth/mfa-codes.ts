import { randomInt } from 'node:crypto'
import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/database.ts'
import { renderMail } from '../../platform/mail/layout.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { hashToken } from '../../platform/security/tokens.ts'
import { queueSms } from '../../platform/sms/sms.ts'
import { authRepository } from './auth.repository.ts'

export const MFA_CODE_TTL_MINUTES = 10

function codeHash(config: Config, userId: string, code: string) {
  return hashToken(config.sessionSecret, `mfa:${userId}:${code}`)
}

/** Sends a 6-digit KEYPASS code by e-mail or SMS (stored hashed, valid 10 minutes, single use). */
export async function sendMfaCode(
  tx: Db,
  config: Config,
  input: {
    userId: string
    name: string
    email: string
    phone: string | null
    channel: 'email' | 'sms'
    tenantId: string
    tenantName: string
  },
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  await authRepository(tx).insertMfaCode({
    userId: input.userId,
    channel: input.channel,
    codeHash: codeHash(config, input.userId, code),
    expiresAt: new Date(Date.now() + MFA_CODE_TTL_MINUTES * 60_000),
  })
  if (input.channel === 'sms') {
    await queueSms(tx, {
      tenantId: input.tenantId,
      to: input.phone!,
      body: `${input.tenantName}: seu código KEYPASS do Cadastra é ${code}. Vale por ${MFA_CODE_TTL_MINUTES} minutos. Não o compartilhe.`,
      template: 'keypass.code',
    })
    return maskPhone(input.phone!)
  }
  const mail = renderMail({
    subject: `Seu código KEYPASS: ${code}`,
    tenantName: input.tenantName,
    greeting: `Olá, ${input.name.split(' ')[0]}!`,
    paragraphs: [
      `Use o código ${code} para entrar no Cadastra. Ele vale por ${MFA_CODE_TTL_MINUTES} minutos e só pode ser usado uma vez.`,
      'Se não foi você que tentou entrar, troque a sua senha: alguém pode conhecê-la.',
    ],
  })
  await queueMail(tx, { ...mail, tenantId: input.tenantId, to: input.email, template: 'keypass.code' })
  return maskEmail(input.email)
}

export async function consumeMfaCode(
  db: Db,
  config: Config,
  userId: string,
  channel: 'email' | 'sms',
  code: string,
) {
  return authRepository(db).consumeMfaCode(userId, channel, codeHash(config, userId, code))
}

export function maskEmail(email: string): string {
  const [local, domain] = email.split('@')
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(local.length - 1, 2))}@${domain}`
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 5)}*****${phone.slice(-4)}`
}
