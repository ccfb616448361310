import { sql } from 'drizzle-orm'
import { boolean, index, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { tenants } from '../tenants/tenants.tables.ts'

/** A tenant's client organisation (company by CNPJ, or person / rural producer by CPF). */
export const clientOrgs = pgTable(
  'client_orgs',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    documentType: text('document_type', { enum: ['cnpj', 'cpf'] }).notNull(),
    /** Normalised: digits (and uppercase letters for the alphanumeric CNPJ), no punctuation. */
    document: text('document').notNull(),
    name: text('name').notNull(),
    /** "A empresa está habilitada?" — users of this client may use the portal. */
    portalEnabled: boolean('portal_enabled').notNull().default(true),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('client_orgs_document_key').on(t.tenantId, t.document),
    unique('client_orgs_tenant_id_key').on(t.tenantId, t.id),
    index('client_orgs_name_idx').on(t.tenantId, sql`lower(${t.name})`),
  ],
)
