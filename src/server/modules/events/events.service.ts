import { randomBytes } from 'node:crypto'
import sharp from 'sharp'
import { formatCount } from '#shared/format.ts'
import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { mailMessages } from '../../platform/mail/mail.tables.ts'
import { clientUserOrgs, clientUsers } from '../client-users/client-users.tables.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { staffMembers } from '../staff/staff.tables.ts'
import {
  certificatesDueOn,
  enqueueCertificatesNow,
  hideCpf,
  scheduleCertificatesInTx,
} from './events.certificates.ts'
import { EventErrors } from './events.errors.ts'
import { publicEventUrl } from './events.links.ts'
import {
  reminderTime,
  scheduleMassMailInTx,
  scheduleReminderInTx,
  sendRegistrationCancelledMailInTx,
  sendRegistrationMailInTx,
} from './events.notify.ts'
import { type EventRow, eventsRepository, type RegistrationRow } from './events.repository.ts'
import type { EventBody, FindEventsQuery } from './events.schemas.ts'
import {
  certificates,
  eventAttendance,
  eventMails,
  eventRegistrations,
  events,
  eventTypes,
} from './events.tables.ts'
import { onAttendanceInTx } from './training-gate.ts'

export type EventsDeps = { db: Db; config: Config; clock: Clock }

const DEFAULT_TYPES = [
  { name: 'Treinamento interno', isPublic: false, isTraining: true, sort: 1 },
  { name: 'Treinamento aberto ao público', isPublic: true, isTraining: true, sort: 2 },
  { name: 'Reunião', isPublic: false, isTraining: false, sort: 3 },
  { name: 'Webinar', isPublic: true, isTraining: false, sort: 4 },
]

export async function ensureDefaultEventTypes(tx: Db, tenantId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eventTypes)
    .where(eq(eventTypes.tenantId, tenantId))
  if (Number(row.n) > 0) return
  await tx
    .insert(eventTypes)
    .values(DEFAULT_TYPES.map((t) => ({ ...t, tenantId })))
    .onConflictDoNothing()
}

export async function listEventTypes(deps: EventsDeps, actor: Actor) {
  await ensureDefaultEventTypes(deps.db, actor.tenantId)
  const items = await deps.db
    .select()
    .from(eventTypes)
    .where(eq(eventTypes.tenantId, actor.tenantId))
    .orderBy(asc(eventTypes.sort), asc(eventTypes.name))
  return {
    items: items.map((t) => ({ id: t.id, name: t.name, isPublic: t.isPublic, isTraining: t.isTraining })),
  }
}

export async function createEventType(
  deps: EventsDeps,
  actor: Actor,
  body: { name: string; isPublic: boolean; isTraining: boolean },
) {
  return deps.db.transaction(async (tx) => {
    await ensureDefaultEventTypes(tx, actor.tenantId)
    const [row] = await tx
      .insert(eventTypes)
      .values({ tenantId: actor.tenantId, ...body, sort: 100 })
      .returning()
      .catch((err) => {
        throw isUniqueViolation(err) ? EventErrors.EVENT_TYPE_DUPLICATE() : err
      })
    await recordAudit(tx, actor, { entity: 'event_type', entityId: row.id, action: 'create', after: body })
    return { id: row.id, name: row.name, isPublic: row.isPublic, isTraining: row.isTraining }
  })
}

// ---- Reading ----------------------------------------------------------------------------------

