export { exportsRoutes } from './exports.routes.ts'
export { createImportJobs } from './imports.jobs.ts'
export { importLanes } from './imports.run.ts'
export { importsRoutes } from './imports.routes.ts'
