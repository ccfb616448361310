import type { Actor } from '../../platform/actor.ts'
import { recordAudit, recordAuditMany } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { type FolderCapabilities, folderCapabilities } from './documents.access.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { notifyOpened } from './documents.notify.ts'
import { enqueueTrashPurge } from './documents.queue.ts'
import { documentsRepository, type FolderRow } from './documents.repository.ts'
import type {
  CreateFolderBody,
  CreateRootFolderBody,
  TreeFolder,
  UpdateFolderBody,
} from './documents.schemas.ts'
import {
  type DocumentsDeps,
  loadFolder,
  MAX_FOLDER_DEPTH,
  pathOf,
  refuse,
  visibilityOf,
} from './documents.service.ts'
import { descendantsOf, purgeDateOf } from './documents.trash.ts'

// Creating, renaming, sharing and deleting folders.

export function folderDto(f: FolderRow, visible: boolean, documentCount = 0) {
  return {
    id: f.id,
    parentId: f.parentId,
    departmentId: f.departmentId,
    name: f.name,
    isSystem: f.isSystem,
    isShared: f.isShared,
    isVisibleToClients: visible,
    documentCount,
  }
}

async function insertFolderOrConflict(
  tx: Db,
  values: Parameters<ReturnType<typeof documentsRepository>['insertFolder']>[0],
) {
  try {
    return await documentsRepository(tx).insertFolder(values)
  } catch (err) {
    if (isUniqueViolation(err, 'document_folders_name_key'))
      throw E.FOLDER_NAME_TAKEN({ fields: { name: 'Já existe uma pasta com este nome aqui.' } })
    throw err
  }
}

function creator(actor: Actor) {
  return actor.kind === 'staff'
    ? { createdByStaffUserId: actor.userId, createdByName: actor.name }
    : { createdByClientUserId: actor.clientUserId, createdByName: actor.name }
}

/** Staff: a new top-level folder in a department of a company (unshared unless `share`). */
export async function createRootFolder(
  deps: DocumentsDeps,
  actor: Actor,
  clientOrgId: string,
  body: CreateRootFolderBody,
): Promise<TreeFolder> {
  const repo = documentsRepository(deps.db)
  const org = await repo.org(actor.tenantId, clientOrgId)
  if (!org) throw E.CLIENT_ORG_NOT_FOUND()
  const department = await repo.department(actor.tenantId, body.departmentId)
  if (!department) throw E.DEPARTMENT_NOT_FOUND({ fields: { departmentId: 'Departamento inexistente.' } })
  // The department's own folder comes first, so a manual folder never takes its name.
  if (department.isDefault) await repo.ensureSystemFolders(actor.tenantId, org.id, [department])
  return deps.db.transaction(async (tx) => {
    const row = await insertFolderOrConflict(tx, {
      tenantId: actor.tenantId,
      clientOrgId: org.id,
      departmentId: department.id,
      name: body.name,
      isShared: body.share,
      ...creator(actor),
    })
    await recordAudit(tx, actor, {
      entity: 'document_folder',
      entityId: row.id,
      action: 'create',
      after: { name: row.name, clientOrgId: org.id, department: department.name, isShared: row.isShared },
    })
    return folderDto(row, row.isShared)
  })
}

/** A subfolder. Folders made in the portal are shared at once (they are made in the shared area). */
export async function createFolder(
  deps: DocumentsDeps,
  actor: Actor,
  parentId: string,
  body: CreateFolderBody,
): Promise<TreeFolder> {
  const { folder: parent, tree, visible, access } = await loadFolder(deps.db, actor, parentId)
  if (!folderCapabilities(access, parent).createFolder) refuse(access, 'write')
  if (pathOf(parent, tree).length >= MAX_FOLDER_DEPTH) throw E.FOLDER_TOO_DEEP()
  const isShared = access.kind === 'client' ? true : (body.share ?? false)
  return deps.db.transaction(async (tx) => {
    // Locks the parent against a concurrent delete: no live folder under one in the bin.
    const locked = await documentsRepository(tx).folder(actor.tenantId, parent.id, true)
    if (!locked || locked.deletedAt) throw E.FOLDER_NOT_FOUND()
    const row = await insertFolderOrConflict(tx, {
      tenantId: actor.tenantId,
      clientOrgId: parent.clientOrgId,
      departmentId: parent.departmentId,
      parentId: parent.id,
      name: body.name,
      isShared,
      ...creator(actor),
    })
    await recordAudit(tx, actor, {
      entity: 'document_folder',
      entityId: row.id,
      action: 'create',
      after: { name: row.name, parentId: parent.id, clientOrgId: parent.clientOrgId, isShared },
    })
    return folderDto(row, isShared && (visible.get(parent.id) ?? false))
  })
}

