import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../platform/db/database.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { FindTasksQuery, Task, TaskCounts, TaskList, TaskParams } from './tasks.schemas.ts'
import { countTasks, findTasks, retryTask } from './tasks.service.ts'

/** "Tarefas em segundo plano": what failed or is being retried, and "Tentar de novo". */
export function tasksRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Tarefas em segundo plano']
    const preHandler = requirePermission('settings:manage')
    app.get(
      '/tasks',
      {
        schema: {
          tags,
          summary: 'Tarefas em segundo plano do inquilino com falha ou sendo tentadas de novo',
          querystring: FindTasksQuery,
          response: { 200: TaskList },
        },
        preHandler,
      },
      async (req) => findTasks(db, actorOf(req), req.query.status),
    )
    app.get(
      '/tasks/counts',
      {
        schema: {
          tags,
          summary: 'Quantas tarefas do inquilino estão com falha e sendo tentadas de novo',
          response: { 200: TaskCounts },
        },
        preHandler,
      },
      async (req) => countTasks(db, actorOf(req)),
    )
    app.post(
      '/tasks/:id/retry',
      {
        schema: {
          tags,
          summary: 'Põe de novo na fila uma tarefa com falha (auditado)',
          params: TaskParams,
          response: { 200: Task },
        },
        preHandler,
      },
      async (req) => retryTask(db, actorOf(req), req.params.id),
    )
  }
}
