import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '../../config.ts'
import type { Db } from '../db/database.ts'
import { defineJob, enqueue } from '../jobs/queue.ts'
import { smsMessages } from './sms.tables.ts'

/** Where SMS go: nowhere but the sms_messages table (default), or a generic HTTP gateway. */
export type SmsProvider = {
  kind: 'outbox' | 'http'
  send(to: string, body: string): Promise<{ providerMessageId: string | null }>
}

/**
 * The HTTP provider POSTs `{ "to": "+5527999999999", "text": "..." }` as JSON to SMS_HTTP_URL (with
 * `Authorization: Bearer SMS_HTTP_TOKEN` when set) and expects a 2xx; an `id` in the JSON answer is kept.
 */
export function createSmsProvider(config: Pick<Config, 'sms'>): SmsProvider {
  const sms = config.sms
  if (sms.provider === 'outbox') return { kind: 'outbox', send: async () => ({ providerMessageId: null }) }
  return {
    kind: 'http',
    async send(to, body) {
      const res = await fetch(sms.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(sms.token ? { authorization: `Bearer ${sms.token}` } : {}),
        },
        body: JSON.stringify({ to, text: body }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!res.ok) throw new Error(`gateway de SMS respondeu ${res.status}`)
      const data = (await res.json().catch(() => ({}))) as { id?: unknown }
      return { providerMessageId: data.id != null ? String(data.id) : null }
    },
  }
}

const SendSmsPayload = z.object({ messageId: z.uuid() })
const shape = defineJob({ name: 'sms.send', payload: SendSmsPayload, handler: async () => {} })

/** Stores an SMS and enqueues its delivery in the caller's transaction. */
export async function queueSms(
  tx: Db,
  input: { tenantId: string | null; to: string; body: string; template: string },
) {
  const [row] = await tx
    .insert(smsMessages)
    .values({ tenantId: input.tenantId, toPhone: input.to, body: input.body, template: input.template })
    .returning({ id: smsMessages.id })
  await enqueue(tx, shape, { messageId: row.id }, { tenantId: input.tenantId })
  return row.id
}

export function createSendSmsJob(db: Db, provider: SmsProvider) {
  return defineJob({
    name: 'sms.send',
    payload: SendSmsPayload,
    maxAttempts: 4,
    timeoutMs: 60_000,
    handler: async ({ messageId }, ctx) => {
      const [msg] = await db.select().from(smsMessages).where(eq(smsMessages.id, messageId))
      if (!msg || msg.status === 'sent') return
      try {
        const r = await provider.send(msg.toPhone, msg.body)
        await db
          .update(smsMessages)
          .set({
            status: 'sent',
            sentAt: new Date(),
            provider: provider.kind,
            providerMessageId: r.providerMessageId,
            error: null,
          })
          .where(eq(smsMessages.id, messageId))
      } catch (err) {
        await db
          .update(smsMessages)
          .set({
            status: ctx.isLastAttempt ? 'failed' : 'queued',
            provider: provider.kind,
            error: err instanceof Error ? err.message : String(err),
          })
          .where(eq(smsMessages.id, messageId))
        throw err
      }
    },
  })
}
