import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { addsDocuments, documentCapabilities, folderCapabilities } from './documents.access.ts'
import { loadDocument } from './documents.content.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { notifyOpened } from './documents.notify.ts'
import { folderDto } from './documents.folders.ts'
import { documentsRepository, type FolderRow } from './documents.repository.ts'
import type { DocumentSummary, TreeFolder } from './documents.schemas.ts'
import {
  type DocumentsDeps,
  folderPath,
  loadFolder,
  MAX_FOLDER_DEPTH,
  pathOf,
  refuse,
  toSummary,
  visibilityOf,
} from './documents.service.ts'
import { descendantsOf } from './documents.trash.ts'

/**
 * "Mover": a document to another folder of the same company, with its versions and history. Needs
 * the right to delete it where it is (a Contribuinte: only what they published) and to add documents
 * where it goes (Contribuinte or Proprietário); staff always. A folder of another company answers 404
 * like a missing one. A move is no publication: it notifies nobody. Audited with both folders.
 */
export async function moveDocument(
  deps: DocumentsDeps,
  actor: Actor,
  documentId: string,
  targetFolderId: string,
): Promise<DocumentSummary> {
  const source = await loadDocument(deps.db, actor, documentId)
  const { doc } = source
  if (!documentCapabilities(source.access, doc).delete) refuse(source.access, 'publisher')
  const target = await loadFolder(deps.db, actor, targetFolderId)
  if (target.folder.clientOrgId !== doc.clientOrgId) throw E.FOLDER_NOT_FOUND()
  if (!addsDocuments(target.access)) refuse(target.access, 'write')
  if (target.folder.id === doc.folderId) throw E.MOVE_SAME_FOLDER()
  const repo = documentsRepository(deps.db)
  if (await repo.documentByName(actor.tenantId, target.folder.id, doc.name)) throw E.MOVE_NAME_TAKEN()
  const fromPath = pathOf(source.folder, source.tree)
    .map((p) => p.name)
    .join(' / ')
  const toPath = pathOf(target.folder, target.tree)
    .map((p) => p.name)
    .join(' / ')
  return deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    const lockedTarget = await r.folder(actor.tenantId, target.folder.id, true)
    if (!lockedTarget || lockedTarget.deletedAt) throw E.FOLDER_NOT_FOUND()
    const locked = await r.document(actor.tenantId, doc.id, true)
    if (!locked || locked.deletedAt || locked.folderId !== doc.folderId) throw E.DOCUMENT_NOT_FOUND()
    let moved: typeof locked
    try {
      moved = await r.updateDocument(actor.tenantId, doc.id, { folderId: target.folder.id })
    } catch (err) {
      if (isUniqueViolation(err, 'documents_name_key')) throw E.MOVE_NAME_TAKEN()
      throw err
    }
    const current = (await r.version(actor.tenantId, doc.id, moved.currentVersion))!
    await recordAudit(tx, actor, {
      entity: 'document',
      entityId: doc.id,
      action: 'move',
      before: { folderId: doc.folderId, folder: fromPath },
      after: { folderId: target.folder.id, folder: toPath, name: moved.name, clientOrgId: doc.clientOrgId },
    })
    return toSummary(target.access, moved, current)
  })
}

/** Levels below `root` (0: no subfolders). */
function heightOf(rootId: string, tree: FolderRow[]): number {
  let height = 0
  let level = [rootId]
  while (level.length && height <= MAX_FOLDER_DEPTH) {
    const ids = new Set(level)
    level = tree.filter((f) => f.parentId !== null && ids.has(f.parentId)).map((f) => f.id)
    if (level.length) height++
  }
  return height
}

/**
 * "Mover" a folder, with its subfolders and documents, into another folder of the same company and
 * department (a folder's department is its whole subtree's: people keep their level on what moves).
 * Staff and a Proprietário, never the department's own folder; not into itself or below it, not past
 * the depth limit, not onto a sibling's name. Both folders are locked in id order (two opposite moves
 * cannot deadlock) and the checks run again on the tree read under the locks. What staff move out of
 * an unshared folder into one clients see reaches the portal now, announced like a share. Audited.
 */
export async function moveFolder(
  deps: DocumentsDeps,
  actor: Actor,
  folderId: string,
  targetFolderId: string,
): Promise<TreeFolder> {
  const source = await loadFolder(deps.db, actor, folderId)
  const { folder } = source
  if (folder.isSystem) throw E.FOLDER_SYSTEM_MOVE()
  if (!folderCapabilities(source.access, folder).move) refuse(source.access, 'owner')
  const target = await loadFolder(deps.db, actor, targetFolderId)
  if (target.folder.clientOrgId !== folder.clientOrgId) throw E.FOLDER_NOT_FOUND()
  if (target.folder.departmentId !== folder.departmentId) throw E.MOVE_OTHER_DEPARTMENT()
  if (!folderCapabilities(target.access, target.folder).createFolder) refuse(target.access, 'write')

  return deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    const [first, second] = [folder.id, target.folder.id].sort()
    const lockedFirst = await r.folder(actor.tenantId, first, true)
    const lockedSecond = first === second ? lockedFirst : await r.folder(actor.tenantId, second, true)
    if (!lockedFirst || lockedFirst.deletedAt || !lockedSecond || lockedSecond.deletedAt)
      throw E.FOLDER_NOT_FOUND()
    // The tree as it is now, under the locks: another move may have changed it.
    const tree = await r.folders(actor.tenantId, folder.clientOrgId, [folder.departmentId])
    const moving = tree.find((f) => f.id === folder.id)
    const into = tree.find((f) => f.id === target.folder.id)
    if (!moving || !into) throw E.FOLDER_NOT_FOUND()
    if (into.id === moving.id || descendantsOf(moving.id, tree).some((f) => f.id === into.id))
      throw E.MOVE_INTO_ITSELF()
    if (moving.parentId === into.id) throw E.MOVE_FOLDER_SAME_PLACE()
    if (pathOf(into, tree).length + 1 + heightOf(moving.id, tree) > MAX_FOLDER_DEPTH)
      throw E.FOLDER_TOO_DEEP({
        message: `Lá, a pasta e as suas subpastas passariam do limite de ${MAX_FOLDER_DEPTH} níveis.`,
      })
    let moved: FolderRow
    try {
      moved = await r.updateFolder(actor.tenantId, moving.id, { parentId: into.id })
    } catch (err) {
      if (isUniqueViolation(err, 'document_folders_name_key')) throw E.MOVE_FOLDER_NAME_TAKEN()
      throw err
    }
    const updated = tree.map((f) => (f.id === moved.id ? moved : f))
    await recordAudit(tx, actor, {
      entity: 'document_folder',
      entityId: moving.id,
      action: 'move',
      before: { parentId: moving.parentId, folder: folderPath(moving, tree) },
      after: { parentId: into.id, folder: folderPath(moved, updated), clientOrgId: moving.clientOrgId },
    })
    // Out of an unshared folder into the shared area: its documents reach the portal now.
    await notifyOpened(tx, deps.appUrl, actor, moved, { before: tree, after: updated })
    const counts = await r.documentCounts(actor.tenantId, [moved.id])
    return folderDto(moved, visibilityOf(updated).get(moved.id) ?? false, counts.get(moved.id) ?? 0)
  })
}
