import { randomBytes } from 'node:crypto'
import { formatCount } from '#shared/format.ts'
import type { Config } from '../../config.ts'
import { type Actor, systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { defineErrors, isUniqueViolation } from '../../platform/errors.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { hashToken, randomToken, safeEqual } from '../../platform/security/tokens.ts'
import { addBusinessDays, dueStatus, toCalendarDate } from '#shared/business-days.ts'
import { formatCnpj, normalizeCnpj } from '#shared/documents.ts'
import { getTenantName, getTenantSettings, type TenantSettings } from '../tenants/tenant-settings.ts'
import { createClientUserInTx, CreateClientUserBody, findClientUserIdByEmail } from '../client-users/index.ts'
import { findOrCreateClientOrgInTx } from '../clients/index.ts'
import { fichaForwardedMail, fichaReceivedMail, fichaReturnedMail } from './intake.mail.ts'
import { fichaPdf } from './intake.pdf.ts'
import { addAttachment, getAttachment, listAttachments } from './intake.attachments.ts'
import { type FichaRow, intakeRepository } from './intake.repository.ts'
import type { FichaData, FindFichasQuery, SubmitFichaBody, TransitionBody } from './intake.schemas.ts'
import type { FichaStatus } from './intake.tables.ts'
import { canTransition, missingItems, STATUS_LABELS, TRANSITIONS } from './intake.workflow.ts'

export const IntakeErrors = defineErrors({
  FICHA_NOT_FOUND: [404, 'Ficha cadastral não encontrada.'],
  FORM_NOT_FOUND: [404, 'Formulário não encontrado. Confira o endereço recebido.'],
  TRANSITION_NOT_ALLOWED: [409, 'Esta mudança de situação não é permitida a partir da situação atual.'],
  FICHA_INCOMPLETE: [409, 'A ficha ainda não está completa.'],
  FORWARD_TO_REQUIRED: [400, 'Informe o e-mail da equipe ou parceiro que fará o cadastro.'],
  CORRECTION_NOT_OPEN: [409, 'Esta ficha não está aguardando correção.'],
})

export type IntakeDeps = { db: Db; config: Config }

function publicLink(config: Config, path: string, protocol: string, key: string) {
  return `${config.appUrl}${path}?protocolo=${encodeURIComponent(protocol)}&chave=${encodeURIComponent(key)}`
}

/** "20261123-K7M2QX": the day it arrived and six random characters (no 0/O/1/I). */
function newProtocol(now = new Date()): string {
  const day = toCalendarDate(now).replaceAll('-', '')
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const suffix = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('')
  return `${day}-${suffix}`
}

function searchText(protocol: string, data: FichaData, sender: string): string {
  const doc = data.organization?.document ? normalizeCnpj(data.organization.document) : ''
  return [
    protocol,
    data.organization?.name,
    doc,
    doc ? formatCnpj(doc) : '',
    data.unit?.name,
    data.responsible?.name,
    data.responsible?.email,
    sender,
    ...(data.users ?? []).flatMap((u) => [u.name, u.email]),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
}

function dueFor(settings: TenantSettings, status: FichaStatus, from = new Date()): string | null {
  const days = settings.intake.deadlines[status]
  if (days === undefined || days === null) return null
  return addBusinessDays(from, days, { includeOptional: settings.intake.includeOptionalHolidays })
}

function summary(f: FichaRow, settings?: TenantSettings) {
  const data = f.data as FichaData
  const due = f.dueOn
    ? dueStatus(f.dueOn, new Date(), { includeOptional: settings?.intake.includeOptionalHolidays ?? true })
    : null
  return {
    id: f.id,
    protocol: f.protocol,
    status: f.status,
    statusLabel: STATUS_LABELS[f.status],
    source: f.source,
    organizationName: data.organization?.name || null,
    organizationDocument: data.organization?.document
      ? formatCnpj(normalizeCnpj(data.organization.document))
      : null,
    senderName: f.senderName,
    senderEmail: f.senderEmail,
    holderName: f.holderName,
    statusChangedAt: f.statusChangedAt.toISOString(),
    dueOn: f.dueOn,
    due: due?.status ?? null,
    dueBusinessDays: due ? due.businessDays : null,
    missing: f.missing,
    createdAt: f.createdAt.toISOString(),
  }
}

/** A ficha arrives (public form or staff): protocol, secret link to follow/correct it, receipt e-mail. */
async function createFicha(
  deps: IntakeDeps,
  tenantId: string,
  actor: Actor,
  body: SubmitFichaBody,
  source: 'public' | 'staff',
) {
  const settings = await getTenantSettings(deps.db, tenantId)
  const key = randomToken(24)
  return deps.db.transaction(async (tx) => {
    const repo = intakeRepository(tx)
    let ficha: FichaRow | null = null
    for (let attempt = 0; !ficha && attempt < 5; attempt++) {
      const protocol = newProtocol()
      ficha = await repo
        .insert({
          tenantId,
          protocol,
          secretHash: hashToken(deps.config.sessionSecret, `ficha:${key}`),
          source,
          data: body.data,
          senderName: body.senderName,
          senderEmail: body.senderEmail,
          dueOn: dueFor(settings, 'recebida'),
          searchText: searchText(protocol, body.data, body.senderName),
        })
        .catch((err) => {
          if (isUniqueViolation(err)) return null
          throw err
        })
    }
    if (!ficha) throw new Error('não foi possível gerar um protocolo único')
    await repo.insertEvent({ tenantId, fichaId: ficha.id, toStatus: 'recebida', actorName: actor.name })
    await recordAudit(tx, actor, {
      tenantId,
      entity: 'ficha',
      entityId: ficha.id,
      action: 'received',
      after: { protocol: ficha.protocol, source, organization: body.data.organization?.name ?? null },
    })
    const statusUrl = publicLink(deps.config, '/fichas/acompanhar', ficha.protocol, key)
    const tenantName = await getTenantName(tx, tenantId)
    const mail = fichaReceivedMail({
      senderName: body.senderName,
      tenantName,
      protocol: ficha.protocol,
      statusUrl,
    })
    await queueMail(tx, { ...mail, tenantId, to: body.senderEmail, template: 'intake.received' })
    return { ficha, key, statusUrl }
  })
}

/** The public form's header: whose form it is (an unknown or inactive provider is a 404). */
export async function publicFichaForm(deps: IntakeDeps, slug: string) {
  const tenant = await intakeRepository(deps.db).tenantBySlug(slug)
  if (!tenant) throw IntakeErrors.FORM_NOT_FOUND()
  return { providerName: tenant.name }
}

export async function submitPublicFicha(deps: IntakeDeps, slug: string, body: SubmitFichaBody) {
  const tenant = await intakeRepository(deps.db).tenantBySlug(slug)
  if (!tenant) throw IntakeErrors.FORM_NOT_FOUND()
  const actor = { ...systemActor(tenant.id, `${body.senderName} (formulário público)`) }
  const { ficha, key, statusUrl } = await createFicha(deps, tenant.id, actor, body, 'public')
  return { protocol: ficha.protocol, key, statusUrl }
}

export async function createStaffFicha(deps: IntakeDeps, actor: Actor, body: SubmitFichaBody) {
  const { ficha } = await createFicha(deps, actor.tenantId, actor, body, 'staff')
  return getFicha(deps, actor, ficha.id)
}

export async function findFichas(deps: IntakeDeps, actor: Actor, q: FindFichasQuery) {
  const settings = await getTenantSettings(deps.db, actor.tenantId)
  const today = toCalendarDate(new Date())
  const { items, total } = await intakeRepository(deps.db).find(actor.tenantId, {
    ...q,
    overdueBefore: q.overdue === 'true' ? today : undefined,
  })
  return { items: items.map((f) => summary(f, settings)), total, page: q.page, pageSize: q.pageSize }
}

export async function getFicha(deps: IntakeDeps, actor: Actor, id: string) {
  const repo = intakeRepository(deps.db)
  const f = await repo.findById(actor.tenantId, id)
  if (!f) throw IntakeErrors.FICHA_NOT_FOUND()
  const settings = await getTenantSettings(deps.db, actor.tenantId)
  const events = await repo.events(actor.tenantId, id)
  const attachments = await listAttachments(deps.db, actor.tenantId, id)
  return {
    attachments: attachments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    ...summary(f, settings),
    data: f.data as FichaData,
    checklistMissing: missingItems(f.data as FichaData, settings.intake.checklist),
    nextStatuses: TRANSITIONS[f.status].map((s) => ({ status: s, label: STATUS_LABELS[s] })),
    events: events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
  }
}

/**
 * Moves a ficha to its next state. "Devolvida" e-mails the sender the list of what is missing with
 * the correction link; "Completa" requires the checklist; "Encaminhada" e-mails the registration
 * team. Each step gets its contractual due date and the acting staff member becomes the holder.
 */
export async function transitionFicha(deps: IntakeDeps, actor: Actor, id: string, body: TransitionBody) {
  const settings = await getTenantSettings(deps.db, actor.tenantId)
  // The PDF (~250 ms of CPU) is drawn before the transaction so it holds no lock meanwhile; a ficha
  // that can be forwarded (Completa) can no longer be edited, so this read is the one forwarded.
  const pdf = body.to === 'encaminhada' ? await forwardPdf(deps.db, actor.tenantId, id) : null
  await deps.db.transaction(async (tx) => {
    const repo = intakeRepository(tx)
    const f = await repo.findById(actor.tenantId, id, true)
    if (!f) throw IntakeErrors.FICHA_NOT_FOUND()
    if (!canTransition(f.status, body.to)) {
      throw IntakeErrors.TRANSITION_NOT_ALLOWED({
        message: `Não é possível passar de "${STATUS_LABELS[f.status]}" para "${STATUS_LABELS[body.to]}".`,
      })
    }
    const data = f.data as FichaData
    const checklistMissing = missingItems(data, settings.intake.checklist)
    let missing: string[] = []
    const tenantName = await getTenantName(tx, actor.tenantId)
    if (body.to === 'completa' && checklistMissing.length > 0) {
      throw IntakeErrors.FICHA_INCOMPLETE({
        message: `A ficha ainda não está completa. Falta: ${checklistMissing.join('; ')}.`,
      })
    }
    if (body.to === 'devolvida') {
      missing = body.missing?.length ? body.missing : checklistMissing
      if (missing.length === 0) missing = ['Revisar os dados conforme a observação da equipe.']
      // A new secret goes with the correction link in this e-mail; the receipt's link stops working.
      const key = randomToken(24)
      await repo.update(actor.tenantId, id, {
        secretHash: hashToken(deps.config.sessionSecret, `ficha:${key}`),
      })
      const mail = fichaReturnedMail({
        senderName: f.senderName,
        tenantName,
        protocol: f.protocol,
        missing,
        note: body.note,
        correctUrl: publicLink(deps.config, '/fichas/acompanhar', f.protocol, key),
      })
      await queueMail(tx, {
        ...mail,
        tenantId: actor.tenantId,
        to: f.senderEmail,
        template: 'intake.returned',
      })
    }
    if (body.to === 'encaminhada') {
      if (!body.forwardTo)
        throw IntakeErrors.FORWARD_TO_REQUIRED({ fields: { forwardTo: 'Informe o e-mail.' } })
      const mail = fichaForwardedMail({
        tenantName,
        protocol: f.protocol,
        note: body.note,
        summary: [
          `Órgão/entidade: ${data.organization?.name ?? '—'} (${data.organization?.document ?? 'sem CNPJ'})`,
          `Unidade: ${data.unit?.name ?? '—'}`,
          `Responsável: ${data.responsible?.name ?? '—'} — ${data.responsible?.email ?? ''} ${data.responsible?.phone ?? ''}`,
          `Usuários: ${(data.users ?? []).map((u) => `${u.name} <${u.email}> (${u.profile})`).join('; ') || '—'}`,
        ],
      })
      await queueMail(tx, {
        ...mail,
        tenantId: actor.tenantId,
        to: body.forwardTo,
        template: 'intake.forwarded',
        attachments: [
          {
            filename: `ficha-${f.protocol}.pdf`,
            contentType: 'application/pdf',
            contentBase64: Buffer.from(pdf!).toString('base64'),
          },
        ],
      })
    }
    const now = new Date()
    await repo.update(actor.tenantId, id, {
      status: body.to,
      statusChangedAt: now,
      dueOn: dueFor(settings, body.to, now),
      missing: body.to === 'devolvida' ? missing : [],
      holderUserId: actor.userId,
      holderName: actor.name,
    })
    await repo.insertEvent({
      tenantId: actor.tenantId,
      fichaId: id,
      fromStatus: f.status,
      toStatus: body.to,
      actorName: actor.name,
      note:
        [body.note, body.to === 'encaminhada' ? `Encaminhada para ${body.forwardTo}` : null]
          .filter(Boolean)
          .join(' — ') || null,
    })
    await recordAudit(tx, actor, {
      entity: 'ficha',
      entityId: id,
      action: 'status_change',
      before: { status: f.status },
      after: { status: body.to, missing: body.to === 'devolvida' ? missing : undefined, note: body.note },
    })
  })
  return getFicha(deps, actor, id)
}

async function forwardPdf(db: Db, tenantId: string, id: string): Promise<Uint8Array | null> {
  const f = await intakeRepository(db).findById(tenantId, id)
  if (!f) return null
  return fichaPdf({
    tenantName: await getTenantName(db, tenantId),
    protocol: f.protocol,
    status: 'encaminhada',
    receivedAt: f.createdAt,
    senderName: f.senderName,
    senderEmail: f.senderEmail,
    data: f.data as FichaData,
  })
}

async function loadPublic(db: Db, config: Config, protocol: string, key: string, forUpdate = false) {
  const f = await intakeRepository(db).findByProtocol(protocol, forUpdate)
  // Protocol and key must match: a wrong key is the same 404 as an unknown protocol.
  if (!f || !safeEqual(f.secretHash, hashToken(config.sessionSecret, `ficha:${key}`)))
    throw IntakeErrors.FICHA_NOT_FOUND()
  return f
}

/** The sender's status page: only what they sent and where it stands. */
export async function publicFichaStatus(deps: IntakeDeps, protocol: string, key: string) {
  const f = await loadPublic(deps.db, deps.config, protocol, key)
  const canCorrect = f.status === 'devolvida'
  return {
    protocol: f.protocol,
    status: f.status,
    statusLabel: STATUS_LABELS[f.status],
    statusChangedAt: f.statusChangedAt.toISOString(),
    organizationName: (f.data as FichaData).organization?.name ?? null,
    missing: f.missing,
    canCorrect,
    data: canCorrect ? (f.data as FichaData) : null,
  }
}

/** The sender corrects a returned ficha through the e-mailed link: it goes back to "Recebida". */
export async function correctFicha(deps: IntakeDeps, protocol: string, key: string, data: FichaData) {
  await deps.db.transaction(async (tx) => {
    const f = await loadPublic(tx, deps.config, protocol, key, true)
    if (f.status !== 'devolvida') throw IntakeErrors.CORRECTION_NOT_OPEN()
    const settings = await getTenantSettings(tx, f.tenantId)
    const repo = intakeRepository(tx)
    const now = new Date()
    await repo.update(f.tenantId, f.id, {
      data,
      status: 'recebida',
      missing: [],
      statusChangedAt: now,
      dueOn: dueFor(settings, 'recebida', now),
      searchText: searchText(f.protocol, data, f.senderName),
    })
    const actor = systemActor(f.tenantId, `${f.senderName} (correção)`)
    await repo.insertEvent({
      tenantId: f.tenantId,
      fichaId: f.id,
      fromStatus: 'devolvida',
      toStatus: 'recebida',
      actorName: actor.name,
    })
    await recordAudit(tx, actor, {
      entity: 'ficha',
      entityId: f.id,
      action: 'corrected',
      before: { data: f.data },
      after: { data },
    })
  })
  return publicFichaStatus(deps, protocol, key)
}

/** Staff attach the original (PDF/image) to a ficha. */
export async function attachToFicha(
  deps: IntakeDeps,
  actor: Actor,
  id: string,
  file: { filename: string; bytes: Buffer },
) {
  await deps.db.transaction(async (tx) => {
    const f = await intakeRepository(tx).findById(actor.tenantId, id, true)
    if (!f) throw IntakeErrors.FICHA_NOT_FOUND()
    await addAttachment(tx, actor, { tenantId: actor.tenantId, fichaId: id, ...file })
  })
  return getFicha(deps, actor, id)
}

/** The sender attaches the original through the public link (protocol + key). */
export async function attachPublic(
  deps: IntakeDeps,
  protocol: string,
  key: string,
  file: { filename: string; bytes: Buffer },
) {
  await deps.db.transaction(async (tx) => {
    const f = await loadPublic(tx, deps.config, protocol, key, true)
    if (f.status === 'arquivada') throw IntakeErrors.CORRECTION_NOT_OPEN()
    await addAttachment(tx, null, { tenantId: f.tenantId, fichaId: f.id, ...file })
  })
  return publicFichaStatus(deps, protocol, key)
}

export async function downloadAttachment(
  deps: IntakeDeps,
  actor: Actor,
  fichaId: string,
  attachmentId: string,
) {
  return getAttachment(deps.db, actor.tenantId, fichaId, attachmentId)
}

/**
 * "Cadastrar" (seed 000, Passo 2): from a forwarded ficha, the client organisation is found by CNPJ
 * or created, and each user of the ficha becomes a client user of it. Invitations go at once when
 * the unit was already trained (Passo 3.1); otherwise they are held ("Enviar mais tarde") and the
 * ficha waits in "Aguardando treinamento" until the training is recorded.
 */
export async function registerFicha(deps: IntakeDeps, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const repo = intakeRepository(tx)
    const f = await repo.findById(actor.tenantId, id, true)
    if (!f) throw IntakeErrors.FICHA_NOT_FOUND()
    if (f.status !== 'encaminhada') {
      throw IntakeErrors.TRANSITION_NOT_ALLOWED({ message: 'Só é possível cadastrar uma ficha encaminhada.' })
    }
    const data = f.data as FichaData
    if (!data.organization?.name || !data.organization.document) {
      throw IntakeErrors.FICHA_INCOMPLETE({
        message: 'A ficha precisa do nome e do CNPJ do órgão para o cadastro.',
      })
    }
    const org = await findOrCreateClientOrgInTx(tx, actor, {
      name: data.organization.name,
      document: data.organization.document,
    })
    const trained = org.trainedAt !== null
    const created: string[] = []
    const existing: string[] = []
    for (const u of data.users ?? []) {
      if (!u.name || !u.email) continue
      const email = u.email.trim().toLowerCase()
      if (await findClientUserIdByEmail(tx, actor.tenantId, email)) {
        existing.push(email)
        continue
      }
      await createClientUserInTx(
        tx,
        deps.config,
        actor,
        CreateClientUserBody.parse({
          name: u.name,
          email,
          cpf: u.cpf ?? '',
          companyIds: [org.id],
          send: trained ? 'now' : 'later',
        }),
        { holdForOrgId: trained ? null : org.id },
      )
      created.push(email)
    }
    const to: FichaStatus = trained ? 'cadastrada' : 'aguardando_treinamento'
    const settings = await getTenantSettings(tx, actor.tenantId)
    const now = new Date()
    const note = [
      `Cliente ${org.created ? 'criado' : 'já existente'}: ${org.name}.`,
      `${formatCount(created.length, 'usuário cadastrado', 'usuários cadastrados')}${existing.length ? `; já existiam: ${existing.join(', ')}` : ''}.`,
      trained
        ? 'Unidade já treinada: convites enviados.'
        : 'Unidade ainda não treinada: convites aguardam o treinamento.',
    ].join(' ')
    await repo.update(actor.tenantId, id, {
      status: to,
      statusChangedAt: now,
      dueOn: dueFor(settings, to, now),
      holderUserId: actor.userId,
      holderName: actor.name,
    })
    await repo.insertEvent({
      tenantId: actor.tenantId,
      fichaId: id,
      fromStatus: f.status,
      toStatus: to,
      actorName: actor.name,
      note,
    })
    await recordAudit(tx, actor, {
      entity: 'ficha',
      entityId: id,
      action: 'registered',
      before: { status: f.status },
      after: { status: to, clientOrgId: org.id, usersCreated: created, usersExisting: existing },
    })
  })
  return getFicha(deps, actor, id)
}

