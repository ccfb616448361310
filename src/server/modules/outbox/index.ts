export { devMailRoutes, outboxRoutes } from './outbox.routes.ts'
