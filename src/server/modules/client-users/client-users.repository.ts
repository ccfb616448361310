import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { anyUuid } from '../../platform/db/arrays.ts'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'
import { users } from '../auth/auth.tables.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'
import {
  clientUserDepartments,
  clientUserOrgs,
  clientUsers,
  departments,
  invitations,
} from './client-users.tables.ts'

export type ClientUserRow = typeof clientUsers.$inferSelect
export type InvitationRow = typeof invitations.$inferSelect

/** One row of the staff list: the client user, its latest invitation and KEYPASS state. */
export type ClientUserListRow = ClientUserRow & {
  invitationStatus: string
  invSentAt: Date | null
  invOpenedAt: Date | null
  invAcceptedAt: Date | null
  invExpiresAt: Date | null
  hasKeypass: boolean
}

const STATUS_FILTERS: Record<string, ReturnType<typeof sql>> = {
  pending: sql`(li.status = 'scheduled' or (li.status in ('sent', 'opened') and li.expires_at > now()))`,
  expired: sql`(li.status in ('sent', 'opened') and li.expires_at <= now())`,
  accepted: sql`cu.accepted_at is not null`,
  no_keypass: sql`(cu.accepted_at is not null and u.totp_enabled_at is null)`,
  inactive: sql`cu.portal_active = false`,
}

