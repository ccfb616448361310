import { randomInt } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { defineJob, enqueue, PATIENT_ATTEMPTS } from '../../platform/jobs/queue.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { getTenantLogo } from '../tenants/index.ts'
import { getTenantName } from '../tenants/tenant-settings.ts'
import { renderCertificatePdf } from './certificate.pdf.ts'
import { EventErrors } from './events.errors.ts'
import { cpfUrl, verificationUrl } from './events.links.ts'
import { certificateMail, cpfRequiredMail } from './events.mail.ts'
import { type EventRow, eventsRepository, type RegistrationRow } from './events.repository.ts'
import { certificates, eventMails, eventRegistrations } from './events.tables.ts'

export type CertificateDeps = { db: Db; config: Config; clock: Clock }

/** Participants handled per job run; the job re-enqueues itself while work remains. */
export const CERTIFICATES_PER_RUN = 100
/** Certificates are due within this many days of the event's end. */
export const CERTIFICATE_DEADLINE_DAYS = 15

export function certificatesDueOn(e: Pick<EventRow, 'endsAt'>): string {
  const due = new Date(e.endsAt.getTime() + CERTIFICATE_DEADLINE_DAYS * 86_400_000)
  return due.toLocaleDateString('sv-SE', { timeZone: 'America/Sao_Paulo' })
}

