import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import { type Actor, systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { clientUserOrgs, clientUsers } from '../client-users/client-users.tables.ts'
import { getTenantName } from '../tenants/tenant-settings.ts'
import { certificatesDueOn, enqueueCertificatesNow } from './events.certificates.ts'
import { EventErrors } from './events.errors.ts'
import { joinUrl, readRegistrationToken } from './events.links.ts'
import { eventsRepository, type EventRow, type RegistrationRow } from './events.repository.ts'
import {
  cancelRegistrationInTx,
  type EventsDeps,
  participantFromClientUser,
  recordAttendanceInTx,
  registerInTx,
} from './events.service.ts'
import { certificates, eventRegistrations, events, eventTypes } from './events.tables.ts'

/** One hour before the start, the join link opens. */
export const JOIN_OPENS_BEFORE_MS = 60 * 60_000

export const CONSENT_TEXT =
  'Autorizo o uso do meu nome, e-mail e CPF para a inscrição, o controle de presença e a emissão do certificado deste evento, conforme a LGPD.'

async function spotsLeft(deps: EventsDeps, e: EventRow): Promise<number | null> {
  if (e.capacity === null) return null
  return Math.max(0, e.capacity - (await eventsRepository(deps.db).countActive(e.id)))
}

export async function publicEvent(deps: EventsDeps, slug: string) {
  const e = await eventsRepository(deps.db).findBySlug(slug)
  if (!e) throw EventErrors.EVENT_NOT_FOUND()
  const main = e.mainEventId ? await eventsRepository(deps.db).findById(e.tenantId, e.mainEventId) : null
  const [type] = await deps.db.select().from(eventTypes).where(eq(eventTypes.id, e.typeId))
  const sessions = e.mainEventId ? [] : await eventsRepository(deps.db).secondaries(e.tenantId, e.id)
  return {
    slug: e.slug,
    tenantName: await getTenantName(deps.db, e.tenantId),
    description: e.description,
    typeName: type?.name ?? '',
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    status: e.status,
    location: e.location,
    online: Boolean(e.onlineUrl),
    artUrl: e.artUpdatedAt ? `/api/v1/public/events/${e.slug}/art?v=${e.artUpdatedAt.getTime()}` : null,
    workloadHours: e.workloadMinutes / 60,
    // A session registers through its main event.
    publicRegistration: !main && e.publicRegistration && e.status !== 'cancelado' && e.status !== 'realizado',
    spotsLeft: await spotsLeft(deps, e),
    sessions: sessions
      .filter((s) => s.status !== 'cancelado')
      .map((s) => ({ description: s.description, startsAt: s.startsAt, endsAt: s.endsAt })),
    consentText: CONSENT_TEXT,
  }
}

export async function publicRegister(
  deps: EventsDeps,
  slug: string,
  body: { name: string; email: string; cpf?: string | null },
  ip: string | null,
) {
  return deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findBySlug(slug)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    if (!e.publicRegistration || e.mainEventId) throw EventErrors.EVENT_REGISTRATION_CLOSED()
    // A client user of this tenant registering by the public form keeps their link to the portal.
    const [cu] = await tx
      .select({ id: clientUsers.id })
      .from(clientUsers)
      .where(
        and(eq(clientUsers.tenantId, e.tenantId), sql`lower(${clientUsers.email}) = lower(${body.email})`),
      )
    const p = cu
      ? { ...(await participantFromClientUser(tx, e.tenantId, cu.id)), name: body.name }
      : { name: body.name, email: body.email, cpf: null, clientUserId: null, clientOrgId: null }
    p.cpf = body.cpf ?? p.cpf
    const r = await registerInTx(tx, deps.config, e, p, 'public', { consent: true, now: deps.clock.now() })
    await recordAudit(
      tx,
      { ...systemActor(e.tenantId, 'Inscrição pública'), ip },
      {
        entity: 'event_registration',
        entityId: r.id,
        action: 'create',
        after: { eventId: e.id, email: r.email, status: r.status, source: 'public' },
      },
    )
    return {
      status: r.status,
      message:
        r.status === 'espera'
          ? 'As vagas estão preenchidas: você está na lista de espera e receberá um e-mail se uma vaga abrir.'
          : 'Inscrição confirmada! Enviamos os detalhes e o seu link de acesso para o seu e-mail.',
    }
  })
}

// ---- Join link ----------------------------------------------------------------------------------

