/** Shapes of the background tasks API, from the server's zod schemas (type-only). */
export type { Task, TaskCounts, TaskList } from '../../../server/modules/tasks/tasks.schemas.ts'
