import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../platform/db/database.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { AuditFacets, AuditPage, FindAuditQuery } from './audit.schemas.ts'
import * as audit from './audit.service.ts'

export function auditRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Auditoria']
    const preHandler = requirePermission('audit:read')
    app.get(
      '/audit',
      {
        schema: {
          tags,
          summary: 'Consulta a auditoria do inquilino',
          querystring: FindAuditQuery,
          response: { 200: AuditPage },
        },
        preHandler,
      },
      async (req) => audit.findAudit(db, actorOf(req), req.query),
    )
    app.get(
      '/audit/facets',
      {
        schema: { tags, summary: 'Entidades e ações presentes na auditoria', response: { 200: AuditFacets } },
        preHandler,
      },
      async (req) => audit.auditFacets(db, actorOf(req)),
    )
  }
}
