import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { accessProfiles } from '../access/access.tables.ts'
import { staffMembers } from '../staff/staff.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { clientUserOrgs, clientUsers } from '../client-users/client-users.tables.ts'
import { mfaCodes, recoveryCodes, sessions, users, userTokens } from './auth.tables.ts'

export type UserRow = typeof users.$inferSelect
export type SessionRow = typeof sessions.$inferSelect

export function authRepository(db: Db) {
  return {
    async findUserByEmail(email: string): Promise<UserRow | null> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`)
      return row ?? null
    },

    async findUserById(id: string): Promise<UserRow | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id))
      return row ?? null
    },

    /**
     * Takes one login attempt atomically before the password is checked, so parallel requests can
     * never test more passwords than the limit. Returns false when the account is locked.
     * When a lock has expired the counter starts again.
     */
    async reserveLoginAttempt(userId: string, maxFailures: number, lockMinutes: number): Promise<boolean> {
      const res = await db.execute(sql`
        update users set
          failed_login_count = case when locked_until is not null and locked_until <= now() then 1
                                    else failed_login_count + 1 end,
          locked_until = case
            when locked_until is not null and locked_until <= now() then null
            when failed_login_count + 1 >= ${maxFailures} then now() + (${lockMinutes}::float8 * interval '1 minute')
            else locked_until end
        where id = ${userId}
          and (locked_until is null or locked_until <= now())
        returning id`)
      return (res as unknown as { rows: unknown[] }).rows.length === 1
    },

    async recordLoginSuccess(userId: string): Promise<void> {
      await db
        .update(users)
        .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
        .where(eq(users.id, userId))
    },

    /** Active staff memberships of a user in active tenants, with their profile permissions. */
    async listMemberships(userId: string) {
      return db
        .select({
          tenantId: tenants.id,
          tenantName: tenants.name,
          tenantSlug: tenants.slug,
          permissions: accessProfiles.permissions,
          isSystem: accessProfiles.isSystem,
          createdAt: staffMembers.createdAt,
        })
        .from(staffMembers)
        .innerJoin(tenants, eq(tenants.id, staffMembers.tenantId))
        .innerJoin(
          accessProfiles,
          and(
            eq(accessProfiles.id, staffMembers.profileId),
            eq(accessProfiles.tenantId, staffMembers.tenantId),
          ),
        )
        .where(
          and(eq(staffMembers.userId, userId), eq(staffMembers.isActive, true), eq(tenants.isActive, true)),
        )
        .orderBy(asc(staffMembers.createdAt))
    },

    /** Client-portal memberships: accepted, active, non-demo client users in active tenants. */
    async listClientMemberships(userId: string) {
      return db
        .select({
          tenantId: tenants.id,
          tenantName: tenants.name,
          tenantSlug: tenants.slug,
          permissions: clientUsers.permissions,
          clientUserId: clientUsers.id,
        })
        .from(clientUsers)
        .innerJoin(tenants, eq(tenants.id, clientUsers.tenantId))
        .where(
          and(
            eq(clientUsers.userId, userId),
            eq(clientUsers.portalActive, true),
            eq(clientUsers.isDemo, false),
            eq(tenants.isActive, true),
          ),
        )
        .orderBy(asc(clientUsers.createdAt))
    },

    /** Companies a client user may switch between (portal-enabled, active). */
    async listCompanies(tenantId: string, clientUserId: string) {
      return db
        .select({ id: clientOrgs.id, name: clientOrgs.name, document: clientOrgs.document })
        .from(clientUserOrgs)
        .innerJoin(
          clientOrgs,
          and(
            eq(clientOrgs.id, clientUserOrgs.clientOrgId),
            eq(clientOrgs.tenantId, clientUserOrgs.tenantId),
          ),
        )
        .where(
          and(
            eq(clientUserOrgs.tenantId, tenantId),
            eq(clientUserOrgs.clientUserId, clientUserId),
            eq(clientOrgs.portalEnabled, true),
            eq(clientOrgs.isActive, true),
          ),
        )
        .orderBy(asc(clientOrgs.name))
    },

    async updateSession(
      id: string,
      values: Partial<
        Pick<SessionRow, 'tenantId' | 'kind' | 'stage' | 'clientUserId' | 'clientOrgId' | 'csrfToken'>
      >,
    ): Promise<void> {
      await db.update(sessions).set(values).where(eq(sessions.id, id))
    },

    async markClientLogin(clientUserId: string): Promise<void> {
      await db
        .update(clientUsers)
        .set({ lastLoginAt: new Date(), firstLoginAt: sql`coalesce(${clientUsers.firstLoginAt}, now())` })
        .where(eq(clientUsers.id, clientUserId))
    },

    // ---- KEYPASS -------------------------------------------------------------------------

    async setPendingTotp(userId: string, sealed: string): Promise<void> {
      await db.update(users).set({ totpPendingEnc: sealed }).where(eq(users.id, userId))
    },

    async activateTotp(userId: string, sealed: string, step: number): Promise<void> {
      await db
        .update(users)
        .set({
          totpSecretEnc: sealed,
          totpPendingEnc: null,
          totpEnabledAt: new Date(),
          totpLastStep: step,
          secondFactor: 'totp',
          pendingSecondFactor: null,
          mfaFailedCount: 0,
          mfaLockedUntil: null,
        })
        .where(eq(users.id, userId))
    },

    async setPendingMethod(
      userId: string,
      method: 'totp' | 'email' | 'sms',
      mfaPhone?: string | null,
    ): Promise<void> {
      await db
        .update(users)
        .set({ pendingSecondFactor: method, ...(mfaPhone !== undefined ? { mfaPhone } : {}) })
        .where(eq(users.id, userId))
    },

    async activateCodeMethod(userId: string, method: 'email' | 'sms'): Promise<void> {
      await db
        .update(users)
        .set({
          secondFactor: method,
          pendingSecondFactor: null,
          totpSecretEnc: null,
          totpPendingEnc: null,
          totpEnabledAt: new Date(),
          mfaFailedCount: 0,
          mfaLockedUntil: null,
        })
        .where(eq(users.id, userId))
    },

    async insertMfaCode(values: typeof mfaCodes.$inferInsert): Promise<void> {
      await db.insert(mfaCodes).values(values)
    },

    async lastMfaCodeAt(userId: string): Promise<Date | null> {
      const [row] = await db
        .select({ createdAt: mfaCodes.createdAt })
        .from(mfaCodes)
        .where(eq(mfaCodes.userId, userId))
        .orderBy(desc(mfaCodes.createdAt))
        .limit(1)
      return row?.createdAt ?? null
    },

    /** Consumes a live code of the channel; false if none matches (wrong, used or expired). */
    async consumeMfaCode(userId: string, channel: 'email' | 'sms', codeHash: string): Promise<boolean> {
      const res = await db
        .update(mfaCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(mfaCodes.userId, userId),
            eq(mfaCodes.channel, channel),
            eq(mfaCodes.codeHash, codeHash),
            isNull(mfaCodes.usedAt),
            gt(mfaCodes.expiresAt, new Date()),
          ),
        )
        .returning({ id: mfaCodes.id })
      return res.length === 1
    },

    async clearTotp(userId: string): Promise<void> {
      await db
        .update(users)
        .set({
          totpSecretEnc: null,
          totpPendingEnc: null,
          totpEnabledAt: null,
          totpLastStep: null,
          secondFactor: null,
          pendingSecondFactor: null,
        })
        .where(eq(users.id, userId))
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    },

    /** Records the step of an accepted code; false when that step (or a later one) was already used. */
    async claimTotpStep(userId: string, step: number): Promise<boolean> {
      const res = await db.execute(sql`
        update users set totp_last_step = ${step}
        where id = ${userId} and (totp_last_step is null or totp_last_step < ${step})
        returning id`)
      return (res as unknown as { rows: unknown[] }).rows.length === 1
    },

    /** Same atomic reservation as logins, for second-factor codes. */
    async reserveMfaAttempt(userId: string, maxFailures: number, lockMinutes: number): Promise<boolean> {
      const res = await db.execute(sql`
        update users set
          mfa_failed_count = case when mfa_locked_until is not null and mfa_locked_until <= now() then 1
                                  else mfa_failed_count + 1 end,
          mfa_locked_until = case
            when mfa_locked_until is not null and mfa_locked_until <= now() then null
            when mfa_failed_count + 1 >= ${maxFailures} then now() + (${lockMinutes}::float8 * interval '1 minute')
            else mfa_locked_until end
        where id = ${userId} and (mfa_locked_until is null or mfa_locked_until <= now())
        returning id`)
      return (res as unknown as { rows: unknown[] }).rows.length === 1
    },

    async resetMfaFailures(userId: string): Promise<void> {
      await db.update(users).set({ mfaFailedCount: 0, mfaLockedUntil: null }).where(eq(users.id, userId))
    },

    async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
      await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })))
    },

    async consumeRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
      const res = await db
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id })
      return res.length === 1
    },

    async countRecoveryCodesLeft(userId: string): Promise<number> {
      const [r] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      return r.n
    },

    async listActiveTenants() {
      return db
        .select({ tenantId: tenants.id, tenantName: tenants.name, tenantSlug: tenants.slug })
        .from(tenants)
        .where(eq(tenants.isActive, true))
        .orderBy(asc(tenants.name))
    },

    async findTenant(id: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id))
      return row ?? null
    },

    async insertSession(values: typeof sessions.$inferInsert): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(values).returning()
      return row
    },

    async findLiveSession(tokenHash: string): Promise<SessionRow | null> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())))
      return row ?? null
    },

    async touchSession(id: string, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: new Date(), expiresAt }).where(eq(sessions.id, id))
    },

    async updateSessionTenant(id: string, tenantId: string, csrfToken: string): Promise<void> {
      await db.update(sessions).set({ tenantId, csrfToken }).where(eq(sessions.id, id))
    },

    async deleteSession(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id))
    },

    async deleteUserSessions(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId))
    },

    async deleteOtherSessions(userId: string, keepSessionId: string): Promise<void> {
      await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepSessionId}`))
    },

    async deleteUserTenantSessions(userId: string, tenantId: string): Promise<void> {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.tenantId, tenantId)))
    },

    async insertToken(values: typeof userTokens.$inferInsert): Promise<void> {
      await db.insert(userTokens).values(values)
    },

    async revokeOpenTokens(userId: string, tenantId: string): Promise<void> {
      await db
        .update(userTokens)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(userTokens.userId, userId),
            eq(userTokens.tenantId, tenantId),
            isNull(userTokens.usedAt),
            isNull(userTokens.revokedAt),
          ),
        )
    },

    async findToken(tokenHash: string, forUpdate = false) {
      const q = db
        .select({ token: userTokens, userName: users.name, tenantName: tenants.name })
        .from(userTokens)
        .innerJoin(users, eq(users.id, userTokens.userId))
        .innerJoin(tenants, eq(tenants.id, userTokens.tenantId))
        .where(eq(userTokens.tokenHash, tokenHash))
      const [row] = forUpdate ? await q.for('update', { of: userTokens }) : await q
      return row ?? null
    },

    async markTokenUsed(id: string): Promise<void> {
      await db.update(userTokens).set({ usedAt: new Date() }).where(eq(userTokens.id, id))
    },

    async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
      await db
        .update(users)
        .set({ passwordHash, failedLoginCount: 0, lockedUntil: null, updatedAt: new Date() })
        .where(eq(users.id, userId))
    },
  }
}
