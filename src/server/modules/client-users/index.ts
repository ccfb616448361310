export { clientUsersRoutes } from './client-users.routes.ts'
export { ensureDefaultDepartments, listClientUserDepartments } from './client-users.service.ts'
export { ACCESS_LEVELS, PORTAL_PERMISSIONS } from './client-users.catalog.ts'
export { markInvitationBounced } from './invitations.service.ts'
