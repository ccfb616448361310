export { clientUsersRoutes } from './client-users.routes.ts'
export {
  createClientUserInTx,
  ensureDefaultDepartments,
  findClientUserIdByEmail,
  findClientUsers,
  listClientUserDepartments,
  trainingHold,
} from './client-users.service.ts'
export { CreateClientUserBody, FindClientUsersQuery } from './client-users.schemas.ts'
export { ACCESS_LEVELS, PORTAL_PERMISSIONS } from './client-users.catalog.ts'
export { markInvitationBounced, scheduleInvitationInTx, sendInvitationInTx } from './invitations.service.ts'
export { clientUsersRepository } from './client-users.repository.ts'
export {
  cancelInvitationMailsInTx,
  inviteUsersInTx,
  scheduleInvitationsInTx,
} from './invitations.bulk.ts'
