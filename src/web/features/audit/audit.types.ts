export type AuditData = Record<string, unknown>

export interface AuditEntry {
  id: string | number
  createdAt: string
  actorId: string | null
  actorName: string | null
  entity: string
  entityId: string | null
  action: string
  before: AuditData | null
  after: AuditData | null
  ip: string | null
}

export interface AuditFacets {
  entities: string[]
  actions: string[]
  actors: { id: string; name: string }[]
}
