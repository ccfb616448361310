export { intakeRoutes } from './intake.routes.ts'
export { fichasTrainedInTx } from './intake.service.ts'