/** Administrators (who configure the tenant) may edit any event; others only their own or unassigned ones. */
function canEdit(actor: Actor, e: Pick<EventRow, 'responsibleUserId'>): boolean {
  return (
    !e.responsibleUserId ||
    e.responsibleUserId === actor.userId ||
    actor.isPlatformAdmin ||
    actor.permissions.has('settings:manage')
  )
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof eventsRepository>['summaries']>>[number]

function toSummary(actor: Actor, r: SummaryRow) {
  const e = r.event
  return {
    id: e.id,
    code: e.code,
    mainEventId: e.mainEventId,
    mainEventCode: r.mainEventCode === null ? null : Number(r.mainEventCode),
    description: e.description,
    typeId: e.typeId,
    typeName: r.typeName,
    isPublicType: r.isPublicType,
    isTraining: r.isTraining,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    status: e.status,
    clientOrgId: e.clientOrgId,
    clientOrgName: r.clientOrgName,
    responsibleUserId: e.responsibleUserId,
    responsibleName: e.responsibleName,
    publicRegistration: e.publicRegistration,
    capacity: e.capacity,
    registeredCount: Number(r.registeredCount),
    waitlistCount: Number(r.waitlistCount),
    attendedCount: Number(r.attendedCount),
    secondaryCount: Number(r.secondaryCount),
    canEdit: canEdit(actor, e),
  }
}

export async function findEvents(deps: EventsDeps, actor: Actor, q: FindEventsQuery) {
  const conds: SQL[] = [eq(events.tenantId, actor.tenantId)]
  if (q.search) {
    const like = containsPattern(q.search, { lower: true })
    const code = /^\d{1,9}$/.test(q.search.trim()) ? Number(q.search.trim()) : null
    conds.push(
      sql`(lower(${events.description}) like ${like} or lower(coalesce(${clientOrgs.name}, '')) like ${like}${
        code !== null ? sql` or ${events.code} = ${code}` : sql``
      })`,
    )
  }
  if (q.status) conds.push(eq(events.status, q.status))
  if (q.from) conds.push(gte(events.startsAt, new Date(q.from)))
  if (q.to) conds.push(lt(events.startsAt, new Date(q.to)))
  if (q.mainOnly) conds.push(isNull(events.mainEventId))
  const where = and(...conds)
  const rows = await eventsRepository(deps.db)
    .summaries()
    .where(where)
    .orderBy(desc(events.startsAt), desc(events.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
  const [{ total }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(events)
    .leftJoin(clientOrgs, eq(clientOrgs.id, events.clientOrgId))
    .where(where)
  return {
    items: rows.map((r) => toSummary(actor, r)),
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function getEvent(deps: EventsDeps, actor: Actor, id: string) {
  const repo = eventsRepository(deps.db)
  const [row] = await repo.summaries().where(and(eq(events.tenantId, actor.tenantId), eq(events.id, id)))
  if (!row) throw EventErrors.EVENT_NOT_FOUND()
  const e = row.event
  const secondaries = await repo
    .summaries()
    .where(and(eq(events.tenantId, actor.tenantId), eq(events.mainEventId, id)))
    .orderBy(asc(events.startsAt), asc(events.code))
  const [{ issued }] = await deps.db
    .select({ issued: sql<number>`count(*)::int` })
    .from(certificates)
    .where(and(eq(certificates.eventId, id), eq(certificates.status, 'valid')))
  return {
    ...toSummary(actor, row),
    descriptionCustom: e.descriptionCustom,
    location: e.location,
    onlineUrl: e.onlineUrl,
    workloadHours: e.workloadMinutes / 60,
    slug: e.slug,
    publicUrl: publicEventUrl(deps.config, e.slug),
    artUrl: e.artUpdatedAt ? `/api/v1/public/events/${e.slug}/art?v=${e.artUpdatedAt.getTime()}` : null,
    icsSequence: e.icsSequence,
    reminderAt: reminderTime(e),
    reminderSentAt: e.reminderSentAt,
    certificatesDueOn: certificatesDueOn(e),
    certificatesIssued: Number(issued),
    secondaries: secondaries.map((s) => toSummary(actor, s)),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  }
}

// ---- Writing ----------------------------------------------------------------------------------

/** Fields a secondary event takes from its main event ("seguirão o padrão do principal"). */
function inherited(main: EventRow) {
  return {
    typeId: main.typeId,
    clientOrgId: main.clientOrgId,
    location: main.location,
    onlineUrl: main.onlineUrl,
    publicRegistration: main.publicRegistration,
    capacity: main.capacity,
    workloadMinutes: main.workloadMinutes,
    responsibleUserId: main.responsibleUserId,
    responsibleName: main.responsibleName,
  }
}

async function autoDescription(tx: Db, main: EventRow, selfId: string | null): Promise<string> {
  const siblings = await eventsRepository(tx).secondaries(main.tenantId, main.id)
  const index = selfId ? siblings.findIndex((s) => s.id === selfId) : -1
  const n = index >= 0 ? index + 1 : siblings.length + 1
  return `${main.description} — sessão ${n}`
}

async function responsibleName(tx: Db, tenantId: string, userId: string | null | undefined) {
  if (!userId) return null
  const [m] = await tx
    .select({ name: staffMembers.name })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.tenantId, tenantId),
        eq(staffMembers.userId, userId),
        eq(staffMembers.isActive, true),
      ),
    )
  if (!m) throw EventErrors.EVENT_RESPONSIBLE_INVALID()
  return m.name
}

async function assertType(tx: Db, tenantId: string, typeId: string) {
  const [t] = await tx
    .select()
    .from(eventTypes)
    .where(and(eq(eventTypes.tenantId, tenantId), eq(eventTypes.id, typeId)))
  if (!t) throw EventErrors.EVENT_TYPE_NOT_FOUND()
  return t
}

async function assertClientOrg(tx: Db, tenantId: string, id: string | null | undefined) {
  if (!id) return
  const [o] = await tx
    .select({ id: clientOrgs.id })
    .from(clientOrgs)
    .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
  if (!o) throw EventErrors.EVENT_MAIN_INVALID({ message: 'Cliente não encontrado.' })
}

async function loadMain(tx: Db, tenantId: string, mainId: string, selfId: string | null) {
  const main = await eventsRepository(tx).findById(tenantId, mainId)
  if (!main || main.mainEventId || main.id === selfId) throw EventErrors.EVENT_MAIN_INVALID()
  return main
}

function auditView(e: EventRow) {
  const { art, ...rest } = e
  return { ...rest, art: art ? `${art.length} bytes` : null }
}

export async function createEvent(deps: EventsDeps, actor: Actor, body: EventBody) {
  const { id, mailsQueued } = await deps.db.transaction(async (tx) => {
    await ensureDefaultEventTypes(tx, actor.tenantId)
    const repo = eventsRepository(tx)
    const main = body.mainEventId ? await loadMain(tx, actor.tenantId, body.mainEventId, null) : null
    let values: Omit<typeof events.$inferInsert, 'tenantId' | 'code' | 'slug'>
    if (main) {
      const description = body.description ?? (await autoDescription(tx, main, null))
      values = {
        ...inherited(main),
        mainEventId: main.id,
        description,
        descriptionCustom: Boolean(body.description),
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        status: main.status === 'cancelado' ? 'cancelado' : (body.status ?? 'aberto'),
      }
    } else {
      if (!body.description) throw EventErrors.EVENT_DESCRIPTION_REQUIRED()
      if (!body.typeId) throw EventErrors.EVENT_TYPE_REQUIRED()
      await assertType(tx, actor.tenantId, body.typeId)
      await assertClientOrg(tx, actor.tenantId, body.clientOrgId)
      values = {
        mainEventId: null,
        description: body.description,
        descriptionCustom: true,
        typeId: body.typeId,
        responsibleUserId: body.responsibleUserId ?? null,
        responsibleName: await responsibleName(tx, actor.tenantId, body.responsibleUserId),
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        clientOrgId: body.clientOrgId ?? null,
        location: body.location ?? null,
        status: body.status ?? 'aberto',
        onlineUrl: body.onlineUrl ?? null,
        publicRegistration: body.publicRegistration ?? false,
        capacity: body.capacity ?? null,
        workloadMinutes: Math.round((body.workloadHours ?? 1) * 60),
      }
    }
    const [row] = await tx
      .insert(events)
      .values({
        ...values,
        tenantId: actor.tenantId,
        code: await repo.nextCode(actor.tenantId),
        slug: randomBytes(9).toString('base64url'),
        createdBy: actor.userId,
      })
      .returning()
    // Secondaries added later enrol the main event's existing registrants.
    if (main) await replicateRegistrationsInTx(tx, main, row)
    await recordAudit(tx, actor, {
      entity: 'event',
      entityId: row.id,
      action: 'create',
      after: auditView(row),
    })
    await scheduleReminderInTx(tx, row, deps.clock.now())
    await scheduleCertificatesInTx(tx, row)
    return { id: row.id, mailsQueued: 0 }
  })
  return { event: await getEvent(deps, actor, id), mailsQueued }
}

/** What the participants see changed: date, place, link or status (a new iCalendar SEQUENCE). */
function visibleChange(a: EventRow, b: EventRow): boolean {
  return (
    a.startsAt.getTime() !== b.startsAt.getTime() ||
    a.endsAt.getTime() !== b.endsAt.getTime() ||
    a.location !== b.location ||
    a.onlineUrl !== b.onlineUrl ||
    a.status !== b.status ||
    a.description !== b.description
  )
}

export async function updateEvent(deps: EventsDeps, actor: Actor, id: string, body: EventBody) {
  const { mailsQueued } = await deps.db.transaction(async (tx) => {
    const repo = eventsRepository(tx)
    const before = await repo.findById(actor.tenantId, id, true)
    if (!before) throw EventErrors.EVENT_NOT_FOUND()
    if (!canEdit(actor, before)) throw EventErrors.EVENT_NOT_RESPONSIBLE()
    const mainId = body.mainEventId === undefined ? before.mainEventId : body.mainEventId
    const main = mainId ? await loadMain(tx, actor.tenantId, mainId, id) : null
    if (main && !before.mainEventId && (await repo.secondaries(actor.tenantId, id)).length > 0) {
      throw EventErrors.EVENT_HAS_SECONDARIES()
    }
    let values: Partial<typeof events.$inferInsert>
    if (main) {
      values = {
        ...inherited(main),
        mainEventId: main.id,
        description: body.description ?? (await autoDescription(tx, main, id)),
        descriptionCustom: Boolean(body.description),
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        status: body.status ?? before.status,
      }
    } else {
      if (!body.description) throw EventErrors.EVENT_DESCRIPTION_REQUIRED()
      const typeId = body.typeId ?? before.typeId
      await assertType(tx, actor.tenantId, typeId)
      await assertClientOrg(tx, actor.tenantId, body.clientOrgId)
      const responsibleUserId =
        body.responsibleUserId === undefined ? before.responsibleUserId : body.responsibleUserId
      values = {
        mainEventId: null,
        description: body.description,
        descriptionCustom: true,
        typeId,
        responsibleUserId,
        responsibleName: await responsibleName(tx, actor.tenantId, responsibleUserId),
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        clientOrgId: body.clientOrgId === undefined ? before.clientOrgId : body.clientOrgId,
        location: body.location === undefined ? before.location : body.location,
        status: body.status ?? before.status,
        onlineUrl: body.onlineUrl === undefined ? before.onlineUrl : body.onlineUrl,
        publicRegistration: body.publicRegistration ?? before.publicRegistration,
        capacity: body.capacity === undefined ? before.capacity : body.capacity,
        workloadMinutes:
          body.workloadHours === undefined ? before.workloadMinutes : Math.round(body.workloadHours * 60),
      }
    }
    const [after] = await tx
      .update(events)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(events.id, id))
      .returning()
    let current = after
    if (visibleChange(before, after)) {
      ;[current] = await tx
        .update(events)
        .set({
          icsSequence: before.icsSequence + 1,
          // A new start gets a new reminder.
          reminderSentAt:
            before.startsAt.getTime() === after.startsAt.getTime() ? before.reminderSentAt : null,
        })
        .where(eq(events.id, id))
        .returning()
    }
    if (!current.mainEventId) await propagateToSecondaries(tx, actor, current)
    await recordAudit(tx, actor, {
      entity: 'event',
      entityId: id,
      action: before.status !== current.status ? `status:${current.status}` : 'update',
      before: auditView(before),
      after: auditView(current),
    })
    if (current.status === 'realizado' && before.status !== 'realizado') {
      await trainingRealisedInTx(tx, deps.config, actor, current)
    }
    await scheduleReminderInTx(tx, current, deps.clock.now())
    await scheduleCertificatesInTx(tx, current)
    const statusChanged = before.status !== current.status
    const mails =
      statusChanged && body.notifyParticipants ? await scheduleMassMailInTx(tx, current, 'status') : 0
    return { mailsQueued: mails }
  })
  return { event: await getEvent(deps, actor, id), mailsQueued }
}

/** A main event's inherited fields (and automatic descriptions, and cancellation) reach its secondaries. */
async function propagateToSecondaries(tx: Db, actor: Actor, main: EventRow) {
  const secondaries = await eventsRepository(tx).secondaries(main.tenantId, main.id)
  for (const [i, s] of secondaries.entries()) {
    await tx
      .update(events)
      .set({
        ...inherited(main),
        description: s.descriptionCustom ? s.description : `${main.description} — sessão ${i + 1}`,
        status: main.status === 'cancelado' ? 'cancelado' : s.status,
        icsSequence:
          main.status === 'cancelado' && s.status !== 'cancelado' ? s.icsSequence + 1 : s.icsSequence,
        updatedAt: new Date(),
      })
      .where(eq(events.id, s.id))
  }
  void actor
}

/** "Realizado" with the unit present: the training gate opens as when attendance is recorded. */
async function trainingRealisedInTx(tx: Db, config: Config, actor: Actor, e: EventRow) {
  const present = await tx
    .select({ clientOrgId: eventRegistrations.clientOrgId })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, e.id),
        eq(eventRegistrations.status, 'inscrito'),
        sql`${eventRegistrations.attendedAt} is not null`,
      ),
    )
  if (present.length === 0) return
  const orgs = new Set(present.map((p) => p.clientOrgId))
  for (const orgId of orgs) await onAttendanceInTx(tx, config, actor, e, orgId, new Date())
}

