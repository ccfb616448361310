import { and, count, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { portalNotifications } from './notifications.tables.ts'

export type NotificationRow = typeof portalNotifications.$inferSelect

/**
 * The only place the notifications module reads or writes the database. Every method takes the
 * tenant and the client user: a notification is only ever reached through its owner.
 */
export function notificationsRepository(db: Db) {
  const owner = (tenantId: string, clientUserId: string) =>
    and(eq(portalNotifications.tenantId, tenantId), eq(portalNotifications.clientUserId, clientUserId))
  const unreadOf = (tenantId: string, clientUserId: string) =>
    and(owner(tenantId, clientUserId), isNull(portalNotifications.readAt))

  return {
    /** Newest first; only the unread ones when asked. */
    page(
      tenantId: string,
      clientUserId: string,
      opts: { unreadOnly: boolean; limit: number; offset: number },
    ) {
      return db
        .select()
        .from(portalNotifications)
        .where(opts.unreadOnly ? unreadOf(tenantId, clientUserId) : owner(tenantId, clientUserId))
        .orderBy(desc(portalNotifications.createdAt), desc(portalNotifications.id))
        .limit(opts.limit)
        .offset(opts.offset)
    },

    /** How many the user has in all and how many of them are unread, in one pass over the index. */
    async counts(tenantId: string, clientUserId: string) {
      const [row] = await db
        .select({
          total: count(),
          unread: sql<number>`count(*) filter (where ${portalNotifications.readAt} is null)`.mapWith(Number),
        })
        .from(portalNotifications)
        .where(owner(tenantId, clientUserId))
      return { total: row?.total ?? 0, unread: row?.unread ?? 0 }
    },

    /** Marks one as read (the first reading time stays). False when it is not this user's. */
    async markRead(tenantId: string, clientUserId: string, id: string): Promise<boolean> {
      const rows = await db
        .update(portalNotifications)
        .set({ readAt: sql`coalesce(${portalNotifications.readAt}, now())` })
        .where(and(owner(tenantId, clientUserId), eq(portalNotifications.id, id)))
        .returning({ id: portalNotifications.id })
      return rows.length > 0
    },

    /** Marks every unread one as read; returns how many changed. */
    async markAllRead(tenantId: string, clientUserId: string): Promise<number> {
      const rows = await db
        .update(portalNotifications)
        .set({ readAt: sql`now()` })
        .where(unreadOf(tenantId, clientUserId))
        .returning({ id: portalNotifications.id })
      return rows.length
    },
  }
}
