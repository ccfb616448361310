import { createHash, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '../../config.ts'
import { renderIcs } from '../../platform/calendar/ics.ts'
import type { Db } from '../../platform/db/database.ts'
import { defineJob, enqueue } from '../../platform/jobs/queue.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { portalNotifications } from '../notifications/index.ts'
import { getTenantName } from '../tenants/tenant-settings.ts'
import { joinUrl, publicEventUrl } from './events.links.ts'
import {
  type EventMailInfo,
  eventNotice,
  eventStatusMail,
  registrationCancelledMail,
  registrationMail,
} from './events.mail.ts'
import { eventsRepository, type EventRow, type RegistrationRow } from './events.repository.ts'
import { eventMails, eventRegistrations, events } from './events.tables.ts'

export type NotifyDeps = { db: Db; config: Config }

/** How many participants one transaction of a mass mailing covers. */
const NOTIFY_BATCH = 250

export async function mailInfo(tx: Db, config: Config, e: EventRow): Promise<EventMailInfo> {
  const sessions = e.mainEventId ? [] : await eventsRepository(tx).secondaries(e.tenantId, e.id)
  return {
    tenantName: await getTenantName(tx, e.tenantId),
    description: e.description,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    status: e.status,
    location: e.location,
    online: Boolean(e.onlineUrl),
    workloadHours: e.workloadMinutes / 60,
    publicUrl: publicEventUrl(config, e.slug),
    sessions: sessions
      .filter((s) => s.status !== 'cancelado')
      .map((s) => ({ description: s.description, startsAt: s.startsAt, endsAt: s.endsAt })),
  }
}

function icsAttachment(
  config: Config,
  e: EventRow,
  info: EventMailInfo,
  r: Pick<RegistrationRow, 'id' | 'name' | 'email'>,
  cancel: boolean,
) {
  const ics = renderIcs({
    uid: `${e.id}@cadastra`,
    sequence: e.icsSequence,
    method: cancel ? 'CANCEL' : 'REQUEST',
    summary: e.description,
    description: [
      `${info.tenantName}: ${e.description}`,
      e.onlineUrl
        ? `Link pessoal de acesso: ${joinUrl(config, r.id)}`
        : `Local: ${e.location ?? 'a confirmar'}`,
    ].join('\n'),
    location: e.onlineUrl ? 'Online' : e.location,
    url: e.onlineUrl ? joinUrl(config, r.id) : publicEventUrl(config, e.slug),
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    organizer: { name: info.tenantName, email: config.mailFrom.replace(/^.*<([^>]+)>.*$/, '$1') },
    attendee: { name: r.name, email: r.email },
    stamp: new Date(),
  })
  return {
    filename: cancel ? 'cancelamento.ics' : 'convite.ics',
    contentType: `text/calendar; charset=utf-8; method=${cancel ? 'CANCEL' : 'REQUEST'}`,
    contentBase64: Buffer.from(ics, 'utf8').toString('base64'),
  }
}

async function logMail(
  tx: Db,
  r: Pick<RegistrationRow, 'id' | 'tenantId' | 'eventId'>,
  kind: (typeof eventMails.$inferInsert)['kind'],
  mailMessageId: string,
  batchId: string | null,
) {
  await tx.insert(eventMails).values({
    tenantId: r.tenantId,
    eventId: r.eventId,
    registrationId: r.id,
    kind,
    mailMessageId,
    batchId,
  })
}

/** Registration confirmation (or waitlist / promotion) for one participant, in the caller's transaction. */
export async function sendRegistrationMailInTx(
  tx: Db,
  config: Config,
  e: EventRow,
  r: RegistrationRow,
  opts: { promoted?: boolean; info?: EventMailInfo } = {},
) {
  const info = opts.info ?? (await mailInfo(tx, config, e))
  const waitlisted = r.status === 'espera'
  const mail = registrationMail({
    event: info,
    participantName: r.name,
    joinUrl: e.onlineUrl ? joinUrl(config, r.id) : null,
    waitlisted,
    promoted: opts.promoted,
  })
  const id = await queueMail(tx, {
    ...mail,
    tenantId: r.tenantId,
    to: r.email,
    template: 'event.registration',
    attachments: waitlisted ? [] : [icsAttachment(config, e, info, r, false)],
  })
  await logMail(tx, r, 'registration', id, null)
}

export async function sendRegistrationCancelledMailInTx(
  tx: Db,
  config: Config,
  e: EventRow,
  r: RegistrationRow,
) {
  const info = await mailInfo(tx, config, e)
  const mail = registrationCancelledMail({ event: info, participantName: r.name })
  const id = await queueMail(tx, {
    ...mail,
    tenantId: r.tenantId,
    to: r.email,
    template: 'event.registration-cancelled',
    attachments: [icsAttachment(config, e, info, r, true)],
  })
  await logMail(tx, r, 'cancel', id, null)
}

const NotifyPayload = z.object({
  eventId: z.uuid(),
  tenantId: z.uuid(),
  batchId: z.uuid(),
  kind: z.enum(['status', 'resend', 'reminder']),
  /** Reminder: only registrations made up to this instant. */
  registeredBefore: z.iso.datetime().optional(),
})
type NotifyPayload = z.infer<typeof NotifyPayload>

/** Who a mailing reaches: every registration not cancelled (the reminder: only those made before its time). */
function recipientsOf(e: EventRow, registeredBefore?: Date) {
  return and(
    eq(eventRegistrations.tenantId, e.tenantId),
    eq(eventRegistrations.eventId, e.id),
    sql`${eventRegistrations.status} <> 'cancelado'`,
    registeredBefore ? sql`${eventRegistrations.createdAt} <= ${registeredBefore}` : undefined,
  )
}

/**
 * Schedules an individual e-mail to every participant (never BCC). Counted now; delivered by the
 * `events.notify` job in batches, each participant at most once per mailing (unique batch row).
 */
export async function scheduleMassMailInTx(
  tx: Db,
  e: EventRow,
  kind: NotifyPayload['kind'],
  registeredBefore?: Date,
): Promise<number> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(recipientsOf(e, registeredBefore))
  if (Number(n) === 0) return 0
  await enqueue(
    tx,
    notifyJobShape,
    {
      eventId: e.id,
      tenantId: e.tenantId,
      batchId: randomUUID(),
      kind,
      registeredBefore: registeredBefore?.toISOString(),
    },
    { tenantId: e.tenantId },
  )
  return Number(n)
}

