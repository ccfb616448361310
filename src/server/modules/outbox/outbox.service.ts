import { and, count, desc, eq, ilike, ne, type SQL } from 'drizzle-orm'
import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'
import { defineErrors } from '../../platform/errors.ts'
import { extractLinks } from '../../platform/mail/layout.ts'
import { mailMessages } from '../../platform/mail/mail.tables.ts'
import { smsMessages } from '../../platform/sms/sms.tables.ts'

const OutboxErrors = defineErrors({ MESSAGE_NOT_FOUND: [404, 'Mensagem não encontrada.'] })

type Row = typeof mailMessages.$inferSelect

function summary(r: Row) {
  return {
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    template: r.template,
    status: r.status,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }
}

function detail(r: Row) {
  return { ...summary(r), text: r.textBody, html: r.htmlBody, links: extractLinks(r.htmlBody, r.textBody) }
}

/** The tenant's e-mail log (in mailbox mode: the mailbox). The repository is inlined: one table, two queries. */
export async function findOutbox(db: Db, actor: Actor, q: { page: number; pageSize: number; to?: string }) {
  const conds: SQL[] = [eq(mailMessages.tenantId, actor.tenantId)]
  if (q.to) conds.push(ilike(mailMessages.toAddress, containsPattern(q.to)))
  const where = and(...conds)
  const rows = await db
    .select()
    .from(mailMessages)
    .where(where)
    .orderBy(desc(mailMessages.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
  const [{ n }] = await db.select({ n: count() }).from(mailMessages).where(where)
  return { items: rows.map(summary), total: n, page: q.page, pageSize: q.pageSize }
}

export async function getOutboxMessage(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.tenantId, actor.tenantId), eq(mailMessages.id, id)))
  if (!row) throw OutboxErrors.MESSAGE_NOT_FOUND()
  return detail(row)
}

/** Development mailbox: the latest messages of the whole installation, but cancelled ones (mailbox mode only). */
export async function listDevMail(db: Db, to?: string) {
  const rows = await db
    .select()
    .from(mailMessages)
    .where(and(to ? ilike(mailMessages.toAddress, to) : undefined, ne(mailMessages.status, 'cancelled')))
    .orderBy(desc(mailMessages.createdAt))
    .limit(200)
  return rows.map(detail)
}

/** The tenant's SMS log (with the default "outbox" provider: the only place SMS go). */
export async function findSms(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  const where = eq(smsMessages.tenantId, actor.tenantId)
  const rows = await db
    .select()
    .from(smsMessages)
    .where(where)
    .orderBy(desc(smsMessages.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
  const [{ n }] = await db.select({ n: count() }).from(smsMessages).where(where)
  return { items: rows.map(smsView), total: n, page: q.page, pageSize: q.pageSize }
}

export async function listDevSms(db: Db, to?: string) {
  const rows = await db
    .select()
    .from(smsMessages)
    .where(to ? eq(smsMessages.toPhone, to) : undefined)
    .orderBy(desc(smsMessages.createdAt))
    .limit(200)
  return rows.map(smsView)
}

function smsView(r: typeof smsMessages.$inferSelect) {
  return {
    id: r.id,
    to: r.toPhone,
    body: r.body,
    template: r.template,
    status: r.status,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }
}