export async function updateFolder(
  deps: DocumentsDeps,
  actor: Actor,
  folderId: string,
  body: UpdateFolderBody,
): Promise<TreeFolder> {
  const { folder, access, tree } = await loadFolder(deps.db, actor, folderId)
  const can: FolderCapabilities = folderCapabilities(access, folder)
  if (folder.isSystem) throw E.FOLDER_SYSTEM()
  if (body.name !== undefined && !can.rename) refuse(access, 'owner')
  if (body.isShared !== undefined && !can.share) refuse(access, 'staff')
  return deps.db.transaction(async (tx) => {
    const repo = documentsRepository(tx)
    const values: { name?: string; isShared?: boolean } = {}
    if (body.name !== undefined) values.name = body.name
    if (body.isShared !== undefined) values.isShared = body.isShared
    let row: FolderRow
    try {
      row = await repo.updateFolder(actor.tenantId, folder.id, values)
    } catch (err) {
      if (isUniqueViolation(err, 'document_folders_name_key'))
        throw E.FOLDER_NAME_TAKEN({ fields: { name: 'Já existe uma pasta com este nome aqui.' } })
      throw err
    }
    const action =
      body.name !== undefined && body.isShared !== undefined
        ? 'update'
        : body.name !== undefined
          ? 'rename'
          : body.isShared
            ? 'share'
            : 'unshare'
    await recordAudit(tx, actor, {
      entity: 'document_folder',
      entityId: folder.id,
      action,
      before: { name: folder.name, isShared: folder.isShared },
      after: { name: row.name, isShared: row.isShared },
    })
    const updated = tree.map((f) => (f.id === row.id ? row : f))
    // Shared: the documents it (and its shared subfolders) already held reach the portal now.
    await notifyOpened(tx, deps.appUrl, actor, row, { before: tree, after: updated })
    const visible = visibilityOf(updated)
    return folderDto(row, visible.get(row.id) ?? false)
  })
}

/**
 * To the trash, with everything in it: the folder, its subfolders and their documents get the same
 * `deleted_at` (restored together) and one purge is queued for 30 days later. A client user
 * (Proprietário) cannot delete a folder holding office folders they do not see (not shared); a
 * Contribuinte deletes a folder they created, and only while every subfolder and document in it is
 * theirs too.
 */
export async function deleteFolder(deps: DocumentsDeps, actor: Actor, folderId: string) {
  const { folder, access, tree, visible } = await loadFolder(deps.db, actor, folderId)
  if (folder.isSystem) throw E.FOLDER_SYSTEM()
  if (!folderCapabilities(access, folder).delete) refuse(access, 'owner')
  if (access.kind === 'client' && descendantsOf(folder.id, tree).some((f) => !visible.get(f.id)))
    throw E.FOLDER_HAS_HIDDEN_CONTENT()
  return deps.db.transaction(async (tx) => {
    const repo = documentsRepository(tx)
    const locked = await repo.folder(actor.tenantId, folder.id, true)
    if (!locked || locked.deletedAt) throw E.FOLDER_NOT_FOUND()
    // Read again under the lock: what is inside now is what goes to the trash.
    const live = await repo.folders(actor.tenantId, folder.clientOrgId, [folder.departmentId])
    const below = descendantsOf(folder.id, live)
    if (access.kind === 'client') {
      const shown = visibilityOf(live)
      if (below.some((f) => !shown.get(f.id))) throw E.FOLDER_HAS_HIDDEN_CONTENT()
    }
    const folderIds = [folder.id, ...below.map((f) => f.id)]
    const docs = await repo.documentsOf(actor.tenantId, folderIds, false)
    // A Contribuinte deletes their own folder only with nothing of anyone else's in it.
    if (access.kind === 'client' && access.level === 'contribuinte') {
      const mine = (x: { createdByClientUserId: string | null }) =>
        x.createdByClientUserId === access.clientUserId
      if (!below.every(mine) || !docs.every(mine)) throw E.FOLDER_HAS_OTHERS_CONTENT()
    }
    const deletion = { deletedAt: new Date(), deletedByUserId: actor.userId, deletedByName: actor.name }
    await repo.setFoldersDeleted(actor.tenantId, folderIds, deletion)
    await repo.setDocumentsDeleted(
      actor.tenantId,
      docs.map((d) => d.id),
      deletion,
    )
    await recordAudit(tx, actor, {
      entity: 'document_folder',
      entityId: folder.id,
      action: 'delete',
      before: {
        name: folder.name,
        parentId: folder.parentId,
        clientOrgId: folder.clientOrgId,
        folders: below.map((f) => f.name),
        documents: docs.map((d) => d.name),
      },
    })
    // Each subfolder and document that went with it has the deletion in its own history too.
    await recordAuditMany(tx, actor, [
      ...below.map((f) => ({
        entity: 'document_folder',
        entityId: f.id,
        action: 'delete',
        before: { name: f.name, parentId: f.parentId, clientOrgId: f.clientOrgId },
        after: { withFolderId: folder.id, withFolderName: folder.name },
      })),
      ...docs.map((d) => ({
        entity: 'document',
        entityId: d.id,
        action: 'delete',
        before: { name: d.name, folderId: d.folderId, clientOrgId: folder.clientOrgId },
        after: { withFolderId: folder.id, withFolderName: folder.name },
      })),
    ])
    await enqueueTrashPurge(
      tx,
      { tenantId: actor.tenantId, kind: 'folder', id: folder.id },
      purgeDateOf(deletion.deletedAt),
    )
    return { id: folder.id, deletedAt: deletion.deletedAt.toISOString() }
  })
}
