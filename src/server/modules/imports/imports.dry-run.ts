import type { Db } from '../../platform/db/database.ts'
import { AppError } from '../../platform/errors.ts'
import { readRows, tooManyRows } from '../../platform/spreadsheet/read.ts'
import { type Columns, type InputRow, toInputRow } from './imports.cells.ts'
import { fieldsOf } from './imports.fields.ts'
import { loadImportFile } from './imports.files.ts'
import { type ImportRowInsert, type ImportRunRow, importsRepository } from './imports.repository.ts'
import { prepareOrgs, validateOrgs } from './imports.orgs.ts'
import type { ImportsDeps } from './imports.run.ts'
import { prepareUsers, validateUsers } from './imports.users.ts'

const FILE_GONE =
  'A planilha enviada não está mais disponível no servidor. Envie o arquivo de novo para importar.'

/** Rows validated and stored per step of the dry run (one look-up query per kind of check). */
export const DRY_RUN_CHUNK = 1000

export function columnsOf(run: Pick<ImportRunRow, 'kind' | 'mapping' | 'options'>): Columns {
  const fields = fieldsOf(run.kind, run.options.extraFields ?? [])
  const out: Columns = new Map()
  for (const m of run.mapping) {
    const field = fields.find((f) => f.key === m.field)
    if (field) out.set(field.key, { field, column: m.column, header: m.header })
  }
  return out
}

type Validator = (rows: InputRow[]) => Promise<ImportRowInsert[]>

async function validatorFor(db: Db, run: ImportRunRow): Promise<Validator> {
  const columns = columnsOf(run)
  if (run.kind === 'client_users') {
    const state = await prepareUsers(db, run.tenantId)
    return (rows) => validateUsers(db, run.tenantId, state, columns, rows)
  }
  const state = prepareOrgs()
  return (rows) => validateOrgs(db, run.tenantId, state, columns, rows)
}

/**
 * The dry run (job `imports.validate`): streams the file again, validates every row and stores its
 * verdict, chunk by chunk, with the progress. Idempotent: it starts by clearing what a previous,
 * interrupted attempt stored. A file that turns out too long or unreadable fails the run with the
 * pt-BR reason; a newer dry run of the same run (another token) makes this one stop.
 */
export async function runDryRun(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
): Promise<void> {
  const repo = importsRepository(deps.db)
  const run = await repo.findRun(tenantId, runId)
  if (run?.status !== 'validating' || run.jobToken !== token) return
  const file = await loadImportFile(deps, run)
  if (!file) {
    await repo.updateRun(
      tenantId,
      runId,
      { status: 'failed', failureMessage: FILE_GONE, jobToken: null },
      token,
    )
    return
  }
  await repo.deleteRows(tenantId, runId)
  const validate = await validatorFor(deps.db, run)
  const width = run.headers.length
  const totals = { rows: 0, ok: 0, error: 0, skipped: 0 }
  let chunk: InputRow[] = []
  // Three stages overlap, one chunk each: the file is read while the previous chunk is validated
  // (its look-ups wait on the database), while the chunk before is stored. Chunks are validated in
  // order (the file's duplicates are found across chunks) and at most one of each is in flight.
  let validating: Promise<void> = Promise.resolve()
  let writing: Promise<void> = Promise.resolve()
  const store = async (verdicts: ImportRowInsert[], checked: number) => {
    await repo.insertRows(tenantId, runId, verdicts)
    const current = await repo.updateRun(tenantId, runId, { checkedRows: checked }, token)
    if (!current) throw new Superseded()
  }
  const check = async (rows: InputRow[], checked: number) => {
    const verdicts = await validate(rows)
    for (const v of verdicts) totals[v.status]++
    await writing
    writing = store(verdicts, checked)
    writing.catch(() => {}) // awaited by the next chunk or at the end
  }
  const flush = async () => {
    await validating
    if (chunk.length === 0) return
    validating = check(chunk, totals.rows)
    validating.catch(() => {}) // awaited by the next flush or at the end
    chunk = []
  }
  try {
    // Data starts below the header row found at upload (older runs: the first non-empty row).
    let header = run.options.headerRow === undefined
    for await (const row of readRows(run.format, file)) {
      if (run.options.headerRow !== undefined ? row.rowNumber <= run.options.headerRow : header) {
        header = false
        continue
      }
      totals.rows++
      if (totals.rows > deps.config.imports.maxRows) throw tooManyRows(deps.config.imports.maxRows)
      chunk.push(toInputRow(row, width))
      if (chunk.length >= DRY_RUN_CHUNK) await flush()
    }
    await flush()
    await validating
    await writing
  } catch (err) {
    await validating.catch(() => {})
    await writing.catch(() => {})
    if (err instanceof Superseded) return
    if (!(err instanceof AppError)) throw err
    await repo.deleteRows(tenantId, runId)
    await repo.updateRun(
      tenantId,
      runId,
      { status: 'failed', failureMessage: err.message, jobToken: null, checkedRows: totals.rows },
      token,
    )
    return
  }
  await repo.updateRun(
    tenantId,
    runId,
    {
      status: 'validated',
      totalRows: totals.rows,
      checkedRows: totals.rows,
      okRows: totals.ok,
      errorRows: totals.error,
      skippedRows: totals.skipped,
      validatedAt: new Date(),
      jobToken: null,
    },
    token,
  )
}

class Superseded extends Error {}
