import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { crc32, deflateRaw } from 'node:zlib'
import { formatNumber } from '#shared/format.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAuditMany } from '../../platform/audit/audit.ts'
import { StorageNotFoundError } from '../../platform/storage/index.ts'
import { zipWriter } from '../../platform/zip/writer.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { documentsRepository } from './documents.repository.ts'
import { type DocumentsDeps, folderPath, loadFolder } from './documents.service.ts'
import { descendantsOf } from './documents.trash.ts'

/** What one "Baixar tudo" may hold: beyond it, download the subfolders one by one. */
export const ZIP_LIMITS = { files: 1000, bytes: 500 * 1024 * 1024 }

export type FolderZip = { stream: Readable; filename: string; files: number }

const deflate = promisify(deflateRaw)

/** Text kinds (CSV, TXT, NF-e XML, OFX) shrink several times over; the others are compressed already. */
const COMPRESSIBLE = new Set(['text/csv', 'text/plain', 'application/xml', 'application/x-ofx'])

/** A name safe as a zip path segment: no separators, no control characters, not empty. */
const segment = (name: string) => name.replace(/[\\/\p{Cc}]/gu, '-').trim() || 'sem nome'

/**
 * "Baixar tudo": the folder's documents (current versions) and those of the subfolders the actor
 * sees, as one .zip that mirrors the folders. Staff get every live subfolder; a client user the
 * shared ones (the same rule as the tree). Each document's download is audited, as a single
 * download is, before anything is sent. PDFs, images and Office files are stored as they are (they
 * are compressed already), text files (CSV, TXT, XML, OFX) deflated; one document at a time is read,
 * so memory holds one document. A file missing from
 * the storage does not break the archive: it is listed in "ARQUIVOS-INDISPONIVEIS.txt" inside it.
 */
export async function downloadFolderZip(
  deps: DocumentsDeps,
  actor: Actor,
  folderId: string,
): Promise<FolderZip> {
  const limits = deps.zipLimits ?? ZIP_LIMITS
  const { folder, tree, visible, access } = await loadFolder(deps.db, actor, folderId)
  const below = descendantsOf(folder.id, tree).filter((f) => access.kind === 'staff' || visible.get(f.id))
  const folders = [folder, ...below]
  const base = folderPath(folder, tree).split(' / ').length - 1
  const pathOf = new Map(
    folders.map((f) => [f.id, folderPath(f, tree).split(' / ').slice(base).map(segment).join('/')]),
  )
  const rows = await documentsRepository(deps.db).currentIn(
    actor.tenantId,
    folders.map((f) => f.id),
  )
  if (rows.length === 0) throw E.FOLDER_ZIP_EMPTY()
  const bytes = rows.reduce((n, r) => n + r.current.sizeBytes, 0)
  if (rows.length > limits.files || bytes > limits.bytes)
    throw E.FOLDER_ZIP_TOO_LARGE({
      message: `A pasta tem ${formatNumber(rows.length)} documentos (${formatNumber(bytes / (1024 * 1024), 1)} MB) e o arquivo .zip leva até ${formatNumber(limits.files)} documentos e ${formatNumber(limits.bytes / (1024 * 1024))} MB. Baixe as subpastas separadamente.`,
    })

  await recordAuditMany(
    deps.db,
    actor,
    rows.map(({ document: d, current }) => ({
      entity: 'document',
      entityId: d.id,
      action: 'download',
      after: {
        name: d.name,
        version: current.version,
        folderId: d.folderId,
        clientOrgId: d.clientOrgId,
        sha256: current.sha256,
        zipOfFolderId: folder.id,
      },
    })),
  )

  const storage = deps.storage
  async function* archive() {
    const zip = zipWriter()
    const missing: string[] = []
    for (const { document: d, current } of rows) {
      const name = `${pathOf.get(d.folderId)}/${segment(d.name)}`
      // The header needs the CRC and size first: the file is read whole (one document in memory),
      // its CRC computed chunk by chunk, and its chunks sent as they came (no copy).
      const chunks: Buffer[] = []
      let crc = 0
      let size = 0
      try {
        for await (const chunk of await storage.get(current.storageKey)) {
          crc = crc32(chunk as Buffer, crc)
          size += (chunk as Buffer).length
          chunks.push(chunk as Buffer)
        }
      } catch (err) {
        if (!(err instanceof StorageNotFoundError)) throw err
        missing.push(name)
        continue
      }
      if (COMPRESSIBLE.has(current.mime)) {
        // Deflated off the event loop (zlib's thread pool); kept only when it saves something.
        const packed = await deflate(Buffer.concat(chunks, size))
        if (packed.length < size) {
          yield zip.entry({
            name,
            method: 8,
            crc,
            size,
            storedSize: packed.length,
            modified: current.createdAt,
          })
          yield packed
          continue
        }
      }
      yield zip.entry({ name, method: 0, crc, size, storedSize: size, modified: current.createdAt })
      yield* chunks
    }
    if (missing.length) {
      const text = Buffer.from(
        `Estes documentos não estão disponíveis no armazenamento e ficaram de fora; avise o escritório:\r\n${missing.join('\r\n')}\r\n`,
      )
      yield zip.entry({
        name: 'ARQUIVOS-INDISPONIVEIS.txt',
        method: 0,
        crc: crc32(text),
        size: text.length,
        storedSize: text.length,
      })
      yield text
    }
    yield zip.end()
  }
  return { stream: Readable.from(archive()), filename: `${segment(folder.name)}.zip`, files: rows.length }
}