export async function resendMail(deps: EventsDeps, actor: Actor, id: string) {
  return deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findById(actor.tenantId, id)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    const queued = await scheduleMassMailInTx(tx, e, 'resend')
    await recordAudit(tx, actor, { entity: 'event', entityId: id, action: 'resend_mail', after: { queued } })
    return {
      queued,
      message:
        queued === 0
          ? 'O evento não tem participantes para receber o e-mail.'
          : `${formatCount(queued, 'e-mail individual', 'e-mails individuais')} na fila de envio.`,
    }
  })
}

// ---- Art ----------------------------------------------------------------------------------------

export const MAX_ART_BYTES = 5 * 1024 * 1024

/** The image type from its first bytes (the declared type is not trusted). */
export function sniffImage(buf: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  if (
    buf.length > 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png'
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg'
  if (buf.length > 12 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP')
    return 'image/webp'
  return null
}

/** The art is stored at most this wide/high: enough for a page banner, small for the public page. */
export const ART_MAX_SIDE = 1600
/** Refuse decompression bombs: more pixels than this are not an event's art. */
const ART_MAX_PIXELS = 40_000_000

/**
 * Checks and normalises an uploaded art: a real PNG/JPEG/WebP (sniffed, then decoded), rotated as
 * its EXIF says, shrunk to ART_MAX_SIDE, metadata (camera, GPS) dropped; PNG stays PNG (logos with
 * transparency), the rest becomes JPEG.
 */
export async function processArt(content: Buffer): Promise<{ content: Buffer; mime: string }> {
  const sniffed = sniffImage(content)
  if (!sniffed || content.length > MAX_ART_BYTES) throw EventErrors.ART_INVALID()
  try {
    const image = sharp(content, { limitInputPixels: ART_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: ART_MAX_SIDE, height: ART_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    if (sniffed === 'image/png')
      return { content: await image.png({ compressionLevel: 9 }).toBuffer(), mime: 'image/png' }
    return { content: await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer(), mime: 'image/jpeg' }
  } catch {
    throw EventErrors.ART_INVALID({
      message: 'A imagem está corrompida ou é grande demais (máximo de 40 megapixels).',
    })
  }
}

export async function setArt(deps: EventsDeps, actor: Actor, id: string, upload: Buffer | null) {
  let mime: string | null = null
  let content: Buffer | null = null
  if (upload) ({ content, mime } = await processArt(upload))
  await deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findById(actor.tenantId, id, true)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    if (!canEdit(actor, e)) throw EventErrors.EVENT_NOT_RESPONSIBLE()
    await tx
      .update(events)
      .set({ art: content, artMime: mime, artUpdatedAt: content ? new Date() : null, updatedAt: new Date() })
      .where(eq(events.id, id))
    await recordAudit(tx, actor, {
      entity: 'event',
      entityId: id,
      action: content ? 'art_uploaded' : 'art_removed',
      after: content ? { mime, bytes: content.length } : null,
    })
  })
  return getEvent(deps, actor, id)
}

export async function getArt(deps: EventsDeps, slug: string) {
  const e = await eventsRepository(deps.db).findBySlug(slug)
  if (!e?.art || !e.artMime) throw EventErrors.EVENT_NOT_FOUND()
  return { content: e.art, mime: e.artMime }
}

// ---- Registrations ------------------------------------------------------------------------------

export type Participant = {
  name: string
  email: string
  cpf: string | null
  clientUserId: string | null
  clientOrgId: string | null
}

/**
 * Registers one participant in an event (and, for a main event, in each of its secondaries) in the
 * caller's transaction. Over capacity the registration goes to the waitlist. Confirmation e-mail
 * included.
 */
export async function registerInTx(
  tx: Db,
  config: Config,
  e: EventRow,
  p: Participant,
  source: 'staff' | 'portal' | 'public',
  opts: { consent?: boolean; now: Date },
): Promise<RegistrationRow> {
  if (e.mainEventId) throw EventErrors.EVENT_SECONDARY_REGISTRATION()
  if (e.status === 'cancelado') throw EventErrors.EVENT_CANCELLED()
  if (e.status === 'realizado' || e.endsAt <= opts.now) throw EventErrors.EVENT_FINISHED()
  const repo = eventsRepository(tx)
  // Serialises registrations of this event: capacity is checked and used in one step.
  await repo.findById(e.tenantId, e.id, true)
  if (await repo.activeRegistrationByEmail(e.id, p.email)) throw EventErrors.REGISTRATION_DUPLICATE()
  const full = e.capacity !== null && (await repo.countActive(e.id)) >= e.capacity
  const [r] = await tx
    .insert(eventRegistrations)
    .values({
      tenantId: e.tenantId,
      eventId: e.id,
      clientUserId: p.clientUserId,
      clientOrgId: p.clientOrgId,
      name: p.name,
      email: p.email.toLowerCase(),
      cpf: p.cpf,
      status: full ? 'espera' : 'inscrito',
      source,
      consentAt: opts.consent ? opts.now : null,
    })
    .returning()
    .catch((err) => {
      throw isUniqueViolation(err) ? EventErrors.REGISTRATION_DUPLICATE() : err
    })
  for (const s of await repo.secondaries(e.tenantId, e.id)) {
    if (s.status === 'cancelado') continue
    await tx.insert(eventRegistrations).values({
      tenantId: e.tenantId,
      eventId: s.id,
      mainRegistrationId: r.id,
      clientUserId: p.clientUserId,
      clientOrgId: p.clientOrgId,
      name: p.name,
      email: p.email.toLowerCase(),
      cpf: p.cpf,
      status: r.status,
      source: 'main',
      consentAt: r.consentAt,
    })
  }
  await sendRegistrationMailInTx(tx, config, e, r)
  return r
}

/** A new secondary event: every active registration of the main event is replicated into it. */
async function replicateRegistrationsInTx(tx: Db, main: EventRow, secondary: EventRow) {
  const regs = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, main.id), sql`${eventRegistrations.status} <> 'cancelado'`))
  if (regs.length === 0) return
  await tx.insert(eventRegistrations).values(
    regs.map((r) => ({
      tenantId: r.tenantId,
      eventId: secondary.id,
      mainRegistrationId: r.id,
      clientUserId: r.clientUserId,
      clientOrgId: r.clientOrgId,
      name: r.name,
      email: r.email,
      cpf: r.cpf,
      status: r.status,
      source: 'main' as const,
      consentAt: r.consentAt,
    })),
  )
}

