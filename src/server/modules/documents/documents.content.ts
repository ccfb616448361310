import { createHash, randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { ScannerUnavailableError, StorageNotFoundError } from '../../platform/storage/index.ts'
import { documentCapabilities, folderCapabilities } from './documents.access.ts'
import { DocumentErrors as E, fileTooLarge } from './documents.errors.ts'
import { notifyPublished } from './documents.notify.ts'
import { enqueueTrashPurge } from './documents.queue.ts'
import {
  detectFileType,
  type FileType,
  fileTypeByMime,
  sanitiseFilename,
  withExtension,
} from './documents.files.ts'
import { type DocumentRow, documentsRepository } from './documents.repository.ts'
import type { DocumentDetail, DocumentSummary } from './documents.schemas.ts'
import {
  type DocumentsDeps,
  type LoadedFolder,
  loadFolder,
  pathOf,
  refuse,
  toSummary,
} from './documents.service.ts'
import { purgeDateOf } from './documents.trash.ts'

export type UploadedFile = { filename: string; bytes: Buffer }
/** Reads the request's file: called only after the access check, so a refused upload costs nothing. */
export type ReadUpload = () => Promise<UploadedFile>

type CheckedFile = { name: string; type: FileType; bytes: Buffer; sha256: string }

/** The document with its folder and the actor's rights; 404 whenever the folder would be 404. */
export async function loadDocument(
  db: Db,
  actor: Actor,
  documentId: string,
): Promise<LoadedFolder & { doc: DocumentRow }> {
  const doc = await documentsRepository(db).document(actor.tenantId, documentId)
  if (!doc || doc.deletedAt) throw E.DOCUMENT_NOT_FOUND()
  try {
    return { ...(await loadFolder(db, actor, doc.folderId)), doc }
  } catch (err) {
    if ((err as { code?: string }).code === 'FOLDER_NOT_FOUND') throw E.DOCUMENT_NOT_FOUND()
    throw err
  }
}

/** Size, type by magic bytes, a safe name, and the virus-scan hook. Infected files are audited. */
async function checkFile(
  deps: DocumentsDeps,
  actor: Actor,
  file: UploadedFile,
  where: { folderId: string },
): Promise<CheckedFile> {
  if (file.bytes.length > deps.maxBytes) throw fileTooLarge(deps.maxBytes)
  const detected = detectFileType(file.bytes, file.filename)
  if (!detected.ok) {
    if (detected.reason === 'empty') throw E.FILE_EMPTY()
    if (detected.reason === 'macro') throw E.FILE_MACRO()
    if (detected.reason === 'encrypted') throw E.FILE_ENCRYPTED()
    throw E.FILE_TYPE_NOT_ALLOWED()
  }
  const name = sanitiseFilename(file.filename, detected.type)
  const scan = await deps.scanner.scan(file.bytes).catch(async (err: unknown) => {
    if (!(err instanceof ScannerUnavailableError)) throw err
    // Never stored unscanned: the person tries again later; the reason stays in the audit log.
    await recordAudit(deps.db, actor, {
      entity: 'document',
      action: 'upload_refused',
      after: { filename: name, folderId: where.folderId, scanner: deps.scanner.name, error: err.message },
    })
    throw E.SCANNER_UNAVAILABLE()
  })
  if (!scan.clean) {
    await recordAudit(deps.db, actor, {
      entity: 'document',
      action: 'upload_refused',
      after: { filename: name, folderId: where.folderId, threat: scan.name, scanner: deps.scanner.name },
    })
    throw E.FILE_INFECTED({
      message: `O arquivo foi recusado: o antivírus encontrou uma ameaça (${scan.name}).`,
    })
  }
  return {
    name,
    type: detected.type,
    bytes: file.bytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  }
}

function uploader(actor: Actor) {
  return actor.kind === 'staff'
    ? { uploadedByStaffUserId: actor.userId, uploadedByName: actor.name }
    : { uploadedByClientUserId: actor.clientUserId, uploadedByName: actor.name }
}

/**
 * Stores the bytes first (under a key made of ids, never of the filename), then writes the rows in
 * one transaction; if the transaction fails the stored file is removed again.
 */
async function storeThen<T>(deps: DocumentsDeps, key: string, bytes: Buffer, write: () => Promise<T>) {
  await deps.storage.put(key, bytes)
  try {
    return await write()
  } catch (err) {
    await deps.storage.delete(key).catch(() => {})
    if (isUniqueViolation(err, 'documents_name_key')) throw E.DOCUMENT_NAME_TAKEN()
    throw err
  }
}

export async function uploadDocument(
  deps: DocumentsDeps,
  actor: Actor,
  folderId: string,
  read: ReadUpload,
): Promise<DocumentSummary> {
  const { folder, access, visible } = await loadFolder(deps.db, actor, folderId)
  if (!folderCapabilities(access, folder).upload) refuse(access, 'upload')
  const file = await checkFile(deps, actor, await read(), { folderId })
  const repo = documentsRepository(deps.db)
  if (await repo.documentByName(actor.tenantId, folder.id, file.name)) throw E.DOCUMENT_NAME_TAKEN()
  const documentId = randomUUID()
  const versionId = randomUUID()
  const key = `${actor.tenantId}/${documentId}/${versionId}`
  return storeThen(deps, key, file.bytes, () =>
    deps.db.transaction(async (tx) => {
      const r = documentsRepository(tx)
      // Locks the folder against a concurrent delete.
      const locked = await r.folder(actor.tenantId, folder.id, true)
      if (!locked || locked.deletedAt) throw E.FOLDER_NOT_FOUND()
      const publisher =
        actor.kind === 'staff'
          ? { createdByStaffUserId: actor.userId }
          : { createdByClientUserId: actor.clientUserId }
      const doc = await r.insertDocument({
        id: documentId,
        tenantId: actor.tenantId,
        clientOrgId: folder.clientOrgId,
        folderId: folder.id,
        name: file.name,
        currentVersion: 1,
        createdByName: actor.name,
        ...publisher,
      })
      const version = await r.insertVersion({
        id: versionId,
        tenantId: actor.tenantId,
        documentId,
        version: 1,
        storageKey: key,
        filename: file.name,
        sizeBytes: file.bytes.length,
        mime: file.type.mime,
        sha256: file.sha256,
        ...uploader(actor),
      })
      await recordAudit(tx, actor, {
        entity: 'document',
        entityId: documentId,
        action: 'upload',
        after: {
          name: file.name,
          folderId: folder.id,
          clientOrgId: folder.clientOrgId,
          version: 1,
          sizeBytes: version.sizeBytes,
          mime: version.mime,
          sha256: version.sha256,
        },
      })
      await notifyPublished(tx, deps, actor, {
        folder,
        visibleToClients: visible.get(folder.id) ?? false,
        documentId,
        name: file.name,
        version: 1,
      })
      return toSummary(access, doc, version)
    }),
  )
}

/** A new version: the document keeps its id and history; the name follows the new type's extension. */
export async function addVersion(
  deps: DocumentsDeps,
  actor: Actor,
  documentId: string,
  read: ReadUpload,
): Promise<DocumentSummary> {
  const { doc, access, folder, visible } = await loadDocument(deps.db, actor, documentId)
  if (!documentCapabilities(access, doc).newVersion) refuse(access, 'upload_version')
  const file = await checkFile(deps, actor, await read(), { folderId: folder.id })
  const versionId = randomUUID()
  const key = `${actor.tenantId}/${doc.id}/${versionId}`
  return storeThen(deps, key, file.bytes, () =>
    deps.db.transaction(async (tx) => {
      const r = documentsRepository(tx)
      const locked = await r.document(actor.tenantId, doc.id, true)
      if (!locked || locked.deletedAt) throw E.DOCUMENT_NOT_FOUND()
      const next = locked.currentVersion + 1
      const name = withExtension(locked.name, file.type)
      const version = await r.insertVersion({
        id: versionId,
        tenantId: actor.tenantId,
        documentId: doc.id,
        version: next,
        storageKey: key,
        filename: file.name,
        sizeBytes: file.bytes.length,
        mime: file.type.mime,
        sha256: file.sha256,
        ...uploader(actor),
      })
      const updated = await r.updateDocument(actor.tenantId, doc.id, { currentVersion: next, name })
      await recordAudit(tx, actor, {
        entity: 'document',
        entityId: doc.id,
        action: 'new_version',
        before: { version: locked.currentVersion, name: locked.name },
        after: {
          version: next,
          name,
          sizeBytes: version.sizeBytes,
          mime: version.mime,
          sha256: version.sha256,
        },
      })
      await notifyPublished(tx, deps, actor, {
        folder,
        visibleToClients: visible.get(folder.id) ?? false,
        documentId: doc.id,
        name,
        version: next,
      })
      return toSummary(access, updated, version)
    }),
  )
}

export async function getDocument(
  deps: DocumentsDeps,
  actor: Actor,
  documentId: string,
): Promise<DocumentDetail> {
  const { doc, access, folder, tree } = await loadDocument(deps.db, actor, documentId)
  const versions = await documentsRepository(deps.db).versions(actor.tenantId, doc.id)
  const current = versions.find((v) => v.version === doc.currentVersion) ?? versions[0]
  return {
    ...toSummary(access, doc, current),
    path: pathOf(folder, tree),
    versions: versions.map((v) => ({
      version: v.version,
      filename: v.filename,
      sizeBytes: v.sizeBytes,
      mime: v.mime,
      sha256: v.sha256,
      uploadedByName: v.uploadedByName,
      createdAt: v.createdAt.toISOString(),
    })),
  }
}

export async function renameDocument(
  deps: DocumentsDeps,
  actor: Actor,
  documentId: string,
  rawName: string,
): Promise<DocumentSummary> {
  const { doc, access } = await loadDocument(deps.db, actor, documentId)
  if (!documentCapabilities(access, doc).rename) refuse(access, 'owner')
  return deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    const current = (await r.version(actor.tenantId, doc.id, doc.currentVersion))!
    const type = fileTypeByMime(current.mime)
    const name = type ? sanitiseFilename(rawName, type) : rawName.trim()
    let updated: DocumentRow
    try {
      updated = await r.updateDocument(actor.tenantId, doc.id, { name })
    } catch (err) {
      if (isUniqueViolation(err, 'documents_name_key')) throw E.DOCUMENT_NAME_TAKEN()
      throw err
    }
    await recordAudit(tx, actor, {
      entity: 'document',
      entityId: doc.id,
      action: 'rename',
      before: { name: doc.name },
      after: { name },
    })
    return toSummary(access, updated, current)
  })
}