async function loadJoin(deps: EventsDeps, token: string) {
  const id = readRegistrationToken(deps.config, 'join', token)
  if (!id) throw EventErrors.JOIN_LINK_INVALID()
  const [r] = await deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id))
  if (!r) throw EventErrors.JOIN_LINK_INVALID()
  const e = await eventsRepository(deps.db).findById(r.tenantId, r.eventId)
  if (!e) throw EventErrors.JOIN_LINK_INVALID()
  return { r, e }
}

function joinStateOf(e: EventRow, r: RegistrationRow, now: Date) {
  const opensAt = new Date(e.startsAt.getTime() - JOIN_OPENS_BEFORE_MS)
  const state =
    e.status === 'cancelado' || r.status === 'cancelado'
      ? ('cancelled' as const)
      : now >= e.endsAt || e.status === 'realizado'
        ? ('ended' as const)
        : now < opensAt
          ? ('early' as const)
          : ('open' as const)
  return { state, opensAt }
}

export async function joinState(deps: EventsDeps, token: string) {
  const { r, e } = await loadJoin(deps, token)
  const now = deps.clock.now()
  const { state, opensAt } = joinStateOf(e, r, now)
  return {
    state: r.status === 'espera' && state === 'open' ? ('early' as const) : state,
    description: e.description,
    participantName: r.name,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    opensAt,
    now,
  }
}

/**
 * The personal join link: inside the window (one hour before the start until the end) it records
 * the attendance and answers with the conference address; otherwise with the countdown page.
 */
export async function join(deps: EventsDeps, token: string, ip: string | null): Promise<string> {
  const countdown = `/evento/entrar/${encodeURIComponent(token)}`
  let loaded: Awaited<ReturnType<typeof loadJoin>>
  try {
    loaded = await loadJoin(deps, token)
  } catch {
    return countdown
  }
  const { r, e } = loaded
  const now = deps.clock.now()
  const { state } = joinStateOf(e, r, now)
  if (state !== 'open' || r.status !== 'inscrito') return countdown
  await deps.db.transaction(async (tx) => {
    const locked = await eventsRepository(tx).registration(r.tenantId, r.id, true)
    if (!locked) return
    const actor: Actor = { ...systemActor(r.tenantId, r.name), ip }
    await recordAttendanceInTx(tx, deps.config, actor, e, locked, 'link', true, now, ip)
  })
  return e.onlineUrl ?? `${countdown}?presenca=1`
}

// ---- Certificates (public) ----------------------------------------------------------------------

export async function verifyCertificate(deps: EventsDeps, code: string) {
  const normalized = code.trim().toUpperCase()
  const [c] = await deps.db.select().from(certificates).where(eq(certificates.code, normalized))
  if (!c) throw EventErrors.CERTIFICATE_NOT_FOUND()
  return {
    code: c.code,
    status: c.status,
    version: c.version,
    tenantName: await getTenantName(deps.db, c.tenantId),
    participantName: c.participantName,
    cpfMasked: c.cpfMasked,
    eventDescription: c.eventDescription,
    eventStartsAt: c.eventStartsAt,
    eventEndsAt: c.eventEndsAt,
    workloadHours: c.workloadMinutes / 60,
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
    revokedReason: c.revokedReason,
  }
}

// ---- CPF for the certificate ------------------------------------------------------------------

async function loadCpf(deps: EventsDeps, token: string) {
  const id = readRegistrationToken(deps.config, 'cpf', token)
  if (!id) throw EventErrors.CPF_LINK_INVALID()
  const [r] = await deps.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id))
  if (!r) throw EventErrors.CPF_LINK_INVALID()
  const e = await eventsRepository(deps.db).findById(r.tenantId, r.eventId)
  if (!e) throw EventErrors.CPF_LINK_INVALID()
  let cpf = r.cpf
  if (!cpf && r.clientUserId) {
    const [cu] = await deps.db
      .select({ cpf: clientUsers.cpf })
      .from(clientUsers)
      .where(eq(clientUsers.id, r.clientUserId))
    cpf = cu?.cpf ?? null
  }
  return { r, e, cpf }
}

export async function cpfInfo(deps: EventsDeps, token: string) {
  const { r, e, cpf } = await loadCpf(deps, token)
  return { participantName: r.name, eventDescription: e.description, hasCpf: Boolean(cpf) }
}