/** Cancels a registration and its replicas; the first on the waitlist takes the place. */
export async function cancelRegistrationInTx(
  tx: Db,
  config: Config,
  actor: Actor | null,
  e: EventRow,
  r: RegistrationRow,
  now: Date,
) {
  if (r.mainRegistrationId) throw EventErrors.REGISTRATION_FROM_MAIN()
  if (r.status === 'cancelado') throw EventErrors.REGISTRATION_CANCELLED()
  await eventsRepository(tx).findById(e.tenantId, e.id, true)
  const [after] = await tx
    .update(eventRegistrations)
    .set({ status: 'cancelado', cancelledAt: now, updatedAt: now })
    .where(eq(eventRegistrations.id, r.id))
    .returning()
  await tx
    .update(eventRegistrations)
    .set({ status: 'cancelado', cancelledAt: now, updatedAt: now })
    .where(
      and(eq(eventRegistrations.mainRegistrationId, r.id), sql`${eventRegistrations.status} <> 'cancelado'`),
    )
  if (r.status === 'inscrito') await sendRegistrationCancelledMailInTx(tx, config, e, after)
  if (r.status === 'inscrito' && e.capacity !== null) {
    const [next] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'espera')))
      .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
      .limit(1)
    if (next) {
      const [promoted] = await tx
        .update(eventRegistrations)
        .set({ status: 'inscrito', updatedAt: now })
        .where(eq(eventRegistrations.id, next.id))
        .returning()
      await tx
        .update(eventRegistrations)
        .set({ status: 'inscrito', updatedAt: now })
        .where(
          and(eq(eventRegistrations.mainRegistrationId, next.id), eq(eventRegistrations.status, 'espera')),
        )
      await sendRegistrationMailInTx(tx, config, e, promoted, { promoted: true })
    }
  }
  if (actor) {
    await recordAudit(tx, actor, {
      entity: 'event_registration',
      entityId: r.id,
      action: 'cancel',
      before: { status: r.status },
      after: { status: 'cancelado' },
    })
  }
  return after
}

