export { clientPlansRoutes } from './client-plans.routes.ts'
export { plansRoutes } from './plans.routes.ts'
export type { PlansDeps } from './plans.service.ts'
export { seedDemoCatalogInTx } from './plans.seed.ts'
