import { randomUUID } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { auditInsertSql, recordAuditMany } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { cancelQueuedMails, queueMails } from '../../platform/mail/mailer.ts'
import { hashToken, randomToken } from '../../platform/security/tokens.ts'
import { users } from '../auth/auth.tables.ts'
import { getTenantName, getTenantSettings } from '../tenants/tenant-settings.ts'
import type { ClientUserRow } from './client-users.repository.ts'
import { clientUsers, invitations } from './client-users.tables.ts'
import { invitationMail } from './invitation.mail.ts'
import { uuidArray } from '../../platform/db/arrays.ts'

/**
 * The invitations service for many users at once (imports, scheduled sending): the same records,
 * e-mails and audit entries as the single-user screen (invitations.service.ts), written a few
 * statements per call instead of a few per user. Every function runs in the caller's transaction.
 */

type Rows<T> = { rows: T[] }
const rowsOf = <T>(res: unknown) => (res as Rows<T>).rows
const jsonList = (list: unknown[]) => JSON.stringify(list)

export function invitationLink(config: Config, token: string): string {
  return `${config.appUrl}/convite?token=${encodeURIComponent(token)}`
}

/** Users of this list who can be invited: not yet with access, portal active, not demo. */
async function invitable(tx: Db, tenantId: string, ids: string[]): Promise<ClientUserRow[]> {
  if (ids.length === 0) return []
  return tx.select().from(clientUsers).where(invitableIn(tenantId, ids)).orderBy(clientUsers.id)
}

async function invitableIds(tx: Db, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await tx.select({ id: clientUsers.id }).from(clientUsers).where(invitableIn(tenantId, ids))
  return rows.map((r) => r.id)
}

const invitableIn = (tenantId: string, ids: string[]) =>
  and(
    eq(clientUsers.tenantId, tenantId),
    sql`${clientUsers.id} = any(${uuidArray(ids)}::uuid[])`,
    isNull(clientUsers.userId),
    eq(clientUsers.isDemo, false),
    eq(clientUsers.portalActive, true),
  )

/**
 * The training gate for many users (trainingHold, in one query): user → the client organisation
 * whose training their invitation waits for. A user none of whose companies is trained waits for
 * the first one; users with no company, or with a trained one, are not held.
 */
async function trainingHolds(tx: Db, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (ids.length === 0 || !(await getTenantSettings(tx, tenantId)).invitationsAwaitTraining) return out
  const res = await tx.execute(sql`
    select l.client_user_id, min(l.client_org_id::text) as first_org, bool_or(o.trained_at is not null) as trained
    from client_user_orgs l join client_orgs o on o.tenant_id = l.tenant_id and o.id = l.client_org_id
    where l.tenant_id = ${tenantId}
      and l.client_user_id = any(${uuidArray(ids)}::uuid[])
    group by l.client_user_id`)
  for (const r of rowsOf<{ client_user_id: string; first_org: string; trained: boolean }>(res))
    if (!r.trained) out.set(r.client_user_id, r.first_org)
  return out
}

/**
 * "Enviar agora" for many users: held for the training of their company when the tenant's gate
 * says so, otherwise a link by e-mail. Users who already have access, are inactive or are demo
 * users are left alone. Returns how many were handled.
 */
export async function inviteUsersInTx(tx: Db, config: Config, actor: Actor, ids: string[]): Promise<number> {
  const list = await invitable(tx, actor.tenantId, ids)
  const holds = await trainingHolds(
    tx,
    actor.tenantId,
    list.map((u) => u.id),
  )
  await scheduleLinksInTx(
    tx,
    actor,
    list.filter((u) => holds.has(u.id)).map((u) => ({ id: u.id, heldForOrgId: holds.get(u.id)! })),
  )
  await sendLinksInTx(
    tx,
    config,
    actor,
    list.filter((u) => !holds.has(u.id)),
  )
  return list.length
}

/** "Enviar mais tarde" for many users: the invitation exists, without a link, until it is sent. */
export async function scheduleInvitationsInTx(tx: Db, actor: Actor, ids: string[]): Promise<number> {
  const list = await invitableIds(tx, actor.tenantId, ids)
  return scheduleLinksInTx(
    tx,
    actor,
    list.map((id) => ({ id, heldForOrgId: null })),
  )
}