type RegistrationListRow = {
  r: RegistrationRow
  orgName: string | null
  cpf: string | null
  position: number | null
}

async function registrationRows(db: Db, tenantId: string, where: SQL, limit: number, offset: number) {
  const rows = await db
    .select({
      r: eventRegistrations,
      orgName: clientOrgs.name,
      cpf: sql<
        string | null
      >`coalesce(${eventRegistrations.cpf}, (select cu.cpf from client_users cu where cu.id = ${eventRegistrations.clientUserId}))`,
      position: sql<number | null>`case when ${eventRegistrations.status} = 'espera' then (
        select count(*)::int from event_registrations w
        where w.event_id = ${eventRegistrations.eventId} and w.status = 'espera'
          and (w.created_at, w.id) <= (${eventRegistrations.createdAt}, ${eventRegistrations.id})) end`,
    })
    .from(eventRegistrations)
    .leftJoin(clientOrgs, eq(clientOrgs.id, eventRegistrations.clientOrgId))
    .where(and(eq(eventRegistrations.tenantId, tenantId), where))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(limit)
    .offset(offset)
  return rows as RegistrationListRow[]
}

async function decorate(db: Db, rows: RegistrationListRow[]) {
  const ids = rows.map((x) => x.r.id)
  const certs = ids.length
    ? await db
        .select()
        .from(certificates)
        .where(inArray(certificates.registrationId, ids))
        .orderBy(desc(certificates.version))
    : []
  // Certificates of a session's registration live on the main event's registration.
  const mainIds = rows.map((x) => x.r.mainRegistrationId).filter((x): x is string => !!x)
  const mainCerts = mainIds.length
    ? await db
        .select()
        .from(certificates)
        .where(inArray(certificates.registrationId, mainIds))
        .orderBy(desc(certificates.version))
    : []
  const mails = ids.length
    ? await db
        .select({
          registrationId: eventMails.registrationId,
          kind: eventMails.kind,
          status: mailMessages.status,
          at: eventMails.createdAt,
        })
        .from(eventMails)
        .innerJoin(mailMessages, eq(mailMessages.id, eventMails.mailMessageId))
        .where(inArray(eventMails.registrationId, ids))
        .orderBy(desc(eventMails.id))
    : []
  return rows.map(({ r, orgName, cpf, position }) => {
    const cert =
      certs.find((c) => c.registrationId === r.id) ??
      mainCerts.find((c) => c.registrationId === r.mainRegistrationId) ??
      null
    const mail = mails.find((m) => m.registrationId === r.id) ?? null
    return {
      id: r.id,
      eventId: r.eventId,
      name: r.name,
      email: r.email,
      cpfMasked: cpf ? hideCpf(cpf) : null,
      clientUserId: r.clientUserId,
      clientOrgName: orgName,
      status: r.status,
      source: r.source,
      viaMain: r.mainRegistrationId !== null,
      registeredAt: r.createdAt,
      attendedAt: r.attendedAt,
      attendanceSource: r.attendanceSource,
      waitlistPosition: position === null ? null : Number(position),
      certificate: cert
        ? {
            id: cert.id,
            code: cert.code,
            version: cert.version,
            status: cert.status,
            issuedAt: cert.issuedAt,
            revokedAt: cert.revokedAt,
          }
        : null,
      lastMail: mail ? { kind: mail.kind, status: mail.status, at: mail.at } : null,
    }
  })
}

