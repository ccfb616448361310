import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { type FolderAccess, restoresFromTrash, seesInTrash } from './documents.access.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { type DocumentRow, documentsRepository, type FolderRow } from './documents.repository.ts'
import type { Restored, Trash, TrashItem } from './documents.schemas.ts'
import { companyScope, type Scope } from './documents.scope.ts'
import { type DocumentsDeps, refuse } from './documents.service.ts'

// The trash (Lixeira): what was deleted in a company, who deleted it, and restoring it.

/** Days a deleted document or folder stays in the trash before it is deleted for good. */
export const TRASH_RETENTION_DAYS = 30
const DAY_MS = 86_400_000
/** How many items a trash listing shows at most (the newest deletions first). */
const MAX_TRASH_ITEMS = 2000

export const purgeDateOf = (deletedAt: Date) => new Date(deletedAt.getTime() + TRASH_RETENTION_DAYS * DAY_MS)

const NOT_DELETED = { deletedAt: null, deletedByUserId: null, deletedByName: null }

/** Deleted in the same operation: a folder and what went to the trash with it share `deleted_at`. */
export const sameDeletion = (a: { deletedAt: Date | null }, b: { deletedAt: Date | null }) =>
  a.deletedAt !== null && b.deletedAt !== null && a.deletedAt.getTime() === b.deletedAt.getTime()

/** Every folder below `rootId` (any depth), from a company's folder list. */
export function descendantsOf(rootId: string, folders: FolderRow[]): FolderRow[] {
  const out: FolderRow[] = []
  let level = [rootId]
  for (let depth = 0; level.length > 0 && depth < 32; depth++) {
    const ids = new Set(level)
    const next = folders.filter((f) => f.parentId !== null && ids.has(f.parentId))
    out.push(...next)
    level = next.map((f) => f.id)
  }
  return out
}

/** The subfolders and documents that went to the trash together with `root` (restored with it). */
export function deletedWith(root: FolderRow, folders: FolderRow[], docs: DocumentRow[]) {
  const included: FolderRow[] = []
  let level = [root]
  for (let depth = 0; level.length > 0 && depth < 32; depth++) {
    const ids = new Set(level.map((f) => f.id))
    const next = folders.filter((f) => f.parentId !== null && ids.has(f.parentId) && sameDeletion(f, root))
    included.push(...next)
    level = next
  }
  const folderIds = new Set([root.id, ...included.map((f) => f.id)])
  return {
    folders: included,
    documents: docs.filter((d) => folderIds.has(d.folderId) && sameDeletion(d, root)),
  }
}

function pathNames(folder: FolderRow, byId: Map<string, FolderRow>): string {
  const names: string[] = []
  let cur: FolderRow | undefined = folder
  while (cur && names.length < 32) {
    names.unshift(cur.name)
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  }
  return names.join(' / ')
}

const seenIn = (scope: Scope, access: FolderAccess, folderId: string) =>
  access.kind === 'staff' || scope.shared.get(folderId) === true

function itemOf(
  kind: 'document' | 'folder',
  row: DocumentRow | FolderRow,
  where: FolderRow | undefined,
  scope: Scope,
  departmentName: string,
  contentCount: number,
  canRestore: boolean,
): TrashItem {
  const deletedAt = row.deletedAt as Date
  return {
    kind,
    id: row.id,
    name: row.name,
    departmentId: where?.departmentId ?? (row as FolderRow).departmentId,
    departmentName,
    location: where ? pathNames(where, scope.byId) : departmentName,
    parentFolderId: where?.id ?? null,
    isParentInTrash: where?.deletedAt != null,
    contentCount,
    deletedAt: deletedAt.toISOString(),
    deletedByName: row.deletedByName,
    purgeAt: purgeDateOf(deletedAt).toISOString(),
    canRestore,
  }
}

/**
 * What was deleted in a company, newest first: staff see everything; a client user (company in use)
 * the items of their departments' folders they could see, as their level allows (Proprietário all,
 * Contribuinte what they deleted or published — restoring only what they deleted —, Revisor nothing). What went to the trash with a folder
 * is not listed apart: it comes back with the folder (`contentCount`).
 */
