export { accessRoutes } from './access.routes.ts'
export { createDefaultProfiles, effectivePermissions, findProfile } from './access.service.ts'
export { ALL_PERMISSIONS, PERMISSIONS, type PermissionKey } from './permissions.ts'
