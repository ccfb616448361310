import { defineJob, PATIENT_ATTEMPTS } from '../../platform/jobs/queue.ts'
import { announcePublications } from './documents.notify.ts'
import { ANNOUNCE_JOB, AnnouncePayload, PURGE_JOB, PurgePayload } from './documents.queue.ts'
import { purgeTrashed } from './documents.purge.ts'
import type { DocumentsDeps } from './documents.service.ts'

/** The documents' jobs: the trash's final deletion 30 days after an item was deleted; the notices of publications. */
export function createDocumentJobs(deps: DocumentsDeps) {
  return [
    defineJob({
      name: PURGE_JOB,
      payload: PurgePayload,
      maxAttempts: PATIENT_ATTEMPTS,
      handler: async (p) => {
        await purgeTrashed(deps, p)
      },
    }),
    defineJob({
      name: ANNOUNCE_JOB,
      payload: AnnouncePayload,
      maxAttempts: PATIENT_ATTEMPTS,
      handler: async (p) => {
        await announcePublications(deps, p)
      },
    }),
  ]
}