/**
 * To the trash: the document disappears from its folder; the rows and stored versions stay for
 * TRASH_RETENTION_DAYS (restorable), then the queued purge deletes them for good.
 */
export async function deleteDocument(deps: DocumentsDeps, actor: Actor, documentId: string) {
  const { doc, access } = await loadDocument(deps.db, actor, documentId)
  if (!documentCapabilities(access, doc).delete) refuse(access, 'publisher')
  return deps.db.transaction(async (tx) => {
    const r = documentsRepository(tx)
    const locked = await r.document(actor.tenantId, doc.id, true)
    if (!locked || locked.deletedAt) throw E.DOCUMENT_NOT_FOUND()
    const deletedAt = new Date()
    await r.updateDocument(actor.tenantId, doc.id, {
      deletedAt,
      deletedByUserId: actor.userId,
      deletedByName: actor.name,
    })
    await recordAudit(tx, actor, {
      entity: 'document',
      entityId: doc.id,
      action: 'delete',
      before: {
        name: doc.name,
        folderId: doc.folderId,
        clientOrgId: doc.clientOrgId,
        version: doc.currentVersion,
        publishedBy: doc.createdByName,
      },
    })
    await enqueueTrashPurge(
      tx,
      { tenantId: actor.tenantId, kind: 'document', id: doc.id },
      purgeDateOf(deletedAt),
    )
    return { id: doc.id, deletedAt: deletedAt.toISOString() }
  })
}

