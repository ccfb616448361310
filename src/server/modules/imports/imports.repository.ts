import { and, asc, count, desc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm'
import { copyRows } from '../../platform/db/copy.ts'
import type { Db } from '../../platform/db/database.ts'
import { type ImportKind, importCreated, importRows, importRuns } from './imports.tables.ts'

export type ImportRunRow = Omit<typeof importRuns.$inferSelect, 'file'>
export type ImportRowInsert = {
  rowNumber: number
  status: 'ok' | 'error' | 'skipped'
  field: string | null
  columnName: string | null
  message: string | null
  cells: string[]
  data: unknown
}

/** Every column but the file (listing runs must not load the spreadsheets). */
const runColumns = (() => {
  const { file: _file, ...rest } = getTableColumns(importRuns)
  return rest
})()

export function importsRepository(db: Db) {
  return {
    async insertRun(values: typeof importRuns.$inferInsert): Promise<ImportRunRow> {
      const [row] = await db.insert(importRuns).values(values).returning(runColumns)
      return row
    },

    /**
     * `lock`: for update (the run changes); 'key share' for a batch, which only adds to the counters:
     * batches running side by side do not wait for each other, while a change of the run (a round's
     * planning, resume, undo, the retention's purge) waits for the batches in flight.
     */
    async findRun(
      tenantId: string,
      id: string,
      opts: { lock?: boolean | 'key share' } = {},
    ): Promise<ImportRunRow | null> {
      const q = db
        .select(runColumns)
        .from(importRuns)
        .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, id)))
      const [row] = opts.lock ? await q.for(opts.lock === true ? 'update' : opts.lock) : await q
      return row ?? null
    },

    /** A run uploaded before the file storage: its file, kept in the row (null for the others). */
    async legacyFile(tenantId: string, id: string): Promise<Buffer | null> {
      const [row] = await db
        .select({ file: importRuns.file })
        .from(importRuns)
        .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, id)))
      return row?.file ?? null
    },

    /** The tenant's runs of these kinds (the ones the person may import), newest first. */
    async findRuns(tenantId: string, kinds: ImportKind[], page: number, pageSize: number) {
      if (kinds.length === 0) return { items: [], total: 0 }
      const where = and(eq(importRuns.tenantId, tenantId), inArray(importRuns.kind, kinds))
      const items = await db
        .select(runColumns)
        .from(importRuns)
        .where(where)
        .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
      const [{ total }] = await db.select({ total: count() }).from(importRuns).where(where)
      return { items, total: Number(total) }
    },

    async updateRun(
      tenantId: string,
      id: string,
      values: Partial<typeof importRuns.$inferInsert>,
      onlyToken?: string,
    ): Promise<boolean> {
      const res = await db
        .update(importRuns)
        .set({ ...values, updatedAt: new Date() })
        .where(
          and(
            eq(importRuns.tenantId, tenantId),
            eq(importRuns.id, id),
            ...(onlyToken ? [eq(importRuns.jobToken, onlyToken)] : []),
          ),
        )
        .returning({ id: importRuns.id })
      return res.length > 0
    },

    async deleteRows(tenantId: string, runId: string) {
      await db.delete(importRows).where(and(eq(importRows.tenantId, tenantId), eq(importRows.runId, runId)))
    },

    /** One statement for a whole chunk: the rows travel as one JSON parameter. */
    /** The dry run's verdicts, with one COPY (not in a transaction: the dry run restarts clean). */
    async insertRows(tenantId: string, runId: string, rows: ImportRowInsert[]) {
      await copyRows(
        db,
        'import_rows',
        ['tenant_id', 'run_id', 'row_number', 'status', 'field', 'column_name', 'message', 'cells', 'data'],
        rows.map((r) => [
          tenantId,
          runId,
          r.rowNumber,
          r.status,
          r.field,
          r.columnName,
          r.message,
          r.cells,
          (r.data ?? null) as object | null,
        ]),
      )
    },

    /**
     * The row number that ends a batch of `limit` valid rows after `after`: the limit-th valid row,
     * or the last one when fewer are left; null when none is.
     */
    async batchEnd(tenantId: string, runId: string, after: number, limit: number): Promise<number | null> {
      const res = await db.execute(sql`
        select max(row_number)::int as last from (
          select row_number from import_rows
          where tenant_id = ${tenantId} and run_id = ${runId} and status = 'ok' and row_number > ${after}
          order by row_number limit ${limit}
        ) s`)
      const last = (res as unknown as { rows: { last: number | null }[] }).rows[0]?.last
      return last === null || last === undefined ? null : Number(last)
    },

    /**
     * A committed batch, counted on the run in the batch's own transaction: increments (batches run
     * side by side and commit in any order) and its range added to the done ranges.
     */
    async recordBatch(
      tenantId: string,
      runId: string,
      range: [number, number],
      counts: { rows: number; created: number; skipped: number; invited: number },
    ) {
      await db
        .update(importRuns)
        .set({
          doneRows: sql`${importRuns.doneRows} + ${counts.rows}`,
          createdCount: sql`${importRuns.createdCount} + ${counts.created}`,
          skippedRows: sql`${importRuns.skippedRows} + ${counts.skipped}`,
          invitedCount: sql`${importRuns.invitedCount} + ${counts.invited}`,
          doneRanges: sql`${importRuns.doneRanges} || ${JSON.stringify([range])}::jsonb`,
          updatedAt: new Date(),
        })
        .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, runId)))
    },

    async markSkipped(
      tenantId: string,
      runId: string,
      rows: { rowNumber: number; message: string }[],
      field: string,
      columnName: string | null,
    ) {
      if (rows.length === 0) return
      const json = JSON.stringify(rows.map((r) => ({ row_number: r.rowNumber, message: r.message })))
      await db.execute(sql`
        update import_rows r set status = 'skipped', message = x.message, field = ${field}, column_name = ${columnName}
        from jsonb_to_recordset(${json}::jsonb) as x(row_number int, message text)
        where r.tenant_id = ${tenantId} and r.run_id = ${runId} and r.row_number = x.row_number`)
    },

    /** Records created by the run after `cursor` (row number), in row order. */
    async createdAfter(tenantId: string, runId: string, cursor: number, limit: number) {
      return db
        .select({ rowNumber: importCreated.rowNumber, entityId: importCreated.entityId })
        .from(importCreated)
        .where(
          and(
            eq(importCreated.tenantId, tenantId),
            eq(importCreated.runId, runId),
            gt(importCreated.rowNumber, cursor),
          ),
        )
        .orderBy(asc(importCreated.rowNumber))
        .limit(limit)
    },

    async createdIds(tenantId: string, runId: string): Promise<string[]> {
      const rows = await db
        .select({ id: importCreated.entityId })
        .from(importCreated)
        .where(and(eq(importCreated.tenantId, tenantId), eq(importCreated.runId, runId)))
      return rows.map((r) => r.id)
    },

    async findRows(
      tenantId: string,
      runId: string,
      q: { status?: 'ok' | 'error' | 'skipped'; page: number; pageSize: number },
    ) {
      const where = and(
        eq(importRows.tenantId, tenantId),
        eq(importRows.runId, runId),
        ...(q.status ? [eq(importRows.status, q.status)] : []),
      )
      const items = await db
        .select({
          rowNumber: importRows.rowNumber,
          status: importRows.status,
          columnName: importRows.columnName,
          message: importRows.message,
          cells: importRows.cells,
          created: sql<boolean>`exists (select 1 from import_created c where c.run_id = ${importRows.runId} and c.row_number = ${importRows.rowNumber})`,
        })
        .from(importRows)
        .where(where)
        .orderBy(asc(importRows.rowNumber))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
      const [{ total }] = await db.select({ total: count() }).from(importRows).where(where)
      return { items, total: Number(total) }
    },

    /** Rows with a problem (errors and skipped), in pages, for the error report. */
    async *problemRows(tenantId: string, runId: string, pageSize = 2000) {
      let after = 0
      for (;;) {
        const page = await db
          .select({
            rowNumber: importRows.rowNumber,
            cells: importRows.cells,
            message: importRows.message,
            columnName: importRows.columnName,
          })
          .from(importRows)
          .where(
            and(
              eq(importRows.tenantId, tenantId),
              eq(importRows.runId, runId),
              inArray(importRows.status, ['error', 'skipped']),
              gt(importRows.rowNumber, after),
            ),
          )
          .orderBy(asc(importRows.rowNumber))
          .limit(pageSize)
        yield* page
        if (page.length < pageSize) return
        after = page[page.length - 1].rowNumber
      }
    },
  }
}