export function clientUsersRepository(db: Db) {
  return {
    async find(
      tenantId: string,
      q: {
        search?: string
        status?: string
        companyId?: string
        page: number
        pageSize: number
        ids?: string[]
      },
    ) {
      const conds = [sql`cu.tenant_id = ${tenantId}`]
      if (q.search) {
        const like = containsPattern(q.search)
        conds.push(sql`(cu.name ilike ${like} or cu.email ilike ${like})`)
      }
      if (q.status) conds.push(STATUS_FILTERS[q.status])
      if (q.companyId) {
        conds.push(
          sql`exists (select 1 from client_user_orgs cuo where cuo.tenant_id = cu.tenant_id and cuo.client_user_id = cu.id and cuo.client_org_id = ${q.companyId})`,
        )
      }
      if (q.ids)
        conds.push(
          q.ids.length
            ? sql`cu.id in (${sql.join(
                q.ids.map((i) => sql`${i}`),
                sql`, `,
              )})`
            : sql`false`,
        )
      const where = sql.join(conds, sql` and `)
      const from = sql`
        from client_users cu
        left join users u on u.id = cu.user_id
        left join lateral (
          select i.status, i.expires_at, i.sent_at, i.opened_at, i.accepted_at from invitations i
          where i.tenant_id = cu.tenant_id and i.client_user_id = cu.id
          order by i.created_at desc limit 1
        ) li on true
        where ${where}`
      const rows = await db.execute(sql`
        select cu.*,
          case when li.status is null then 'none'
               when li.status in ('sent', 'opened') and li.expires_at <= now() then 'expired'
               else li.status end as invitation_status,
          li.sent_at as inv_sent_at, li.opened_at as inv_opened_at, li.accepted_at as inv_accepted_at,
          li.expires_at as inv_expires_at, (u.totp_enabled_at is not null) as has_keypass
        ${from}
        order by cu.name, cu.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`)
      const total = await db.execute(sql`select count(*)::int as n ${from}`)
      return {
        items: (rows as unknown as { rows: Record<string, unknown>[] }).rows.map(toListRow),
        total: Number((total as unknown as { rows: { n: number }[] }).rows[0].n),
      }
    },

    async findById(tenantId: string, id: string): Promise<ClientUserRow | null> {
      const [row] = await db
        .select()
        .from(clientUsers)
        .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.id, id)))
      return row ?? null
    },

    async lockById(tenantId: string, id: string): Promise<ClientUserRow | null> {
      const [row] = await db
        .select()
        .from(clientUsers)
        .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.id, id)))
        .for('update')
      return row ?? null
    },

    async findByEmail(tenantId: string, email: string): Promise<ClientUserRow | null> {
      const [row] = await db
        .select()
        .from(clientUsers)
        .where(and(eq(clientUsers.tenantId, tenantId), sql`lower(${clientUsers.email}) = lower(${email})`))
      return row ?? null
    },

    /** Another client user of the tenant with this CPF (digits only), if any. */
    async findByCpf(tenantId: string, cpf: string, exceptId?: string): Promise<ClientUserRow | null> {
      const [row] = await db
        .select()
        .from(clientUsers)
        .where(
          and(
            eq(clientUsers.tenantId, tenantId),
            eq(clientUsers.cpf, cpf),
            exceptId ? ne(clientUsers.id, exceptId) : undefined,
          ),
        )
        .limit(1)
      return row ?? null
    },

    async insert(values: typeof clientUsers.$inferInsert): Promise<ClientUserRow> {
      const [row] = await db.insert(clientUsers).values(values).returning()
      return row
    },

    async update(
      tenantId: string,
      id: string,
      values: Partial<typeof clientUsers.$inferInsert>,
    ): Promise<void> {
      await db
        .update(clientUsers)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.id, id)))
    },

    async replaceDepartments(
      tenantId: string,
      clientUserId: string,
      list: { departmentId: string; level: 'revisor' | 'contribuinte' | 'proprietario' }[],
    ) {
      await db
        .delete(clientUserDepartments)
        .where(
          and(
            eq(clientUserDepartments.tenantId, tenantId),
            eq(clientUserDepartments.clientUserId, clientUserId),
          ),
        )
      if (list.length)
        await db.insert(clientUserDepartments).values(list.map((d) => ({ ...d, tenantId, clientUserId })))
    },

    async replaceCompanies(tenantId: string, clientUserId: string, orgIds: string[]) {
      await db
        .delete(clientUserOrgs)
        .where(and(eq(clientUserOrgs.tenantId, tenantId), eq(clientUserOrgs.clientUserId, clientUserId)))
      if (orgIds.length)
        await db
          .insert(clientUserOrgs)
          .values(orgIds.map((clientOrgId) => ({ tenantId, clientUserId, clientOrgId })))
    },

    async departmentsOf(tenantId: string, ids: string[]) {
      if (ids.length === 0) return []
      return db
        .select({
          clientUserId: clientUserDepartments.clientUserId,
          departmentId: departments.id,
          name: departments.name,
          level: clientUserDepartments.level,
        })
        .from(clientUserDepartments)
        .innerJoin(
          departments,
          and(
            eq(departments.id, clientUserDepartments.departmentId),
            eq(departments.tenantId, clientUserDepartments.tenantId),
          ),
        )
        .where(
          and(eq(clientUserDepartments.tenantId, tenantId), anyUuid(clientUserDepartments.clientUserId, ids)),
        )
        .orderBy(asc(departments.name))
    },

    async companiesOf(tenantId: string, ids: string[]) {
      if (ids.length === 0) return []
      return db
        .select({
          clientUserId: clientUserOrgs.clientUserId,
          id: clientOrgs.id,
          name: clientOrgs.name,
          document: clientOrgs.document,
        })
        .from(clientUserOrgs)
        .innerJoin(
          clientOrgs,
          and(
            eq(clientOrgs.id, clientUserOrgs.clientOrgId),
            eq(clientOrgs.tenantId, clientUserOrgs.tenantId),
          ),
        )
        .where(and(eq(clientUserOrgs.tenantId, tenantId), anyUuid(clientUserOrgs.clientUserId, ids)))
        .orderBy(asc(clientOrgs.name))
    },

    // ---- departments ----
    async listDepartments(tenantId: string) {
      return db
        .select()
        .from(departments)
        .where(eq(departments.tenantId, tenantId))
        .orderBy(asc(departments.name))
    },
    async insertDepartments(tenantId: string, names: readonly string[], isDefault: boolean) {
      if (names.length === 0) return []
      return db
        .insert(departments)
        .values(names.map((name) => ({ tenantId, name, isDefault })))
        .onConflictDoNothing()
        .returning()
    },
    async departmentIds(tenantId: string, ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await db
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, ids)))
      return rows.map((r) => r.id)
    },

    // ---- invitations ----
    async latestInvitation(tenantId: string, clientUserId: string): Promise<InvitationRow | null> {
      const [row] = await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.clientUserId, clientUserId)))
        .orderBy(sql`${invitations.createdAt} desc`)
        .limit(1)
      return row ?? null
    },
    async revokeOpenInvitations(tenantId: string, clientUserId: string): Promise<number> {
      const res = await db
        .update(invitations)
        .set({ status: 'revoked', revokedAt: new Date() })
        .where(
          and(
            eq(invitations.tenantId, tenantId),
            eq(invitations.clientUserId, clientUserId),
            inArray(invitations.status, ['scheduled', 'sent', 'opened']),
          ),
        )
        .returning({ id: invitations.id })
      return res.length
    },
    async insertInvitation(values: typeof invitations.$inferInsert): Promise<InvitationRow> {
      const [row] = await db.insert(invitations).values(values).returning()
      return row
    },
    /** An invitation by token, across tenants (the token is the only key a public page has). */
    async findInvitationByToken(tokenHash: string, forUpdate = false) {
      const q = db
        .select({ invitation: invitations, clientUser: clientUsers, tenantName: tenants.name })
        .from(invitations)
        .innerJoin(
          clientUsers,
          and(eq(clientUsers.id, invitations.clientUserId), eq(clientUsers.tenantId, invitations.tenantId)),
        )
        .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
        .where(eq(invitations.tokenHash, tokenHash))
      const [row] = forUpdate ? await q.for('update', { of: [invitations, clientUsers] }) : await q
      return row ?? null
    },
    async updateInvitation(id: string, values: Partial<typeof invitations.$inferInsert>): Promise<void> {
      await db.update(invitations).set(values).where(eq(invitations.id, id))
    },

    async findIdentityByEmail(email: string) {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`)
      return row ?? null
    },
    async insertIdentity(values: typeof users.$inferInsert) {
      const [row] = await db.insert(users).values(values).returning()
      return row
    },

    async bounceByMessage(tenantId: string, messageId: string): Promise<InvitationRow | null> {
      const [row] = await db
        .update(invitations)
        .set({ status: 'bounced', bouncedAt: new Date() })
        .where(
          and(
            eq(invitations.tenantId, tenantId),
            eq(invitations.mailMessageId, messageId),
            inArray(invitations.status, ['sent', 'opened']),
          ),
        )
        .returning()
      return row ?? null
    },

    /** True only for the first request on this invitation. */
    async markRenewalRequested(id: string): Promise<boolean> {
      const res = await db
        .update(invitations)
        .set({ renewalRequestedAt: new Date() })
        .where(and(eq(invitations.id, id), isNull(invitations.renewalRequestedAt)))
        .returning({ id: invitations.id })
      return res.length === 1
    },

    async findIdentityById(id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id))
      return row ?? null
    },
    async setIdentityPassword(id: string, passwordHash: string) {
      await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id))
    },

    async funnel(tenantId: string) {
      const res = await db.execute(sql`
        select
          count(*) filter (where exists (select 1 from invitations i where i.tenant_id = cu.tenant_id and i.client_user_id = cu.id and i.sent_at is not null))::int as invited,
          count(*) filter (where exists (select 1 from invitations i where i.tenant_id = cu.tenant_id and i.client_user_id = cu.id and (i.opened_at is not null or i.accepted_at is not null)))::int as opened,
          count(*) filter (where cu.accepted_at is not null)::int as password_set,
          count(*) filter (where cu.accepted_at is not null and u.totp_enabled_at is not null)::int as keypass,
          count(*) filter (where cu.first_login_at is not null)::int as first_login
        from client_users cu left join users u on u.id = cu.user_id
        where cu.tenant_id = ${tenantId} and cu.is_demo = false`)
      const r = (res as unknown as { rows: Record<string, number>[] }).rows[0]
      return {
        invited: r.invited,
        opened: r.opened,
        passwordSet: r.password_set,
        keypass: r.keypass,
        firstLogin: r.first_login,
      }
    },

    /** Staff e-mails to warn about a renewal request: the inviter, or else everyone who manages users. */
    async staffToNotify(tenantId: string, preferredUserId: string | null) {
      const res = await db.execute(sql`
        select u.email, sm.name from staff_members sm
        join users u on u.id = sm.user_id
        join access_profiles ap on ap.id = sm.profile_id and ap.tenant_id = sm.tenant_id
        where sm.tenant_id = ${tenantId} and sm.is_active
          and (${preferredUserId}::uuid is null or sm.user_id = ${preferredUserId}::uuid or 'users:manage' = any(ap.permissions))
        order by (sm.user_id = ${preferredUserId}::uuid) desc nulls last
        limit 5`)
      return (res as unknown as { rows: { email: string; name: string }[] }).rows
    },
  }
}

function toListRow(r: Record<string, unknown>): ClientUserListRow {
  const d = (v: unknown) => (v ? new Date(v as string) : null)
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    userId: (r.user_id as string) ?? null,
    name: r.name as string,
    email: r.email as string,
    cpf: (r.cpf as string) ?? null,
    phone: (r.phone as string) ?? null,
    portalActive: Boolean(r.portal_active),
    isDemo: Boolean(r.is_demo),
    permissions: (r.permissions as string[]) ?? [],
    notifications: (typeof r.notifications === 'string'
      ? JSON.parse(r.notifications)
      : r.notifications) as Record<string, 'none'>,
    acceptedAt: d(r.accepted_at),
    firstLoginAt: d(r.first_login_at),
    lastLoginAt: d(r.last_login_at),
    createdAt: d(r.created_at)!,
    updatedAt: d(r.updated_at)!,
    invitationStatus: r.invitation_status as string,
    invSentAt: d(r.inv_sent_at),
    invOpenedAt: d(r.inv_opened_at),
    invAcceptedAt: d(r.inv_accepted_at),
    invExpiresAt: d(r.inv_expires_at),
    hasKeypass: Boolean(r.has_keypass),
  }
}