type RegistrationFilter = { search?: string; status?: RegistrationRow['status'] }

/** The participants of an event the list shows: by status, and by name or e-mail. */
function registrationWhere(eventId: string, q: RegistrationFilter): SQL {
  const conds: SQL[] = [eq(eventRegistrations.eventId, eventId)]
  if (q.status) conds.push(eq(eventRegistrations.status, q.status))
  if (q.search) {
    const like = containsPattern(q.search, { lower: true })
    conds.push(
      sql`(lower(${eventRegistrations.name}) like ${like} or lower(${eventRegistrations.email}) like ${like})`,
    )
  }
  return and(...conds)!
}

export async function listRegistrations(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  q: RegistrationFilter & { page: number; pageSize: number },
) {
  const e = await eventsRepository(deps.db).findById(actor.tenantId, eventId)
  if (!e) throw EventErrors.EVENT_NOT_FOUND()
  const where = registrationWhere(eventId, q)
  const rows = await registrationRows(deps.db, actor.tenantId, where, q.pageSize, (q.page - 1) * q.pageSize)
  const [{ total }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.tenantId, actor.tenantId), where))
  return { items: await decorate(deps.db, rows), total: Number(total), page: q.page, pageSize: q.pageSize }
}

export async function getRegistration(deps: EventsDeps, actor: Actor, id: string) {
  const rows = await registrationRows(deps.db, actor.tenantId, eq(eventRegistrations.id, id), 1, 0)
  if (rows.length === 0) throw EventErrors.REGISTRATION_NOT_FOUND()
  return (await decorate(deps.db, rows))[0]
}

