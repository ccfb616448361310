export { clientsRoutes } from './clients.routes.ts'
export {
  createClientOrgInTx,
  findClientOrgs,
  findOrCreateClientOrgInTx,
  getClientOrg,
  listClientOrgsByIds,
  normalizeDocument,
} from './clients.service.ts'
export { clientsRepository } from './clients.repository.ts'
export { CreateClientOrgBody, DocumentNumber, FindClientOrgsQuery } from './clients.schemas.ts'
