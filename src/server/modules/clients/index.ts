export { clientsRoutes } from './clients.routes.ts'
export {
  createClientOrgInTx,
  findOrCreateClientOrgInTx,
  getClientOrg,
  listClientOrgsByIds,
  normalizeDocument,
} from './clients.service.ts'
export { clientsRepository } from './clients.repository.ts'
export { DocumentNumber } from './clients.schemas.ts'
