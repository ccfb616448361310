export { DOCUMENT_MAX_BYTES } from './documents.files.ts'
export { createDocumentJobs } from './documents.jobs.ts'
export { documentsRoutes, portalDocumentsRoutes } from './documents.routes.ts'
export type { DocumentsDeps } from './documents.service.ts'
