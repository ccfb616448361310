import type { z } from 'zod'
import { type Cell, cellDate, cellText, numberText, type SheetRow } from '../../platform/spreadsheet/read.ts'
import type { ImportField } from './imports.fields.ts'
import type { ImportRowInsert } from './imports.repository.ts'

/** A mapped column: the field it feeds and the header the person sees in messages. */
export type MappedColumn = { field: ImportField; column: number; header: string }
export type Columns = Map<string, MappedColumn>

/** One data row of the file with its cells as text (what the error report repeats). */
export type InputRow = SheetRow & { texts: string[] }

export function toInputRow(row: SheetRow, width: number): InputRow {
  const texts: string[] = []
  for (let i = 0; i < Math.max(width, row.cells.length); i++) texts.push(cellText(row.cells[i] ?? null))
  while (texts.length > width && texts[texts.length - 1] === '') texts.pop()
  return { ...row, texts }
}

/**
 * The text of a field in a row. Numbers typed into CPF/CEP/CNPJ cells lost their leading zeros:
 * they are padded back to the nearest length of the field (a CPF "1234567890" → "01234567890"),
 * and so are digit-only texts a CSV export left short by up to three zeros.
 */
export function fieldText(row: InputRow, columns: Columns, key: string): string {
  const col = columns.get(key)
  if (!col) return ''
  const cell: Cell = row.cells[col.column] ?? null
  if (col.field.isDate) return dateText(cell)
  const pads = col.field.padDigits ? padTargets(col.field.padDigits) : null
  if (pads && typeof cell === 'number' && Number.isInteger(cell) && cell >= 0)
    return padTo(numberText(cell), pads, 99)
  const text = row.texts[col.column] ?? ''
  if (pads && /^\d+$/.test(text)) return padTo(text, pads, 3)
  return text
}

/** A date cell (Date, Excel serial, dd/mm/aaaa) as dd/mm/aaaa; anything else as the text it shows. */
function dateText(cell: Cell): string {
  const iso = cellDate(typeof cell === 'string' ? cell.trim() : cell)
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : cellText(cell)
}

/** A CNPJ/CPF column may hold either: 11 digits or fewer is a CPF, 12–13 a CNPJ. */
function padTargets(digits: number): number[] {
  return digits === 14 ? [11, 14] : [digits]
}

function padTo(digits: string, targets: number[], maxMissing: number): string {
  const target = targets.find((t) => digits.length <= t)
  if (!target || target - digits.length > maxMissing) return digits
  return digits.padStart(target, '0')
}

/** Splits a multi-value cell ("Pessoal; Fiscal", one per line…). */
export function splitList(text: string, separators = /[;\n]+/): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean)
}

export type Problem = { field: string; message: string }

/** The verdict of a row: ok with its data, or an error naming the column of the first problem. */
export function verdict(
  row: InputRow,
  columns: Columns,
  problems: Problem[],
  data?: unknown,
): ImportRowInsert {
  if (problems.length === 0)
    return {
      rowNumber: row.rowNumber,
      status: 'ok',
      field: null,
      columnName: null,
      message: null,
      cells: row.texts,
      data,
    }
  const first = problems[0]
  const label = (p: Problem) => columns.get(p.field)?.header ?? p.field
  const message =
    problems.length === 1 ? first.message : problems.map((p) => `${label(p)}: ${p.message}`).join(' | ')
  return {
    rowNumber: row.rowNumber,
    status: 'error',
    field: first.field,
    columnName: columns.get(first.field)?.header ?? null,
    message,
    cells: row.texts,
    data: null,
  }
}

export function skipped(row: InputRow, columns: Columns, field: string, message: string): ImportRowInsert {
  return {
    rowNumber: row.rowNumber,
    status: 'skipped',
    field,
    columnName: columns.get(field)?.header ?? null,
    message,
    cells: row.texts,
    data: null,
  }
}

/** zod issues as problems, the path's first key (or a mapped one) naming the field. */
export function zodProblems(issues: z.core.$ZodIssue[], fieldOf: (path: PropertyKey[]) => string): Problem[] {
  const seen = new Set<string>()
  const out: Problem[] = []
  for (const i of issues) {
    const field = fieldOf(i.path)
    if (seen.has(field)) continue
    seen.add(field)
    out.push({ field, message: i.message })
  }
  return out
}
