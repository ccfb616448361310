import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../db/columns.ts'

/** Every SMS Cadastra sends. With the default "outbox" provider this table is the only destination. */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: id(),
    tenantId: uuid('tenant_id'),
    toPhone: text('to_phone').notNull(),
    body: text('body').notNull(),
    template: text('template').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('sms_messages_tenant_created_idx').on(t.tenantId, t.createdAt)],
)
