export { clientsRoutes } from './clients.routes.ts'
export { findOrCreateClientOrgInTx, listClientOrgsByIds, normalizeDocument } from './clients.service.ts'
export { DocumentNumber } from './clients.schemas.ts'
