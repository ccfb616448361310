import nodemailer from 'nodemailer'
import type { Config } from '../../config.ts'

export type OutgoingMail = {
  from: string
  to: string
  subject: string
  text: string
  html: string
  attachments?: { filename: string; contentType: string; content: Buffer }[]
}

/** Where e-mail goes: a real SMTP server, or nowhere (the mailbox table already holds it). */
export type MailTransport = {
  kind: 'smtp' | 'mailbox'
  send(mail: OutgoingMail): Promise<{ providerMessageId: string | null }>
  close(): void
}

export function createMailTransport(config: Pick<Config, 'mail'>): MailTransport {
  if (config.mail.transport === 'mailbox') {
    return { kind: 'mailbox', send: async () => ({ providerMessageId: null }), close: () => {} }
  }
  const url = new URL(config.mail.url)
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // Plain smtp:// to a local relay must not be forced into STARTTLS; ?starttls=require forces it.
    ignoreTLS: url.protocol === 'smtp:' && url.searchParams.get('starttls') !== 'require',
    requireTLS: url.searchParams.get('starttls') === 'require',
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // A few reused connections: a mailing to thousands of participants must not open one per message.
    pool: true,
    maxConnections: 4,
    maxMessages: 200,
  })
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail(mail)
      return { providerMessageId: info.messageId ?? null }
    },
    close: () => transporter.close(),
  }
}
