import { systemActor } from '../../platform/actor.ts'
import { recordAudit, recordAuditMany } from '../../platform/audit/audit.ts'
import { type PurgePayload, enqueueTrashPurge } from './documents.queue.ts'
import { type DocumentRow, documentsRepository } from './documents.repository.ts'
import type { DocumentsDeps } from './documents.service.ts'
import { descendantsOf, purgeDateOf, TRASH_RETENTION_DAYS } from './documents.trash.ts'

const DAY_MS = 86_400_000

/**
 * The end of an item's time in the trash (job `documents.purge`, queued at the deletion for 30 days
 * later). Looked at again when it runs: restored → nothing; deleted again since → queued for the new
 * date. Otherwise the rows go for good — a document with its versions, a folder with everything
 * below it (all in the trash by then) — in one transaction with an audit entry per item, and the
 * stored files are deleted from the storage after the commit.
 */
export async function purgeTrashed(deps: DocumentsDeps, p: PurgePayload, now = new Date()): Promise<boolean> {
  const actor = systemActor(p.tenantId, 'Lixeira (exclusão definitiva)')
  const keys = await deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    if (p.kind === 'document') {
      const doc = await r.document(p.tenantId, p.id, true)
      if (!doc?.deletedAt) return null
      const due = purgeDateOf(doc.deletedAt)
      if (due > now) {
        await enqueueTrashPurge(tx, p, due)
        return null
      }
      const keys = await r.purgeDocuments(p.tenantId, [doc.id])
      await recordAudit(tx, actor, documentPurged(doc, { versions: keys.length }))
      return keys
    }
    const folder = await r.folder(p.tenantId, p.id, true)
    if (!folder?.deletedAt) return null
    const due = purgeDateOf(folder.deletedAt)
    if (due > now) {
      await enqueueTrashPurge(tx, p, due)
      return null
    }
    const all = await r.allFolders(p.tenantId, folder.clientOrgId, [folder.departmentId])
    const below = descendantsOf(folder.id, all)
    const ids = [folder.id, ...below.map((f) => f.id)]
    // Never the case (nothing is added to a folder in the trash); if it were, look again a day later.
    if (below.some((f) => !f.deletedAt) || (await r.documentsOf(p.tenantId, ids, false)).length > 0) {
      await enqueueTrashPurge(tx, p, new Date(now.getTime() + DAY_MS))
      return null
    }
    const docs = await r.documentsOf(p.tenantId, ids, true)
    const keys = await r.purgeDocuments(
      p.tenantId,
      docs.map((d) => d.id),
    )
    await r.purgeFolders(p.tenantId, ids)
    await recordAuditMany(tx, actor, [
      ...[folder, ...below].map((f) => ({
        entity: 'document_folder',
        entityId: f.id,
        action: 'purge',
        before: {
          name: f.name,
          parentId: f.parentId,
          clientOrgId: f.clientOrgId,
          deletedAt: f.deletedAt,
          deletedBy: f.deletedByName,
        },
        after: { retentionDays: TRASH_RETENTION_DAYS },
      })),
      ...docs.map((d) => documentPurged(d)),
    ])
    return keys
  })
  // After the commit: a failed delete leaves an orphan file, never a row pointing at nothing.
  for (const key of keys ?? []) await deps.storage.delete(key).catch(() => {})
  return keys !== null
}

/** The audit entry of a document deleted for good (with how many stored versions went, when known). */
function documentPurged(doc: DocumentRow, extra: { versions?: number } = {}) {
  return {
    entity: 'document',
    entityId: doc.id,
    action: 'purge',
    before: {
      name: doc.name,
      folderId: doc.folderId,
      clientOrgId: doc.clientOrgId,
      deletedAt: doc.deletedAt,
      deletedBy: doc.deletedByName,
      ...extra,
    },
    after: { retentionDays: TRASH_RETENTION_DAYS },
  }
}
