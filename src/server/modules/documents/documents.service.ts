import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import type { FileStorage, VirusScanner } from '../../platform/storage/index.ts'
import { ACCESS_LEVELS, ensureDefaultDepartments } from '../client-users/index.ts'
import {
  documentCapabilities,
  type FolderAccess,
  folderCapabilities,
  sendsDocuments,
  UPLOAD_PERMISSION,
} from './documents.access.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import {
  type DocumentRow,
  documentsRepository,
  type FolderRow,
  type VersionRow,
} from './documents.repository.ts'
import type { DocumentSummary, DocumentTree, FolderView, TreeFolder } from './documents.schemas.ts'

export type DocumentsDeps = {
  db: Db
  /** For the links in the e-mails ("Novos documentos publicados"). */
  appUrl: string
  storage: FileStorage
  scanner: VirusScanner
  /** Largest accepted upload, in bytes (DOCUMENT_MAX_BYTES unless a test lowers it). */
  maxBytes: number
  /** Publications in a folder within this window make one notice (0: each its own, at once). */
  noticeDelayMs: number
  /** "Baixar tudo": the most documents and bytes one .zip holds (ZIP_LIMITS unless a test lowers them). */
  zipLimits?: { files: number; bytes: number }
}

/** Folders nest at most this deep (the department's folder is level 1). */
export const MAX_FOLDER_DEPTH = 8

export const levelLabel = (level: string | null) =>
  level ? (ACCESS_LEVELS.find((l) => l.key === level)?.label ?? level) : null

// ---- visibility ---------------------------------------------------------------------------

/** Which live folders client users see: shared, and every folder above shared too. */
export function visibilityOf(folders: FolderRow[]): Map<string, boolean> {
  const byId = new Map(folders.map((f) => [f.id, f]))
  const memo = new Map<string, boolean>()
  const visit = (f: FolderRow, depth: number): boolean => {
    const known = memo.get(f.id)
    if (known !== undefined) return known
    let visible = f.isShared && depth <= MAX_FOLDER_DEPTH + 1
    if (visible && f.parentId) {
      const parent = byId.get(f.parentId)
      visible = parent ? visit(parent, depth + 1) : false
    }
    memo.set(f.id, visible)
    return visible
  }
  for (const f of folders) visit(f, 0)
  return memo
}

/** The department's folder down to `folder` (live folders only). */
export function pathOf(folder: FolderRow, folders: FolderRow[]): { id: string; name: string }[] {
  const byId = new Map(folders.map((f) => [f.id, f]))
  const path: { id: string; name: string }[] = []
  let cur: FolderRow | undefined = folder
  while (cur && path.length <= MAX_FOLDER_DEPTH + 1) {
    path.unshift({ id: cur.id, name: cur.name })
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  }
  return path
}

/** "Fiscal / 2026 / Março": the folder's path as the portal shows it. */
export function folderPath(folder: FolderRow, tree: FolderRow[]): string {
  return pathOf(folder, tree)
    .map((p) => p.name)
    .join(' / ')
}

// ---- access -------------------------------------------------------------------------------

export type LoadedFolder = {
  folder: FolderRow
  /** Live folders of the same company and department (the folder's tree). */
  tree: FolderRow[]
  visible: Map<string, boolean>
  access: FolderAccess
  departmentName: string
}

/**
 * The folder with the actor's rights on it, or 404 for anything the actor may not see: another
 * tenant's, another company's, a department the client user is not in, an unshared or deleted folder.
 */
export async function loadFolder(db: Db, actor: Actor, folderId: string): Promise<LoadedFolder> {
  const repo = documentsRepository(db)
  const folder = await repo.folder(actor.tenantId, folderId)
  if (!folder || folder.deletedAt) throw E.FOLDER_NOT_FOUND()
  let access: FolderAccess
  let departmentName: string
  if (actor.kind === 'staff') {
    access = { kind: 'staff' }
    departmentName = (await repo.department(actor.tenantId, folder.departmentId))?.name ?? ''
  } else {
    const clientUserId = actor.clientUserId
    if (!clientUserId || !actor.clientOrgId || folder.clientOrgId !== actor.clientOrgId)
      throw E.FOLDER_NOT_FOUND()
    if (!(await repo.isLinked(actor.tenantId, clientUserId, folder.clientOrgId))) throw E.FOLDER_NOT_FOUND()
    const department = (await repo.clientDepartments(actor.tenantId, clientUserId)).find(
      (d) => d.id === folder.departmentId,
    )
    if (!department) throw E.FOLDER_NOT_FOUND()
    access = {
      kind: 'client',
      level: department.level,
      clientUserId,
      // The session's portal permissions, read from client_users.permissions on every request.
      canSendDocuments: actor.permissions.has(UPLOAD_PERMISSION),
    }
    departmentName = department.name
  }
  const tree = await repo.folders(actor.tenantId, folder.clientOrgId, [folder.departmentId])
  const visible = visibilityOf(tree)
  if (access.kind === 'client' && !visible.get(folder.id)) throw E.FOLDER_NOT_FOUND()
  return { folder, tree, visible, access, departmentName }
}

/**
 * Throws the pt-BR refusal that fits: read-only, not the publisher, owner only. Sending files
 * ('upload', 'upload_version') also names the missing portal permission, once the level is not the
 * reason already (a Revisor hears about the level).
 */
export function refuse(
  access: FolderAccess,
  need: 'write' | 'owner' | 'publisher' | 'staff' | 'upload' | 'upload_version',
): never {
  if (need === 'staff' || access.kind === 'staff') throw E.STAFF_ONLY()
  if (access.level === 'revisor') throw E.LEVEL_READ_ONLY()
  if ((need === 'upload' || need === 'upload_version') && !access.canSendDocuments)
    throw E.UPLOAD_NOT_PERMITTED()
  if (need === 'publisher' || need === 'upload_version') throw E.LEVEL_NOT_OWNER()
  throw E.LEVEL_OWNER_ONLY()
}

