export { portalNotificationsRoutes } from './notifications.routes.ts'
export type { NotificationPage, PortalNotification } from './notifications.schemas.ts'
export { portalNotifications } from './notifications.tables.ts'
