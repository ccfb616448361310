import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { clientUsersRepository, sendInvitationInTx } from '../client-users/index.ts'
import { clientUsers, invitations } from '../client-users/client-users.tables.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { fichasTrainedInTx } from '../intake/index.ts'
import { events, eventTypes } from './events.tables.ts'

/**
 * Seed 000, Passo 3 and 3.1: a unit that was never trained has its users' invitations held; when
 * the unit's attendance at a training is recorded it becomes "Treinada" and the held invitations
 * go out by themselves, in the same transaction as the attendance.
 */
export async function markUnitTrainedInTx(
  tx: Db,
  config: Config,
  actor: Actor,
  orgId: string,
  eventId: string,
  at: Date,
): Promise<{ released: number } | null> {
  const [org] = await tx
    .select()
    .from(clientOrgs)
    .where(and(eq(clientOrgs.tenantId, actor.tenantId), eq(clientOrgs.id, orgId)))
    .for('update')
  if (!org) return null
  if (!org.trainedAt) {
    await tx
      .update(clientOrgs)
      .set({ trainedAt: at, updatedAt: new Date() })
      .where(
        and(eq(clientOrgs.tenantId, actor.tenantId), eq(clientOrgs.id, orgId), isNull(clientOrgs.trainedAt)),
      )
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: orgId,
      action: 'trained',
      before: { trainedAt: null },
      after: { trainedAt: at, eventId },
    })
  }
  const held = await tx
    .select({ clientUserId: invitations.clientUserId })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, actor.tenantId),
        eq(invitations.heldForOrgId, orgId),
        eq(invitations.status, 'scheduled'),
      ),
    )
  let released = 0
  const repo = clientUsersRepository(tx)
  for (const h of held) {
    const cu = await repo.findById(actor.tenantId, h.clientUserId)
    if (!cu || cu.userId || cu.isDemo || !cu.portalActive) continue
    await sendInvitationInTx(tx, config, actor, cu)
    released++
  }
  await fichasTrainedInTx(tx, actor, org.document)
  return { released }
}

/**
 * Attendance was recorded for a participant of this event: when the event (or its main event)
 * is a training, the event's unit and the participant's company become trained.
 */
export async function onAttendanceInTx(
  tx: Db,
  config: Config,
  actor: Actor,
  e: { id: string; mainEventId: string | null; typeId: string; clientOrgId: string | null },
  participantOrgId: string | null,
  at: Date,
) {
  let main = e
  if (e.mainEventId) {
    const [m] = await tx.select().from(events).where(eq(events.id, e.mainEventId))
    if (m) main = m
  }
  const [type] = await tx.select().from(eventTypes).where(eq(eventTypes.id, main.typeId))
  if (!type?.isTraining) return
  const orgs = new Set([e.clientOrgId ?? main.clientOrgId, participantOrgId].filter((x): x is string => !!x))
  for (const orgId of orgs) await markUnitTrainedInTx(tx, config, actor, orgId, main.id, at)
}

/** The dashboard: units with held invitations, their users and the next training scheduled for them. */
export async function heldInvitationsByUnit(db: Db, tenantId: string, now: Date) {
  const rows = await db
    .select({
      orgId: clientOrgs.id,
      orgName: clientOrgs.name,
      document: clientOrgs.document,
      clientUserId: clientUsers.id,
      name: clientUsers.name,
      email: clientUsers.email,
      heldSince: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(clientOrgs, eq(clientOrgs.id, invitations.heldForOrgId))
    .innerJoin(clientUsers, eq(clientUsers.id, invitations.clientUserId))
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.status, 'scheduled'),
        sql`${invitations.heldForOrgId} is not null`,
      ),
    )
    .orderBy(asc(clientOrgs.name), asc(clientUsers.name))
  const orgIds = [...new Set(rows.map((r) => r.orgId))]
  const trainings = orgIds.length
    ? await db
        .select({
          eventId: events.id,
          code: events.code,
          description: events.description,
          startsAt: events.startsAt,
          status: events.status,
          clientOrgId: events.clientOrgId,
        })
        .from(events)
        .innerJoin(eventTypes, eq(eventTypes.id, events.typeId))
        .where(
          and(
            eq(events.tenantId, tenantId),
            inArray(events.clientOrgId, orgIds),
            eq(eventTypes.isTraining, true),
            sql`${events.status} <> 'cancelado'`,
            gte(events.endsAt, new Date(now.getTime() - 30 * 86_400_000)),
          ),
        )
        .orderBy(asc(events.startsAt))
    : []
  const units = new Map<
    string,
    {
      clientOrgId: string
      clientOrgName: string
      document: string
      heldCount: number
      users: { clientUserId: string; name: string; email: string; heldSince: Date }[]
      training: {
        eventId: string
        code: number
        description: string
        startsAt: Date
        status: (typeof trainings)[number]['status']
      } | null
    }
  >()
  for (const r of rows) {
    let u = units.get(r.orgId)
    if (!u) {
      const t = trainings.find((x) => x.clientOrgId === r.orgId) ?? null
      u = {
        clientOrgId: r.orgId,
        clientOrgName: r.orgName,
        document: r.document,
        heldCount: 0,
        users: [],
        training: t
          ? {
              eventId: t.eventId,
              code: t.code,
              description: t.description,
              startsAt: t.startsAt,
              status: t.status,
            }
          : null,
      }
      units.set(r.orgId, u)
    }
    u.heldCount++
    u.users.push({ clientUserId: r.clientUserId, name: r.name, email: r.email, heldSince: r.heldSince })
  }
  return { items: [...units.values()] }
}
