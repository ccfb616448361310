import { sql } from 'drizzle-orm'
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
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
    /** Razão social (CNPJ) or the person's name (CPF). */
    name: text('name').notNull(),
    tradeName: text('trade_name'),
    /** Inscrição Estadual, typed by hand (not in the CNPJ data); "ISENTO" allowed. */
    stateRegistration: text('state_registration'),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    /** E.164 phones. */
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    /** Homologação (test) or Produção, used by the plans module. */
    environment: text('environment', { enum: ['homologacao', 'producao'] })
      .notNull()
      .default('producao'),
    /** When the unit was trained (set by the events module); null = never trained (the training gate). */
    trainedAt: timestamp('trained_at', { withTimezone: true }),
    notes: text('notes'),
    extraFields: jsonb('extra_fields').$type<Record<string, string>>().notNull().default({}),
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
    // Fragment search ("padaria", "0001") stays fast on large tenants: trigram indexes.
    index('client_orgs_name_trgm').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('client_orgs_trade_name_trgm').using('gin', sql`lower(coalesce(${t.tradeName}, '')) gin_trgm_ops`),
    index('client_orgs_document_trgm').using('gin', sql`${t.document} gin_trgm_ops`),
  ],
)

/** Addresses of a client: principal, cobrança (billing), instalação (installation); several allowed. */
export const clientOrgAddresses = pgTable(
  'client_org_addresses',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    clientOrgId: uuid('client_org_id').notNull(),
    kind: text('kind', { enum: ['principal', 'cobranca', 'instalacao'] }).notNull(),
    cep: text('cep').notNull(),
    street: text('street').notNull(),
    number: text('number').notNull(),
    complement: text('complement'),
    district: text('district').notNull(),
    city: text('city').notNull(),
    uf: text('uf').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('client_org_addresses_org_idx').on(t.tenantId, t.clientOrgId),
    foreignKey({
      name: 'client_org_addresses_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }).onDelete('cascade'),
  ],
)
