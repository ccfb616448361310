import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { AppError } from '../errors.ts'
import { decodeCsv, detectDelimiter, looksLikeText, parseCsv } from './csv.ts'
import { streamingOrder } from './zip-order.ts'
import { SpreadsheetErrors } from './spreadsheet.errors.ts'
import { inspectXlsx, isOleFile, isZipFile } from './zip-guard.ts'

/**
 * A cell as the file holds it. Formulas arrive as their cached result (never evaluated); text that
 * starts with = + - @ is plain text here (exports neutralise it again on the way out).
 */
export type Cell = string | number | boolean | Date | null
export type SheetRow = { rowNumber: number; cells: Cell[] }
export type SpreadsheetFormat = 'xlsx' | 'csv'

export type SpreadsheetLimits = {
  maxBytes: number
  maxRows: number
  /** Inflated size of an .xlsx (all entries together). */
  maxUncompressedBytes: number
  maxRatio: number
}

/** The format from the bytes (the file name only breaks ties): refuses what is neither. */
export function detectFormat(filename: string, bytes: Buffer): SpreadsheetFormat {
  if (isZipFile(bytes)) return 'xlsx'
  if (isOleFile(bytes)) return 'xlsx' // inspectXlsx explains: password-protected or old .xls
  if (/\.(xlsx|xlsm|xls)$/i.test(filename)) throw SpreadsheetErrors.SPREADSHEET_MALFORMED()
  if (looksLikeText(bytes)) return 'csv'
  throw SpreadsheetErrors.SPREADSHEET_UNSUPPORTED()
}

/**
 * Checks the file (size, structure, zip bomb, password) without reading its rows. Everything a
 * streaming read could stumble on later is refused here, at upload, with a pt-BR message.
 */
export async function checkSpreadsheet(
  format: SpreadsheetFormat,
  bytes: Buffer,
  limits: SpreadsheetLimits,
): Promise<void> {
  if (bytes.length > limits.maxBytes) throw tooLarge(limits)
  if (bytes.length === 0) throw SpreadsheetErrors.SPREADSHEET_EMPTY()
  if (format === 'xlsx') {
    await inspectXlsx(bytes, {
      maxUncompressedBytes: limits.maxUncompressedBytes,
      maxRatio: limits.maxRatio,
    })
  }
}

export function tooLarge(limits: Pick<SpreadsheetLimits, 'maxBytes'>) {
  const mb = (limits.maxBytes / (1024 * 1024)).toLocaleString('pt-BR', { maximumFractionDigits: 1 })
  return SpreadsheetErrors.SPREADSHEET_TOO_LARGE({
    message: `O arquivo passa do limite de ${mb} MB. Divida a planilha em arquivos menores.`,
  })
}

export function tooManyRows(maxRows: number) {
  return SpreadsheetErrors.SPREADSHEET_TOO_MANY_ROWS({
    message: `A planilha passa do limite de ${maxRows.toLocaleString('pt-BR')} linhas de dados. Divida-a em arquivos menores.`,
  })
}

/**
 * Streams the rows of the first worksheet (.xlsx, exceljs streaming reader: memory stays bounded)
 * or of the CSV. Empty rows are skipped; row numbers are those the spreadsheet shows.
 */
export async function* readRows(format: SpreadsheetFormat, bytes: Buffer): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    const { text } = decodeCsv(bytes)
    const delimiter = detectDelimiter(text)
    for (const { rowNumber, cells } of parseCsv(text, delimiter)) {
      if (cells.every((c) => c.trim() === '')) continue
      yield { rowNumber, cells }
    }
    return
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from(streamingOrder(bytes), { objectMode: false }),
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      // Dates come as Date only with the styles (number formats) read.
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    },
  )
  // True once what was asked for is out: the first worksheet read whole, or the caller stopped
  // early (while a row was handed out). Closing the rest of the zip stream can then fail — for
  // instance on a worksheet still being copied to exceljs' temporary file — and that is not a
  // broken spreadsheet.
  let settled = false
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[]
        const cells: Cell[] = []
        let any = false
        for (let i = 1; i < values.length; i++) {
          const cell = fromExcel(values[i])
          if (cell !== null && cell !== '') any = true
          cells.push(cell)
        }
        if (any) {
          settled = true
          yield { rowNumber: row.number, cells }
          settled = false
        }
      }
      // The first worksheet only.
      settled = true
      break
    }
  } catch (err) {
    if (settled) return
    if (err instanceof AppError) throw err
    // The reader's own words stay with the refusal, for the log (the person sees the pt-BR message).
    throw Object.assign(SpreadsheetErrors.SPREADSHEET_MALFORMED(), { cause: err })
  }
}

/** The first `count` non-empty rows, read without going further; refuses a sheet with none. */
export async function readHead(format: SpreadsheetFormat, bytes: Buffer, count: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = []
  for await (const row of readRows(format, bytes)) {
    rows.push(row)
    if (rows.length >= count) break
  }
  if (rows.length === 0) throw SpreadsheetErrors.SPREADSHEET_EMPTY()
  return rows
}

/** exceljs cell values to plain ones: formulas give their cached result, rich text its text. */
function fromExcel(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'boolean') return v
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? null : fromExcel(o.result)
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('')
    if ('text' in o) return fromExcel(o.text)
    if ('error' in o) return null
  }
  return null
}

/** A cell as text, the way a pt-BR spreadsheet shows it: 1234.5 → "1234,5", a date → "22/11/2026". */
export function cellText(cell: Cell): string {
  if (cell === null) return ''
  if (typeof cell === 'string') return cell.trim()
  if (typeof cell === 'boolean') return cell ? 'VERDADEIRO' : 'FALSO'
  if (typeof cell === 'number') return numberText(cell)
  const d = `${pad(cell.getUTCDate())}/${pad(cell.getUTCMonth() + 1)}/${cell.getUTCFullYear()}`
  const time =
    cell.getUTCHours() || cell.getUTCMinutes()
      ? ` ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`
      : ''
  return d + time
}

function pad(n: number) {
  return String(n).padStart(2, '0')
}

/** Without exponent or grouping: 12345678909 → "12345678909"; decimals with a comma. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString()
  return String(n).replace('.', ',')
}

/**
 * A date cell: a Date, an Excel serial number (days since 1899-12-30) or "dd/mm/aaaa" text.
 * Returns an ISO date (aaaa-mm-dd) or null when it is not a valid date.
 */
export function cellDate(cell: Cell): string | null {
  let d: Date | null = null
  if (cell instanceof Date) d = cell
  else if (typeof cell === 'number' && cell > 0 && cell < 2_958_466)
    d = new Date(Math.round((cell - 25569) * 86_400_000))
  else if (typeof cell === 'string') {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(cell)
    if (m) {
      const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
      d = new Date(Date.UTC(year, month - 1, day))
      if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null
    }
  }
  if (!d || Number.isNaN(d.getTime())) return null
  return d.toISOString().slice(0, 10)
}