/** A participant registers the CPF the certificate needs; the certificate follows at once. */
export async function setCpfByToken(deps: EventsDeps, token: string, cpf: string, ip: string | null) {
  const { r, e } = await loadCpf(deps, token)
  await deps.db.transaction(async (tx) => {
    await tx
      .update(eventRegistrations)
      .set({ cpf, updatedAt: new Date() })
      .where(and(eq(eventRegistrations.id, r.id), isNull(eventRegistrations.cpf)))
    if (r.clientUserId) {
      await tx
        .update(clientUsers)
        .set({ cpf, updatedAt: new Date() })
        .where(and(eq(clientUsers.id, r.clientUserId), isNull(clientUsers.cpf)))
    }
    await recordAudit(
      tx,
      { ...systemActor(r.tenantId, r.name), ip },
      {
        entity: 'event_registration',
        entityId: r.id,
        action: 'cpf_registered',
        after: { cpf: '(informado)' },
      },
    )
    if (deps.clock.now() >= e.endsAt) await enqueueCertificatesNow(tx, r.tenantId, e.mainEventId ?? e.id)
  })
  return cpfInfo(deps, token)
}

// ---- Portal -------------------------------------------------------------------------------------

function portalItem(
  deps: EventsDeps,
  e: EventRow,
  r: RegistrationRow | null,
  cert: typeof certificates.$inferSelect | null,
  hasCpf: boolean,
  spots: number | null,
) {
  return {
    eventId: e.id,
    slug: e.slug,
    description: e.description,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    status: e.status,
    online: Boolean(e.onlineUrl),
    registrationId: r?.id ?? null,
    registrationStatus: r?.status ?? null,
    joinUrl: r && r.status === 'inscrito' && e.onlineUrl ? joinUrl(deps.config, r.id) : null,
    attendedAt: r?.attendedAt ?? null,
    certificate: cert
      ? {
          id: cert.id,
          code: cert.code,
          issuedAt: cert.issuedAt,
          pdfUrl: `/api/v1/portal/certificates/${cert.id}/pdf`,
        }
      : null,
    certificatesDueOn: certificatesDueOn(e),
    needsCpf: Boolean(r?.attendedAt) && !cert && !hasCpf,
    spotsLeft: spots,
  }
}

async function clientUserOf(deps: EventsDeps, actor: Actor) {
  if (!actor.clientUserId) throw EventErrors.CLIENT_USER_NOT_FOUND()
  const [cu] = await deps.db
    .select()
    .from(clientUsers)
    .where(and(eq(clientUsers.tenantId, actor.tenantId), eq(clientUsers.id, actor.clientUserId)))
  if (!cu) throw EventErrors.CLIENT_USER_NOT_FOUND()
  return cu
}

/** "Meus eventos e certificados": the user's registrations, and events open to them. */
export async function portalEvents(deps: EventsDeps, actor: Actor) {
  const cu = await clientUserOf(deps, actor)
  const regs = await deps.db
    .select({ r: eventRegistrations, e: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.tenantId, actor.tenantId),
        sql`(${eventRegistrations.clientUserId} = ${cu.id} or lower(${eventRegistrations.email}) = lower(${cu.email}))`,
        isNull(eventRegistrations.mainRegistrationId),
        sql`${eventRegistrations.status} <> 'cancelado'`,
      ),
    )
    .orderBy(desc(events.startsAt))
  const certs = regs.length
    ? await deps.db
        .select()
        .from(certificates)
        .where(
          and(
            inArray(
              certificates.registrationId,
              regs.map((x) => x.r.id),
            ),
            eq(certificates.status, 'valid'),
          ),
        )
    : []
  const hasCpf = Boolean(cu.cpf)
  const mine = regs.map(({ r, e }) =>
    portalItem(
      deps,
      e,
      r,
      certs.find((c) => c.registrationId === r.id) ?? null,
      hasCpf || Boolean(r.cpf),
      null,
    ),
  )
  const orgIds = (
    await deps.db
      .select({ id: clientUserOrgs.clientOrgId })
      .from(clientUserOrgs)
      .where(and(eq(clientUserOrgs.tenantId, actor.tenantId), eq(clientUserOrgs.clientUserId, cu.id)))
  ).map((o) => o.id)
  const mineIds = new Set(regs.map((x) => x.e.id))
  const openEvents = await deps.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.tenantId, actor.tenantId),
        isNull(events.mainEventId),
        inArray(events.status, ['aberto', 'confirmado']),
        gt(events.endsAt, deps.clock.now()),
        orgIds.length
          ? sql`(${events.publicRegistration} or ${inArray(events.clientOrgId, orgIds)})`
          : eq(events.publicRegistration, true),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(50)
  const open = []
  for (const e of openEvents) {
    if (mineIds.has(e.id)) continue
    open.push(portalItem(deps, e, null, null, hasCpf, await spotsLeft(deps, e)))
  }
  return { hasCpf, mine, open }
}

