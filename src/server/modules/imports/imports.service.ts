import { randomUUID } from 'node:crypto'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { CommonErrors } from '../../platform/errors.ts'
import {
  cellText,
  checkSpreadsheet,
  detectFormat,
  readHead,
  type SpreadsheetLimits,
} from '../../platform/spreadsheet/read.ts'
import { ImportErrors } from './imports.errors.ts'
import { fieldsOf, guessMapping, HEADER_LOOKAHEAD, pickHeader } from './imports.fields.ts'
import { importFileKey } from './imports.files.ts'
import { enqueueDryRun, enqueueImport, enqueuePurge } from './imports.queue.ts'
import { type ImportRunRow, importsRepository } from './imports.repository.ts'
import { purgeDate } from './imports.retention.ts'
import type { ImportsDeps, RunOptions } from './imports.run.ts'
import type { ConfirmBody, DryRunBody, FindRowsQuery, ImportRun } from './imports.schemas.ts'
import { getTenantSettings } from '../tenants/index.ts'
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportMappingEntry,
  type ImportOptions,
  type ImportStatus,
} from './imports.tables.ts'

const STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: 'Aguardando mapeamento',
  validating: 'Validando',
  validated: 'Prévia pronta',
  running: 'Importando',
  done: 'Concluída',
  failed: 'Falhou',
  undone: 'Desfeita',
  expired: 'Expirada',
}

/** Rows shown in the mapping step. */
const SAMPLE_ROWS = 5

/** Importing users needs "Gerenciar usuários de clientes"; clients need "Cadastrar e alterar clientes". */
/** Importing users takes managing users; importing clients, managing clients. */
export function mayImport(actor: Actor, kind: ImportKind): boolean {
  return actor.permissions.has(kind === 'client_users' ? 'users:manage' : 'clients:manage')
}

export function assertKindAllowed(actor: Actor, kind: ImportKind) {
  if (!mayImport(actor, kind)) throw CommonErrors.FORBIDDEN()
}

export function limitsOf(deps: ImportsDeps): SpreadsheetLimits {
  return deps.config.imports
}

export function toDto(run: ImportRunRow, now = new Date()): ImportRun {
  const o = run.options as RunOptions
  const phase =
    run.status === 'validating' ? 'validating' : run.status === 'running' ? (run.phase ?? 'rows') : null
  let done = 0
  let total = 0
  if (phase === 'validating') done = run.checkedRows
  else if (phase === 'invitations') {
    done = run.invitedCount
    total = run.createdCount
  } else {
    done = run.doneRows
    total = run.okRows
  }
  const elapsed =
    run.startedAt && phase && phase !== 'validating' ? (now.getTime() - run.startedAt.getTime()) / 1000 : 0
  const rate = elapsed > 0.5 && done > 0 ? done / elapsed : null
  const finished = run.status === 'done' || run.status === 'undone'
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    statusLabel: STATUS_LABELS[run.status],
    filename: run.filename,
    format: run.format,
    fileSize: run.fileSize,
    headers: run.headers,
    headerRow: o.headerRow ?? 1,
    sample: run.sample,
    mapping: run.mapping,
    fields: fieldsOf(run.kind, o.extraFields ?? []).map((f) => ({
      key: f.key,
      label: f.label,
      required: Boolean(f.required),
      hint: f.hint,
    })),
    options: { invitations: o.invitations ?? 'end', scheduleAt: o.scheduleAt ?? null },
    totals: { rows: run.totalRows, ok: run.okRows, errors: run.errorRows, skipped: run.skippedRows },
    progress: {
      phase,
      done,
      total,
      percent: finished ? 100 : total > 0 ? Math.min(100, Math.round((done / total) * 1000) / 10) : 0,
      rowsPerSecond: rate === null ? null : Math.round(rate),
      etaSeconds: rate && total > done ? Math.ceil((total - done) / rate) : null,
      created: run.createdCount,
      invited: run.invitedCount,
    },
    failureMessage: run.failureMessage,
    createdByName: run.createdByName,
    createdAt: run.createdAt.toISOString(),
    validatedAt: run.validatedAt?.toISOString() ?? null,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    undoneAt: run.undoneAt?.toISOString() ?? null,
    undoneByName: run.undoneByName,
    purgedAt: run.purgedAt?.toISOString() ?? null,
  }
}

export async function loadRun(deps: ImportsDeps, actor: Actor, id: string) {
  const run = await importsRepository(deps.db).findRun(actor.tenantId, id)
  if (!run) throw ImportErrors.IMPORT_NOT_FOUND()
  assertKindAllowed(actor, run.kind)
  return run
}

function columnName(i: number): string {
  let n = i + 1
  let s = ''
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
    n = Math.floor((n - 1) / 26)
  }
  return `Coluna ${s}`
}

/**
 * Step 1: the file is checked (size, format, zip bomb, password) and stored with its header, a few
 * rows and a guessed column mapping. Nothing is validated yet.
 */
