import { crc32 } from 'node:zlib'
import { zipWriter } from '../zip/writer.ts'
import { dataStart, readCentralDirectory } from './zip-guard.ts'

/** Read before any worksheet, so that exceljs' streaming reader never has to set a worksheet aside. */
const FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
]
const SHARED_STRINGS = 'xl/sharedStrings.xml'
const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
)

type Entry = { name: Buffer; method: number; crc: number; size: number; data: Buffer }

/**
 * The same .xlsx with its parts in the order a streaming reader needs: the workbook, its
 * relationships, the shared strings and the styles before the worksheets (a workbook without shared
 * strings gets an empty part). Excel and exceljs write the worksheets first; exceljs' streaming
 * reader then copies each one to a temporary file whose descriptor it never closes when the reading
 * stops early, and, depending on timing, reads it back before the workbook part is parsed (the file
 * is then reported as damaged). Same compressed data, new headers; `bytes` (already inspected) comes
 * back unchanged when its order is right or it cannot be read.
 */
export function streamingOrder(bytes: Buffer): Buffer {
  let listed: ReturnType<typeof readCentralDirectory>
  try {
    listed = readCentralDirectory(bytes, 2000)
  } catch {
    return bytes
  }
  // A streaming reader meets the parts in the order they sit in the file.
  const byPosition = [...listed].sort((a, b) => a.localOffset - b.localOffset)
  const names = byPosition.map((e) => e.name)
  const firstSheet = names.findIndex((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
  const inOrder =
    names.includes(SHARED_STRINGS) && FIRST.every((n) => !names.includes(n) || names.indexOf(n) < firstSheet)
  if (firstSheet < 0 || inOrder) return bytes

  const entries: Entry[] = byPosition.map((e) => {
    const start = dataStart(bytes, e)
    return {
      name: Buffer.from(e.name, 'utf8'),
      method: e.method,
      crc: e.crc,
      size: e.size,
      data: bytes.subarray(start, start + e.compressedSize),
    }
  })
  if (!names.includes(SHARED_STRINGS))
    entries.push({
      name: Buffer.from(SHARED_STRINGS),
      method: 0,
      crc: crc32(EMPTY_SST),
      size: EMPTY_SST.length,
      data: EMPTY_SST,
    })
  const rank = (e: Entry) => {
    const i = FIRST.indexOf(e.name.toString('utf8'))
    return i < 0 ? FIRST.length : i
  }
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map((x) => x.e)

  const zip = zipWriter()
  const parts = ordered.flatMap((e) => [
    zip.entry({
      name: e.name.toString('utf8'),
      method: e.method,
      crc: e.crc,
      size: e.size,
      storedSize: e.data.length,
    }),
    e.data,
  ])
  return Buffer.concat([...parts, zip.end()])
}
