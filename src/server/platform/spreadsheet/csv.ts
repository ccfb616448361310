/**
 * CSV as Brazilian offices send it: UTF-8 (with or without BOM) or Windows-1252 (Excel's "CSV"
 * in pt-BR), separated by ';' (Excel pt-BR) or ',' (most other tools), with quoted fields that may
 * hold separators, quotes ("") and line breaks.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le'

/** Decodes the bytes: BOMs first, then strict UTF-8, and Windows-1252 when that fails. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.toString('utf8', 3), encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}

/** True when the bytes look like text (no NUL bytes, which a binary file always has). */
export function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 64 * 1024)
  if (head[0] === 0xff && head[1] === 0xfe) return true
  return !head.includes(0)
}

/** The separator of the first record: the most frequent of ';', ',' and tab outside quotes (',' on a tie). */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 }
  let quoted = false
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t'
  return ','
}

/**
 * Yields the records with their row number as Excel shows it (a quoted line break stays inside its
 * row). Lenient like Excel: a quote in the middle of an unquoted field is kept as text.
 */
export function* parseCsv(
  text: string,
  delimiter: string,
): Generator<{ rowNumber: number; cells: string[] }> {
  let row: string[] = []
  let field = ''
  let quoted = false
  let rowNumber = 1
  let fieldStarted = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
      continue
    }
    if (c === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
    } else if (c === delimiter) {
      row.push(field)
      field = ''
      fieldStarted = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      yield { rowNumber: rowNumber++, cells: row }
      row = []
      field = ''
      fieldStarted = false
    } else {
      field += c
      fieldStarted = true
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(field)
    yield { rowNumber, cells: row }
  }
}
