import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
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

/**
 * Working hours per weekday (0 = domingo … 6 = sábado), each a list of [start, end) "HH:MM" in
 * America/Sao_Paulo, e.g. { "1": [["08:00","12:00"],["13:00","18:00"]] }.
 */
export type WorkingHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', [string, string][]>>

/** Roles (cargos): "Instalador", "Técnico de fibra"… A role's agenda is the union of its technicians'. */
export const agendaRoles = pgTable(
  'agenda_roles',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** Default working hours of technicians of this role. */
    workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agenda_roles_name_key').on(t.tenantId, sql`lower(${t.name})`),
    unique('agenda_roles_tenant_id_key').on(t.tenantId, t.id),
  ],
)

export const technicians = pgTable(
  'technicians',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    phone: text('phone'),
    roleId: uuid('role_id').notNull(),
    /** Null: the role's working hours. */
    workingHours: jsonb('working_hours').$type<WorkingHours | null>(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('technicians_tenant_id_key').on(t.tenantId, t.id),
    index('technicians_role_idx').on(t.tenantId, t.roleId),
    foreignKey({
      name: 'technicians_role_fk',
      columns: [t.tenantId, t.roleId],
      foreignColumns: [agendaRoles.tenantId, agendaRoles.id],
    }),
  ],
)

/**
 * A booked slot of a technician. Two active bookings of one technician never overlap: an exclusion
 * constraint (btree_gist) added by hand in the migration, so it also holds under concurrent requests.
 */
export const agendaBookings = pgTable(
  'agenda_bookings',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    technicianId: uuid('technician_id').notNull(),
    /** Booked through the role's agenda (any technician of the role); the technician was picked then. */
    roleId: uuid('role_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['agendado', 'cancelado', 'concluido'] })
      .notNull()
      .default('agendado'),
    /** What the slot is for: the client plan being installed. */
    clientOrgId: uuid('client_org_id'),
    clientPlanId: uuid('client_plan_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    notes: text('notes'),
    /** Rescheduling keeps the old booking, cancelled, pointing at the new one. */
    rescheduledToId: uuid('rescheduled_to_id'),
    cancelReason: text('cancel_reason'),
    sequence: integer('sequence').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('agenda_bookings_tenant_id_key').on(t.tenantId, t.id),
    index('agenda_bookings_day_idx').on(t.tenantId, t.startsAt),
    index('agenda_bookings_plan_idx').on(t.tenantId, t.clientPlanId),
    foreignKey({
      name: 'agenda_bookings_technician_fk',
      columns: [t.tenantId, t.technicianId],
      foreignColumns: [technicians.tenantId, technicians.id],
    }),
    check('agenda_bookings_range_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
)
