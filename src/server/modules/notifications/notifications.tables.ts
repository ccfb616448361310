import { foreignKey, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../../platform/db/columns.ts'
import { clientUsers } from '../client-users/client-users.tables.ts'

/**
 * The client portal's inbox ("Sistema" channel of a client user's notification preferences): one row
 * per notice and recipient. `link` is a path inside the app; `clientOrgId` is the company the notice
 * is about (the portal switches to it when the notice is opened), null when it is about none.
 */
export const portalNotifications = pgTable(
  'portal_notifications',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    clientUserId: uuid('client_user_id').notNull(),
    kind: text('kind', { enum: ['documents.published'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link').notNull(),
    clientOrgId: uuid('client_org_id'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('portal_notifications_user_idx').on(t.tenantId, t.clientUserId, t.createdAt.desc()),
    foreignKey({
      name: 'portal_notifications_user_fk',
      columns: [t.tenantId, t.clientUserId],
      foreignColumns: [clientUsers.tenantId, clientUsers.id],
    }).onDelete('cascade'),
  ],
)
