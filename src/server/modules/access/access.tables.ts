import { sql } from 'drizzle-orm'
import { boolean, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { tenants } from '../tenants/tenants.tables.ts'

/** An access profile (role): a named set of permissions inside one tenant. */
export const accessProfiles = pgTable(
  'access_profiles',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    description: text('description'),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    isSystem: boolean('is_system').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('access_profiles_name_key').on(t.tenantId, sql`lower(${t.name})`),
    unique('access_profiles_tenant_id_key').on(t.tenantId, t.id),
  ],
)
