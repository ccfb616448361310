import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../platform/db/database.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import {
  ClientOrg,
  ClientOrgPage,
  ClientOrgParams,
  CreateClientOrgBody,
  FindClientOrgsQuery,
  UpdateClientOrgBody,
} from './clients.schemas.ts'
import * as clients from './clients.service.ts'

export function clientsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Clientes']
    const read = requirePermission('clients:read')
    const manage = requirePermission('clients:manage')
    app.get(
      '/client-orgs',
      {
        schema: {
          tags,
          summary: 'Clientes (organizações)',
          querystring: FindClientOrgsQuery,
          response: { 200: ClientOrgPage },
        },
        preHandler: read,
      },
      async (req) => clients.findClientOrgs(db, actorOf(req), req.query),
    )
    app.get(
      '/client-orgs/:id',
      { schema: { tags, params: ClientOrgParams, response: { 200: ClientOrg } }, preHandler: read },
      async (req) => clients.getClientOrg(db, actorOf(req), req.params.id),
    )
    app.post(
      '/client-orgs',
      {
        schema: {
          tags,
          summary: 'Cadastra cliente',
          body: CreateClientOrgBody,
          response: { 201: ClientOrg },
        },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await clients.createClientOrg(db, actorOf(req), req.body)),
    )
    app.patch(
      '/client-orgs/:id',
      {
        schema: { tags, params: ClientOrgParams, body: UpdateClientOrgBody, response: { 200: ClientOrg } },
        preHandler: manage,
      },
      async (req) => clients.updateClientOrg(db, actorOf(req), req.params.id, req.body),
    )
  }
}