// ---- tree ---------------------------------------------------------------------------------

async function defaultDepartments(db: Db, tenantId: string) {
  const repo = documentsRepository(db)
  let all = await repo.departments(tenantId)
  if (!all.some((d) => d.isDefault)) {
    await ensureDefaultDepartments(db, tenantId)
    all = await repo.departments(tenantId)
  }
  return all
}

function treeFolders(
  folders: FolderRow[],
  visible: Map<string, boolean>,
  counts: Map<string, number>,
): TreeFolder[] {
  return folders.map((f) => ({
    id: f.id,
    parentId: f.parentId,
    departmentId: f.departmentId,
    name: f.name,
    isSystem: f.isSystem,
    isShared: f.isShared,
    isVisibleToClients: visible.get(f.id) ?? false,
    documentCount: counts.get(f.id) ?? 0,
  }))
}

/** Staff: every department's folders of one company, shared or not. */
export async function getCompanyTree(deps: DocumentsDeps, actor: Actor, clientOrgId: string) {
  const repo = documentsRepository(deps.db)
  const org = await repo.org(actor.tenantId, clientOrgId)
  if (!org) throw E.CLIENT_ORG_NOT_FOUND()
  const departments = await defaultDepartments(deps.db, actor.tenantId)
  await repo.ensureSystemFolders(
    actor.tenantId,
    org.id,
    departments.filter((d) => d.isDefault),
  )
  const folders = await repo.folders(actor.tenantId, org.id)
  const counts = await repo.documentCounts(
    actor.tenantId,
    folders.map((f) => f.id),
  )
  return {
    company: { id: org.id, name: org.name, document: org.document },
    departments: departments.map((d) => ({ ...d, level: null, levelLabel: null })),
    folders: treeFolders(folders, visibilityOf(folders), counts),
  } satisfies DocumentTree
}

/** Portal: the folders of the user's departments in the company in use, as the level allows. */
export async function getPortalTree(deps: DocumentsDeps, actor: Actor): Promise<DocumentTree> {
  const repo = documentsRepository(deps.db)
  const clientUserId = actor.clientUserId
  const org = actor.clientOrgId ? await repo.org(actor.tenantId, actor.clientOrgId) : null
  if (!clientUserId || !org || !(await repo.isLinked(actor.tenantId, clientUserId, org.id))) {
    return { company: null, departments: [], folders: [] }
  }
  const departments = await repo.clientDepartments(actor.tenantId, clientUserId)
  await repo.ensureSystemFolders(
    actor.tenantId,
    org.id,
    departments.filter((d) => d.isDefault),
  )
  const folders = departments.length
    ? await repo.folders(
        actor.tenantId,
        org.id,
        departments.map((d) => d.id),
      )
    : []
  const visible = visibilityOf(folders)
  const shown = folders.filter((f) => visible.get(f.id))
  const counts = await repo.documentCounts(
    actor.tenantId,
    shown.map((f) => f.id),
  )
  return {
    company: { id: org.id, name: org.name, document: org.document },
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      isDefault: d.isDefault,
      level: d.level,
      levelLabel: levelLabel(d.level),
    })),
    folders: treeFolders(shown, visible, counts),
  }
}

// ---- folders ------------------------------------------------------------------------------

export function toSummary(access: FolderAccess, doc: DocumentRow, current: VersionRow): DocumentSummary {
  return {
    id: doc.id,
    folderId: doc.folderId,
    name: doc.name,
    version: doc.currentVersion,
    sizeBytes: current.sizeBytes,
    mime: current.mime,
    updatedAt: current.createdAt.toISOString(),
    updatedByName: current.uploadedByName,
    publishedAt: doc.createdAt.toISOString(),
    publishedByName: doc.createdByName,
    isMine: access.kind === 'client' && doc.createdByClientUserId === access.clientUserId,
    can: documentCapabilities(access, doc),
  }
}

export async function getFolder(deps: DocumentsDeps, actor: Actor, folderId: string): Promise<FolderView> {
  const loaded = await loadFolder(deps.db, actor, folderId)
  const { folder, tree, visible, access } = loaded
  const repo = documentsRepository(deps.db)
  const children = tree.filter(
    (f) => f.parentId === folder.id && (access.kind === 'staff' || visible.get(f.id)),
  )
  const [counts, docs] = await Promise.all([
    repo.documentCounts(
      actor.tenantId,
      children.map((f) => f.id),
    ),
    repo.documentsIn(actor.tenantId, folder.id),
  ])
  const level = access.kind === 'client' ? access.level : null
  return {
    folder: {
      id: folder.id,
      parentId: folder.parentId,
      clientOrgId: folder.clientOrgId,
      departmentId: folder.departmentId,
      departmentName: loaded.departmentName,
      name: folder.name,
      isSystem: folder.isSystem,
      isShared: folder.isShared,
      isVisibleToClients: visible.get(folder.id) ?? false,
      createdByName: folder.createdByName,
      createdAt: folder.createdAt.toISOString(),
    },
    path: pathOf(folder, tree),
    level,
    levelLabel: levelLabel(level),
    canSendDocuments: sendsDocuments(access),
    can: folderCapabilities(access, folder),
    folders: treeFolders(children, visible, counts).map((f, i) => ({
      ...f,
      createdByName: children[i].createdByName,
      createdAt: children[i].createdAt.toISOString(),
      can: folderCapabilities(access, children[i]),
    })),
    documents: docs.map((d) => toSummary(access, d.document, d.current)),
  }
}
