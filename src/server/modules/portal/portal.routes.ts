import { and, asc, eq } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import type { Db } from '../../platform/db/database.ts'
import { actorOf } from '../../platform/http/guards.ts'
import { ACCESS_LEVELS, PORTAL_PERMISSIONS } from '../client-users/client-users.catalog.ts'
import { clientUserDepartments, departments } from '../client-users/client-users.tables.ts'

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
        const rows = await db
          .select({ id: departments.id, name: departments.name, level: clientUserDepartments.level })
          .from(clientUserDepartments)
          .innerJoin(
            departments,
            and(
              eq(departments.id, clientUserDepartments.departmentId),
              eq(departments.tenantId, clientUserDepartments.tenantId),
            ),
          )
          .where(
            and(
              eq(clientUserDepartments.tenantId, actor.tenantId),
              eq(clientUserDepartments.clientUserId, actor.clientUserId!),
            ),
          )
          .orderBy(asc(departments.name))
        return {
          departments: rows.map((r) => ({
            ...r,
            levelLabel: ACCESS_LEVELS.find((l) => l.key === r.level)?.label ?? r.level,
          })),
          permissions: PORTAL_PERMISSIONS.filter((p) => actor.permissions.has(p.key)).map((p) => ({ ...p })),
        }
      },
    )
  }
}
