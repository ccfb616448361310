/**
 * Who is doing something, and where. Built by the auth module from the session; services receive
 * it as their first argument and scope every query by `tenantId`.
 */
export type Actor = {
  userId: string
  name: string
  email: string
  tenantId: string
  /** Staff act in the back office; client users act in the portal of their tenant. */
  kind: 'staff' | 'client'
  /** For client users: their client_users row and the company they are working for. */
  clientUserId: string | null
  clientOrgId: string | null
  isPlatformAdmin: boolean
  permissions: ReadonlySet<string>
  sessionId: string | null
  ip: string | null
  requestId: string | null
}

/** The system itself acting (jobs, seeding, migrations). */
export function systemActor(tenantId: string, name = 'Sistema'): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    name,
    email: '',
    tenantId,
    kind: 'staff',
    clientUserId: null,
    clientOrgId: null,
    isPlatformAdmin: false,
    permissions: new Set(),
    sessionId: null,
    ip: null,
    requestId: null,
  }
}

export function isSystemActor(actor: Actor): boolean {
  return actor.userId === '00000000-0000-0000-0000-000000000000'
}