export async function uploadImport(
  deps: ImportsDeps,
  actor: Actor,
  kind: ImportKind,
  file: { filename: string; bytes: Buffer },
): Promise<ImportRun> {
  assertKindAllowed(actor, kind)
  const format = detectFormat(file.filename, file.bytes)
  await checkSpreadsheet(format, file.bytes, limitsOf(deps))
  const extras =
    kind === 'client_orgs' ? (await getTenantSettings(deps.db, actor.tenantId)).extraFields.clients : []
  const head = await readHead(format, file.bytes, HEADER_LOOKAHEAD + SAMPLE_ROWS)
  const at = pickHeader(kind, head, extras)
  const header = head[at]
  const sample = head.slice(at + 1, at + 1 + SAMPLE_ROWS)
  let width = header.cells.length
  while (width > 0 && cellText(header.cells[width - 1] ?? null) === '') width--
  const headers = Array.from({ length: width }, (_, i) => cellText(header.cells[i] ?? null) || columnName(i))
  // The file goes to the storage first (written whole or not at all), then the run that names it;
  // when the run cannot be recorded, the file is removed again.
  const id = randomUUID()
  const fileKey = importFileKey(actor.tenantId, id)
  await deps.storage.put(fileKey, file.bytes)
  const run = await deps.db
    .transaction(async (tx) => {
      const row = await importsRepository(tx).insertRun({
        id,
        tenantId: actor.tenantId,
        kind,
        filename: file.filename.slice(0, 200) || (format === 'csv' ? 'planilha.csv' : 'planilha.xlsx'),
        format,
        fileSize: file.bytes.length,
        fileKey,
        headers,
        sample: sample.map((r) => headers.map((_, i) => cellText(r.cells[i] ?? null))),
        mapping: guessMapping(kind, headers, extras),
        options: { invitations: 'end', extraFields: extras, headerRow: header.rowNumber },
        createdBy: actor.userId,
        createdByName: actor.name,
      })
      await enqueuePurge(tx, actor.tenantId, row.id, purgeDate(deps, row))
      await recordAudit(tx, actor, {
        entity: 'import_run',
        entityId: row.id,
        action: 'uploaded',
        after: { kind, filename: row.filename, size: row.fileSize, format },
      })
      return row
    })
    .catch(async (err) => {
      await deps.storage.delete(fileKey).catch(() => {})
      throw err
    })
  return toDto(run)
}

function checkMapping(
  kind: ImportKind,
  headers: string[],
  extras: ImportOptions['extraFields'],
  body: DryRunBody,
): ImportMappingEntry[] {
  const fields = fieldsOf(kind, extras ?? [])
  const invalid = (message: string) =>
    ImportErrors.IMPORT_MAPPING_INVALID({ message, fields: { mapping: message } })
  const byColumn = new Map<number, string | null>()
  for (const m of body.mapping) {
    if (m.column >= headers.length) throw invalid(`A planilha não tem a coluna ${m.column + 1}.`)
    if (m.field !== null && !fields.some((f) => f.key === m.field))
      throw invalid(
        `A coluna ${m.column + 1} ("${headers[m.column]}") aponta para um campo que não existe mais. Escolha outro campo ou "Não importar".`,
      )
    byColumn.set(m.column, m.field)
  }
  const mapping = headers.map((header, column) => ({ column, header, field: byColumn.get(column) ?? null }))
  for (const f of fields) {
    const cols = mapping.filter((m) => m.field === f.key)
    if (cols.length > 1)
      throw invalid(
        `O campo ${f.label} está em duas colunas (${cols.map((c) => c.header).join(' e ')}): escolha uma.`,
      )
    if (f.required && cols.length === 0) throw invalid(`Escolha a coluna do campo obrigatório ${f.label}.`)
  }
  return mapping
}

/** Step 2: with the mapping confirmed, the dry run validates every row (a job; the screen polls). */
export async function startDryRun(
  deps: ImportsDeps,
  actor: Actor,
  id: string,
  body: DryRunBody,
): Promise<ImportRun> {
  const run = await deps.db.transaction(async (tx) => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(actor.tenantId, id, { lock: true })
    if (!run) throw ImportErrors.IMPORT_NOT_FOUND()
    assertKindAllowed(actor, run.kind)
    if (run.purgedAt) throw ImportErrors.IMPORT_PURGED()
    if (run.status === 'validating') throw ImportErrors.IMPORT_BUSY()
    if (run.startedAt || !['uploaded', 'validated', 'failed'].includes(run.status))
      throw ImportErrors.IMPORT_ALREADY_STARTED()
    const mapping = checkMapping(run.kind, run.headers, run.options.extraFields, body)
    const token = randomUUID()
    await repo.updateRun(actor.tenantId, id, {
      mapping,
      status: 'validating',
      jobToken: token,
      failureMessage: null,
      checkedRows: 0,
      totalRows: 0,
      okRows: 0,
      errorRows: 0,
      skippedRows: 0,
      validatedAt: null,
    })
    await enqueueDryRun(tx, { tenantId: actor.tenantId, runId: id, token })
    return (await repo.findRun(actor.tenantId, id))!
  })
  return toDto(run)
}

