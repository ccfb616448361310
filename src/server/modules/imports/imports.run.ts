import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import type { FileStorage } from '../../platform/storage/index.ts'
import { inviteUsersInTx, scheduleInvitationsInTx } from '../client-users/index.ts'
import { writeOrgsBatch } from './imports.orgs.ts'
import { enqueueScheduledInvitations } from './imports.queue.ts'
import { type ImportRunRow, importsRepository } from './imports.repository.ts'
import type { ImportOptions } from './imports.tables.ts'
import { importTargets } from './imports.targets.ts'
import { type BatchContext, writeUsersBatch } from './imports.users.ts'

/** `storage` keeps the uploaded spreadsheets (`<tenant>/<run>`) until the run is no longer needed. */
export type ImportsDeps = { db: Db; config: Config; storage: FileStorage }

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
type Counted = { step: Step; written: number }

/**
 * One batch, in one transaction: the run row is locked, the next rows after its cursor are
 * written, and the cursor moves — all or nothing. A crash mid-batch rolls the batch back and the
 * next attempt starts again from the cursor: never half a batch, never a row twice.
 */
export async function importStep(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
): Promise<Step> {
  return (await countedStep(deps, tenantId, runId, token)).step
}

async function countedStep(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
): Promise<Counted> {
  return deps.db.transaction(async (tx): Promise<Counted> => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(tenantId, runId, { lock: true })
    if (run?.status !== 'running' || run.jobToken !== token) return { step: 'stale', written: 0 }
    const actor = importActor(run)
    const options = run.options as RunOptions
    if (run.phase !== 'invitations') {
      const ctx: BatchContext = {
        tx,
        actor,
        runId,
        cursor: run.cursor,
        limit: deps.config.imports.batchRows,
      }
      const result = run.kind === 'client_users' ? await writeUsersBatch(ctx) : await writeOrgsBatch(ctx)
      if (result.rows === 0) {
        if (run.kind === 'client_users' && run.createdCount > 0 && options.invitations === 'end') {
          await repo.updateRun(tenantId, runId, { phase: 'invitations' })
          return { step: 'more', written: 0 }
        }
        await finish(tx, run, actor)
        return { step: 'finished', written: 0 }
      }
      await repo.markSkipped(tenantId, runId, result.skipped, result.skippedField, null)
      // "Agendar" and "Enviar mais tarde": the users' invitations are scheduled with them, in the
      // same transaction; "Enviar ao final" sends in its own phase once every row is in.
      const scheduled =
        run.kind === 'client_users' && options.invitations !== 'end'
          ? await scheduleInvitationsInTx(tx, actor, result.ids)
          : 0
      await repo.updateRun(tenantId, runId, {
        cursor: result.lastRow ?? run.cursor,
        doneRows: run.doneRows + result.rows,
        createdCount: run.createdCount + result.created,
        skippedRows: run.skippedRows + result.skipped.length,
        invitedCount: run.invitedCount + scheduled,
      })
      return { step: 'more', written: result.created }
    }
    // "Enviar ao final": the invitations, once every row is in, through the invitations service (a
    // link by e-mail, or held for the training gate). A run of the other modes in this phase was
    // started before they scheduled with each batch: it schedules here.
    const created = await repo.createdAfter(tenantId, runId, run.inviteCursor, INVITE_BATCH)
    if (created.length === 0) {
      await finish(tx, run, actor)
      return { step: 'finished', written: 0 }
    }
    const ids = created.map((c) => c.entityId)
    const invited =
      options.invitations === 'end'
        ? await inviteUsersInTx(tx, deps.config, actor, ids)
        : await scheduleInvitationsInTx(tx, actor, ids)
    await repo.updateRun(tenantId, runId, {
      inviteCursor: created[created.length - 1].rowNumber,
      invitedCount: run.invitedCount + invited,
    })
    return { step: 'more', written: invited }
  })
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

/** Runs batches until the run is finished or the budget is spent; true when work remains. */
export async function processImport(
  deps: ImportsDeps,
  tenantId: string,
  runId: string,
  token: string,
  budgetMs = RUN_BUDGET_MS,
): Promise<boolean> {
  const started = Date.now()
  const kind = (await importsRepository(deps.db).findRun(tenantId, runId))?.kind ?? 'client_users'
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
    const { step, written } = await countedStep(deps, tenantId, runId, token)
    stats.pending += written
    stats.total += written
    statistics.set(runId, stats)
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
