import { z } from '#shared/validation.ts'

export const TaskStatus = z.enum(['failed', 'retrying'])

export const FindTasksQuery = z.strictObject({
  /** failed: gave up after its attempts; retrying: failed at least once, next attempt scheduled. */
  status: TaskStatus.default('failed'),
})

export const TaskParams = z.strictObject({
  id: z.coerce
    .number({ error: 'Tarefa inválida.' })
    .int({ error: 'Tarefa inválida.' })
    .positive({ error: 'Tarefa inválida.' }),
})

export const Task = z.object({
  id: z.number().int(),
  name: z.string(),
  label: z.string(),
  status: TaskStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** The reason of the last failure, as the worker saw it. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  /** failed: when it gave up; retrying: null. */
  finishedAt: z.string().nullable(),
  /** retrying: when the next attempt runs. */
  nextAttemptAt: z.string().nullable(),
  /** "Tentar de novo" is the way to recover it (otherwise `hint` says where). */
  canRetry: z.boolean(),
  hint: z.string().nullable(),
})
export type Task = z.infer<typeof Task>

export const TaskCounts = z.object({ failed: z.number().int(), retrying: z.number().int() })
export type TaskCounts = z.infer<typeof TaskCounts>

export const TaskList = z.object({
  items: z.array(Task),
  /** Counts of both lists, for the tabs. */
  counts: TaskCounts,
})
export type TaskList = z.infer<typeof TaskList>
