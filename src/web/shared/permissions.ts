/**
 * Permission keys the web app checks. They mirror the server's permission catalog
 * (`GET /api/v1/permissions`); keep them in one place so a rename touches one file.
 */
export const PERMISSIONS = {
  staffRead: 'staff:read',
  staffManage: 'staff:manage',
  profilesManage: 'profiles:manage',
  auditRead: 'audit:read',
  outboxRead: 'outbox:read',
  clientsRead: 'clients:read',
  clientsManage: 'clients:manage',
  intakeManage: 'intake:manage',
  usersManage: 'users:manage',
  invitationsSend: 'invitations:send',
  portalUse: 'portal:use',
  eventsManage: 'events:manage',
  plansManage: 'plans:manage',
  importsRun: 'imports:run',
  settingsManage: 'settings:manage',
} as const

/** A permission, or several that are all needed. */
export type PermissionRequirement = string | readonly string[]

/** True when `can` grants every permission required (nothing required: true). */
export function hasAll(can: (permission: string) => boolean, required?: PermissionRequirement): boolean {
  if (!required) return true
  return typeof required === 'string' ? can(required) : required.every((p) => can(p))
}