async function portalItemFor(deps: EventsDeps, actor: Actor, eventId: string) {
  const result = await portalEvents(deps, actor)
  const item = [...result.mine, ...result.open].find((x) => x.eventId === eventId)
  if (!item) throw EventErrors.EVENT_NOT_FOUND()
  return item
}

export async function portalRegister(deps: EventsDeps, actor: Actor, eventId: string) {
  const cu = await clientUserOf(deps, actor)
  await deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findById(actor.tenantId, eventId)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    const p = await participantFromClientUser(tx, actor.tenantId, cu.id)
    if (actor.clientOrgId) p.clientOrgId = actor.clientOrgId
    const allowed = e.publicRegistration || (p.clientOrgId !== null && e.clientOrgId === p.clientOrgId)
    if (!allowed)
      throw EventErrors.EVENT_REGISTRATION_CLOSED({
        message: 'Este evento não está aberto para a sua empresa.',
      })
    const r = await registerInTx(tx, deps.config, e, p, 'portal', { consent: true, now: deps.clock.now() })
    await recordAudit(tx, actor, {
      entity: 'event_registration',
      entityId: r.id,
      action: 'create',
      after: { eventId, status: r.status, source: 'portal' },
    })
  })
  return portalItemFor(deps, actor, eventId)
}

export async function portalCancel(deps: EventsDeps, actor: Actor, eventId: string) {
  const cu = await clientUserOf(deps, actor)
  await deps.db.transaction(async (tx) => {
    const e = await eventsRepository(tx).findById(actor.tenantId, eventId)
    if (!e) throw EventErrors.EVENT_NOT_FOUND()
    const [r] = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, e.id),
          sql`(${eventRegistrations.clientUserId} = ${cu.id} or lower(${eventRegistrations.email}) = lower(${cu.email}))`,
          sql`${eventRegistrations.status} <> 'cancelado'`,
        ),
      )
      .for('update')
    if (!r) throw EventErrors.REGISTRATION_NOT_FOUND()
    await cancelRegistrationInTx(tx, deps.config, actor, e, r, deps.clock.now())
  })
  return portalItemFor(deps, actor, eventId)
}

export async function portalCertificate(deps: EventsDeps, actor: Actor, id: string) {
  const cu = await clientUserOf(deps, actor)
  const [row] = await deps.db
    .select({ c: certificates })
    .from(certificates)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, certificates.registrationId))
    .where(
      and(
        eq(certificates.tenantId, actor.tenantId),
        eq(certificates.id, id),
        sql`(${eventRegistrations.clientUserId} = ${cu.id} or lower(${eventRegistrations.email}) = lower(${cu.email}))`,
      ),
    )
  if (!row) throw EventErrors.CERTIFICATE_NOT_FOUND()
  return row.c
}

/** The portal user registers their CPF: pending certificates of finished events follow. */
export async function portalSetCpf(deps: EventsDeps, actor: Actor, cpf: string) {
  const cu = await clientUserOf(deps, actor)
  await deps.db.transaction(async (tx) => {
    await tx.update(clientUsers).set({ cpf, updatedAt: new Date() }).where(eq(clientUsers.id, cu.id))
    const regs = await tx
      .update(eventRegistrations)
      .set({ cpf, updatedAt: new Date() })
      .where(and(eq(eventRegistrations.clientUserId, cu.id), isNull(eventRegistrations.cpf)))
      .returning({ eventId: eventRegistrations.eventId })
    await recordAudit(tx, actor, {
      entity: 'client_user',
      entityId: cu.id,
      action: 'cpf_registered',
      before: { cpf: cu.cpf ? '(informado)' : null },
      after: { cpf: '(informado)' },
    })
    const ids = [...new Set(regs.map((r) => r.eventId))]
    if (ids.length === 0) return
    const ended = await tx
      .select({ id: events.id, mainEventId: events.mainEventId, endsAt: events.endsAt })
      .from(events)
      .where(inArray(events.id, ids))
    const mains = new Set(ended.filter((e) => e.endsAt <= deps.clock.now()).map((e) => e.mainEventId ?? e.id))
    for (const id of mains) await enqueueCertificatesNow(tx, actor.tenantId, id)
  })
  return { hasCpf: true as const }
}
