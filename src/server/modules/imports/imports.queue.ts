import { z } from 'zod'
import type { Db } from '../../platform/db/database.ts'
import { defineJob, enqueue } from '../../platform/jobs/queue.ts'

/** The import jobs' names and payloads (the runnable definitions are built in imports.jobs.ts). */
export const RunPayload = z.object({ tenantId: z.uuid(), runId: z.uuid(), token: z.uuid() })
export const ScheduledPayload = z.object({ tenantId: z.uuid(), runId: z.uuid() })

export const VALIDATE_JOB = 'imports.validate'
export const RUN_JOB = 'imports.run'
export const INVITATIONS_JOB = 'imports.scheduled-invitations'
export const PURGE_JOB = 'imports.purge'

const shape = <P>(name: string, payload: z.ZodType<P>) =>
  defineJob({ name, payload, handler: async () => {} })
const validateShape = shape(VALIDATE_JOB, RunPayload)
const runShape = shape(RUN_JOB, RunPayload)
const invitationsShape = shape(INVITATIONS_JOB, ScheduledPayload)
const purgeShape = shape(PURGE_JOB, ScheduledPayload)

export function enqueueDryRun(tx: Db, p: z.infer<typeof RunPayload>) {
  return enqueue(tx, validateShape, p, { tenantId: p.tenantId })
}

export function enqueueImport(tx: Db, p: z.infer<typeof RunPayload>) {
  return enqueue(tx, runShape, p, { tenantId: p.tenantId })
}

/** "Agendar": the run's invitations at the chosen time (once per run). */
export function enqueueScheduledInvitations(tx: Db, tenantId: string, runId: string, at: Date) {
  return enqueue(
    tx,
    invitationsShape,
    { tenantId, runId },
    { tenantId, runAt: at, dedupeKey: `import-invitations:${runId}:${at.toISOString()}` },
  )
}

export function enqueueMoreScheduledInvitations(tx: Db, tenantId: string, runId: string) {
  return enqueue(tx, invitationsShape, { tenantId, runId }, { tenantId })
}

/** The end of a run's retention: its rows and file are deleted then (see imports.retention.ts). */
export function enqueuePurge(tx: Db, tenantId: string, runId: string, at: Date) {
  // No dedupe key: a purge looked at early queues itself again for the same date; running twice is harmless.
  return enqueue(tx, purgeShape, { tenantId, runId }, { tenantId, runAt: at })
}
