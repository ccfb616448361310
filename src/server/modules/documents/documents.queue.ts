import { z } from 'zod'
import type { Db } from '../../platform/db/database.ts'
import { defineJob, enqueue } from '../../platform/jobs/queue.ts'

/** The trash's job name and payload (the runnable definition is built in documents.jobs.ts). */
export const PURGE_JOB = 'documents.purge'
export const PurgePayload = z.object({
  tenantId: z.uuid(),
  kind: z.enum(['document', 'folder']),
  id: z.uuid(),
})
export type PurgePayload = z.infer<typeof PurgePayload>

const purgeShape = defineJob({ name: PURGE_JOB, payload: PurgePayload, handler: async () => {} })

/** The end of a deleted item's 30 days in the trash (see documents.trash.ts). */
export function enqueueTrashPurge(tx: Db, p: PurgePayload, at: Date) {
  // No dedupe key: a purge looked at early (restored and deleted again) queues itself again; running twice is harmless.
  return enqueue(tx, purgeShape, p, { tenantId: p.tenantId, runAt: at })
}

/** The announcement of a folder's publications at the end of their window (documents.notify.ts). */
export const ANNOUNCE_JOB = 'documents.announce'
export const AnnouncePayload = z.object({ tenantId: z.uuid(), folderId: z.uuid() })
export type AnnouncePayload = z.infer<typeof AnnouncePayload>

const announceShape = defineJob({ name: ANNOUNCE_JOB, payload: AnnouncePayload, handler: async () => {} })

/**
 * One job per folder and window: the window is the stretch of `delayMs` the publication falls in,
 * and the job runs at its end (at once without a delay). Later publications of the same window
 * find the job queued (its dedupe key) and simply wait for it.
 */
export function enqueueAnnouncement(tx: Db, p: AnnouncePayload, delayMs: number, now = Date.now()) {
  if (delayMs <= 0) return enqueue(tx, announceShape, p, { tenantId: p.tenantId })
  const window = Math.floor(now / delayMs)
  return enqueue(tx, announceShape, p, {
    tenantId: p.tenantId,
    runAt: new Date((window + 1) * delayMs),
    dedupeKey: `${ANNOUNCE_JOB}:${p.folderId}:${window}`,
  })
}