export async function listTrash(
  deps: DocumentsDeps,
  actor: Actor,
  clientOrgId: string | null,
): Promise<Trash> {
  const repo = documentsRepository(deps.db)
  const empty = { retentionDays: TRASH_RETENTION_DAYS, items: [] }
  if (actor.kind === 'staff') {
    if (!clientOrgId || !(await repo.org(actor.tenantId, clientOrgId))) throw E.CLIENT_ORG_NOT_FOUND()
  }
  const orgId = actor.kind === 'staff' ? clientOrgId : actor.clientOrgId
  const scope = orgId ? await companyScope(deps.db, actor, orgId, { withDeleted: true }) : null
  if (!scope) return empty
  const docs = await repo.documentsOf(
    actor.tenantId,
    scope.folders.map((f) => f.id),
    true,
    MAX_TRASH_ITEMS,
  )
  const items: TrashItem[] = []
  for (const f of scope.folders) {
    if (!f.deletedAt) continue
    const parent = f.parentId ? scope.byId.get(f.parentId) : undefined
    if (parent && sameDeletion(parent, f)) continue
    const dep = scope.departments.get(f.departmentId)
    if (!dep || !seenIn(scope, dep.access, f.id) || !seesInTrash(dep.access, actor.userId, f)) continue
    const content = deletedWith(f, scope.folders, docs)
    const count = content.folders.length + content.documents.length
    items.push(
      itemOf('folder', f, parent, scope, dep.name, count, restoresFromTrash(dep.access, actor.userId, f)),
    )
  }
  for (const d of docs) {
    const folder = scope.byId.get(d.folderId)
    if (!folder || sameDeletion(folder, d)) continue
    const dep = scope.departments.get(folder.departmentId)
    if (!dep || !seenIn(scope, dep.access, folder.id) || !seesInTrash(dep.access, actor.userId, d)) continue
    items.push(
      itemOf('document', d, folder, scope, dep.name, 0, restoresFromTrash(dep.access, actor.userId, d)),
    )
  }
  items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || a.name.localeCompare(b.name, 'pt-BR'))
  return { retentionDays: TRASH_RETENTION_DAYS, items: items.slice(0, MAX_TRASH_ITEMS) }
}

/**
 * The actor's access to a folder of the trash (itself deleted or not): 404 (`NOT_IN_TRASH`) for
 * what they could not see — another tenant's or company's, a department they are not in, a folder
 * never shared with clients.
 */
async function trashAccess(db: Db, actor: Actor, folderId: string) {
  const folder = await documentsRepository(db).folder(actor.tenantId, folderId)
  if (!folder) throw E.NOT_IN_TRASH()
  const scope = await companyScope(db, actor, folder.clientOrgId, { withDeleted: true })
  const dep = scope?.departments.get(folder.departmentId)
  if (!scope || !dep || !seenIn(scope, dep.access, folder.id)) throw E.NOT_IN_TRASH()
  return { folder, access: dep.access }
}

/**
 * Refuses a restore the level does not allow: a Contribuinte who sees the item (they published it)
 * but did not delete it is told who may; otherwise the level's reason.
 */
function refuseRestore(
  access: FolderAccess,
  actor: Actor,
  item: { deletedByUserId: string | null; createdByClientUserId: string | null },
) {
  if (restoresFromTrash(access, actor.userId, item)) return
  if (seesInTrash(access, actor.userId, item)) throw E.RESTORE_NOT_DELETER()
  refuse(access, 'publisher')
}