const notifyJobShape = defineJob({ name: 'events.notify', payload: NotifyPayload, handler: async () => {} })

/** Sends one mailing: batches of NOTIFY_BATCH participants, each batch in its own transaction. */
export async function runMassMail(deps: NotifyDeps, p: NotifyPayload): Promise<number> {
  let sent = 0
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const e = await eventsRepository(tx).findById(p.tenantId, p.eventId)
      if (!e) return 0
      // Participants of this event not yet mailed in this mailing.
      const batch = await tx
        .select()
        .from(eventRegistrations)
        .where(
          and(
            recipientsOf(e, p.registeredBefore ? new Date(p.registeredBefore) : undefined),
            sql`not exists (select 1 from event_mails m where m.registration_id = ${eventRegistrations.id} and m.batch_id = ${p.batchId})`,
          ),
        )
        .orderBy(eventRegistrations.createdAt, eventRegistrations.id)
        .limit(NOTIFY_BATCH)
      if (batch.length === 0) return 0
      const info = await mailInfo(tx, deps.config, e)
      const cancel = e.status === 'cancelado'
      for (const r of batch) {
        const mail = eventStatusMail({
          kind: p.kind,
          event: info,
          participantName: r.name,
          joinUrl: e.onlineUrl ? joinUrl(deps.config, r.id) : null,
          waitlisted: r.status === 'espera',
        })
        const id = await queueMail(tx, {
          ...mail,
          tenantId: r.tenantId,
          to: r.email,
          template: `event.${p.kind}`,
          attachments: r.status === 'espera' ? [] : [icsAttachment(deps.config, e, info, r, cancel)],
        })
        await logMail(tx, r, cancel && p.kind !== 'reminder' ? 'cancel' : p.kind, id, p.batchId)
      }
      await noticeToClientUsers(
        tx,
        e,
        batch.map((r) => r.id),
        eventNotice(p.kind, info),
      )
      return batch.length
    })
    sent += n
    if (n < NOTIFY_BATCH) return sent
  }
}