/**
 * The unit was trained (events module): fichas of this organisation waiting in "Aguardando
 * treinamento" become "Cadastrada". Matched by CNPJ, the key "Cadastrar" used.
 */
export async function fichasTrainedInTx(tx: Db, actor: Actor, orgDocument: string): Promise<number> {
  const repo = intakeRepository(tx)
  const waiting = await repo.findWaitingForTraining(actor.tenantId)
  const settings = await getTenantSettings(tx, actor.tenantId)
  const now = new Date()
  let moved = 0
  for (const f of waiting) {
    const doc = (f.data as FichaData).organization?.document
    if (!doc || normalizeCnpj(doc) !== orgDocument) continue
    await repo.update(actor.tenantId, f.id, {
      status: 'cadastrada',
      statusChangedAt: now,
      dueOn: dueFor(settings, 'cadastrada', now),
    })
    await repo.insertEvent({
      tenantId: actor.tenantId,
      fichaId: f.id,
      fromStatus: f.status,
      toStatus: 'cadastrada',
      actorName: actor.name,
      note: 'Unidade treinada: convites enviados.',
    })
    await recordAudit(tx, actor, {
      entity: 'ficha',
      entityId: f.id,
      action: 'trained',
      before: { status: f.status },
      after: { status: 'cadastrada' },
    })
    moved++
  }
  return moved
}
