import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { bytea, createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { tenants } from '../tenants/tenants.tables.ts'

export const FICHA_STATUSES = [
  'recebida',
  'em_verificacao',
  'devolvida',
  'completa',
  'encaminhada',
  'cadastrada',
  'aguardando_treinamento',
  'arquivada',
] as const
export type FichaStatus = (typeof FICHA_STATUSES)[number]

/**
 * A ficha cadastral: an organisation's request to register its unit and users. Never deleted;
 * archived fichas stay searchable. The sender follows it by protocol + secret (hashed here).
 */
export const fichas = pgTable(
  'fichas',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    protocol: text('protocol').notNull(),
    secretHash: text('secret_hash').notNull(),
    source: text('source', { enum: ['public', 'staff'] }).notNull(),
    status: text('status', { enum: FICHA_STATUSES }).notNull().default('recebida'),
    /** The form's content: organisation, unit, responsible person, users with profiles, contacts. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    senderName: text('sender_name').notNull(),
    senderEmail: text('sender_email').notNull(),
    /** What was missing when it was returned for correction. */
    missing: text('missing').array().notNull().default(sql`'{}'::text[]`),
    holderUserId: uuid('holder_user_id'),
    holderName: text('holder_name'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Contractual deadline of the current step (business days, national holidays skipped). */
    dueOn: text('due_on'),
    /** Denormalised text for search: organisation, CNPJ, people, protocol. */
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fichas_protocol_key').on(t.protocol),
    index('fichas_tenant_status_idx').on(t.tenantId, t.status, t.dueOn),
    index('fichas_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
)

/** Every step of a ficha: who moved it, from where to where, when, and why. */
export const fichaEvents = pgTable(
  'ficha_events',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    fichaId: uuid('ficha_id')
      .notNull()
      .references(() => fichas.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorName: text('actor_name').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('ficha_events_ficha_idx').on(t.tenantId, t.fichaId, t.createdAt)],
)

/** The original ficha (PDF or image) as received, kept with the ficha forever. */
export const fichaAttachments = pgTable(
  'ficha_attachments',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    fichaId: uuid('ficha_id')
      .notNull()
      .references(() => fichas.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ficha_attachments_ficha_idx').on(t.tenantId, t.fichaId)],
)
