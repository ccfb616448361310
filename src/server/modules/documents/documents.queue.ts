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
