import type { Config } from '../../config.ts'
import { type Actor, systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { queueMail } from '../../platform/mail/mailer.ts'
import { hashPassword } from '../../platform/security/passwords.ts'
import { hashToken } from '../../platform/security/tokens.ts'
import {
  assertPasswordAcceptable,
  type AuthDeps,
  listMemberships,
  openSession,
  proveIdentityPassword,
  type RequestMeta,
} from '../auth/index.ts'
import { getTenantSettings } from '../tenants/tenant-settings.ts'
import { ClientUserErrors } from './client-users.errors.ts'
import { type ClientUserRow, clientUsersRepository } from './client-users.repository.ts'
import type { AcceptInvitationBody } from './client-users.schemas.ts'
import { renewalRequestMail } from './invitation.mail.ts'
import { scheduleLinksInTx, sendLinksInTx } from './invitations.bulk.ts'

type Deps = { db: Db; config: Config }

/**
 * Issues a fresh invitation link and queues its e-mail, in the caller's transaction. Any open
 * invitation of the user is revoked first: only the newest link works.
 */
export async function sendInvitationInTx(
  tx: Db,
  config: Config,
  actor: Actor,
  cu: ClientUserRow,
): Promise<void> {
  if (cu.isDemo) throw ClientUserErrors.USER_IS_DEMO()
  if (!cu.portalActive) throw ClientUserErrors.PORTAL_INACTIVE()
  if (cu.userId) throw ClientUserErrors.USER_ALREADY_ACCEPTED()
  await sendLinksInTx(tx, config, actor, [cu])
}

/**
 * "Enviar mais tarde": the invitation exists, without a link, until staff send it. With
 * `heldForOrgId` it waits for that client organisation's training (seed 000, Passo 3) and goes out
 * by itself when the unit is trained.
 */
export async function scheduleInvitationInTx(
  tx: Db,
  actor: Actor,
  cu: ClientUserRow,
  heldForOrgId: string | null = null,
): Promise<void> {
  await scheduleLinksInTx(tx, actor, [{ id: cu.id, heldForOrgId }])
}

async function loadByToken(db: Db, config: Config, token: string, forUpdate: boolean) {
  const row = await clientUsersRepository(db).findInvitationByToken(
    hashToken(config.sessionSecret, token),
    forUpdate,
  )
  // Bound to the e-mail: if the user's e-mail changed since, the link is dead.
  if (
    !row ||
    !['sent', 'opened'].includes(row.invitation.status) ||
    row.invitation.email.toLowerCase() !== row.clientUser.email.toLowerCase() ||
    row.clientUser.userId ||
    !row.clientUser.portalActive
  ) {
    throw ClientUserErrors.INVITATION_INVALID()
  }
  const expired = !row.invitation.expiresAt || row.invitation.expiresAt.getTime() <= Date.now()
  return { ...row, expired }
}

/** The invitation page: who is invited, whether the link still works, new account or linking. Marks it opened. */
export async function lookupInvitation(deps: Deps, token: string) {
  const row = await loadByToken(deps.db, deps.config, token, false)
  if (!row.expired && row.invitation.status === 'sent') {
    await deps.db.transaction(async (tx) => {
      await clientUsersRepository(tx).updateInvitation(row.invitation.id, {
        status: 'opened',
        openedAt: new Date(),
      })
      await recordAudit(tx, systemActor(row.invitation.tenantId, row.clientUser.name), {
        entity: 'invitation',
        entityId: row.invitation.id,
        action: 'opened',
      })
    })
  }
  const identity = await clientUsersRepository(deps.db).findIdentityByEmail(row.clientUser.email)
  return {
    status: row.expired ? ('expired' as const) : ('valid' as const),
    mode: identity?.passwordHash ? ('link' as const) : ('new' as const),
    name: row.clientUser.name,
    email: row.clientUser.email,
    tenantName: row.tenantName,
    passwordPolicy: (await getTenantSettings(deps.db, row.invitation.tenantId)).passwordPolicy,
  }
}

/**
 * Accepting: a new person chooses a password (policy + meter rules); a person who already has a
 * Cadastra account proves its current password ("Vincular contas"). Either way the client user is
 * bound to the identity, the link is consumed, and a session opens (KEYPASS set-up comes next).
 */
export async function acceptInvitation(deps: AuthDeps, meta: RequestMeta, body: AcceptInvitationBody) {
  const peek = await loadByToken(deps.db, deps.config, body.token, false)
  if (peek.expired) throw ClientUserErrors.INVITATION_EXPIRED()
  const repo = clientUsersRepository(deps.db)
  const existing = await repo.findIdentityByEmail(peek.clientUser.email)
  let passwordHash: string | null = null
  if (existing?.passwordHash) {
    if (!body.currentPassword) throw ClientUserErrors.INVITATION_MODE_CHANGED()
    if (!(await proveIdentityPassword(deps, existing, body.currentPassword))) {
      throw ClientUserErrors.LINK_PASSWORD_INVALID({ fields: { currentPassword: 'Senha atual incorreta.' } })
    }
  } else {
    if (!body.password)
      throw ClientUserErrors.INVITATION_MODE_CHANGED({ message: 'Crie uma senha para a sua conta.' })
    await assertPasswordAcceptable(
      deps.db,
      peek.invitation.tenantId,
      body.password,
      body.passwordConfirmation ?? '',
      {
        email: peek.clientUser.email,
      },
    )
    passwordHash = await hashPassword(body.password)
  }

  const userId = await deps.db.transaction(async (tx) => {
    const row = await loadByToken(tx, deps.config, body.token, true)
    if (row.expired) throw ClientUserErrors.INVITATION_EXPIRED()
    const r = clientUsersRepository(tx)
    let identity = await r.findIdentityByEmail(row.clientUser.email)
    if (identity?.passwordHash && passwordHash) throw ClientUserErrors.INVITATION_MODE_CHANGED()
    if (!identity)
      identity = await r.insertIdentity({
        email: row.clientUser.email,
        name: row.clientUser.name,
        passwordHash,
      })
    else if (!identity.passwordHash && passwordHash) await r.setIdentityPassword(identity.id, passwordHash)
    const now = new Date()
    await r.update(row.clientUser.tenantId, row.clientUser.id, { userId: identity.id, acceptedAt: now })
    await r.updateInvitation(row.invitation.id, { status: 'accepted', acceptedAt: now })
    await recordAudit(tx, systemActor(row.invitation.tenantId, row.clientUser.name), {
      entity: 'invitation',
      entityId: row.invitation.id,
      action: passwordHash ? 'accepted' : 'accepted_linked',
      after: { clientUserId: row.clientUser.id, email: row.clientUser.email },
    })
    return identity.id
  })

  const user = (await repo.findIdentityById(userId))!
  const membership = (await listMemberships(deps.db, user)).find(
    (m) => m.kind === 'client' && m.clientUserId === peek.clientUser.id,
  )
  if (!membership) throw ClientUserErrors.INVITATION_INVALID()
  return openSession(deps, meta, user, membership, 'invitation_accepted')
}

/** From an expired link: tells the staff (once per invitation). The answer never reveals anything. */
export async function requestNewInvitation(deps: Deps, token: string): Promise<void> {
  let row: Awaited<ReturnType<typeof loadByToken>>
  try {
    row = await loadByToken(deps.db, deps.config, token, false)
  } catch {
    return
  }
  if (!row.expired) return
  await deps.db.transaction(async (tx) => {
    const r = clientUsersRepository(tx)
    if (!(await r.markRenewalRequested(row.invitation.id))) return
    for (const staff of await r.staffToNotify(row.invitation.tenantId, row.invitation.createdBy)) {
      const mail = renewalRequestMail({
        staffName: staff.name,
        tenantName: row.tenantName,
        userName: row.clientUser.name,
        userEmail: row.clientUser.email,
        url: `${deps.config.appUrl}/usuarios`,
      })
      await queueMail(tx, {
        ...mail,
        tenantId: row.invitation.tenantId,
        to: staff.email,
        template: 'invitation.renewal_request',
      })
    }
    await recordAudit(tx, systemActor(row.invitation.tenantId, row.clientUser.name), {
      entity: 'invitation',
      entityId: row.invitation.id,
      action: 'renewal_requested',
    })
  })
}

/** Called by the mail job when the SMTP server refuses an invitation for good: the invitation bounced. */
export async function markInvitationBounced(
  db: Db,
  message: { id: string; tenantId: string | null; template: string },
) {
  if (!message.template.startsWith('invitation.') || !message.tenantId) return
  await db.transaction(async (tx) => {
    const inv = await clientUsersRepository(tx).bounceByMessage(message.tenantId!, message.id)
    if (!inv) return
    await recordAudit(tx, systemActor(message.tenantId!, 'Servidor de e-mail'), {
      entity: 'invitation',
      entityId: inv.id,
      action: 'bounced',
      after: { email: inv.email },
    })
  })
}
