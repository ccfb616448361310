import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Database, Db } from '../../platform/db/database.ts'
import type { FileStorage } from '../../platform/storage/index.ts'
import { inviteUsersInTx, scheduleInvitationsInTx } from '../client-users/index.ts'
import { writeOrgsBatch } from './imports.orgs.ts'
import { enqueueScheduledInvitations } from './imports.queue.ts'
import { type ImportRunRow, importsRepository } from './imports.repository.ts'
import type { ImportOptions } from './imports.tables.ts'
import { type BatchRange, importTargets } from './imports.targets.ts'
import { type BatchContext, writeUsersBatch } from './imports.users.ts'

/**
 * `storage` keeps the uploaded spreadsheets (`<tenant>/<run>`) until the run is no longer needed;
 * `lanes` is how many batches an import writes side by side (1 on PGlite: one connection).
 */
export type ImportsDeps = { db: Db; config: Config; storage: FileStorage; lanes?: number }

/** Batches an import writes side by side on this database: IMPORT_LANES, or 1 on PGlite (one connection). */
export function importLanes(database: Pick<Database, 'kind'>, config: Config): number {
  return database.kind === 'pglite' ? 1 : config.imports.lanes
}

/** Users invited per transaction, through the invitations service's bulk functions (links, e-mails, audit). */
export const INVITE_BATCH = 2000
/** One job run works this long, then hands over to a new job (other jobs get a turn; progress shows). */
export const RUN_BUDGET_MS = 10_000

export type RunOptions = ImportOptions & { confirmedBy?: string | null; confirmedByName?: string | null }

/** The person who confirmed the import: the audit entries and invitations carry their name. */
export function importActor(
  run: Pick<ImportRunRow, 'tenantId' | 'options' | 'createdBy' | 'createdByName'>,
): Actor {
  const o = run.options as RunOptions
  const userId = o.confirmedBy ?? run.createdBy
  const base = systemActor(run.tenantId, o.confirmedByName ?? run.createdByName)
  return userId ? { ...base, userId } : base
}

type Step = 'more' | 'finished' | 'stale'
/**
 * What a round does next: these batches side by side, or nothing more here (finished, stale, or a
 * step of the invitations phase done, with the invitations it wrote).
 */
type Round = { step: Step; ranges: BatchRange[]; written: number }

/** One step of the run: the first batch the next round would write (or a step of the invitations phase). */
export async function importStep(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
): Promise<Step> {
  const round = await planRound(deps, tenantId, runId, token, 1)
  if (round.ranges.length === 0) return round.step
  const batch = await writeBatch(deps, tenantId, runId, token, round.ranges[0])
  return batch.step
}

/**
 * The start of a round, with the run locked: batches committed beyond the cursor that now follow it
 * move it on; then the next `lanes` ranges of up to `batchRows` valid rows each are planned from the
 * cursor, around the ranges already committed (after a crash, a later lane may have committed while
 * an earlier one failed: its rows are not written twice). With no range left, the rows are all in:
 * the run goes on to its invitations ("Enviar ao final") or finishes. In the invitations phase, one
 * step of it runs here.
 */
async function planRound(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
  lanes: number,
): Promise<Round> {
  return deps.db.transaction(async (tx): Promise<Round> => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(tenantId, runId, { lock: true })
    if (run?.status !== 'running' || run.jobToken !== token) return { step: 'stale', ranges: [], written: 0 }
    const actor = importActor(run)
    if (run.phase === 'invitations') return { ...(await invitationsStep(tx, deps, run, actor)), ranges: [] }

    let cursor = run.cursor
    const done = run.doneRanges.filter(([, upTo]) => upTo > cursor).sort((a, b) => a[0] - b[0])
    while (done.length > 0 && done[0][0] <= cursor) cursor = Math.max(cursor, done.shift()![1])
    if (cursor !== run.cursor || done.length !== run.doneRanges.length)
      await repo.updateRun(tenantId, runId, { cursor, doneRanges: done })

    const ranges: BatchRange[] = []
    let after = cursor
    while (ranges.length < lanes) {
      const next = done.find(([from]) => from >= after)
      if (next && next[0] === after) {
        after = next[1]
        continue
      }
      const end = await repo.batchEnd(tenantId, runId, after, deps.config.imports.batchRows)
      if (end === null) break
      const upTo = next ? Math.min(end, next[0]) : end
      ranges.push([after, upTo])
      after = upTo
    }
    if (ranges.length > 0) return { step: 'more', ranges, written: 0 }

    const options = run.options as RunOptions
    if (run.kind === 'client_users' && run.createdCount > 0 && options.invitations === 'end') {
      await repo.updateRun(tenantId, runId, { phase: 'invitations' })
      return { step: 'more', ranges: [], written: 0 }
    }
    await finish(tx, run, actor)
    return { step: 'finished', ranges: [], written: 0 }
  })
}

