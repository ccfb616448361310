import type { Actor } from '../../platform/actor.ts'
import { writeXlsx } from '../../platform/spreadsheet/write.ts'
import { ImportErrors } from './imports.errors.ts'
import { importsRepository } from './imports.repository.ts'
import type { ImportsDeps } from './imports.run.ts'
import { loadRun } from './imports.service.ts'

/** "Baixar relatório de erros": the rows with a problem, as in the file, plus an "Erro" column. */
export async function errorReport(deps: ImportsDeps, actor: Actor, id: string) {
  const run = await loadRun(deps, actor, id)
  if (run.purgedAt) throw ImportErrors.IMPORT_PURGED()
  const columns = [
    { header: 'Linha', width: 8, value: (r: ReportRow) => r.rowNumber },
    ...run.headers.map((header, i) => ({ header, width: 20, value: (r: ReportRow) => r.cells[i] ?? '' })),
    { header: 'Erro', width: 60, value: (r: ReportRow) => errorText(r) },
  ]
  const content = await writeXlsx(
    'Erros',
    columns,
    importsRepository(deps.db).problemRows(actor.tenantId, id),
  )
  const base = run.filename.replace(/\.(xlsx|csv)$/i, '')
  return { filename: `erros-${base}.xlsx`, content }
}

type ReportRow = { rowNumber: number; cells: string[]; message: string | null; columnName: string | null }

function errorText(r: ReportRow): string {
  const m = r.message ?? ''
  return r.columnName && !m.startsWith(`${r.columnName}:`) && !m.includes(' | ') ? `${r.columnName}: ${m}` : m
}
