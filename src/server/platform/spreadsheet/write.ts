import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

/** A column of an exported list: its header, width in the .xlsx and how to read it from a row. */
export type ExportColumn<T> = {
  header: string
  width?: number
  value: (row: T) => string | number | null | undefined
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'

/**
 * Formula injection: a cell a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed
 * with an apostrophe, so it shows as the text it is.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

function cell(v: string | number | null | undefined): string | number {
  if (v === null || v === undefined) return ''
  return typeof v === 'number' ? v : neutralise(v)
}

function csvField(v: string | number | null | undefined, delimiter: string): string {
  const s = String(cell(v))
  return s.includes(delimiter) || /["\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * CSV for Excel in pt-BR: UTF-8 with BOM (accents open correctly), ';' as separator, CRLF, every
 * text cell neutralised.
 */
export function writeCsv<T>(columns: ExportColumn<T>[], rows: Iterable<T>, delimiter = ';'): Buffer {
  const parts: string[] = [`\uFEFF${columns.map((c) => csvField(c.header, delimiter)).join(delimiter)}\r\n`]
  for (const r of rows) {
    parts.push(`${columns.map((c) => csvField(c.value(r), delimiter)).join(delimiter)}\r\n`)
  }
  return Buffer.from(parts.join(''), 'utf8')
}

/**
 * An .xlsx written with the exceljs streaming writer (rows are committed as they come, so a long
 * list does not sit in memory twice): an optional title row, a bold frozen header, every text cell
 * neutralised.
 */
export async function writeXlsx<T>(
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  opts: { title?: string } = {},
): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  wb.creator = 'Cadastra'
  const ws = wb.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: opts.title ? 2 : 1 }],
  })
  ws.columns = columns.map((c) => ({ width: c.width ?? 18 }))
  if (opts.title) {
    const t = ws.addRow([neutralise(opts.title)])
    t.font = { bold: true, size: 13 }
    t.commit()
  }
  const header = ws.addRow(columns.map((c) => neutralise(c.header)))
  header.font = { bold: true }
  header.commit()
  for await (const r of rows) ws.addRow(columns.map((c) => cell(c.value(r)))).commit()
  ws.commit()
  await wb.commit()
  await done
  return Buffer.concat(chunks)
}