/** The participant data of a client user of the tenant (name, e-mail, CPF, first company). */
export async function participantFromClientUser(tx: Db, tenantId: string, clientUserId: string) {
  const [cu] = await tx
    .select()
    .from(clientUsers)
    .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.id, clientUserId)))
  if (!cu) throw EventErrors.CLIENT_USER_NOT_FOUND()
  const [org] = await tx
    .select({ id: clientUserOrgs.clientOrgId })
    .from(clientUserOrgs)
    .where(and(eq(clientUserOrgs.tenantId, tenantId), eq(clientUserOrgs.clientUserId, cu.id)))
    .limit(1)
  return { name: cu.name, email: cu.email, cpf: cu.cpf, clientUserId: cu.id, clientOrgId: org?.id ?? null }
}

export async function addRegistration(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  body: { clientUserId?: string; name?: string; email?: string; cpf?: string | null },
) {
  const id = await deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findById(actor.tenantId, eventId)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    let p: Participant
    if (body.clientUserId) {
      p = await participantFromClientUser(tx, actor.tenantId, body.clientUserId)
    } else if (!body.name || !body.email) {
      throw EventErrors.REGISTRATION_NOT_FOUND()
    } else {
      // Someone typed by hand may be a client user already: link them.
      const [cu] = await tx
        .select({ id: clientUsers.id })
        .from(clientUsers)
        .where(
          and(
            eq(clientUsers.tenantId, actor.tenantId),
            sql`lower(${clientUsers.email}) = lower(${body.email})`,
          ),
        )
      p = cu
        ? { ...(await participantFromClientUser(tx, actor.tenantId, cu.id)), cpf: body.cpf ?? null }
        : { name: body.name, email: body.email, cpf: body.cpf ?? null, clientUserId: null, clientOrgId: null }
      if (cu && !p.cpf) p.cpf = (await participantFromClientUser(tx, actor.tenantId, cu.id)).cpf
    }
    const r = await registerInTx(tx, deps.config, e, p, 'staff', { now: deps.clock.now() })
    await recordAudit(tx, actor, {
      entity: 'event_registration',
      entityId: r.id,
      action: 'create',
      after: { eventId, email: r.email, status: r.status },
    })
    return r.id
  })
  return getRegistration(deps, actor, id)
}

export async function cancelRegistration(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  registrationId: string,
) {
  await deps.db.transaction(async (tx) => {
    const repo = eventsRepository(tx)
    const e = await repo.findById(actor.tenantId, eventId)
    const r = await repo.registration(actor.tenantId, registrationId, true)
    if (!e || !r || r.eventId !== e.id) throw EventErrors.REGISTRATION_NOT_FOUND()
    await cancelRegistrationInTx(tx, deps.config, actor, e, r, deps.clock.now())
  })
  return getRegistration(deps, actor, registrationId)
}

/**
 * Records (or removes) a participant's attendance. Recording it at a training releases the unit's
 * held invitations (training gate).
 */
