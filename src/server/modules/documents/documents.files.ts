/**
 * What an uploaded file is, decided by its bytes (never by the name or the browser's content type),
 * and the name it is stored under. Pure functions: no I/O.
 */

/** Largest document accepted, per upload (and per version). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

export type FileType = { kind: string; mime: string; extensions: readonly string[] }

export const FILE_TYPES = {
  pdf: { kind: 'pdf', mime: 'application/pdf', extensions: ['pdf'] },
  png: { kind: 'png', mime: 'image/png', extensions: ['png'] },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  docx: {
    kind: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    kind: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  csv: { kind: 'csv', mime: 'text/csv', extensions: ['csv'] },
  txt: { kind: 'txt', mime: 'text/plain', extensions: ['txt'] },
  /** NF-e, CT-e, NFS-e and other fiscal documents travel as XML. */
  xml: { kind: 'xml', mime: 'application/xml', extensions: ['xml'] },
  /** Bank statements (extrato OFX) for the bookkeeping: SGML (v1) or XML (v2) text. */
  ofx: { kind: 'ofx', mime: 'application/x-ofx', extensions: ['ofx'] },
} as const satisfies Record<string, FileType>

export type Detection =
  | { ok: true; type: FileType; charset?: 'utf-8' | 'windows-1252' }
  | { ok: false; reason: 'empty' | 'unknown' | 'macro' | 'encrypted' }

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * PDF, PNG, JPEG by their signatures; DOCX/XLSX by the zip's entry names ([Content_Types].xml plus
 * word/ or xl/; macro-enabled or encrypted packages refused); CSV, TXT, XML and OFX only with that
 * extension and text content (no control bytes; XML opening with a tag, OFX with its header), UTF-8
 * or Windows-1252.
 */
export function detectFileType(bytes: Buffer, filename: string): Detection {
  if (bytes.length === 0) return { ok: false, reason: 'empty' }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: true, type: FILE_TYPES.pdf }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return { ok: true, type: FILE_TYPES.png }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { ok: true, type: FILE_TYPES.jpeg }
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return detectOfficeZip(bytes)
  const ext = extensionOf(filename)
  const text = TEXT_TYPES[ext]
  if (text) {
    if (!isPlainText(bytes) || !text.looks(bytes)) return { ok: false, reason: 'unknown' }
    return { ok: true, type: text.type, charset: isUtf8(bytes) ? 'utf-8' : 'windows-1252' }
  }
  return { ok: false, reason: 'unknown' }
}

/** The start of a text file, after a UTF-8 byte order mark and blank space. */
function head(bytes: Buffer, length = 512): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return bytes
    .subarray(start, start + length)
    .toString('latin1')
    .trimStart()
}

/** Text types, accepted only with their extension and content that looks like them. */
const TEXT_TYPES: Record<string, { type: FileType; looks: (bytes: Buffer) => boolean }> = {
  csv: { type: FILE_TYPES.csv, looks: () => true },
  txt: { type: FILE_TYPES.txt, looks: () => true },
  // A tag first ("<?xml …", "<nfeProc …").
  xml: { type: FILE_TYPES.xml, looks: (b) => head(b).startsWith('<') },
  // OFX 1.x opens with its SGML header ("OFXHEADER:100"), 2.x is XML with an OFX root.
  ofx: {
    type: FILE_TYPES.ofx,
    looks: (b) => {
      const h = head(b, 2048)
      return h.startsWith('OFXHEADER:') || (h.startsWith('<') && /<OFX>/i.test(h))
    },
  },
}

function detectOfficeZip(bytes: Buffer): Detection {
  const entries = zipEntries(bytes)
  if (!entries) return { ok: false, reason: 'unknown' }
  if (entries.some((e) => e.encrypted)) return { ok: false, reason: 'encrypted' }
  const names = entries.map((e) => e.name)
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { ok: false, reason: 'macro' }
  if (!names.includes('[Content_Types].xml')) return { ok: false, reason: 'unknown' }
  if (names.some((n) => n.startsWith('word/'))) return { ok: true, type: FILE_TYPES.docx }
  if (names.some((n) => n.startsWith('xl/'))) return { ok: true, type: FILE_TYPES.xlsx }
  return { ok: false, reason: 'unknown' }
}

/**
 * Entry names from the zip's central directory (nothing is decompressed, so a zip bomb costs
 * nothing here). Null when the structure is not a plain (non-zip64) zip.
 */
export function zipEntries(bytes: Buffer): { name: string; encrypted: boolean }[] | null {
  const minEocd = 22
  if (bytes.length < minEocd) return null
  const stop = Math.max(0, bytes.length - minEocd - 0xffff)
  let eocd = -1
  for (let i = bytes.length - minEocd; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = bytes.readUInt16LE(eocd + 10)
  const size = bytes.readUInt32LE(eocd + 12)
  const offset = bytes.readUInt32LE(eocd + 16)
  if (offset === 0xffffffff || offset + size > eocd || count > 10_000) return null
  const entries: { name: string; encrypted: boolean }[] = []
  let p = offset
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return null
    const flags = bytes.readUInt16LE(p + 8)
    const nameLength = bytes.readUInt16LE(p + 28)
    const extraLength = bytes.readUInt16LE(p + 30)
    const commentLength = bytes.readUInt16LE(p + 32)
    if (p + 46 + nameLength > bytes.length) return null
    entries.push({
      name: bytes.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      encrypted: (flags & 1) === 1,
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Tabs, line breaks and printable characters only (no NUL or other control bytes). */
function isPlainText(bytes: Buffer): boolean {
  for (const b of bytes) {
    if (b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d) continue
    if (b < 0x20 || b === 0x7f) return false
  }
  return true
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename.trim())
  return m ? m[1].toLowerCase() : ''
}

const MAX_STEM = 120
// Control characters, characters Windows forbids in names, and bidirectional overrides (which make
// "fatura‮fdp.exe" look like "fatura.exe.pdf").
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i

/**
 * A safe display/download name with the extension of the detected type: the last path segment
 * only, no control, reserved or bidi characters, spaces collapsed, at most 120 characters before
 * the extension. "../../etc/passwd.pdf" → "passwd.pdf"; "Balanço.PDF" → "Balanço.PDF"; a PDF named
 * "nota.exe" → "nota.exe.pdf".
 */
export function sanitiseFilename(raw: string, type: FileType): string {
  const last = raw.normalize('NFC').split(/[\\/]/).pop() ?? ''
  const cleaned = last
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
  const ext = extensionOf(cleaned)
  const keepsExt = (type.extensions as readonly string[]).includes(ext)
  let stem = keepsExt ? cleaned.slice(0, -(ext.length + 1)) : cleaned
  stem = stem
    .replace(/[.\s]+$/g, '')
    .slice(0, MAX_STEM)
    .trim()
  if (!stem) stem = 'documento'
  if (RESERVED.test(stem)) stem = `_${stem}`
  const suffix = keepsExt ? cleaned.slice(-ext.length) : type.extensions[0]
  return `${stem}.${suffix}`
}

/** The same name with another type's extension (a new version of another type). */
export function withExtension(name: string, type: FileType): string {
  const ext = extensionOf(name)
  if ((type.extensions as readonly string[]).includes(ext)) return name
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name
  return `${stem}.${type.extensions[0]}`
}

export function fileTypeByMime(mime: string): FileType | null {
  return Object.values(FILE_TYPES).find((t) => t.mime === mime) ?? null
}
