import { systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { enqueuePurge } from './imports.queue.ts'
import { type ImportRunRow, importsRepository } from './imports.repository.ts'
import type { ImportsDeps } from './imports.run.ts'

const DAY_MS = 86_400_000

/** When a run's rows and file are due for deletion: IMPORT_RETENTION_DAYS after the upload. */
export function purgeDate(deps: ImportsDeps, run: Pick<ImportRunRow, 'createdAt'>): Date {
  return new Date(run.createdAt.getTime() + deps.config.imports.retentionDays * DAY_MS)
}

/** A run the staff still has to act on (working, or stopped midway: "Retomar" or "Desfazer" need its rows). */
const inUse = (run: ImportRunRow) =>
  run.status === 'validating' ||
  run.status === 'running' ||
  (run.status === 'failed' && run.startedAt !== null)

/**
 * The end of an import's retention (job `imports.purge`, queued at upload). The spreadsheet's rows
 * hold personal data (names, e-mails, CPFs, phones), some of people who were never imported, so
 * they are kept only for IMPORT_RETENTION_DAYS (LGPD: no longer than needed): then the rows and the
 * file are deleted, in one transaction with an audit entry; the run keeps its totals and history
 * and what it created (undo still works). A run never imported becomes `expired`. A run still in
 * use is looked at again a day later; a retention raised since the upload moves the date.
 */
export async function purgeImport(deps: ImportsDeps, tenantId: string, runId: string, now = new Date()) {
  const purged = await deps.db.transaction(async (tx) => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(tenantId, runId, { lock: true })
    if (!run || run.purgedAt) return null
    const due = purgeDate(deps, run)
    if (due > now || inUse(run)) {
      await enqueuePurge(tx, tenantId, runId, due > now ? due : new Date(now.getTime() + DAY_MS))
      return null
    }
    await repo.deleteRows(tenantId, runId)
    const expired = !['done', 'undone'].includes(run.status)
    await repo.updateRun(tenantId, runId, {
      purgedAt: now,
      file: null,
      ...(expired ? { status: 'expired' as const, jobToken: null, failureMessage: null } : {}),
    })
    await recordAudit(tx, systemActor(tenantId, 'Retenção de dados'), {
      entity: 'import_run',
      entityId: runId,
      action: 'purged',
      before: { status: run.status, rows: run.totalRows },
      after: {
        status: expired ? 'expired' : run.status,
        filename: run.filename,
        retentionDays: deps.config.imports.retentionDays,
      },
    })
    return run
  })
  if (purged?.fileKey) await deps.storage.delete(purged.fileKey).catch(() => {})
  return purged !== null
}
