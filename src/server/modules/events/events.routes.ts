import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { readSingleFile } from '../../platform/http/upload.ts'
import { reissueCertificate, revokeCertificate } from './events.certificates.ts'
import { EventErrors } from './events.errors.ts'
import { attendanceCsv, attendanceXlsx } from './events.export.ts'
import * as pub from './events.public.ts'
import {
  AddRegistrationBody,
  ArtQuery,
  AttendanceBody,
  CertificateParams,
  CertificateSummary,
  CertificateVerification,
  CodeParams,
  CpfBody,
  CpfTokenInfo,
  CreateEventTypeBody,
  EventBody,
  EventDetail,
  EventPage,
  EventParams,
  EventType,
  EventTypeList,
  FindEventsQuery,
  FindRegistrationsQuery,
  RegistrationsFilterQuery,
  HeldInvitations,
  JoinState,
  MailLogPage,
  MailLogQuery,
  PortalEventItem,
  PortalEvents,
  PublicEvent,
  PublicRegistrationBody,
  PublicRegistrationResult,
  QueuedResult,
  Registration,
  RegistrationPage,
  RegistrationParams,
  RevokeBody,
  SaveEventResult,
  SlugParams,
  TokenParams,
} from './events.schemas.ts'
import * as svc from './events.service.ts'
import { heldInvitationsByUnit } from './training-gate.ts'

function sendPdf(reply: FastifyReply, filename: string, pdf: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(pdf)
}

async function readArt(req: FastifyRequest): Promise<Buffer> {
  const invalid = () => EventErrors.ART_INVALID()
  return (await readSingleFile(req, svc.MAX_ART_BYTES, { missing: invalid, tooLarge: invalid })).bytes
}

