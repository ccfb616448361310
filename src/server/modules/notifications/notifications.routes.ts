import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../platform/db/database.ts'
import { actorOf } from '../../platform/http/guards.ts'
import {
  FindNotificationsQuery,
  NotificationPage,
  NotificationParams,
  UnreadCount,
} from './notifications.schemas.ts'
import * as svc from './notifications.service.ts'

/**
 * The client portal's inbox. Client users only; each sees and marks only their own notifications.
 * Reading and marking as read are not audited (the user's own inbox); the POSTs go through the
 * session and CSRF checks every unsafe request gets.
 */
export function portalNotificationsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Portal do cliente']
    const config = { audience: 'client' as const }
    app.get(
      '/portal/notifications',
      {
        config,
        schema: {
          tags,
          summary: 'Notificações do usuário (mais recentes primeiro) e quantas não foram lidas',
          querystring: FindNotificationsQuery,
          response: { 200: NotificationPage },
        },
      },
      async (req) => svc.findNotifications(db, actorOf(req), req.query),
    )
    app.post(
      '/portal/notifications/read-all',
      {
        config,
        schema: { tags, summary: 'Marca todas as notificações como lidas', response: { 200: UnreadCount } },
      },
      async (req) => svc.markAllNotificationsRead(db, actorOf(req)),
    )
    app.post(
      '/portal/notifications/:id/read',
      {
        config,
        schema: {
          tags,
          summary: 'Marca uma notificação como lida',
          params: NotificationParams,
          response: { 200: UnreadCount },
        },
      },
      async (req) => svc.markNotificationRead(db, actorOf(req), req.params.id),
    )
  }
}
