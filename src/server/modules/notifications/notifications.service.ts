import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { CommonErrors } from '../../platform/errors.ts'
import { NotificationErrors as E } from './notifications.errors.ts'
import { type NotificationRow, notificationsRepository } from './notifications.repository.ts'
import type { FindNotificationsQuery, NotificationPage, PortalNotification } from './notifications.schemas.ts'

/** The client user behind a portal session (the routes only let client users in). */
function owner(actor: Actor): { tenantId: string; clientUserId: string } {
  if (actor.kind !== 'client' || !actor.clientUserId) throw CommonErrors.FORBIDDEN()
  return { tenantId: actor.tenantId, clientUserId: actor.clientUserId }
}

function toDto(row: NotificationRow): PortalNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    clientOrgId: row.clientOrgId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }
}

/** The user's inbox, newest first, with the unread count the bell shows. */
export async function findNotifications(
  db: Db,
  actor: Actor,
  query: FindNotificationsQuery,
): Promise<NotificationPage> {
  const { tenantId, clientUserId } = owner(actor)
  const repo = notificationsRepository(db)
  const unreadOnly = query.unread === 'true'
  const [rows, counts] = await Promise.all([
    repo.page(tenantId, clientUserId, {
      unreadOnly,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.counts(tenantId, clientUserId),
  ])
  return {
    items: rows.map(toDto),
    total: unreadOnly ? counts.unread : counts.total,
    unread: counts.unread,
    page: query.page,
    pageSize: query.pageSize,
  }
}

/** Marks one of the user's notifications as read; someone else's is a 404 like a missing one. */
export async function markNotificationRead(db: Db, actor: Actor, id: string): Promise<{ unread: number }> {
  const { tenantId, clientUserId } = owner(actor)
  const repo = notificationsRepository(db)
  if (!(await repo.markRead(tenantId, clientUserId, id))) throw E.NOTIFICATION_NOT_FOUND()
  return { unread: (await repo.counts(tenantId, clientUserId)).unread }
}

/** "Marcar todas como lidas". */
export async function markAllNotificationsRead(db: Db, actor: Actor): Promise<{ unread: number }> {
  const { tenantId, clientUserId } = owner(actor)
  await notificationsRepository(db).markAllRead(tenantId, clientUserId)
  return { unread: 0 }
}
