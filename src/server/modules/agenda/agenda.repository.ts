import { and, asc, eq, gt, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/database.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { clientPlans } from '../plans/plans.tables.ts'
import { agendaBookings, agendaRoles, technicians } from './agenda.tables.ts'

export type RoleRow = typeof agendaRoles.$inferSelect
export type TechnicianRow = typeof technicians.$inferSelect
export type BookingRow = typeof agendaBookings.$inferSelect

const bookingRole = alias(agendaRoles, 'booking_role')
const technicianCount = sql<number>`(select count(*)::int from technicians tc where tc.tenant_id = "agenda_roles"."tenant_id" and tc.role_id = "agenda_roles"."id" and tc.is_active)`

/** A technician with the role it belongs to (name and default hours). */
const technicianColumns = {
  technician: technicians,
  roleName: agendaRoles.name,
  roleWorkingHours: agendaRoles.workingHours,
}
export type TechnicianWithRole = {
  technician: TechnicianRow
  roleName: string
  roleWorkingHours: RoleRow['workingHours']
}

/** A booking with the names the screens show. */
const bookingColumns = {
  booking: agendaBookings,
  technicianName: technicians.name,
  roleName: bookingRole.name,
  clientOrgName: clientOrgs.name,
  clientPlanNumber: clientPlans.number,
}
export type BookingWithNames = {
  booking: BookingRow
  technicianName: string
  roleName: string | null
  clientOrgName: string | null
  clientPlanNumber: number | null
}

/** Every method is scoped by tenant. Pass the transaction handle when inside one. */
export function agendaRepository(db: Db) {
  async function technicianList(
    tenantId: string,
    filter: { roleId?: string; ids?: string[]; activeOnly?: boolean } = {},
  ): Promise<TechnicianWithRole[]> {
    const conds: SQL[] = [eq(technicians.tenantId, tenantId)]
    if (filter.roleId) conds.push(eq(technicians.roleId, filter.roleId))
    if (filter.ids?.length === 0) return []
    if (filter.ids) conds.push(inArray(technicians.id, filter.ids))
    if (filter.activeOnly) conds.push(eq(technicians.isActive, true))
    return db
      .select(technicianColumns)
      .from(technicians)
      .innerJoin(
        agendaRoles,
        and(eq(agendaRoles.tenantId, technicians.tenantId), eq(agendaRoles.id, technicians.roleId)),
      )
      .where(and(...conds))
      .orderBy(asc(sql`lower(${technicians.name})`), asc(technicians.id))
  }

  const bookingsQuery = () =>
    db
      .select(bookingColumns)
      .from(agendaBookings)
      .innerJoin(
        technicians,
        and(
          eq(technicians.tenantId, agendaBookings.tenantId),
          eq(technicians.id, agendaBookings.technicianId),
        ),
      )
      .leftJoin(
        bookingRole,
        and(eq(bookingRole.tenantId, agendaBookings.tenantId), eq(bookingRole.id, agendaBookings.roleId)),
      )
      .leftJoin(
        clientOrgs,
        and(eq(clientOrgs.tenantId, agendaBookings.tenantId), eq(clientOrgs.id, agendaBookings.clientOrgId)),
      )
      .leftJoin(
        clientPlans,
        and(
          eq(clientPlans.tenantId, agendaBookings.tenantId),
          eq(clientPlans.id, agendaBookings.clientPlanId),
        ),
      )
      .$dynamic()

  return {
    // ---- roles
    async roles(tenantId: string) {
      return db
        .select({ role: agendaRoles, technicianCount })
        .from(agendaRoles)
        .where(eq(agendaRoles.tenantId, tenantId))
        .orderBy(asc(sql`lower(${agendaRoles.name})`))
    },
    async role(tenantId: string, id: string) {
      const [row] = await db
        .select({ role: agendaRoles, technicianCount })
        .from(agendaRoles)
        .where(and(eq(agendaRoles.tenantId, tenantId), eq(agendaRoles.id, id)))
      return row ?? null
    },
    async insertRole(values: typeof agendaRoles.$inferInsert) {
      const [row] = await db.insert(agendaRoles).values(values).returning()
      return row
    },
    async updateRole(tenantId: string, id: string, values: Partial<typeof agendaRoles.$inferInsert>) {
      const [row] = await db
        .update(agendaRoles)
        .set(values)
        .where(and(eq(agendaRoles.tenantId, tenantId), eq(agendaRoles.id, id)))
        .returning()
      return row ?? null
    },

    // ---- technicians
    /** Ordered by name (then id): the order a role booking tries them in. */
    technicians: technicianList,
    async technician(tenantId: string, id: string): Promise<TechnicianWithRole | null> {
      const [row] = await technicianList(tenantId, { ids: [id] })
      return row ?? null
    },
    /**
     * Locks technicians' rows until the transaction ends, always in id order (so two bookings that
     * lock overlapping sets never deadlock). Returns the ids locked.
     */
    async lockTechnicians(tenantId: string, ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await db
        .select({ id: technicians.id })
        .from(technicians)
        .where(and(eq(technicians.tenantId, tenantId), inArray(technicians.id, ids)))
        .orderBy(asc(technicians.id))
        .for('update')
      return rows.map((r) => r.id)
    },
    async insertTechnician(values: typeof technicians.$inferInsert) {
      const [row] = await db.insert(technicians).values(values).returning()
      return row
    },
    async updateTechnician(tenantId: string, id: string, values: Partial<typeof technicians.$inferInsert>) {
      const [row] = await db
        .update(technicians)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(technicians.tenantId, tenantId), eq(technicians.id, id)))
        .returning()
      return row ?? null
    },

    // ---- bookings
    async booking(tenantId: string, id: string): Promise<BookingWithNames | null> {
      const [row] = await bookingsQuery().where(
        and(eq(agendaBookings.tenantId, tenantId), eq(agendaBookings.id, id)),
      )
      return row ?? null
    },
    async lockBooking(tenantId: string, id: string): Promise<BookingRow | null> {
      const [row] = await db
        .select()
        .from(agendaBookings)
        .where(and(eq(agendaBookings.tenantId, tenantId), eq(agendaBookings.id, id)))
        .for('update')
      return row ?? null
    },
    /** Bookings (not cancelled) of these technicians that overlap [from, to). */
    async activeBetween(tenantId: string, technicianIds: string[], from: Date, to: Date) {
      if (technicianIds.length === 0) return []
      return bookingsQuery()
        .where(
          and(
            eq(agendaBookings.tenantId, tenantId),
            inArray(agendaBookings.technicianId, technicianIds),
            ne(agendaBookings.status, 'cancelado'),
            lt(agendaBookings.startsAt, to),
            gt(agendaBookings.endsAt, from),
          ),
        )
        .orderBy(asc(agendaBookings.startsAt))
    },
    async list(
      tenantId: string,
      filter: {
        clientOrgId?: string
        clientPlanId?: string
        technicianId?: string
        status?: BookingRow['status']
        from?: Date
        to?: Date
      },
      limit: number,
    ) {
      const conds: SQL[] = [eq(agendaBookings.tenantId, tenantId)]
      if (filter.clientOrgId) conds.push(eq(agendaBookings.clientOrgId, filter.clientOrgId))
      if (filter.clientPlanId) conds.push(eq(agendaBookings.clientPlanId, filter.clientPlanId))
      if (filter.technicianId) conds.push(eq(agendaBookings.technicianId, filter.technicianId))
      if (filter.status) conds.push(eq(agendaBookings.status, filter.status))
      if (filter.from) conds.push(gte(agendaBookings.startsAt, filter.from))
      if (filter.to) conds.push(lt(agendaBookings.startsAt, filter.to))
      return bookingsQuery()
        .where(and(...conds))
        .orderBy(asc(agendaBookings.startsAt), asc(agendaBookings.createdAt))
        .limit(limit)
    },
    async insertBooking(values: typeof agendaBookings.$inferInsert): Promise<BookingRow> {
      const [row] = await db.insert(agendaBookings).values(values).returning()
      return row
    },
    /** The first booking still to come of each plan (with the technician's and role's names). */
    async nextOfPlans(tenantId: string, clientPlanIds: string[], now: Date) {
      if (clientPlanIds.length === 0) return []
      return db
        .selectDistinctOn([agendaBookings.clientPlanId], {
          clientPlanId: agendaBookings.clientPlanId,
          id: agendaBookings.id,
          startsAt: agendaBookings.startsAt,
          endsAt: agendaBookings.endsAt,
          technicianName: technicians.name,
          roleName: agendaRoles.name,
        })
        .from(agendaBookings)
        .innerJoin(technicians, eq(technicians.id, agendaBookings.technicianId))
        .innerJoin(agendaRoles, eq(agendaRoles.id, technicians.roleId))
        .where(
          and(
            eq(agendaBookings.tenantId, tenantId),
            inArray(agendaBookings.clientPlanId, clientPlanIds),
            eq(agendaBookings.status, 'agendado'),
            gt(agendaBookings.endsAt, now),
          ),
        )
        .orderBy(agendaBookings.clientPlanId, asc(agendaBookings.startsAt))
    },
    /** Cancels the plan's bookings still to come; returns them (for the audit and the history). */
    async cancelFutureOfPlan(tenantId: string, clientPlanId: string, now: Date, reason: string) {
      return db
        .update(agendaBookings)
        .set({ status: 'cancelado', cancelReason: reason, updatedAt: new Date() })
        .where(
          and(
            eq(agendaBookings.tenantId, tenantId),
            eq(agendaBookings.clientPlanId, clientPlanId),
            eq(agendaBookings.status, 'agendado'),
            gt(agendaBookings.startsAt, now),
          ),
        )
        .returning()
    },
    async updateBooking(tenantId: string, id: string, values: Partial<typeof agendaBookings.$inferInsert>) {
      const [row] = await db
        .update(agendaBookings)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(agendaBookings.tenantId, tenantId), eq(agendaBookings.id, id)))
        .returning()
      return row ?? null
    },

    // ---- references
    async clientOrgExists(tenantId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: clientOrgs.id })
        .from(clientOrgs)
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
      return Boolean(row)
    },
    async clientPlanOrg(tenantId: string, id: string): Promise<string | null> {
      const [row] = await db
        .select({ clientOrgId: clientPlans.clientOrgId })
        .from(clientPlans)
        .where(and(eq(clientPlans.tenantId, tenantId), eq(clientPlans.id, id)))
      return row?.clientOrgId ?? null
    },
  }
}
