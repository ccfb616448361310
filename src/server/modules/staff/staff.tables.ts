import { boolean, foreignKey, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { accessProfiles } from '../access/access.tables.ts'
import { users } from '../auth/auth.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'

/** A user's membership in a tenant's staff, with the access profile that gives its permissions. */
export const staffMembers = pgTable(
  'staff_members',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Display name inside this tenant (the identity in users may be shared with other tenants). */
    name: text('name').notNull(),
    profileId: uuid('profile_id').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('staff_members_tenant_user_key').on(t.tenantId, t.userId),
    index('staff_members_user_idx').on(t.userId),
    // The profile must belong to the same tenant as the membership.
    foreignKey({
      name: 'staff_members_profile_fk',
      columns: [t.tenantId, t.profileId],
      foreignColumns: [accessProfiles.tenantId, accessProfiles.id],
    }),
  ],
)
