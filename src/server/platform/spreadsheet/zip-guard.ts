import { createInflateRaw } from 'node:zlib'
import { SpreadsheetErrors } from './spreadsheet.errors.ts'

/** OLE2 compound file: old .xls, or an Office file encrypted with a password (EncryptedPackage). */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const LOCAL = 0x04034b50
const CENTRAL = 0x02014b50
const END = 0x06054b50
const DESCRIPTOR = 0x08074b50

export type ZipLimits = {
  /** Refused above this many bytes once every entry is inflated. */
  maxUncompressedBytes: number
  /** Refused when an entry inflates to more than this many times its compressed size (and > 1 MiB). */
  maxRatio: number
  maxEntries?: number
}

export type ZipEntryInfo = { name: string; compressedSize: number; size: number }

export function isOleFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_MAGIC)
}

export function isZipFile(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL
}

/**
 * Checks an .xlsx before any parser sees it: a password-protected workbook (an OLE file holding an
 * EncryptedPackage) or an old .xls is refused with its own message; the zip structure must be
 * sound (the entries listed by the central directory tile the file, so a streaming reader sees
 * nothing the check did not), no entry is encrypted, and every entry is actually inflated with a
 * running count — a zip bomb is stopped as soon as it passes the limits, whatever its headers claim.
 */
export async function inspectXlsx(bytes: Buffer, limits: ZipLimits): Promise<ZipEntryInfo[]> {
  if (isOleFile(bytes)) {
    const utf16 = Buffer.from('EncryptedPackage', 'utf16le')
    throw bytes.includes(utf16)
      ? SpreadsheetErrors.SPREADSHEET_ENCRYPTED()
      : SpreadsheetErrors.SPREADSHEET_OLD_XLS()
  }
  if (!isZipFile(bytes)) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
  const entries = readCentralDirectory(bytes, limits.maxEntries ?? 2000)
  let total = 0
  const infos: ZipEntryInfo[] = []
  let expectedOffset = 0
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (e.localOffset !== expectedOffset) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
    if (e.localOffset + 30 > bytes.length || bytes.readUInt32LE(e.localOffset) !== LOCAL)
      throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
    if (bytes.readUInt16LE(e.localOffset + 6) & 0x1) throw SpreadsheetErrors.SPREADSHEET_ENCRYPTED()
    const start = dataStart(bytes, e)
    const end = start + e.compressedSize
    if (end > bytes.length) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
    const budget = limits.maxUncompressedBytes - total
    const size = await inflatedSize(bytes.subarray(start, end), e.method, budget)
    if (size > budget) throw SpreadsheetErrors.SPREADSHEET_ZIP_BOMB()
    if (size > 1024 * 1024 && size > limits.maxRatio * Math.max(1, e.compressedSize))
      throw SpreadsheetErrors.SPREADSHEET_ZIP_BOMB()
    total += size
    infos.push({ name: e.name, compressedSize: e.compressedSize, size })
    expectedOffset = end + descriptorLength(bytes, end, e.flags)
  }
  if (expectedOffset !== entries.cdOffset) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
  const names = new Set(infos.map((i) => i.name))
  if (!names.has('[Content_Types].xml') || !infos.some((i) => /^xl\/worksheets\/sheet\d+\.xml$/.test(i.name)))
    throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
  return infos
}

export type CentralEntry = {
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

/** The entries the central directory lists (and where it starts); a zip we would not accept throws. */
export function readCentralDirectory(
  bytes: Buffer,
  maxEntries: number,
): CentralEntry[] & { cdOffset: number } {
  // The end record is in the last 22 + 65535 bytes (a comment may follow it).
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === END) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
  const count = bytes.readUInt16LE(eocd + 10)
  const cdOffset = bytes.readUInt32LE(eocd + 16)
  // Zip64 (more than 65,535 entries or 4 GiB) is never a spreadsheet we accept.
  if (count === 0xffff || cdOffset === 0xffffffff) throw SpreadsheetErrors.SPREADSHEET_ZIP_BOMB()
  if (count > maxEntries) throw SpreadsheetErrors.SPREADSHEET_ZIP_BOMB()
  const out: CentralEntry[] = []
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL)
      throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
    const flags = bytes.readUInt16LE(p + 8)
    const method = bytes.readUInt16LE(p + 10)
    const crc = bytes.readUInt32LE(p + 16)
    const compressedSize = bytes.readUInt32LE(p + 20)
    const size = bytes.readUInt32LE(p + 24)
    const nameLen = bytes.readUInt16LE(p + 28)
    const extraLen = bytes.readUInt16LE(p + 30)
    const commentLen = bytes.readUInt16LE(p + 32)
    const localOffset = bytes.readUInt32LE(p + 42)
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      throw SpreadsheetErrors.SPREADSHEET_ZIP_BOMB()
    if (flags & 0x1) throw SpreadsheetErrors.SPREADSHEET_ENCRYPTED()
    if (method !== 0 && method !== 8) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLen)
    out.push({ name, flags, method, crc, compressedSize, size, localOffset })
    p += 46 + nameLen + extraLen + commentLen
  }
  return Object.assign(out, { cdOffset })
}

/** Where an entry's compressed data starts (after its local header, name and extra field). */
export function dataStart(bytes: Buffer, e: Pick<CentralEntry, 'localOffset'>): number {
  return e.localOffset + 30 + bytes.readUInt16LE(e.localOffset + 26) + bytes.readUInt16LE(e.localOffset + 28)
}

/** A data descriptor follows the data when bit 3 is set: 12 or 16 bytes (with its optional signature). */
function descriptorLength(bytes: Buffer, at: number, flags: number): number {
  if (!(flags & 0x8)) return 0
  return at + 4 <= bytes.length && bytes.readUInt32LE(at) === DESCRIPTOR ? 16 : 12
}

/** Inflates and counts, stopping as soon as the count passes `budget` (returns budget + 1 then). */
function inflatedSize(data: Buffer, method: number, budget: number): Promise<number> {
  if (method === 0) return Promise.resolve(data.length)
  return new Promise((resolve, reject) => {
    let size = 0
    let settled = false
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 })
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > budget && !settled) {
        settled = true
        inflate.destroy()
        resolve(budget + 1)
      }
    })
    inflate.on('end', () => {
      if (!settled) {
        settled = true
        resolve(size)
      }
    })
    inflate.on('error', (err) => {
      if (!settled) {
        settled = true
        reject(Object.assign(SpreadsheetErrors.SPREADSHEET_MALFORMED(), { cause: err }))
      }
    })
    inflate.end(data)
  })
}
