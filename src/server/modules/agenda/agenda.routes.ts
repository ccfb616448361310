import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CommonErrors } from '../../platform/errors.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import {
  Booking,
  BookingList,
  BookSlotBody,
  CancelBody,
  CreateRoleBody,
  CreateTechnicianBody,
  DayQuery,
  DayView,
  IdParams,
  ListBookingsQuery,
  ListTechniciansQuery,
  RescheduleBody,
  RescheduleResult,
  Role,
  RoleList,
  Technician,
  TechnicianList,
  UpdateRoleBody,
  UpdateTechnicianBody,
} from './agenda.schemas.ts'
import * as svc from './agenda.service.ts'

/** preHandler: at least one of the permissions (reading the agenda is also part of selling plans). */
function requireAnyPermission(...permissions: string[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const actor = actorOf(req)
    if (!permissions.some((p) => actor.permissions.has(p))) throw CommonErrors.FORBIDDEN()
  }
}

export function agendaRoutes(deps: svc.AgendaDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Agenda']
    const read = requireAnyPermission('agenda:manage', 'plans:manage')
    const manage = requirePermission('agenda:manage')

    app.get(
      '/agenda/roles',
      { schema: { tags, summary: 'Cargos', response: { 200: RoleList } }, preHandler: read },
      async (req) => svc.listRoles(deps, actorOf(req)),
    )
    app.post(
      '/agenda/roles',
      {
        schema: { tags, summary: 'Cria um cargo', body: CreateRoleBody, response: { 201: Role } },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await svc.createRole(deps, actorOf(req), req.body)),
    )
    app.patch(
      '/agenda/roles/:id',
      {
        schema: {
          tags,
          summary: 'Altera o nome ou o horário de trabalho do cargo',
          params: IdParams,
          body: UpdateRoleBody,
          response: { 200: Role },
        },
        preHandler: manage,
      },
      async (req) => svc.updateRole(deps, actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/agenda/technicians',
      {
        schema: {
          tags,
          summary: 'Técnicos',
          querystring: ListTechniciansQuery,
          response: { 200: TechnicianList },
        },
        preHandler: read,
      },
      async (req) => svc.listTechnicians(deps, actorOf(req), req.query),
    )
    app.post(
      '/agenda/technicians',
      {
        schema: {
          tags,
          summary: 'Cadastra um técnico',
          body: CreateTechnicianBody,
          response: { 201: Technician },
        },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await svc.createTechnician(deps, actorOf(req), req.body)),
    )
    app.patch(
      '/agenda/technicians/:id',
      {
        schema: {
          tags,
          summary: 'Altera o técnico (cargo, horário próprio, ativo)',
          params: IdParams,
          body: UpdateTechnicianBody,
          response: { 200: Technician },
        },
        preHandler: manage,
      },
      async (req) => svc.updateTechnician(deps, actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/agenda/day',
      {
        schema: {
          tags,
          summary: 'Agenda do dia: expediente, agendamentos e horários livres por técnico ou cargo',
          querystring: DayQuery,
          response: { 200: DayView },
        },
        preHandler: read,
      },
      async (req) => svc.getDay(deps, actorOf(req), req.query),
    )

    app.get(
      '/agenda/bookings',
      {
        schema: {
          tags,
          summary: 'Agendamentos por cliente, plano, técnico ou período',
          querystring: ListBookingsQuery,
          response: { 200: BookingList },
        },
        preHandler: read,
      },
      async (req) => svc.listBookings(deps, actorOf(req), req.query),
    )
    app.post(
      '/agenda/bookings',
      {
        schema: {
          tags,
          summary: 'Agenda um horário para um técnico ou para o primeiro técnico livre de um cargo',
          body: BookSlotBody,
          response: { 201: Booking },
        },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await svc.bookSlot(deps, actorOf(req), req.body)),
    )
    app.get(
      '/agenda/bookings/:id',
      { schema: { tags, params: IdParams, response: { 200: Booking } }, preHandler: read },
      async (req) => svc.getBooking(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/agenda/bookings/:id/reschedule',
      {
        schema: {
          tags,
          summary: 'Reagenda: cancela o agendamento e cria outro no novo horário',
          params: IdParams,
          body: RescheduleBody,
          response: { 200: RescheduleResult },
        },
        preHandler: manage,
      },
      async (req) => svc.rescheduleBooking(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/agenda/bookings/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancela o agendamento (libera o horário)',
          params: IdParams,
          body: CancelBody,
          response: { 200: Booking },
        },
        preHandler: manage,
      },
      async (req) => svc.cancelBooking(deps, actorOf(req), req.params.id, req.body),
    )
  }
}
