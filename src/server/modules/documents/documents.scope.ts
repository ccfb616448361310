import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { type FolderAccess, UPLOAD_PERMISSION } from './documents.access.ts'
import { documentsRepository, type FolderRow } from './documents.repository.ts'
import { visibilityOf } from './documents.service.ts'

/** A company's folders in the departments the actor works in, with the actor's access to each department. */
export type Scope = {
  folders: FolderRow[]
  byId: Map<string, FolderRow>
  /** Shared up to the root (with `withDeleted`, folders in the trash included): what client users could see. */
  shared: Map<string, boolean>
  departments: Map<string, { name: string; access: FolderAccess }>
}

/**
 * Staff: every department of the tenant; a client user: the departments they are in, and only for
 * the company in use that they are linked to (otherwise null: nothing to show). Live folders only,
 * or those in the trash too (`withDeleted`, for the trash).
 */
export async function companyScope(
  db: Db,
  actor: Actor,
  clientOrgId: string,
  opts: { withDeleted: boolean },
): Promise<Scope | null> {
  const repo = documentsRepository(db)
  const departments = new Map<string, { name: string; access: FolderAccess }>()
  if (actor.kind === 'staff') {
    for (const d of await repo.departments(actor.tenantId))
      departments.set(d.id, { name: d.name, access: { kind: 'staff' } })
  } else {
    const clientUserId = actor.clientUserId
    if (!clientUserId || actor.clientOrgId !== clientOrgId) return null
    if (!(await repo.isLinked(actor.tenantId, clientUserId, clientOrgId))) return null
    for (const d of await repo.clientDepartments(actor.tenantId, clientUserId)) {
      departments.set(d.id, {
        name: d.name,
        access: {
          kind: 'client',
          level: d.level,
          clientUserId,
          canSendDocuments: actor.permissions.has(UPLOAD_PERMISSION),
        },
      })
    }
    if (departments.size === 0) return null
  }
  const departmentIds = [...departments.keys()]
  const folders = opts.withDeleted
    ? await repo.allFolders(actor.tenantId, clientOrgId, departmentIds)
    : await repo.folders(actor.tenantId, clientOrgId, departmentIds)
  return {
    folders,
    byId: new Map(folders.map((f) => [f.id, f])),
    shared: visibilityOf(folders),
    departments,
  }
}