export async function recordAttendanceInTx(
  tx: Db,
  config: Config,
  actor: Actor,
  e: EventRow,
  r: RegistrationRow,
  source: 'link' | 'manual',
  present: boolean,
  at: Date,
  ip: string | null,
) {
  await tx.insert(eventAttendance).values({
    tenantId: r.tenantId,
    eventId: e.id,
    registrationId: r.id,
    source,
    present,
    actorName: source === 'manual' ? actor.name : r.name,
    ip,
    at,
  })
  if (present && !r.attendedAt) {
    await tx
      .update(eventRegistrations)
      .set({ attendedAt: at, attendanceSource: source, updatedAt: at })
      .where(eq(eventRegistrations.id, r.id))
    await onAttendanceInTx(tx, config, actor, e, r.clientOrgId, at)
  } else if (!present && r.attendedAt) {
    await tx
      .update(eventRegistrations)
      .set({ attendedAt: null, attendanceSource: null, updatedAt: at })
      .where(eq(eventRegistrations.id, r.id))
  }
}

export async function setAttendance(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  registrationId: string,
  present: boolean,
) {
  await deps.db.transaction(async (tx) => {
    const repo = eventsRepository(tx)
    const e = await repo.findById(actor.tenantId, eventId)
    const r = await repo.registration(actor.tenantId, registrationId, true)
    if (!e || !r || r.eventId !== e.id) throw EventErrors.REGISTRATION_NOT_FOUND()
    if (r.status !== 'inscrito')
      throw EventErrors.REGISTRATION_CANCELLED({ message: 'Só inscritos confirmados têm presença.' })
    await recordAttendanceInTx(tx, deps.config, actor, e, r, 'manual', present, deps.clock.now(), actor.ip)
    await recordAudit(tx, actor, {
      entity: 'event_registration',
      entityId: r.id,
      action: present ? 'attendance_marked' : 'attendance_removed',
      after: { eventId, present },
    })
  })
  return getRegistration(deps, actor, registrationId)
}

/** The attendance list for export: every registration of the event, waitlist and cancelled included. */
/** The attendance sheet: the participants the list shows with the same filters, all of them. */
export async function attendanceRows(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  filter: RegistrationFilter = {},
) {
  const e = await eventsRepository(deps.db).findById(actor.tenantId, eventId)
  if (!e) throw EventErrors.EVENT_NOT_FOUND()
  const rows = await registrationRows(
    deps.db,
    actor.tenantId,
    registrationWhere(eventId, filter),
    1_000_000,
    0,
  )
  return { event: e, items: await decorate(deps.db, rows) }
}

export async function mailLog(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  q: { page: number; pageSize: number },
) {
  const e = await eventsRepository(deps.db).findById(actor.tenantId, eventId)
  if (!e) throw EventErrors.EVENT_NOT_FOUND()
  const where = and(eq(eventMails.tenantId, actor.tenantId), eq(eventMails.eventId, eventId))
  const rows = await deps.db
    .select({
      id: eventMails.id,
      registrationId: eventMails.registrationId,
      name: eventRegistrations.name,
      email: mailMessages.toAddress,
      kind: eventMails.kind,
      status: mailMessages.status,
      error: mailMessages.error,
      createdAt: eventMails.createdAt,
      sentAt: mailMessages.sentAt,
    })
    .from(eventMails)
    .innerJoin(mailMessages, eq(mailMessages.id, eventMails.mailMessageId))
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventMails.registrationId))
    .where(where)
    .orderBy(desc(eventMails.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
  const [{ total }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(eventMails)
    .where(where)
  return {
    items: rows.map((r) => ({ ...r, id: Number(r.id) })),
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function issueCertificatesNow(deps: EventsDeps, actor: Actor, eventId: string) {
  return deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findById(actor.tenantId, eventId)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    if (e.mainEventId) {
      throw EventErrors.EVENT_NOT_ENDED({ message: 'Os certificados são emitidos pelo evento principal.' })
    }
    if (e.status === 'cancelado') throw EventErrors.EVENT_CANCELLED()
    if (deps.clock.now() < e.endsAt) throw EventErrors.EVENT_NOT_ENDED()
    await enqueueCertificatesNow(tx, actor.tenantId, eventId)
    await recordAudit(tx, actor, { entity: 'event', entityId: eventId, action: 'certificates_requested' })
    return { queued: 1, message: 'Emissão de certificados iniciada: os participantes recebem por e-mail.' }
  })
}

export async function certificateForStaff(deps: EventsDeps, actor: Actor, id: string) {
  const [c] = await deps.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.tenantId, actor.tenantId), eq(certificates.id, id)))
  if (!c) throw EventErrors.CERTIFICATE_NOT_FOUND()
  return c
}

export function certificateSummary(c: typeof certificates.$inferSelect) {
  return {
    id: c.id,
    code: c.code,
    version: c.version,
    status: c.status,
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
  }
}