export type Download = { stream: Readable; filename: string; mime: string; sizeBytes: number }

/** Opens the content (current or asked version) and records the download in the audit log. */
export async function downloadDocument(
  deps: DocumentsDeps,
  actor: Actor,
  documentId: string,
  version?: number,
): Promise<Download> {
  const { doc } = await loadDocument(deps.db, actor, documentId)
  const wanted = version ?? doc.currentVersion
  const row = await documentsRepository(deps.db).version(actor.tenantId, doc.id, wanted)
  if (!row) throw E.VERSION_NOT_FOUND()
  let stream: Readable
  try {
    stream = await deps.storage.get(row.storageKey)
  } catch (err) {
    if (err instanceof StorageNotFoundError) throw E.FILE_CONTENT_MISSING()
    throw err
  }
  try {
    await recordAudit(deps.db, actor, {
      entity: 'document',
      entityId: doc.id,
      action: 'download',
      after: {
        name: doc.name,
        version: row.version,
        folderId: doc.folderId,
        clientOrgId: doc.clientOrgId,
        sha256: row.sha256,
      },
    })
  } catch (err) {
    stream.destroy()
    throw err
  }
  const type = fileTypeByMime(row.mime)
  const filename =
    doc.currentVersion === row.version
      ? doc.name
      : withVersionSuffix(type ? withExtension(doc.name, type) : doc.name, row.version)
  return { stream, filename, mime: row.mime, sizeBytes: row.sizeBytes }
}

/** "Balanço.pdf" version 2 → "Balanço (v2).pdf". */
function withVersionSuffix(name: string, version: number): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? `${name.slice(0, dot)} (v${version})${name.slice(dot)}` : `${name} (v${version})`
}
