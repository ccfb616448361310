/**
 * Shapes of the portal notifications API, inferred from the server's zod schemas (type-only:
 * nothing of the server ends up in the bundle).
 */
export type {
  NotificationPage,
  PortalNotification,
} from '../../../server/modules/notifications/notifications.schemas.ts'
