import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../db/columns.ts'

/**
 * Every e-mail Cadastra sends, rendered at enqueue time. In mailbox mode this table IS the
 * mailbox; with SMTP it is the delivery log.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: id(),
    tenantId: uuid('tenant_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    template: text('template').notNull(),
    attachments: jsonb('attachments').$type<MailAttachmentRef[]>(),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'cancelled'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    transport: text('transport'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_messages_tenant_created_idx').on(t.tenantId, t.createdAt)],
)

/**
 * An attachment kept with the message (small ones, e.g. an .ics), or a reference to bytes another
 * module already stores (`source`, e.g. "certificate:<id>"), read when the message is sent.
 */
export type MailAttachmentRef =
  | { filename: string; contentType: string; contentBase64: string }
  | { filename: string; contentType: string; source: string }
