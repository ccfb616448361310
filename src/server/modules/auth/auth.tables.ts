import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { tenants } from '../tenants/tenants.tables.ts'

/**
 * A person who can sign in: one row per e-mail across the installation. What they may do inside a
 * tenant comes from their membership there (staff_members now, client users later).
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** KEYPASS: the TOTP secret, encrypted (AES-256-GCM) with a key derived from SESSION_SECRET. */
    totpSecretEnc: text('totp_secret_enc'),
    totpPendingEnc: text('totp_pending_enc'),
    /** When the KEYPASS (whatever its method) was enabled; null = none yet. */
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** KEYPASS method: authenticator app (TOTP), or a code sent by e-mail or SMS where the tenant allows. */
    secondFactor: text('second_factor', { enum: ['totp', 'email', 'sms'] }),
    pendingSecondFactor: text('pending_second_factor', { enum: ['totp', 'email', 'sms'] }),
    /** E.164 phone for SMS codes. */
    mfaPhone: text('mfa_phone'),
    /** Last accepted 30-second step: a code of that step or earlier is a replay. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    mfaFailedCount: integer('mfa_failed_count').notNull().default(0),
    mfaLockedUntil: timestamp('mfa_locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
)

/** Server-side sessions. Only a keyed hash of the cookie value is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    csrfToken: text('csrf_token').notNull(),
    /** 'staff' or 'client': which membership of the person this session uses. */
    kind: text('kind', { enum: ['staff', 'client'] })
      .notNull()
      .default('staff'),
    /** 'full'; 'mfa' until the KEYPASS code is given; 'enrol' until a client user sets up KEYPASS. */
    stage: text('stage', { enum: ['full', 'mfa', 'enrol'] })
      .notNull()
      .default('full'),
    clientUserId: uuid('client_user_id'),
    clientOrgId: uuid('client_org_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
)

/** Single-use, expiring links sent by e-mail (set or reset a password). Stored hashed. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['set_password', 'reset_password'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('user_tokens_token_hash_key').on(t.tokenHash),
    index('user_tokens_user_idx').on(t.userId),
  ],
)

/** One-time recovery codes of a KEYPASS, stored hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('recovery_codes_user_idx').on(t.userId),
    uniqueIndex('recovery_codes_hash_key').on(t.codeHash),
  ],
)

/** One-time codes sent by e-mail or SMS (enrolment and login), stored hashed, valid 10 minutes. */
export const mfaCodes = pgTable(
  'mfa_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('mfa_codes_user_idx').on(t.userId, t.createdAt)],
)