/** A deleted document goes back to its folder; refused while that folder is in the trash too. */
export async function restoreDocument(
  deps: DocumentsDeps,
  actor: Actor,
  documentId: string,
): Promise<Restored> {
  const repo = documentsRepository(deps.db)
  const doc = await repo.document(actor.tenantId, documentId)
  if (!doc?.deletedAt) throw E.NOT_IN_TRASH()
  const { folder, access } = await trashAccess(deps.db, actor, doc.folderId)
  refuseRestore(access, actor, doc)
  const folderInTrash = () =>
    E.PARENT_IN_TRASH({
      message: `A pasta "${folder.name}", onde este documento estava, também está na lixeira: restaure a pasta primeiro.`,
    })
  if (folder.deletedAt) throw folderInTrash()
  if (await repo.documentByName(actor.tenantId, folder.id, doc.name)) throw E.RESTORE_DOCUMENT_NAME_TAKEN()
  return deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    const lockedFolder = await r.folder(actor.tenantId, folder.id, true)
    if (!lockedFolder || lockedFolder.deletedAt) throw folderInTrash()
    const locked = await r.document(actor.tenantId, doc.id, true)
    if (!locked?.deletedAt) throw E.NOT_IN_TRASH()
    try {
      await r.setDocumentsDeleted(actor.tenantId, [doc.id], NOT_DELETED)
    } catch (err) {
      if (isUniqueViolation(err, 'documents_name_key')) throw E.RESTORE_DOCUMENT_NAME_TAKEN()
      throw err
    }
    await recordAudit(tx, actor, {
      entity: 'document',
      entityId: doc.id,
      action: 'restore',
      before: { deletedAt: locked.deletedAt, deletedBy: locked.deletedByName },
      after: { name: locked.name, folderId: folder.id, clientOrgId: folder.clientOrgId },
    })
    return { kind: 'document', id: doc.id, name: locked.name, folderId: folder.id, contentCount: 0 }
  })
}

/**
 * A deleted folder comes back where it was, with the subfolders and documents deleted together with
 * it (same `deleted_at`); what was deleted inside it before stays in the trash, to restore one by one.
 * Refused while the folder above is in the trash too.
 */
export async function restoreFolder(deps: DocumentsDeps, actor: Actor, folderId: string): Promise<Restored> {
  const { folder, access } = await trashAccess(deps.db, actor, folderId)
  if (!folder.deletedAt) throw E.NOT_IN_TRASH()
  refuseRestore(access, actor, folder)
  const repo = documentsRepository(deps.db)
  const parent = folder.parentId ? await repo.folder(actor.tenantId, folder.parentId) : null
  const parentInTrash = () =>
    E.PARENT_IN_TRASH({
      message: `A pasta "${parent?.name ?? ''}", onde esta pasta estava, também está na lixeira: restaure-a primeiro.`,
    })
  if (parent?.deletedAt) throw parentInTrash()
  return deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    if (parent) {
      const lockedParent = await r.folder(actor.tenantId, parent.id, true)
      if (!lockedParent || lockedParent.deletedAt) throw parentInTrash()
    }
    const locked = await r.folder(actor.tenantId, folder.id, true)
    if (!locked?.deletedAt || !sameDeletion(locked, folder)) throw E.NOT_IN_TRASH()
    const all = await r.allFolders(actor.tenantId, folder.clientOrgId, [folder.departmentId])
    const below = descendantsOf(folder.id, all)
    const docs = await r.documentsOf(actor.tenantId, [folder.id, ...below.map((f) => f.id)], true)
    const content = deletedWith(locked, all, docs)
    try {
      await r.setFoldersDeleted(actor.tenantId, [folder.id, ...content.folders.map((f) => f.id)], NOT_DELETED)
    } catch (err) {
      if (isUniqueViolation(err, 'document_folders_name_key')) throw E.RESTORE_FOLDER_NAME_TAKEN()
      throw err
    }
    await r.setDocumentsDeleted(
      actor.tenantId,
      content.documents.map((d) => d.id),
      NOT_DELETED,
    )
    await recordAudit(tx, actor, {
      entity: 'document_folder',
      entityId: folder.id,
      action: 'restore',
      before: { deletedAt: locked.deletedAt, deletedBy: locked.deletedByName },
      after: {
        name: locked.name,
        parentId: locked.parentId,
        clientOrgId: locked.clientOrgId,
        folders: content.folders.map((f) => f.name),
        documents: content.documents.map((d) => d.name),
      },
    })
    return {
      kind: 'folder',
      id: folder.id,
      name: locked.name,
      folderId: folder.id,
      contentCount: content.folders.length + content.documents.length,
    }
  })
}