/** Step 3: the import itself, in batches, by a job (the screen shows the progress). */
export async function confirmImport(
  deps: ImportsDeps,
  actor: Actor,
  id: string,
  body: ConfirmBody,
): Promise<ImportRun> {
  const run = await deps.db.transaction(async (tx) => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(actor.tenantId, id, { lock: true })
    if (!run) throw ImportErrors.IMPORT_NOT_FOUND()
    assertKindAllowed(actor, run.kind)
    if (run.purgedAt) throw ImportErrors.IMPORT_PURGED()
    if (run.startedAt) throw ImportErrors.IMPORT_ALREADY_STARTED()
    if (run.status === 'validating') throw ImportErrors.IMPORT_BUSY()
    if (run.status !== 'validated') throw ImportErrors.IMPORT_NOT_VALIDATED()
    if (run.okRows === 0) throw ImportErrors.IMPORT_NOTHING_TO_IMPORT()
    const invitations = run.kind === 'client_users' ? body.invitations : 'later'
    if (run.kind === 'client_users' && invitations !== 'later' && !actor.permissions.has('invitations:send'))
      throw ImportErrors.IMPORT_INVITE_FORBIDDEN()
    if (invitations === 'schedule' && (!body.scheduleAt || new Date(body.scheduleAt).getTime() <= Date.now()))
      throw ImportErrors.IMPORT_SCHEDULE_INVALID({
        fields: { scheduleAt: 'Informe uma data e hora no futuro.' },
      })
    const token = randomUUID()
    const options: RunOptions = {
      ...run.options,
      invitations,
      scheduleAt: invitations === 'schedule' ? body.scheduleAt : null,
      confirmedBy: actor.userId,
      confirmedByName: actor.name,
    }
    await repo.updateRun(actor.tenantId, id, {
      status: 'running',
      phase: 'rows',
      jobToken: token,
      options,
      startedAt: new Date(),
      cursor: 0,
      doneRanges: [],
      inviteCursor: 0,
      doneRows: 0,
      createdCount: 0,
      invitedCount: 0,
    })
    await recordAudit(tx, actor, {
      entity: 'import_run',
      entityId: id,
      action: 'confirmed',
      after: {
        kind: run.kind,
        filename: run.filename,
        rows: run.okRows,
        invitations,
        scheduleAt: options.scheduleAt,
      },
    })
    await enqueueImport(tx, { tenantId: actor.tenantId, runId: id, token })
    return (await repo.findRun(actor.tenantId, id))!
  })
  return toDto(run)
}

/** After a failure: the import continues from the cursor of its last committed batch. */
export async function resumeImport(deps: ImportsDeps, actor: Actor, id: string): Promise<ImportRun> {
  const run = await deps.db.transaction(async (tx) => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(actor.tenantId, id, { lock: true })
    if (!run) throw ImportErrors.IMPORT_NOT_FOUND()
    assertKindAllowed(actor, run.kind)
    if (run.purgedAt) throw ImportErrors.IMPORT_PURGED()
    if (run.status !== 'failed' || !run.startedAt)
      throw ImportErrors.IMPORT_NOT_VALIDATED({
        message: 'Só é possível retomar uma importação que parou no meio.',
      })
    const token = randomUUID()
    await repo.updateRun(actor.tenantId, id, { status: 'running', jobToken: token, failureMessage: null })
    await recordAudit(tx, actor, {
      entity: 'import_run',
      entityId: id,
      action: 'resumed',
      after: { cursor: run.cursor },
    })
    await enqueueImport(tx, { tenantId: actor.tenantId, runId: id, token })
    return (await repo.findRun(actor.tenantId, id))!
  })
  return toDto(run)
}

export async function getImport(deps: ImportsDeps, actor: Actor, id: string): Promise<ImportRun> {
  return toDto(await loadRun(deps, actor, id))
}

export async function findImports(deps: ImportsDeps, actor: Actor, q: { page: number; pageSize: number }) {
  const kinds = IMPORT_KINDS.filter((k) => mayImport(actor, k))
  const { items, total } = await importsRepository(deps.db).findRuns(
    actor.tenantId,
    kinds,
    q.page,
    q.pageSize,
  )
  return {
    items: items.map((r) => {
      const { sample: _s, fields: _f, headers: _h, mapping: _m, ...rest } = toDto(r)
      return rest
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function findImportRows(deps: ImportsDeps, actor: Actor, id: string, q: FindRowsQuery) {
  await loadRun(deps, actor, id)
  const { items, total } = await importsRepository(deps.db).findRows(actor.tenantId, id, q)
  return {
    items: items.map((r) => ({ ...r, created: Boolean(r.created) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  }
}
