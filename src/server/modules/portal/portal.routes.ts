import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import type { Db } from '../../platform/db/database.ts'
import { actorOf } from '../../platform/http/guards.ts'
import { ACCESS_LEVELS, listClientUserDepartments, PORTAL_PERMISSIONS } from '../client-users/index.ts'

const PortalHome = z.object({
  departments: z.array(
    z.object({ id: z.uuid(), name: z.string(), level: z.string(), levelLabel: z.string() }),
  ),
  permissions: z.array(z.object({ key: z.string(), label: z.string() })),
})

/** The client portal (client users only). Documents by department arrive with the documents module. */
export function portalRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/portal/home',
      {
        config: { audience: 'client' },
        schema: {
          tags: ['Portal do cliente'],
          summary: 'Departamentos e permissões do usuário',
          response: { 200: PortalHome },
        },
      },
      async (req) => {
        const actor = actorOf(req)
        const departments = await listClientUserDepartments(db, actor.tenantId, actor.clientUserId!)
        return {
          departments: departments.map((d) => ({
            ...d,
            levelLabel: ACCESS_LEVELS.find((l) => l.key === d.level)?.label ?? d.level,
          })),
          permissions: PORTAL_PERMISSIONS.filter((p) => actor.permissions.has(p.key)).map((p) => ({ ...p })),
        }
      },
    )
  }
}
