import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { Uuid, z } from '#shared/validation.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { FindClientUsersQuery } from '../client-users/index.ts'
import { FindClientOrgsQuery } from '../clients/index.ts'
import { FindFichasQuery } from '../intake/index.ts'
import { FindClientPlansQuery, FindPlansQuery } from '../plans/index.ts'
import * as svc from './exports.service.ts'

const Format = z.enum(['xlsx', 'csv'], { error: 'Formato inválido: use xlsx ou csv.' }).default('xlsx')
/** A list's own filters (its query schema without paging) plus the file format. */
const filtersOf = <T extends z.ZodObject>(query: T) =>
  query.omit({ page: true, pageSize: true } as never).extend({ format: Format })

/**
 * Exports of the lists, next to each other under /exports: the same filters as the list's screen,
 * the same permission as the list plus "Importar e exportar planilhas"; every text cell that a
 * spreadsheet would run as a formula is neutralised.
 */
export function exportsRoutes(deps: svc.ExportsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Exportação']
    const send = (reply: import('fastify').FastifyReply, f: svc.ExportFile) =>
      reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('x-content-type-options', 'nosniff')
        .send(f.content)

    app.get(
      '/exports/client-orgs',
      {
        schema: {
          tags,
          summary: 'Exporta a lista de clientes (.xlsx ou .csv)',
          querystring: filtersOf(FindClientOrgsQuery),
        },
        preHandler: requirePermission('imports:run', 'clients:read'),
      },
      async (req, reply) => {
        const { format, ...q } = req.query
        return send(reply, await svc.exportClientOrgs(deps, actorOf(req), q, format))
      },
    )
    app.get(
      '/exports/client-users',
      {
        schema: {
          tags,
          summary: 'Exporta a lista de usuários de clientes',
          querystring: filtersOf(FindClientUsersQuery),
        },
        preHandler: requirePermission('imports:run', 'portal:use', 'users:manage'),
      },
      async (req, reply) => {
        const { format, ...q } = req.query
        return send(reply, await svc.exportClientUsers(deps, actorOf(req), q, format))
      },
    )
    app.get(
      '/exports/fichas',
      {
        schema: {
          tags,
          summary: 'Exporta o quadro de fichas cadastrais',
          querystring: filtersOf(FindFichasQuery),
        },
        preHandler: requirePermission('imports:run', 'intake:manage'),
      },
      async (req, reply) => {
        const { format, ...q } = req.query
        return send(reply, await svc.exportFichas(deps, actorOf(req), q, format))
      },
    )
    app.get(
      '/exports/plans',
      {
        schema: {
          tags,
          summary: 'Exporta o catálogo de planos',
          querystring: FindPlansQuery.extend({ format: Format }),
        },
        preHandler: requirePermission('imports:run', 'plans:manage'),
      },
      async (req, reply) => {
        const { format, ...q } = req.query
        return send(reply, await svc.exportPlanCatalog(deps, actorOf(req), q, format))
      },
    )
    app.get(
      '/exports/client-orgs/:id/plans',
      {
        schema: {
          tags,
          summary: 'Exporta os planos de um cliente',
          params: z.strictObject({ id: Uuid }),
          querystring: FindClientPlansQuery.extend({ format: Format }),
        },
        preHandler: requirePermission('imports:run', 'plans:manage'),
      },
      async (req, reply) => {
        const { format, ...q } = req.query
        return send(reply, await svc.exportClientPlans(deps, actorOf(req), req.params.id, q, format))
      },
    )
  }
}