export function eventsRoutes(deps: svc.EventsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Eventos e treinamentos']
    const manage = requirePermission('events:manage')

    app.get(
      '/event-types',
      { schema: { tags, summary: 'Tipos de evento', response: { 200: EventTypeList } }, preHandler: manage },
      async (req) => svc.listEventTypes(deps, actorOf(req)),
    )
    app.post(
      '/event-types',
      {
        schema: {
          tags,
          summary: 'Cria um tipo de evento',
          body: CreateEventTypeBody,
          response: { 201: EventType },
        },
        preHandler: requirePermission('events:manage', 'settings:manage'),
      },
      async (req, reply) => reply.code(201).send(await svc.createEventType(deps, actorOf(req), req.body)),
    )
    app.get(
      '/events',
      {
        schema: {
          tags,
          summary: 'Lista e calendário de eventos',
          querystring: FindEventsQuery,
          response: { 200: EventPage },
        },
        preHandler: manage,
      },
      async (req) => svc.findEvents(deps, actorOf(req), req.query),
    )
    app.post(
      '/events',
      {
        schema: {
          tags,
          summary: 'Cria um evento (principal ou secundário)',
          body: EventBody,
          response: { 201: SaveEventResult },
        },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await svc.createEvent(deps, actorOf(req), req.body)),
    )
    app.get(
      '/events/:id',
      { schema: { tags, params: EventParams, response: { 200: EventDetail } }, preHandler: manage },
      async (req) => svc.getEvent(deps, actorOf(req), req.params.id),
    )
    app.put(
      '/events/:id',
      {
        schema: {
          tags,
          summary: 'Altera o evento; com mudança de situação, pode e-mailar os participantes',
          params: EventParams,
          body: EventBody,
          response: { 200: SaveEventResult },
        },
        preHandler: manage,
      },
      async (req) => svc.updateEvent(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/events/:id/resend-mail',
      {
        schema: {
          tags,
          summary: 'Outros → Reenviar e-mail',
          params: EventParams,
          response: { 200: QueuedResult },
        },
        preHandler: manage,
      },
      async (req) => svc.resendMail(deps, actorOf(req), req.params.id),
    )
    app.put(
      '/events/:id/art',
      {
        schema: {
          tags,
          summary: 'Envia a arte do evento (PNG, JPEG ou WebP)',
          params: EventParams,
          response: { 200: EventDetail },
        },
        preHandler: manage,
      },
      async (req) => svc.setArt(deps, actorOf(req), req.params.id, await readArt(req)),
    )
    app.delete(
      '/events/:id/art',
      {
        schema: { tags, summary: 'Remove a arte', params: EventParams, response: { 200: EventDetail } },
        preHandler: manage,
      },
      async (req) => svc.setArt(deps, actorOf(req), req.params.id, null),
    )
    app.get(
      '/events/:id/registrations',
      {
        schema: {
          tags,
          params: EventParams,
          querystring: FindRegistrationsQuery,
          response: { 200: RegistrationPage },
        },
        preHandler: manage,
      },
      async (req) => svc.listRegistrations(deps, actorOf(req), req.params.id, req.query),
    )
    app.post(
      '/events/:id/registrations',
      {
        schema: {
          tags,
          summary: 'Inscreve um participante',
          params: EventParams,
          body: AddRegistrationBody,
          response: { 201: Registration },
        },
        preHandler: manage,
      },
      async (req, reply) =>
        reply.code(201).send(await svc.addRegistration(deps, actorOf(req), req.params.id, req.body)),
    )
    app.post(
      '/events/:id/registrations/:registrationId/cancel',
      { schema: { tags, params: RegistrationParams, response: { 200: Registration } }, preHandler: manage },
      async (req) => svc.cancelRegistration(deps, actorOf(req), req.params.id, req.params.registrationId),
    )
    app.post(
      '/events/:id/registrations/:registrationId/attendance',
      {
        schema: {
          tags,
          summary: 'Marca ou desmarca a presença',
          params: RegistrationParams,
          body: AttendanceBody,
          response: { 200: Registration },
        },
        preHandler: manage,
      },
      async (req) =>
        svc.setAttendance(deps, actorOf(req), req.params.id, req.params.registrationId, req.body.present),
    )
    app.get(
      '/events/:id/attendance.csv',
      {
        schema: {
          tags,
          summary: 'Lista de presença (.csv)',
          params: EventParams,
          querystring: RegistrationsFilterQuery,
        },
        preHandler: manage,
      },
      async (req, reply) => {
        const { event, items } = await svc.attendanceRows(deps, actorOf(req), req.params.id, req.query)
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="presenca-evento-${event.code}.csv"`)
          .send(attendanceCsv(items))
      },
    )
    app.get(
      '/events/:id/attendance.xlsx',
      {
        schema: {
          tags,
          summary: 'Lista de presença (.xlsx)',
          params: EventParams,
          querystring: RegistrationsFilterQuery,
        },
        preHandler: manage,
      },
      async (req, reply) => {
        const { event, items } = await svc.attendanceRows(deps, actorOf(req), req.params.id, req.query)
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="presenca-evento-${event.code}.xlsx"`)
          .send(await attendanceXlsx(`${event.code} — ${event.description}`, items))
      },
    )
    app.get(
      '/events/:id/mails',
      {
        schema: {
          tags,
          summary: 'E-mails enviados, por participante',
          params: EventParams,
          querystring: MailLogQuery,
          response: { 200: MailLogPage },
        },
        preHandler: manage,
      },
      async (req) => svc.mailLog(deps, actorOf(req), req.params.id, req.query),
    )
    app.post(
      '/events/:id/certificates/issue',
      {
        schema: {
          tags,
          summary: 'Emite os certificados agora (após o término)',
          params: EventParams,
          response: { 200: QueuedResult },
        },
        preHandler: manage,
      },
      async (req) => svc.issueCertificatesNow(deps, actorOf(req), req.params.id),
    )
    app.get(
      '/certificates/:id/pdf',
      { schema: { tags, params: CertificateParams }, preHandler: manage },
      async (req, reply) => {
        const c = await svc.certificateForStaff(deps, actorOf(req), req.params.id)
        return sendPdf(reply, `certificado-${c.code}.pdf`, c.pdf)
      },
    )
    app.post(
      '/certificates/:id/revoke',
      {
        schema: { tags, params: CertificateParams, body: RevokeBody, response: { 200: CertificateSummary } },
        preHandler: manage,
      },
      async (req) =>
        svc.certificateSummary(await revokeCertificate(deps, actorOf(req), req.params.id, req.body.reason)),
    )
    app.post(
      '/certificates/:id/reissue',
      {
        schema: { tags, params: CertificateParams, response: { 200: CertificateSummary } },
        preHandler: manage,
      },
      async (req) => svc.certificateSummary(await reissueCertificate(deps, actorOf(req), req.params.id)),
    )
    app.get(
      '/training/held-invitations',
      {
        schema: {
          tags,
          summary: 'Convites aguardando treinamento, por unidade',
          response: { 200: HeldInvitations },
        },
        preHandler: manage,
      },
      async (req) => heldInvitationsByUnit(deps.db, actorOf(req).tenantId, deps.clock.now()),
    )

    // ---- Public: event page, self-registration, join state, verification, CPF ----
    const ptags = ['Eventos (público)']
    app.get(
      '/public/events/:slug',
      {
        config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { tags: ptags, params: SlugParams, response: { 200: PublicEvent } },
      },
      async (req) => pub.publicEvent(deps, req.params.slug),
    )
    app.get(
      '/public/events/:slug/art',
      {
        config: { public: true, rateLimit: { max: 240, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          params: SlugParams,
          querystring: ArtQuery,
        },
      },
      async (req, reply) => {
        const art = await svc.getArt(deps, req.params.slug)
        return reply
          .header('content-type', art.mime)
          .header('cache-control', 'public, max-age=86400')
          .header('x-content-type-options', 'nosniff')
          .send(art.content)
      },
    )
    app.post(
      '/public/events/:slug/registrations',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Inscrição pública (sem conta)',
          params: SlugParams,
          body: PublicRegistrationBody,
          response: { 201: PublicRegistrationResult },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await pub.publicRegister(deps, req.params.slug, req.body, req.ip)),
    )
    app.get(
      '/public/join/:token',
      {
        config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags: ptags, params: TokenParams, response: { 200: JoinState } },
      },
      async (req) => pub.joinState(deps, req.params.token),
    )
    app.get(
      '/public/certificates/:code',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Verifica um certificado',
          params: CodeParams,
          response: { 200: CertificateVerification },
        },
      },
      async (req) => pub.verifyCertificate(deps, req.params.code),
    )
    app.get(
      '/public/cpf/:token',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { tags: ptags, params: TokenParams, response: { 200: CpfTokenInfo } },
      },
      async (req) => pub.cpfInfo(deps, req.params.token),
    )
    app.post(
      '/public/cpf/:token',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Registra o CPF para o certificado',
          params: TokenParams,
          body: CpfBody,
          response: { 200: CpfTokenInfo },
        },
      },
      async (req) => pub.setCpfByToken(deps, req.params.token, req.body.cpf, req.ip),
    )

    // ---- Portal: "Meus eventos e certificados" ----
    const portal = { audience: 'client' as const }
    const ctags = ['Portal do cliente']
    app.get(
      '/portal/events',
      { config: portal, schema: { tags: ctags, response: { 200: PortalEvents } } },
      async (req) => pub.portalEvents(deps, actorOf(req)),
    )
    app.post(
      '/portal/events/:id/register',
      { config: portal, schema: { tags: ctags, params: EventParams, response: { 200: PortalEventItem } } },
      async (req) => pub.portalRegister(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/portal/events/:id/cancel',
      { config: portal, schema: { tags: ctags, params: EventParams, response: { 200: PortalEventItem } } },
      async (req) => pub.portalCancel(deps, actorOf(req), req.params.id),
    )
    app.get(
      '/portal/certificates/:id/pdf',
      { config: portal, schema: { tags: ctags, params: CertificateParams } },
      async (req, reply) => {
        const c = await pub.portalCertificate(deps, actorOf(req), req.params.id)
        return sendPdf(reply, `certificado-${c.code}.pdf`, c.pdf)
      },
    )
    app.put(
      '/portal/cpf',
      {
        config: portal,
        schema: {
          tags: ctags,
          summary: 'Registra o CPF do usuário',
          body: CpfBody,
          response: { 200: z.object({ hasCpf: z.literal(true) }) },
        },
      },
      async (req) => pub.portalSetCpf(deps, actorOf(req), req.body.cpf),
    )
  }
}

/** The personal join link (/entrar/:token), outside the API: it redirects. */
export function joinRoute(deps: svc.EventsDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { token: string } }>(
      '/entrar/:token',
      { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (req, reply) => {
        const token = String(req.params.token ?? '').slice(0, 200)
        const target = await pub.join(deps, token, req.ip)
        return reply.header('cache-control', 'no-store').redirect(target, 302)
      },
    )
  }
}
