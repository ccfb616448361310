import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { defineJob, enqueueMany } from '../jobs/queue.ts'
import type { RenderedMail } from './layout.ts'
import { type MailAttachmentRef, mailMessages } from './mail.tables.ts'
import type { MailTransport } from './transport.ts'

export type QueueMailInput = RenderedMail & {
  tenantId: string | null
  to: string
  template: string
  attachments?: MailAttachmentRef[]
}

export const SEND_MAIL_JOB = 'mail.send'
const SendMailPayload = z.object({ messageId: z.uuid() })

/**
 * Stores the rendered message and enqueues its delivery in the caller's transaction: if the
 * business change rolls back, no e-mail is ever sent.
 */
export async function queueMail(tx: Db, input: QueueMailInput): Promise<string> {
  // Returns the message id: owners that care about delivery (invitations) keep it.
  const [id] = await queueMails(tx, input.tenantId, [input])
  return id
}

/**
 * Many messages of one tenant at once (bulk work: mass invitations), as queueMail does for one:
 * stored and enqueued in the caller's transaction. Returns the message ids, in the inputs' order.
 */
export async function queueMails(
  tx: Db,
  tenantId: string | null,
  inputs: Omit<QueueMailInput, 'tenantId'>[],
) {
  const ids = inputs.map(() => randomUUID())
  for (let i = 0; i < inputs.length; i += 1000) {
    await tx.insert(mailMessages).values(
      inputs.slice(i, i + 1000).map((input, k) => ({
        id: ids[i + k],
        tenantId,
        toAddress: input.to,
        subject: input.subject,
        textBody: input.text,
        htmlBody: input.html,
        template: input.template,
        attachments: input.attachments ?? null,
      })),
    )
  }
  await enqueueMany(
    tx,
    sendMailJobShape,
    ids.map((messageId) => ({ messageId })),
    { tenantId },
  )
  return ids
}

/**
 * Cancels messages not sent yet (their delivery jobs then skip them), e.g. the invitations of an
 * import that was undone. Returns how many were still in the queue.
 */
export async function cancelQueuedMails(tx: Db, ids: string[]): Promise<number> {
  let n = 0
  for (let i = 0; i < ids.length; i += 5000) {
    const res = await tx
      .update(mailMessages)
      .set({ status: 'cancelled' })
      .where(and(inArray(mailMessages.id, ids.slice(i, i + 5000)), eq(mailMessages.status, 'queued')))
      .returning({ id: mailMessages.id })
    n += res.length
  }
  return n
}

// Shape-only definition used to enqueue; the runnable one (with a transport) is built at boot.
const sendMailJobShape = defineJob({
  name: SEND_MAIL_JOB,
  payload: SendMailPayload,
  handler: async () => {},
})

/** A permanent SMTP refusal (5xx: unknown mailbox, rejected domain): retrying cannot help. */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number } | null)?.responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

export type MailFailureHook = (message: {
  id: string
  tenantId: string | null
  template: string
}) => Promise<void>

/**
 * The job that delivers one stored message. Idempotent: a message already sent is skipped. A
 * permanent refusal marks the message failed at once (no retries) and calls `onBounce` so the
 * owner of the message (e.g. an invitation) can record the bounce.
 */
/** Reads the bytes of an attachment stored elsewhere ("certificate:<id>"). */
export type AttachmentResolver = (source: string) => Promise<Buffer>

export function createSendMailJob(
  db: Db,
  transport: MailTransport,
  from: string,
  onBounce?: MailFailureHook,
  resolveAttachment?: AttachmentResolver,
) {
  return defineJob({
    name: SEND_MAIL_JOB,
    payload: SendMailPayload,
    maxAttempts: 6,
    timeoutMs: 120_000,
    handler: async ({ messageId }, ctx) => {
      const [msg] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId))
      if (!msg || msg.status === 'sent' || msg.status === 'cancelled') return
      const attachments = await Promise.all(
        (msg.attachments ?? []).map(async (a) => {
          if ('contentBase64' in a) {
            return {
              filename: a.filename,
              contentType: a.contentType,
              content: Buffer.from(a.contentBase64, 'base64'),
            }
          }
          if (!resolveAttachment) throw new Error(`Anexo sem leitor: ${a.source}`)
          return {
            filename: a.filename,
            contentType: a.contentType,
            content: await resolveAttachment(a.source),
          }
        }),
      )
      try {
        const result = await transport.send({
          from,
          to: msg.toAddress,
          subject: msg.subject,
          text: msg.textBody,
          html: msg.htmlBody,
          attachments,
        })
        await db
          .update(mailMessages)
          .set({
            status: 'sent',
            sentAt: new Date(),
            error: null,
            transport: transport.kind,
            providerMessageId: result.providerMessageId,
            attempts: sql`${mailMessages.attempts} + 1`,
          })
          .where(and(eq(mailMessages.id, messageId)))
      } catch (err) {
        const permanent = isPermanentFailure(err)
        await db
          .update(mailMessages)
          .set({
            status: ctx.isLastAttempt || permanent ? 'failed' : 'queued',
            error: err instanceof Error ? err.message : String(err),
            transport: transport.kind,
            attempts: sql`${mailMessages.attempts} + 1`,
          })
          .where(eq(mailMessages.id, messageId))
        if (!permanent) throw err
        await onBounce?.({ id: msg.id, tenantId: msg.tenantId, template: msg.template })
      }
    },
  })
}