/** '***.456.789-**': enough to recognise, not enough to misuse. */
export function hideCpf(cpf: string): string {
  const d = cpf.replace(/\D/g, '')
  return d.length === 11 ? `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**` : '***'
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
function newCode(): string {
  let s = ''
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`
}

const CertificatesPayload = z.object({ tenantId: z.uuid(), eventId: z.uuid() })
const certificatesJobShape = defineJob({
  name: 'events.certificates',
  payload: CertificatesPayload,
  handler: async () => {},
})

/** After the end (plus a margin), certificates are issued by themselves. Re-scheduled when the end moves. */
export async function scheduleCertificatesInTx(tx: Db, e: EventRow) {
  if (e.mainEventId || e.status === 'cancelado') return
  await enqueue(
    tx,
    certificatesJobShape,
    { tenantId: e.tenantId, eventId: e.id },
    {
      runAt: new Date(e.endsAt.getTime() + 5 * 60_000),
      dedupeKey: `event-certificates:${e.id}:${e.endsAt.toISOString()}`,
      tenantId: e.tenantId,
    },
  )
}

/** Issue now (staff button, a CPF just registered): a run as soon as a worker is free. */
export async function enqueueCertificatesNow(tx: Db, tenantId: string, eventId: string) {
  await enqueue(tx, certificatesJobShape, { tenantId, eventId }, { tenantId })
}

type Candidate = { registration: RegistrationRow; cpf: string | null }

/**
 * Registrations of a main (or standalone) event that should get a certificate and have none:
 * registered (not waitlisted or cancelled), with attendance recorded in the event or in one of its
 * sessions. Those without a CPF come only until they have been asked for it once.
 */
async function candidates(tx: Db, e: EventRow, limit: number): Promise<Candidate[]> {
  const rows = await tx
    .select({
      registration: eventRegistrations,
      cpf: sql<
        string | null
      >`coalesce(${eventRegistrations.cpf}, (select cu.cpf from client_users cu where cu.id = ${eventRegistrations.clientUserId}))`,
    })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.tenantId, e.tenantId),
        eq(eventRegistrations.eventId, e.id),
        eq(eventRegistrations.status, 'inscrito'),
        sql`(${eventRegistrations.attendedAt} is not null or exists (
          select 1 from event_registrations s
          where s.main_registration_id = ${eventRegistrations.id} and s.attended_at is not null))`,
        sql`not exists (select 1 from certificates c where c.registration_id = ${eventRegistrations.id})`,
        sql`(coalesce(${eventRegistrations.cpf}, (select cu.cpf from client_users cu where cu.id = ${eventRegistrations.clientUserId})) is not null
             or ${eventRegistrations.cpfRequestedAt} is null)`,
      ),
    )
    .orderBy(eventRegistrations.createdAt, eventRegistrations.id)
    .limit(limit)
  return rows
}

/**
 * One run of the certificate job. Idempotent: the partial unique index allows one valid certificate
 * per registration, and the certificate, its e-mail and the log row commit together — running it
 * twice, or again after a crash, never issues or mails twice. Returns what it did.
 */
export async function issueCertificates(
  deps: CertificateDeps,
  tenantId: string,
  eventId: string,
  limit = CERTIFICATES_PER_RUN,
): Promise<{ issued: number; cpfRequested: number; more: boolean }> {
  const e = await eventsRepository(deps.db).findById(tenantId, eventId)
  if (!e || e.mainEventId || e.status === 'cancelado' || deps.clock.now() < e.endsAt) {
    return { issued: 0, cpfRequested: 0, more: false }
  }
  const list = await candidates(deps.db, e, limit)
  const tenantName = await getTenantName(deps.db, tenantId)
  const logo = (await getTenantLogo(deps.db, tenantId))?.content ?? null
  let issued = 0
  let cpfRequested = 0
  for (const c of list) {
    if (!c.cpf) {
      if (await requestCpf(deps, e, c.registration, tenantName)) cpfRequested++
      continue
    }
    if (await issueOne(deps, e, c.registration, c.cpf, { tenantName, logo }, 1, null)) issued++
  }
  return { issued, cpfRequested, more: list.length === limit }
}

async function requestCpf(deps: CertificateDeps, e: EventRow, r: RegistrationRow, tenantName: string) {
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(eventRegistrations)
      .set({ cpfRequestedAt: new Date() })
      .where(and(eq(eventRegistrations.id, r.id), sql`${eventRegistrations.cpfRequestedAt} is null`))
      .returning({ id: eventRegistrations.id })
    if (updated.length === 0) return false
    const mail = cpfRequiredMail({
      tenantName,
      participantName: r.name,
      eventDescription: e.description,
      cpfUrl: cpfUrl(deps.config, r.id),
      dueOn: certificatesDueOn(e),
    })
    const id = await queueMail(tx, {
      ...mail,
      tenantId: r.tenantId,
      to: r.email,
      template: 'event.cpf-required',
    })
    await tx.insert(eventMails).values({
      tenantId: r.tenantId,
      eventId: e.id,
      registrationId: r.id,
      kind: 'cpf_required',
      mailMessageId: id,
    })
    return true
  })
}

/** Draws the PDF (outside any transaction), then stores it and queues its e-mail together. */
async function issueOne(
  deps: CertificateDeps,
  e: EventRow,
  r: RegistrationRow,
  cpf: string,
  issuer: { tenantName: string; logo: Buffer | null },
  version: number,
  actor: Actor | null,
): Promise<typeof certificates.$inferSelect | null> {
  const { tenantName } = issuer
  const code = newCode()
  const issuedAt = deps.clock.now()
  const pdf = await renderCertificatePdf({
    tenantName,
    participantName: r.name,
    cpfMasked: hideCpf(cpf),
    eventDescription: e.description,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    workloadHours: e.workloadMinutes / 60,
    signerName: e.responsibleName ?? 'Coordenação de eventos',
    code,
    verifyUrl: verificationUrl(deps.config, code),
    issuedAt,
    version,
    logoPng: issuer.logo,
  })
  try {
    return await deps.db.transaction(async (tx) => {
      const [cert] = await tx
        .insert(certificates)
        .values({
          tenantId: e.tenantId,
          eventId: e.id,
          registrationId: r.id,
          version,
          code,
          participantName: r.name,
          cpfMasked: hideCpf(cpf),
          eventDescription: e.description,
          eventStartsAt: e.startsAt,
          eventEndsAt: e.endsAt,
          workloadMinutes: e.workloadMinutes,
          pdf: Buffer.from(pdf),
          issuedAt,
        })
        .returning()
      const mail = certificateMail({
        tenantName,
        participantName: r.name,
        eventDescription: e.description,
        code,
        verifyUrl: verificationUrl(deps.config, code),
      })
      const messageId = await queueMail(tx, {
        ...mail,
        tenantId: e.tenantId,
        to: r.email,
        template: 'event.certificate',
        attachments: [
          {
            filename: `certificado-${code}.pdf`,
            contentType: 'application/pdf',
            source: `certificate:${cert.id}`,
          },
        ],
      })
      await tx.update(certificates).set({ mailMessageId: messageId }).where(eq(certificates.id, cert.id))
      await tx.insert(eventMails).values({
        tenantId: e.tenantId,
        eventId: e.id,
        registrationId: r.id,
        kind: 'certificate',
        mailMessageId: messageId,
      })
      if (actor) {
        await recordAudit(tx, actor, {
          entity: 'certificate',
          entityId: cert.id,
          action: 'reissued',
          after: { code, version, registrationId: r.id },
        })
      }
      return cert
    })
  } catch (err) {
    // Another run issued it first: nothing to do.
    if (isUniqueViolation(err)) return null
    throw err
  }
}

export function createCertificatesJob(deps: CertificateDeps) {
  return defineJob({
    name: 'events.certificates',
    payload: CertificatesPayload,
    // The automatic issue after the event is the only trigger: it keeps trying (ADR 0001).
    maxAttempts: PATIENT_ATTEMPTS,
    timeoutMs: 600_000,
    handler: async (p) => {
      const result = await issueCertificates(deps, p.tenantId, p.eventId)
      if (result.more) {
        await enqueue(deps.db, certificatesJobShape, p, { tenantId: p.tenantId })
      }
    },
  })
}

/** The PDF bytes of a certificate, for the mail job's attachment reader ("certificate:<id>"). */
export async function certificatePdfBytes(db: Db, id: string): Promise<Buffer> {
  const [row] = await db.select({ pdf: certificates.pdf }).from(certificates).where(eq(certificates.id, id))
  if (!row) throw new Error(`Certificado ${id} não encontrado`)
  return row.pdf
}

export async function revokeCertificate(deps: CertificateDeps, actor: Actor, id: string, reason: string) {
  return deps.db.transaction(async (tx) => {
    const [cert] = await tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.tenantId, actor.tenantId), eq(certificates.id, id)))
      .for('update')
    if (!cert) throw EventErrors.CERTIFICATE_NOT_FOUND()
    if (cert.status === 'revoked') throw EventErrors.CERTIFICATE_REVOKED()
    const [after] = await tx
      .update(certificates)
      .set({ status: 'revoked', revokedAt: new Date(), revokedReason: reason, revokedBy: actor.name })
      .where(eq(certificates.id, id))
      .returning()
    await recordAudit(tx, actor, {
      entity: 'certificate',
      entityId: id,
      action: 'revoked',
      before: { status: 'valid' },
      after: { status: 'revoked', reason },
    })
    return after
  })
}

/** A new version for a registration whose certificate was revoked (e.g. a corrected name). */
export async function reissueCertificate(deps: CertificateDeps, actor: Actor, id: string) {
  const [old] = await deps.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.tenantId, actor.tenantId), eq(certificates.id, id)))
  if (!old) throw EventErrors.CERTIFICATE_NOT_FOUND()
  const repo = eventsRepository(deps.db)
  const r = await repo.registration(actor.tenantId, old.registrationId)
  const e = await repo.findById(actor.tenantId, old.eventId)
  if (!r || !e) throw EventErrors.CERTIFICATE_NOT_FOUND()
  const [valid] = await deps.db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.registrationId, r.id), eq(certificates.status, 'valid')))
  if (valid) throw EventErrors.CERTIFICATE_STILL_VALID()
  const [{ cpf }] = await deps.db
    .select({
      cpf: sql<
        string | null
      >`coalesce(${eventRegistrations.cpf}, (select cu.cpf from client_users cu where cu.id = ${eventRegistrations.clientUserId}))`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, r.id))
  if (!cpf) throw EventErrors.CERTIFICATE_NEEDS_CPF()
  const [{ v }] = await deps.db
    .select({ v: sql<number>`coalesce(max(${certificates.version}), 0)::int` })
    .from(certificates)
    .where(eq(certificates.registrationId, r.id))
  const tenantName = await getTenantName(deps.db, actor.tenantId)
  const logo = (await getTenantLogo(deps.db, actor.tenantId))?.content ?? null
  const cert = await issueOne(deps, e, r, cpf, { tenantName, logo }, Number(v) + 1, actor)
  if (!cert) throw EventErrors.CERTIFICATE_STILL_VALID()
  return cert
}
