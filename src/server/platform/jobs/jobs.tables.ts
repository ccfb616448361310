import { sql } from 'drizzle-orm'
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

/**
 * The durable job queue. A job is a row: enqueued in the same transaction as the data it belongs
 * to, claimed with FOR UPDATE SKIP LOCKED, retried with exponential backoff.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    tenantId: uuid('tenant_id'),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_ready_idx').on(t.runAt).where(sql`status = 'queued'`),
    index('jobs_running_idx').on(t.lockedAt).where(sql`status = 'running'`),
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    // "Tarefas em segundo plano": a tenant's failed jobs and those waiting to be retried, without
    // reading the done ones.
    index('jobs_attention_idx')
      .on(t.tenantId, t.status)
      .where(sql`status = 'failed' or (status = 'queued' and attempts > 0)`),
  ],
)
