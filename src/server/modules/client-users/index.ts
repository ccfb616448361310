export { clientUsersRoutes } from './client-users.routes.ts'
export { ensureDefaultDepartments } from './client-users.service.ts'
export { markInvitationBounced } from './invitations.service.ts'
