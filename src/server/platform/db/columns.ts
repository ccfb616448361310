import { sql } from 'drizzle-orm'
import { timestamp, uuid } from 'drizzle-orm/pg-core'

/** Common column helpers so every table spells ids and timestamps the same way. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`)
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
export const tenantId = () => uuid('tenant_id').notNull()
