import { defineJob, PATIENT_ATTEMPTS } from '../../platform/jobs/queue.ts'
import { runDryRun } from './imports.dry-run.ts'
import {
  enqueueImport,
  enqueueMoreScheduledInvitations,
  INVITATIONS_JOB,
  PURGE_JOB,
  RUN_JOB,
  RunPayload,
  ScheduledPayload,
  VALIDATE_JOB,
} from './imports.queue.ts'
import { importsRepository } from './imports.repository.ts'
import { purgeImport } from './imports.retention.ts'
import { type ImportsDeps, processImport, sendScheduledInvitations } from './imports.run.ts'

const FAILED_DRY_RUN =
  'A prévia parou por um erro inesperado. Tente validar de novo; se persistir, avise o suporte.'
const FAILED_IMPORT =
  'A importação parou por um erro inesperado. As linhas já gravadas foram mantidas: use "Retomar" para continuar de onde parou.'

/** The import's jobs: the dry run, the batched import (re-enqueued while work remains), scheduled invitations. */
export function createImportJobs(deps: ImportsDeps) {
  const markFailed = async (p: { tenantId: string; runId: string; token: string }, message: string) => {
    await importsRepository(deps.db).updateRun(
      p.tenantId,
      p.runId,
      { status: 'failed', failureMessage: message, jobToken: null },
      p.token,
    )
  }
  return [
    defineJob({
      name: VALIDATE_JOB,
      payload: RunPayload,
      maxAttempts: 3,
      timeoutMs: 600_000,
      handler: async (p, ctx) => {
        try {
          await runDryRun(deps, p.tenantId, p.runId, p.token)
        } catch (err) {
          if (ctx.isLastAttempt) await markFailed(p, FAILED_DRY_RUN)
          throw err
        }
      },
    }),
    defineJob({
      name: RUN_JOB,
      payload: RunPayload,
      maxAttempts: 5,
      timeoutMs: 300_000,
      handler: async (p, ctx) => {
        try {
          if (await processImport(deps, p.tenantId, p.runId, p.token)) await enqueueImport(deps.db, p)
        } catch (err) {
          if (ctx.isLastAttempt) await markFailed(p, FAILED_IMPORT)
          throw err
        }
      },
    }),
    defineJob({
      name: INVITATIONS_JOB,
      payload: ScheduledPayload,
      maxAttempts: PATIENT_ATTEMPTS,
      timeoutMs: 300_000,
      handler: async (p) => {
        if (await sendScheduledInvitations(deps, p.tenantId, p.runId))
          await enqueueMoreScheduledInvitations(deps.db, p.tenantId, p.runId)
      },
    }),
    defineJob({
      name: PURGE_JOB,
      payload: ScheduledPayload,
      maxAttempts: PATIENT_ATTEMPTS,
      handler: async (p) => {
        await purgeImport(deps, p.tenantId, p.runId)
      },
    }),
  ]
}
