import { sql } from 'drizzle-orm'
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { bytea, createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { tenants } from '../tenants/tenants.tables.ts'

export const IMPORT_KINDS = ['client_users', 'client_orgs'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/**
 * uploaded → (validating) → validated → running → done | failed; done → undone.
 * `validating` is the dry run's job at work; a failed dry run or import keeps its pt-BR reason.
 * A run never imported whose retention ended is `expired` (its rows and file are gone).
 */
export const IMPORT_STATUSES = [
  'uploaded',
  'validating',
  'validated',
  'running',
  'done',
  'failed',
  'undone',
  'expired',
] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

/** One column of the file and the field it feeds (null: not imported). */
export type ImportMappingEntry = { column: number; header: string; field: string | null }
/**
 * How the invitations of imported users go out (at the end, at a date, or later by staff), and the
 * tenant's extra client fields as they were at upload (columns may feed them).
 */
export type ImportOptions = {
  invitations: 'end' | 'schedule' | 'later'
  scheduleAt?: string | null
  extraFields?: { key: string; label: string; required: boolean }[]
  /** The sheet's row number of the header (rows above it — a title, a note — are not data). */
  headerRow?: number
}

/**
 * An import run: the uploaded spreadsheet, its column mapping, the dry run's totals and, while it
 * imports, the cursor and the ranges of its committed batches (the job resumes from them after a crash).
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('uploaded'),
    filename: text('filename').notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    fileSize: integer('file_size').notNull(),
    /**
     * Where the file as uploaded is kept (the imports' file storage, `imports/<tenant>/<run>`): the
     * dry run reads it again. Runs uploaded before the storage kept their file in `file`.
     */
    fileKey: text('file_key'),
    file: bytea('file'),
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** The first rows, as text, for the mapping screen. */
    sample: jsonb('sample').$type<string[][]>().notNull(),
    mapping: jsonb('mapping').$type<ImportMappingEntry[]>().notNull(),
    options: jsonb('options').$type<ImportOptions>().notNull().default({ invitations: 'end' }),
    /** Identifies the job run that owns the current phase; a superseded job stops by itself. */
    jobToken: uuid('job_token'),
    /** 'rows' while creating records, 'invitations' while inviting ("Enviar ao final"). */
    phase: text('phase', { enum: ['rows', 'invitations'] }),
    totalRows: integer('total_rows').notNull().default(0),
    /** Rows read so far by the dry run (its progress). */
    checkedRows: integer('checked_rows').notNull().default(0),
    okRows: integer('ok_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    skippedRows: integer('skipped_rows').notNull().default(0),
    /** Rows handled by committed batches (created + skipped at import time). */
    doneRows: integer('done_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    invitedCount: integer('invited_count').notNull().default(0),
    /**
     * Row number (1-based, as in the spreadsheet) up to which every batch is committed: the import
     * continues after it.
     */
    cursor: integer('cursor').notNull().default(0),
    /**
     * Batches committed beyond the cursor, as [after, upTo] row numbers: batches run side by side
     * and may commit out of order; a batch whose range starts at the cursor moves the cursor to its
     * end. After a crash the import skips these ranges instead of writing them twice.
     */
    doneRanges: jsonb('done_ranges').$type<[number, number][]>().notNull().default([]),
    /** Same, for the invitations phase. */
    inviteCursor: integer('invite_cursor').notNull().default(0),
    failureMessage: text('failure_message'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    /** When the rows and the file were deleted at the end of the retention (IMPORT_RETENTION_DAYS). */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    undoneByName: text('undone_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('import_runs_tenant_id_key').on(t.tenantId, t.id),
    index('import_runs_tenant_created_idx').on(t.tenantId, sql`${t.createdAt} desc`),
  ],
)

/**
 * The dry run's verdict on every row of the file: ok (with the normalised record to create), error
 * (with the column and a pt-BR message) or skipped (already exists: re-running creates nothing).
 */
export const importRows = pgTable(
  'import_rows',
  {
    tenantId: uuid('tenant_id').notNull(),
    runId: uuid('run_id').notNull(),
    /** As in the spreadsheet: the header is row 1. */
    rowNumber: integer('row_number').notNull(),
    status: text('status', { enum: ['ok', 'error', 'skipped'] }).notNull(),
    field: text('field'),
    columnName: text('column_name'),
    message: text('message'),
    /** The row's cells as text, in file order (the error report repeats them). */
    cells: jsonb('cells').$type<string[]>().notNull(),
    /** For ok rows: the validated record the import writes. */
    data: jsonb('data'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.rowNumber] }),
    index('import_rows_status_idx').on(t.runId, t.status, t.rowNumber),
    foreignKey({
      name: 'import_rows_run_fk',
      columns: [t.tenantId, t.runId],
      foreignColumns: [importRuns.tenantId, importRuns.id],
    }).onDelete('cascade'),
  ],
)

/**
 * What each run created, written in the same transaction as the record: undo removes exactly these,
 * and a resumed run knows what already exists.
 */
export const importCreated = pgTable(
  'import_created',
  {
    tenantId: uuid('tenant_id').notNull(),
    runId: uuid('run_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    entity: text('entity', { enum: ['client_user', 'client_org'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.rowNumber] }),
    index('import_created_entity_idx').on(t.tenantId, t.entityId),
    foreignKey({
      name: 'import_created_run_fk',
      columns: [t.tenantId, t.runId],
      foreignColumns: [importRuns.tenantId, importRuns.id],
    }).onDelete('cascade'),
  ],
)
