import type { AccessLevel } from '../client-users/client-users.catalog.ts'

/**
 * Who is acting on a folder: the office's staff (documents:manage, any company of the tenant) or a
 * client user with their access level in the folder's department (seed 004, step 5):
 *   Revisor      lists, views and downloads;
 *   Contribuinte also creates folders, uploads documents, sends new versions of and deletes the
 *                documents they published, and deletes a folder they created while all it holds
 *                is theirs too;
 *   Proprietário everything on the department's folders: rename, move, delete anything, subfolders.
 * Staff alone share folders. The department's own (system) folder is never renamed or deleted.
 * Moving a document needs, on the source, the right to delete it and, on the target folder, a level
 * that adds documents (it sends no file: the portal permission below is not needed). The trash
 * (Lixeira) shows staff and a Proprietário every deleted item, a Contribuinte what they deleted or
 * published, a Revisor nothing. Staff and a Proprietário restore what they see; a Contribuinte only
 * what they deleted themselves (a deletion by a Proprietário or the office is not theirs to undo).
 * Sending files (new documents and new versions) also needs the client user's portal permission
 * "Envia documentos ao escritório" (`documents:upload`, seed 004 "Permissões"), whatever the level.
 */
export type FolderAccess =
  | { kind: 'staff' }
  | { kind: 'client'; level: AccessLevel; clientUserId: string; canSendDocuments: boolean }

/** The portal permission that lets a client user send files to the office. */
export const UPLOAD_PERMISSION = 'documents:upload'

export type FolderCapabilities = {
  upload: boolean
  createFolder: boolean
  rename: boolean
  delete: boolean
  /** Into another folder of the same department, with everything in it. */
  move: boolean
  share: boolean
}
export type DocumentCapabilities = { newVersion: boolean; rename: boolean; delete: boolean }

const writes = (a: FolderAccess) => a.kind === 'staff' || a.level !== 'revisor'
const owns = (a: FolderAccess) => a.kind === 'staff' || a.level === 'proprietario'
/** A Contribuinte's own folder (deleted only while everything in it is theirs too, checked on delete). */
const madeIt = (a: FolderAccess, f: { createdByClientUserId: string | null }) =>
  a.kind === 'client' && a.level === 'contribuinte' && f.createdByClientUserId === a.clientUserId
export const sendsDocuments = (a: FolderAccess) => a.kind === 'staff' || a.canSendDocuments

export function folderCapabilities(
  access: FolderAccess,
  folder: { isSystem: boolean; createdByClientUserId: string | null },
): FolderCapabilities {
  return {
    upload: writes(access) && sendsDocuments(access),
    createFolder: writes(access),
    rename: owns(access) && !folder.isSystem,
    delete: (owns(access) || madeIt(access, folder)) && !folder.isSystem,
    move: owns(access) && !folder.isSystem,
    share: access.kind === 'staff' && !folder.isSystem,
  }
}

export function documentCapabilities(
  access: FolderAccess,
  doc: { createdByClientUserId: string | null },
): DocumentCapabilities {
  const mine = access.kind === 'client' && doc.createdByClientUserId === access.clientUserId
  const ownsIt = owns(access) || (mine && access.level === 'contribuinte')
  return { newVersion: ownsIt && sendsDocuments(access), rename: owns(access), delete: ownsIt }
}

/** Receives documents moved from another folder: Contribuinte, Proprietário, staff. */
export const addsDocuments = (a: FolderAccess) => writes(a)

/**
 * Sees a deleted item in the trash. `userId` is the acting account (deleted_by_user_id holds
 * accounts); `createdByClientUserId` the client user who published the document or made the folder.
 */
export function seesInTrash(
  access: FolderAccess,
  userId: string,
  item: { deletedByUserId: string | null; createdByClientUserId: string | null },
): boolean {
  if (owns(access)) return true
  if (access.kind === 'staff' || access.level !== 'contribuinte') return false
  return item.deletedByUserId === userId || item.createdByClientUserId === access.clientUserId
}

/**
 * Restores a deleted item: staff and a Proprietário anything they see; a Contribuinte only what they
 * deleted themselves — their document deleted by a Proprietário stays in the trash for them to see,
 * not to bring back over the Proprietário's decision.
 */
export function restoresFromTrash(
  access: FolderAccess,
  userId: string,
  item: { deletedByUserId: string | null },
): boolean {
  if (owns(access)) return true
  return access.kind === 'client' && access.level === 'contribuinte' && item.deletedByUserId === userId
}
