import { sql } from 'drizzle-orm'
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { users } from '../auth/auth.tables.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'

/** Departments whose folders client users see (Pessoal, Fiscal, Contábil… plus the tenant's own). */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('departments_name_key').on(t.tenantId, sql`lower(${t.name})`),
    unique('departments_tenant_id_key').on(t.tenantId, t.id),
  ],
)

export type NotificationChannel = 'none' | 'email' | 'system' | 'both'

/**
 * A person of a client, with access to the tenant's client portal. `userId` (the global identity)
 * stays null until the invitation is accepted: until then the e-mail can be corrected freely.
 */
export const clientUsers = pgTable(
  'client_users',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    cpf: text('cpf'),
    phone: text('phone'),
    portalActive: boolean('portal_active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    notifications: jsonb('notifications').$type<Record<string, NotificationChannel>>().notNull().default({}),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    firstLoginAt: timestamp('first_login_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('client_users_email_key').on(t.tenantId, sql`lower(${t.email})`),
    uniqueIndex('client_users_tenant_user_key').on(t.tenantId, t.userId),
    unique('client_users_tenant_id_key').on(t.tenantId, t.id),
    index('client_users_user_idx').on(t.userId),
    // Duplicate-CPF checks (the user screen, the import's dry run) without scanning the tenant.
    index('client_users_cpf_idx').on(t.tenantId, t.cpf).where(sql`${t.cpf} is not null`),
  ],
)

export const clientUserDepartments = pgTable(
  'client_user_departments',
  {
    tenantId: uuid('tenant_id').notNull(),
    clientUserId: uuid('client_user_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    level: text('level', { enum: ['revisor', 'contribuinte', 'proprietario'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientUserId, t.departmentId] }),
    foreignKey({
      name: 'cud_user_fk',
      columns: [t.tenantId, t.clientUserId],
      foreignColumns: [clientUsers.tenantId, clientUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'cud_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
  ],
)

export const clientUserOrgs = pgTable(
  'client_user_orgs',
  {
    tenantId: uuid('tenant_id').notNull(),
    clientUserId: uuid('client_user_id').notNull(),
    clientOrgId: uuid('client_org_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientUserId, t.clientOrgId] }),
    foreignKey({
      name: 'cuo_user_fk',
      columns: [t.tenantId, t.clientUserId],
      foreignColumns: [clientUsers.tenantId, clientUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'cuo_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }),
  ],
)

/**
 * One row per invitation link issued. States: scheduled → sent → opened → accepted; or revoked
 * (a newer link replaced it), bounced; "expired" is derived from expires_at.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    clientUserId: uuid('client_user_id').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash'),
    status: text('status', {
      enum: ['scheduled', 'sent', 'opened', 'accepted', 'revoked', 'bounced'],
    }).notNull(),
    /** 'link' when the e-mail already had a Cadastra identity at send time ("Vincular contas"). */
    mode: text('mode', { enum: ['new', 'link'] })
      .notNull()
      .default('new'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Set when the invitee asked for a new link from the expired page (staff are told once). */
    renewalRequestedAt: timestamp('renewal_requested_at', { withTimezone: true }),
    /** The e-mail that carried this link: a permanent SMTP refusal of it marks the invitation bounced. */
    mailMessageId: uuid('mail_message_id'),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    /** Held until this client organisation is trained (seed 000, Passo 3): sent when it is. */
    heldForOrgId: uuid('held_for_org_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_client_user_idx').on(t.tenantId, t.clientUserId, t.createdAt),
    index('invitations_held_idx')
      .on(t.tenantId, t.heldForOrgId)
      .where(sql`${t.status} = 'scheduled' and ${t.heldForOrgId} is not null`),
    foreignKey({
      name: 'invitations_user_fk',
      columns: [t.tenantId, t.clientUserId],
      foreignColumns: [clientUsers.tenantId, clientUsers.id],
    }).onDelete('cascade'),
  ],
)
