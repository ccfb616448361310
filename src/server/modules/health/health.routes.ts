import { sql } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import type { Database } from '../../platform/db/database.ts'
import { CommonErrors } from '../../platform/errors.ts'

const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) })

export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { public: true },
        schema: { tags: ['Sistema'], summary: 'Saúde do serviço', response: { 200: Health } },
      },
      async () => {
        try {
          await database.db.execute(sql`select 1`)
        } catch {
          throw CommonErrors.UNAVAILABLE({ message: 'Banco de dados indisponível.' })
        }
        return { status: 'ok' as const, database: database.kind }
      },
    )
  }
}
