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
  intakeManage: 'intake:manage',
  usersManage: 'users:manage',
  eventsManage: 'events:manage',
  plansManage: 'plans:manage',
  importsRun: 'imports:run',
} as const
