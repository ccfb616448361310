import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { addsDocuments, documentCapabilities } from './documents.access.ts'
import { loadDocument } from './documents.content.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { documentsRepository } from './documents.repository.ts'
import type { DocumentSummary } from './documents.schemas.ts'
import { type DocumentsDeps, loadFolder, pathOf, refuse, toSummary } from './documents.service.ts'

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
