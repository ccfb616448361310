import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePlatformAdmin } from '../../platform/http/guards.ts'
import { CreateTenantBody, Tenant, TenantList } from './tenants.schemas.ts'
import * as tenants from './tenants.service.ts'

export function tenantsRoutes(deps: tenants.TenantsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Inquilinos']
    app.get(
      '/tenants',
      {
        schema: {
          tags,
          summary: 'Lista os inquilinos (administração da plataforma)',
          response: { 200: TenantList },
        },
        preHandler: requirePlatformAdmin,
      },
      async () => tenants.listTenants(deps),
    )
    app.post(
      '/tenants',
      {
        schema: {
          tags,
          summary: 'Cria um inquilino com o seu administrador',
          body: CreateTenantBody,
          response: { 201: Tenant },
        },
        preHandler: requirePlatformAdmin,
      },
      async (req, reply) => reply.code(201).send(await tenants.createTenant(deps, actorOf(req), req.body)),
    )
  }
}