/** Scheduled (or held) invitations in one statement: open ones revoked, new ones, their audit. */
export async function scheduleLinksInTx(
  tx: Db,
  actor: Actor,
  items: { id: string; heldForOrgId: string | null }[],
) {
  if (items.length === 0) return 0
  const t = actor.tenantId
  const res = await tx.execute(sql`
    with x as (
      select x.id, x.held from jsonb_to_recordset(${jsonList(items.map((i) => ({ id: i.id, held: i.heldForOrgId })))}::jsonb)
        as x(id uuid, held uuid)
    ), cu as (
      select cu.id, cu.email, x.held from client_users cu join x on cu.tenant_id = ${t} and cu.id = x.id
    ), revoked as (
      -- A constant list, not a join: the scan stays linear whatever the statistics say (a join
      -- planned from stale statistics rescanned the table once per user).
      update invitations set status = 'revoked', revoked_at = now()
      where tenant_id = ${t} and status in ('scheduled', 'sent', 'opened')
        and client_user_id = any(${uuidArray(items.map((i) => i.id))}::uuid[])
    ), ins as (
      insert into invitations (tenant_id, client_user_id, email, status, held_for_org_id, created_by)
      select ${t}::uuid, cu.id, cu.email, 'scheduled', cu.held, ${actor.userId}::uuid from cu
      returning id, email, held_for_org_id
    ), audit as (${auditInsertSql(actor, {
      entity: 'invitation',
      entityId: sql`ins.id`,
      action: sql`case when ins.held_for_org_id is null then 'scheduled' else 'held_for_training' end`,
      after: sql`jsonb_build_object('email', ins.email, 'heldForOrgId', ins.held_for_org_id)`,
      from: sql`ins`,
    })})
    select count(*)::int as n from ins`)
  return Number(rowsOf<{ n: number }>(res)[0].n)
}

/**
 * The invitation e-mails of these users still in the queue are not sent (an import undone): the
 * messages are cancelled. Returns how many.
 */
export async function cancelInvitationMailsInTx(tx: Db, tenantId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0
  const res = await tx.execute(sql`
    select mail_message_id from invitations
    where tenant_id = ${tenantId} and mail_message_id is not null and status in ('sent', 'opened')
      and client_user_id = any(${uuidArray(ids)}::uuid[])`)
  return cancelQueuedMails(
    tx,
    rowsOf<{ mail_message_id: string }>(res).map((r) => r.mail_message_id),
  )
}

/** Links by e-mail for many users (checked by the caller): open links revoked, mails queued, audited. */
export async function sendLinksInTx(tx: Db, config: Config, actor: Actor, list: ClientUserRow[]) {
  if (list.length === 0) return
  const t = actor.tenantId
  const ids = list.map((u) => u.id)
  const revokedRes = await tx.execute(sql`
    update invitations set status = 'revoked', revoked_at = now()
    where tenant_id = ${t} and status in ('scheduled', 'sent', 'opened')
      and client_user_id = any(${uuidArray(ids)}::uuid[])
    returning client_user_id`)
  const revoked = new Set(rowsOf<{ client_user_id: string }>(revokedRes).map((r) => r.client_user_id))
  const emails = list.map((u) => u.email.toLowerCase())
  const withPassword = new Set(
    (
      await tx
        .select({ email: sql<string>`lower(${users.email})` })
        .from(users)
        .where(
          sql`lower(${users.email}) in (select jsonb_array_elements_text(${jsonList(emails)}::jsonb)) and ${users.passwordHash} is not null`,
        )
    ).map((r) => r.email),
  )
  const days = (await getTenantSettings(tx, t)).invitationTtlDays
  const tenantName = await getTenantName(tx, t)
  const now = new Date()
  const expiresAt = new Date(now.getTime() + days * 86_400_000)
  const prepared = list.map((cu) => {
    const token = randomToken()
    const mode = withPassword.has(cu.email.toLowerCase()) ? ('link' as const) : ('new' as const)
    const mail = invitationMail({
      name: cu.name,
      tenantName,
      link: invitationLink(config, token),
      mode,
      ttlDays: days,
    })
    return { cu, id: randomUUID(), tokenHash: hashToken(config.sessionSecret, token), mode, mail }
  })
  const messageIds = await queueMails(
    tx,
    t,
    prepared.map((p) => ({ ...p.mail, to: p.cu.email, template: `invitation.${p.mode}` })),
  )
  for (let i = 0; i < prepared.length; i += 1000) {
    await tx.insert(invitations).values(
      prepared.slice(i, i + 1000).map((p, k) => ({
        id: p.id,
        tenantId: t,
        clientUserId: p.cu.id,
        email: p.cu.email,
        tokenHash: p.tokenHash,
        status: 'sent' as const,
        mode: p.mode,
        expiresAt,
        sentAt: now,
        mailMessageId: messageIds[i + k],
        createdBy: actor.userId,
      })),
    )
  }
  await recordAuditMany(
    tx,
    actor,
    prepared.map((p) => ({
      entity: 'invitation',
      entityId: p.id,
      action: revoked.has(p.cu.id) ? 'resent' : 'sent',
      after: { clientUserId: p.cu.id, email: p.cu.email, mode: p.mode, expiresAt },
    })),
  )
}
