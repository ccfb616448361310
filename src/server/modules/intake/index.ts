export { intakeRoutes } from './intake.routes.ts'
export { FindFichasQuery } from './intake.schemas.ts'
export { fichasTrainedInTx, findFichas } from './intake.service.ts'
