import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { bytea, createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'

export const EVENT_STATUSES = ['aberto', 'confirmado', 'cancelado', 'realizado'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

export const REGISTRATION_STATUSES = ['inscrito', 'espera', 'cancelado'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

/** Kinds of event (Treinamento interno, Treinamento aberto ao público, Reunião…), per tenant. */
export const eventTypes = pgTable(
  'event_types',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** Open to anyone (seed: "tipo 2 para eventos públicos", base client "1000"). */
    isPublic: boolean('is_public').notNull().default(false),
    /** A training: attendance of the unit releases the invitations held for it. */
    isTraining: boolean('is_training').notNull().default(false),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('event_types_name_key').on(t.tenantId, sql`lower(${t.name})`)],
)

/**
 * An event. A secondary event names its main event, inherits its type, client, location, link and
 * registration settings, and gets its description from the main one unless overridden.
 */
export const events = pgTable(
  'events',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The number staff quote ("código do evento principal"), per tenant. */
    code: integer('code').notNull(),
    mainEventId: uuid('main_event_id'),
    description: text('description').notNull(),
    /** False: the description follows the main event's ("Sessão 2 — …"). */
    descriptionCustom: boolean('description_custom').notNull().default(true),
    responsibleUserId: uuid('responsible_user_id'),
    responsibleName: text('responsible_name'),
    typeId: uuid('type_id')
      .notNull()
      .references(() => eventTypes.id),
    clientOrgId: uuid('client_org_id').references(() => clientOrgs.id),
    location: text('location'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('aberto'),
    onlineUrl: text('online_url'),
    publicRegistration: boolean('public_registration').notNull().default(false),
    capacity: integer('capacity'),
    /** Carga horária printed on certificates, in minutes. */
    workloadMinutes: integer('workload_minutes').notNull().default(60),
    /** The public page's address (/e/:slug): random, not guessable from the code. */
    slug: text('slug').notNull(),
    /** iCalendar SEQUENCE: goes up on every change sent to participants. */
    icsSequence: integer('ics_sequence').notNull().default(0),
    artMime: text('art_mime'),
    art: bytea('art'),
    artUpdatedAt: timestamp('art_updated_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('events_code_key').on(t.tenantId, t.code),
    uniqueIndex('events_slug_key').on(t.slug),
    index('events_starts_idx').on(t.tenantId, t.startsAt),
    index('events_main_idx').on(t.tenantId, t.mainEventId),
    index('events_client_org_idx').on(t.tenantId, t.clientOrgId),
    check('events_period_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
)

/**
 * A participant of one event. Registering in a main event creates one row per secondary too
 * (`main_registration_id` points at the main row), all in one transaction.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    mainRegistrationId: uuid('main_registration_id'),
    clientUserId: uuid('client_user_id'),
    clientOrgId: uuid('client_org_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** Digits only; null until the participant registers it (no certificate before). */
    cpf: text('cpf'),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull().default('inscrito'),
    source: text('source', { enum: ['staff', 'portal', 'public', 'main'] }).notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    attendedAt: timestamp('attended_at', { withTimezone: true }),
    attendanceSource: text('attendance_source', { enum: ['link', 'manual'] }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Told once that a CPF is needed for the certificate. */
    cpfRequestedAt: timestamp('cpf_requested_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('event_registrations_active_key')
      .on(t.eventId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelado'`),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.createdAt),
    index('event_registrations_main_idx').on(t.mainRegistrationId),
    index('event_registrations_user_idx').on(t.tenantId, t.clientUserId),
    index('event_registrations_email_idx').on(t.tenantId, sql`lower(${t.email})`),
  ],
)

/** Every use of the join link and every manual mark: the attendance trail. */
export const eventAttendance = pgTable(
  'event_attendance',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    registrationId: uuid('registration_id').notNull(),
    source: text('source', { enum: ['link', 'manual'] }).notNull(),
    present: boolean('present').notNull().default(true),
    actorName: text('actor_name'),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_attendance_registration_idx').on(t.registrationId, t.at)],
)

/** One row per e-mail sent to one participant: the per-recipient delivery log. */
export const eventMails = pgTable(
  'event_mails',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    registrationId: uuid('registration_id').notNull(),
    kind: text('kind', {
      enum: ['registration', 'status', 'resend', 'reminder', 'cancel', 'certificate', 'cpf_required'],
    }).notNull(),
    mailMessageId: uuid('mail_message_id').notNull(),
    /** One mass mailing (a status change, a resend, the reminder): each participant once. */
    batchId: uuid('batch_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('event_mails_batch_key').on(t.registrationId, t.batchId),
    index('event_mails_event_idx').on(t.tenantId, t.eventId, t.createdAt),
    index('event_mails_registration_idx').on(t.registrationId, t.kind),
  ],
)

/**
 * A certificate of participation. Versioned: revoking keeps the row (the verification page says
 * "revogado") and re-issuing adds version + 1. At most one valid certificate per registration,
 * enforced by the partial unique index — issuing twice cannot create two.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    registrationId: uuid('registration_id').notNull(),
    version: integer('version').notNull().default(1),
    /** Printed on the PDF and in its QR code: the public verification page's key. */
    code: text('code').notNull(),
    status: text('status', { enum: ['valid', 'revoked'] })
      .notNull()
      .default('valid'),
    participantName: text('participant_name').notNull(),
    cpfMasked: text('cpf_masked').notNull(),
    eventDescription: text('event_description').notNull(),
    eventStartsAt: timestamp('event_starts_at', { withTimezone: true }).notNull(),
    eventEndsAt: timestamp('event_ends_at', { withTimezone: true }).notNull(),
    workloadMinutes: integer('workload_minutes').notNull(),
    pdf: bytea('pdf').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    revokedBy: text('revoked_by'),
    mailMessageId: uuid('mail_message_id'),
  },
  (t) => [
    uniqueIndex('certificates_code_key').on(t.code),
    uniqueIndex('certificates_version_key').on(t.registrationId, t.version),
    uniqueIndex('certificates_valid_key').on(t.registrationId).where(sql`${t.status} = 'valid'`),
    index('certificates_event_idx').on(t.tenantId, t.eventId),
  ],
)
