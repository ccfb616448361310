import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import {
  CreateStaffBody,
  FindStaffQuery,
  Staff,
  StaffPage,
  StaffParams,
  UpdateStaffBody,
} from './staff.schemas.ts'
import * as staff from './staff.service.ts'

export function staffRoutes(deps: staff.StaffDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Equipe']
    const read = requirePermission('staff:read')
    const manage = requirePermission('staff:manage')
    app.get(
      '/staff',
      {
        schema: {
          tags,
          summary: 'Lista a equipe',
          querystring: FindStaffQuery,
          response: { 200: StaffPage },
        },
        preHandler: read,
      },
      async (req) => staff.findStaff(deps, actorOf(req), req.query),
    )
    app.get(
      '/staff/:id',
      { schema: { tags, params: StaffParams, response: { 200: Staff } }, preHandler: read },
      async (req) => staff.getStaff(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/staff',
      {
        schema: { tags, summary: 'Inclui membro da equipe', body: CreateStaffBody, response: { 201: Staff } },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await staff.createStaff(deps, actorOf(req), req.body)),
    )
    app.patch(
      '/staff/:id',
      {
        schema: { tags, params: StaffParams, body: UpdateStaffBody, response: { 200: Staff } },
        preHandler: manage,
      },
      async (req) => staff.updateStaff(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/staff/:id/resend-access',
      { schema: { tags, summary: 'Reenvia o link de acesso', params: StaffParams }, preHandler: manage },
      async (req, reply) => {
        await staff.resendAccess(deps, actorOf(req), req.params.id)
        return reply.code(204).send()
      },
    )
  }
}