/** Where a client user sees their events in the portal. */
const PORTAL_EVENTS_PATH = '/portal/eventos'

/**
 * The portal inbox of the participants who are client users and chose "Sistema" or "Ambos" for
 * "Eventos e treinamentos" (their e-mail goes out anyway: it is the event's own message, with the
 * calendar invite). One INSERT … SELECT for the batch.
 */
async function noticeToClientUsers(
  tx: Db,
  e: EventRow,
  registrationIds: string[],
  notice: { title: string; lead: string },
) {
  if (registrationIds.length === 0) return
  await tx.execute(sql`
    insert into ${portalNotifications} (tenant_id, client_user_id, kind, title, body, link)
    select cu.tenant_id, cu.id, 'events.update', ${notice.title}::text, ${notice.lead}::text,
      ${PORTAL_EVENTS_PATH}::text
    from event_registrations r
    join client_users cu on cu.tenant_id = r.tenant_id and cu.id = r.client_user_id
    where r.tenant_id = ${e.tenantId} and r.id = any(${`{${registrationIds.join(',')}}`}::uuid[])
      and cu.portal_active and cu.user_id is not null
      and cu.notifications->>'events' in ('system', 'both')`)
}

export function createNotifyJob(deps: NotifyDeps) {
  return defineJob({
    name: 'events.notify',
    payload: NotifyPayload,
    maxAttempts: 8,
    timeoutMs: 600_000,
    handler: async (p) => {
      await runMassMail(deps, p)
    },
  })
}

const ReminderPayload = z.object({ eventId: z.uuid(), tenantId: z.uuid(), startsAt: z.iso.datetime() })
const reminderJobShape = defineJob({
  name: 'events.reminder',
  payload: ReminderPayload,
  handler: async () => {},
})

/** The eve's reminder: 24 hours before the start. Re-scheduled when the start moves. */
export async function scheduleReminderInTx(tx: Db, e: EventRow, now: Date) {
  const at = reminderTime(e)
  if (at <= now || e.status === 'cancelado' || e.reminderSentAt) return
  await enqueue(
    tx,
    reminderJobShape,
    { eventId: e.id, tenantId: e.tenantId, startsAt: e.startsAt.toISOString() },
    { runAt: at, dedupeKey: `event-reminder:${e.id}:${e.startsAt.toISOString()}`, tenantId: e.tenantId },
  )
}

export function reminderTime(e: Pick<EventRow, 'startsAt'>): Date {
  return new Date(e.startsAt.getTime() - 24 * 3_600_000)
}

/**
 * Sends the reminder of one event: not when cancelled or already realised, not when the start
 * moved since it was scheduled (a new reminder was scheduled), and only to registrations made up
 * to the reminder time. Safe to run again after a crash: the mailing id is derived from the event
 * and its start, so each participant gets one reminder. Returns how many participants it covered.
 */
export async function sendReminder(deps: NotifyDeps, tenantId: string, eventId: string, startsAt?: string) {
  const e = await eventsRepository(deps.db).findById(tenantId, eventId)
  if (!e || e.status === 'cancelado' || e.status === 'realizado') return 0
  if (startsAt && e.startsAt.toISOString() !== startsAt) return 0
  const sent = await runMassMail(deps, {
    eventId,
    tenantId,
    batchId: derivedUuid(`event-reminder:${e.id}:${e.startsAt.toISOString()}`),
    kind: 'reminder',
    registeredBefore: reminderTime(e).toISOString(),
  })
  await deps.db.update(events).set({ reminderSentAt: new Date() }).where(eq(events.id, e.id))
  return sent
}

/** A stable UUID from a string (name-based, like UUID v5). */
function derivedUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function createReminderJob(deps: NotifyDeps) {
  return defineJob({
    name: 'events.reminder',
    payload: ReminderPayload,
    handler: async (p) => {
      await sendReminder(deps, p.tenantId, p.eventId, p.startsAt)
    },
  })
}