/**
 * One batch, in one transaction: its rows are written and counted on the run — all or nothing. A
 * crash mid-batch rolls the batch back; its range is planned again by the next round.
 */
async function writeBatch(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
  range: BatchRange,
): Promise<{ step: 'more' | 'stale'; written: number }> {
  return deps.db.transaction(async (tx) => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(tenantId, runId, { lock: 'key share' })
    if (run?.status !== 'running' || run.jobToken !== token || run.phase === 'invitations')
      return { step: 'stale', written: 0 }
    const actor = importActor(run)
    const options = run.options as RunOptions
    const ctx: BatchContext = { tx, actor, runId, range }
    const result = run.kind === 'client_users' ? await writeUsersBatch(ctx) : await writeOrgsBatch(ctx)
    await repo.markSkipped(tenantId, runId, result.skipped, result.skippedField, null)
    // "Agendar" and "Enviar mais tarde": the users' invitations are scheduled with them, in the
    // same transaction; "Enviar ao final" sends in its own phase once every row is in.
    const scheduled =
      run.kind === 'client_users' && options.invitations !== 'end'
        ? await scheduleInvitationsInTx(tx, actor, result.ids)
        : 0
    await repo.recordBatch(tenantId, runId, range, {
      rows: result.rows,
      created: result.created,
      skipped: result.skipped.length,
      invited: scheduled,
    })
    return { step: 'more', written: result.created }
  })
}

/**
 * "Enviar ao final": the invitations, once every row is in, through the invitations service (a link
 * by e-mail, or held for the training gate). A run of the other modes in this phase was started
 * before they scheduled with each batch: it schedules here.
 */
async function invitationsStep(
  tx: Db,
  deps: ImportsDeps,
  run: ImportRunRow,
  actor: Actor,
): Promise<{ step: Step; written: number }> {
  const repo = importsRepository(tx)
  const options = run.options as RunOptions
  const created = await repo.createdAfter(run.tenantId, run.id, run.inviteCursor, INVITE_BATCH)
  if (created.length === 0) {
    await finish(tx, run, actor)
    return { step: 'finished', written: 0 }
  }
  const ids = created.map((c) => c.entityId)
  const invited =
    options.invitations === 'end'
      ? await inviteUsersInTx(tx, deps.config, actor, ids)
      : await scheduleInvitationsInTx(tx, actor, ids)
  await repo.updateRun(run.tenantId, run.id, {
    inviteCursor: created[created.length - 1].rowNumber,
    invitedCount: run.invitedCount + invited,
  })
  return { step: 'more', written: invited }
}

async function finish(tx: Db, run: ImportRunRow, actor: Actor) {
  const repo = importsRepository(tx)
  await repo.updateRun(run.tenantId, run.id, {
    status: 'done',
    phase: null,
    jobToken: null,
    finishedAt: new Date(),
  })
  await recordAudit(tx, actor, {
    entity: 'import_run',
    entityId: run.id,
    action: 'done',
    after: {
      kind: run.kind,
      filename: run.filename,
      created: run.createdCount,
      skipped: run.skippedRows,
      errors: run.errorRows,
      invited: run.invitedCount,
    },
  })
  const o = run.options as RunOptions
  if (o.invitations === 'schedule' && o.scheduleAt)
    await enqueueScheduledInvitations(tx, run.tenantId, run.id, new Date(o.scheduleAt))
}

