export { clientPlansRoutes } from './client-plans.routes.ts'
export { plansRoutes } from './plans.routes.ts'
export type { PlansDeps } from './plans.service.ts'
