import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { eventRegistrations, events, eventTypes } from './events.tables.ts'

export type EventRow = typeof events.$inferSelect
export type RegistrationRow = typeof eventRegistrations.$inferSelect

// Written out: drizzle leaves columns unqualified inside subqueries.
const countOf = (status: string) =>
  sql<number>`(select count(*)::int from event_registrations r where r.event_id = "events"."id" and r.status = ${status})`
const attendedCount = sql<number>`(select count(*)::int from event_registrations r where r.event_id = "events"."id" and r.status = 'inscrito' and r.attended_at is not null)`
const secondaryCount = sql<number>`(select count(*)::int from events s where s.main_event_id = "events"."id")`
const mainCode = sql<number | null>`(select m.code from events m where m.id = "events"."main_event_id")`

/** The columns of a list row: the event, its type, client and counts. */
export const summaryColumns = {
  event: events,
  typeName: eventTypes.name,
  isPublicType: eventTypes.isPublic,
  isTraining: eventTypes.isTraining,
  clientOrgName: clientOrgs.name,
  registeredCount: countOf('inscrito'),
  waitlistCount: countOf('espera'),
  attendedCount,
  secondaryCount,
  mainEventCode: mainCode,
}

export function eventsRepository(db: Db) {
  return {
    summaries() {
      return db
        .select(summaryColumns)
        .from(events)
        .innerJoin(eventTypes, eq(eventTypes.id, events.typeId))
        .leftJoin(clientOrgs, eq(clientOrgs.id, events.clientOrgId))
        .$dynamic()
    },
    async findById(tenantId: string, id: string, forUpdate = false): Promise<EventRow | null> {
      const q = db
        .select()
        .from(events)
        .where(and(eq(events.tenantId, tenantId), eq(events.id, id)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },
    async findBySlug(slug: string): Promise<EventRow | null> {
      const [row] = await db.select().from(events).where(eq(events.slug, slug))
      return row ?? null
    },
    async secondaries(tenantId: string, mainId: string): Promise<EventRow[]> {
      return db
        .select()
        .from(events)
        .where(and(eq(events.tenantId, tenantId), eq(events.mainEventId, mainId)))
        .orderBy(events.startsAt, events.code)
    },
    async nextCode(tenantId: string): Promise<number> {
      // Serialised per tenant by an advisory lock held until the transaction ends.
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`events-code:${tenantId}`}))`)
      const [row] = await db
        .select({ n: sql<number>`coalesce(max(${events.code}), 0)::int + 1` })
        .from(events)
        .where(eq(events.tenantId, tenantId))
      return Number(row.n)
    },
    async registration(tenantId: string, id: string, forUpdate = false): Promise<RegistrationRow | null> {
      const q = db
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.tenantId, tenantId), eq(eventRegistrations.id, id)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },
    async activeRegistrationByEmail(eventId: string, email: string): Promise<RegistrationRow | null> {
      const [row] = await db
        .select()
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, eventId),
            sql`lower(${eventRegistrations.email}) = lower(${email})`,
            sql`${eventRegistrations.status} <> 'cancelado'`,
          ),
        )
      return row ?? null
    },
    async countActive(eventId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'inscrito')))
      return Number(row.n)
    },
  }
}