/**
 * Runs rounds of batches, `deps.lanes` side by side, until the run is finished or the budget is
 * spent; true when work remains. A failed batch fails the round once the others have settled (those
 * that committed are kept; the job's next attempt plans around them).
 */
export async function processImport(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
  budgetMs = RUN_BUDGET_MS,
): Promise<boolean> {
  const started = Date.now()
  const kind = (await importsRepository(deps.db).findRun(tenantId, runId))?.kind ?? 'client_users'
  const lanes = deps.lanes ?? 1
  for (;;) {
    // Fresh statistics while the tables grow: without them the cached foreign-key checks keep a
    // plan made for an empty table (a sequential scan) and every batch gets slower (ADR 0013).
    const stats = statistics.get(runId) ?? { pending: 0, total: 0, fresh: false }
    if (
      !stats.fresh ||
      stats.pending >= Math.max(deps.config.imports.batchRows, stats.total - stats.pending)
    ) {
      await importTargets(deps.db).analyze(kind, !stats.fresh)
      stats.pending = 0
      stats.fresh = true
    }
    const round = await planRound(deps, tenantId, runId, token, lanes)
    const batches = await Promise.allSettled(
      round.ranges.map((range) => writeBatch(deps, tenantId, runId, token, range)),
    )
    const failed = batches.find((b) => b.status === 'rejected')
    if (failed) throw failed.reason
    const results = batches.flatMap((b) => (b.status === 'fulfilled' ? [b.value] : []))
    const written = results.reduce((sum, b) => sum + b.written, round.written)
    stats.pending += written
    stats.total += written
    statistics.set(runId, stats)
    const step = results.some((b) => b.step === 'stale') ? 'stale' : round.step
    if (step !== 'more') {
      statistics.delete(runId)
      if (step === 'finished') await dropFile(deps, tenantId, runId)
      return false
    }
    if (Date.now() - started >= budgetMs) return true
  }
}

/**
 * A finished run no longer needs its spreadsheet: the rows' cells are kept for the error report and
 * the history, and importing the file again means uploading it again. Removed after the commit (the
 * storage is not transactional); a removal that fails leaves a file behind, nothing worse.
 */
async function dropFile(deps: ImportsDeps, tenantId: string, runId: string) {
  const run = await importsRepository(deps.db).findRun(tenantId, runId)
  if (run?.status === 'done' && run.fileKey) await deps.storage.delete(run.fileKey).catch(() => {})
}

/**
 * Rows written per run since this process last refreshed the statistics: after the first batch,
 * then as the tables double (a plan made for a table half the size is still right; each ANALYZE
 * samples, so it costs about the same at any size).
 */
const statistics = new Map<string, { pending: number; total: number; fresh: boolean }>()

/**
 * "Agendar": at the chosen time, the run's users whose invitation still waits get it (held for the
 * training of their company when the gate says so). Those already invited by hand are left alone.
 * Returns whether users remain (the job continues in a new run).
 */
export async function sendScheduledInvitations(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  budgetMs = RUN_BUDGET_MS,
): Promise<boolean> {
  const started = Date.now()
  const run = await importsRepository(deps.db).findRun(tenantId, runId)
  if (run?.status !== 'done') return false
  const actor = importActor(run)
  let cursor = 0
  for (;;) {
    const created = await importsRepository(deps.db).createdAfter(tenantId, runId, cursor, INVITE_BATCH)
    if (created.length === 0) return false
    cursor = created[created.length - 1].rowNumber
    await deps.db.transaction(async (tx) => {
      const ids = created.map((c) => c.entityId)
      const candidates = await importTargets(tx).usersAwaitingInvitation(tenantId, ids)
      // Locked, then asked again: someone may have sent one by hand in the meantime.
      await importTargets(tx).lockClientUsers(tenantId, candidates)
      const waiting = await importTargets(tx).usersAwaitingInvitation(tenantId, candidates)
      // Counted once already, when they were scheduled.
      await inviteUsersInTx(tx, deps.config, actor, waiting)
    })
    if (Date.now() - started >= budgetMs) return true
  }
}
