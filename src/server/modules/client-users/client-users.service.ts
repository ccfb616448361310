import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { formatCpf, formatDocument, formatPhone, normalizeCpf, normalizePhone } from '#shared/documents.ts'
import { resetKeypass } from '../auth/index.ts'
import { listClientOrgsByIds } from '../clients/index.ts'
import { getTenantSettings } from '../tenants/tenant-settings.ts'
import { DEFAULT_DEPARTMENTS } from './client-users.catalog.ts'
import { ClientUserErrors } from './client-users.errors.ts'
import {
  type ClientUserListRow,
  type ClientUserRow,
  clientUsersRepository,
} from './client-users.repository.ts'
import type {
  ClientUser,
  CreateClientUserBody,
  FindClientUsersQuery,
  UpdateClientUserBody,
} from './client-users.schemas.ts'
import { scheduleInvitationInTx, sendInvitationInTx } from './invitations.service.ts'

export type ClientUsersDeps = { db: Db; config: Config }

// ---- departments --------------------------------------------------------------------------

/** Creates the default departments of a tenant (idempotent). */
export async function ensureDefaultDepartments(tx: Db, tenantId: string): Promise<void> {
  await clientUsersRepository(tx).insertDepartments(tenantId, DEFAULT_DEPARTMENTS, true)
}

export async function listDepartments(db: Db, actor: Actor) {
  const repo = clientUsersRepository(db)
  let rows = await repo.listDepartments(actor.tenantId)
  if (!rows.some((d) => d.isDefault)) {
    await ensureDefaultDepartments(db, actor.tenantId)
    rows = await repo.listDepartments(actor.tenantId)
  }
  return { items: rows.map((d) => ({ id: d.id, name: d.name, isDefault: d.isDefault })) }
}

export async function createDepartment(db: Db, actor: Actor, name: string) {
  return db.transaction(async (tx) => {
    const [row] = await clientUsersRepository(tx).insertDepartments(actor.tenantId, [name], false)
    if (!row)
      throw ClientUserErrors.DEPARTMENT_NAME_TAKEN({
        fields: { name: 'Já existe um departamento com esse nome.' },
      })
    await recordAudit(tx, actor, {
      entity: 'department',
      entityId: row.id,
      action: 'create',
      after: { name },
    })
    return { id: row.id, name: row.name, isDefault: row.isDefault }
  })
}

// ---- client users -------------------------------------------------------------------------

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

async function toDtos(db: Db, tenantId: string, rows: ClientUserListRow[]): Promise<ClientUser[]> {
  const ids = rows.map((r) => r.id)
  const repo = clientUsersRepository(db)
  const [deps, companies] = await Promise.all([
    repo.departmentsOf(tenantId, ids),
    repo.companiesOf(tenantId, ids),
  ])
  // Grouped once: an export turns tens of thousands of users into DTOs in one call.
  const depsOf = groupBy(deps, (d) => d.clientUserId)
  const companiesOf = groupBy(companies, (c) => c.clientUserId)
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    cpf: r.cpf ? formatCpf(r.cpf) : null,
    phone: r.phone ? formatPhone(r.phone) : null,
    portalActive: r.portalActive,
    isDemo: r.isDemo,
    departments: (depsOf.get(r.id) ?? []).map((d) => ({
      departmentId: d.departmentId,
      name: d.name,
      level: d.level,
    })),
    companies: (companiesOf.get(r.id) ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      document: formatDocument(c.document),
    })),
    permissions: r.permissions,
    notifications: r.notifications ?? {},
    invitation: {
      status: r.invitationStatus as ClientUser['invitation']['status'],
      sentAt: r.invSentAt?.toISOString() ?? null,
      openedAt: r.invOpenedAt?.toISOString() ?? null,
      acceptedAt: r.invAcceptedAt?.toISOString() ?? null,
      expiresAt: r.invExpiresAt?.toISOString() ?? null,
    },
    hasKeypass: r.hasKeypass,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }))
}

export async function findClientUsers(deps: ClientUsersDeps, actor: Actor, q: FindClientUsersQuery) {
  const { items, total } = await clientUsersRepository(deps.db).find(actor.tenantId, q)
  return { items: await toDtos(deps.db, actor.tenantId, items), total, page: q.page, pageSize: q.pageSize }
}

export async function getClientUser(deps: ClientUsersDeps, actor: Actor, id: string): Promise<ClientUser> {
  const { items } = await clientUsersRepository(deps.db).find(actor.tenantId, {
    ids: [id],
    page: 1,
    pageSize: 1,
  })
  if (!items[0]) throw ClientUserErrors.CLIENT_USER_NOT_FOUND()
  return (await toDtos(deps.db, actor.tenantId, items))[0]
}

export async function funnel(deps: ClientUsersDeps, actor: Actor) {
  return clientUsersRepository(deps.db).funnel(actor.tenantId)
}

/** Checks that every department and company belongs to the actor's tenant. */
async function assertLinks(
  tx: Db,
  tenantId: string,
  body: { departments?: { departmentId: string }[]; companyIds?: string[] },
) {
  if (body.departments?.length) {
    const wanted = body.departments.map((d) => d.departmentId)
    const found = new Set(await clientUsersRepository(tx).departmentIds(tenantId, wanted))
    if (wanted.some((id) => !found.has(id))) {
      throw ClientUserErrors.DEPARTMENT_NOT_FOUND({ fields: { departments: 'Departamento não encontrado.' } })
    }
  }
  if (body.companyIds?.length) {
    const found = new Set((await listClientOrgsByIds(tx, tenantId, body.companyIds)).map((o) => o.id))
    if (body.companyIds.some((id) => !found.has(id))) {
      throw ClientUserErrors.COMPANY_NOT_FOUND({ fields: { companyIds: 'Cliente não encontrado.' } })
    }
  }
}

function auditView(cu: Partial<ClientUserRow>, extra: Record<string, unknown> = {}) {
  return {
    name: cu.name,
    email: cu.email,
    cpf: cu.cpf ? formatCpf(cu.cpf) : null,
    phone: cu.phone ? formatPhone(cu.phone) : null,
    portalActive: cu.portalActive,
    isDemo: cu.isDemo,
    permissions: cu.permissions,
    ...extra,
  }
}

/** "Concluir" of the wizard: everything in one transaction, and the invitation only now (seed 004). */
export async function createClientUser(
  deps: ClientUsersDeps,
  actor: Actor,
  body: CreateClientUserBody,
): Promise<ClientUser> {
  const id = await deps.db.transaction(async (tx) => createClientUserInTx(tx, deps.config, actor, body))
  return getClientUser(deps, actor, id)
}

/** For other modules (intake's "Cadastrar"): is this e-mail already a client user of the tenant? */
export async function findClientUserIdByEmail(
  tx: Db,
  tenantId: string,
  email: string,
): Promise<string | null> {
  return (await clientUsersRepository(tx).findByEmail(tenantId, email))?.id ?? null
}

/**
 * With the tenant's training gate on, an invitation for someone whose companies were never trained
 * waits for the first company's training; null when it may go now.
 */
export async function trainingHold(tx: Db, tenantId: string, companyIds: string[]): Promise<string | null> {
  if (companyIds.length === 0 || !(await getTenantSettings(tx, tenantId)).invitationsAwaitTraining)
    return null
  const orgs = await listClientOrgsByIds(tx, tenantId, companyIds)
  return orgs.some((o) => o.trainedAt) ? null : companyIds[0]
}

/** The transactional core of createClientUser (also used by intake's "Cadastrar"). */
export async function createClientUserInTx(
  tx: Db,
  config: Config,
  actor: Actor,
  body: CreateClientUserBody,
  /** Hold the invitation until this client organisation is trained (intake's "Cadastrar"). */
  opts: { holdForOrgId?: string | null } = {},
): Promise<string> {
  {
    const repo = clientUsersRepository(tx)
    if (await repo.findByEmail(actor.tenantId, body.email)) throw emailTaken()
    if (body.cpf) await assertCpfFree(tx, actor.tenantId, normalizeCpf(body.cpf))
    await assertLinks(tx, actor.tenantId, body)
    const cu = await repo
      .insert({
        tenantId: actor.tenantId,
        name: body.name,
        email: body.email,
        cpf: body.cpf ? normalizeCpf(body.cpf) : null,
        phone: body.phone ? normalizePhone(body.phone) : null,
        portalActive: body.portalActive,
        isDemo: body.isDemo,
        permissions: body.permissions,
        notifications: body.notifications,
      })
      .catch((err) => {
        throw isUniqueViolation(err) ? emailTaken() : err
      })
    await repo.replaceDepartments(actor.tenantId, cu.id, body.departments)
    await repo.replaceCompanies(actor.tenantId, cu.id, body.companyIds)
    await recordAudit(tx, actor, {
      entity: 'client_user',
      entityId: cu.id,
      action: 'create',
      after: auditView(cu, {
        departments: body.departments,
        companyIds: body.companyIds,
        notifications: body.notifications,
      }),
    })
    if (!cu.isDemo && cu.portalActive) {
      const hold = body.send === 'now' ? await trainingHold(tx, actor.tenantId, body.companyIds) : null
      if (body.send === 'now' && !hold) await sendInvitationInTx(tx, config, actor, cu)
      else await scheduleInvitationInTx(tx, actor, cu, hold ?? opts.holdForOrgId ?? null)
    }
    return cu.id
  }
}

export async function updateClientUser(
  deps: ClientUsersDeps,
  actor: Actor,
  id: string,
  body: UpdateClientUserBody,
): Promise<ClientUser> {
  await deps.db.transaction(async (tx) => {
    const repo = clientUsersRepository(tx)
    const before = await repo.lockById(actor.tenantId, id)
    if (!before) throw ClientUserErrors.CLIENT_USER_NOT_FOUND()
    await assertLinks(tx, actor.tenantId, body)
    const emailChanged = body.email !== undefined && body.email.toLowerCase() !== before.email.toLowerCase()
    if (emailChanged) {
      if (before.userId)
        throw ClientUserErrors.EMAIL_LOCKED_AFTER_ACCEPT({ fields: { email: 'E-mail já confirmado.' } })
      const other = await repo.findByEmail(actor.tenantId, body.email!)
      if (other && other.id !== id) throw emailTaken()
    }
    if (body.cpf && normalizeCpf(body.cpf) !== before.cpf)
      await assertCpfFree(tx, actor.tenantId, normalizeCpf(body.cpf), id)
    const values = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.cpf !== undefined ? { cpf: body.cpf ? normalizeCpf(body.cpf) : null } : {}),
      ...(body.phone !== undefined ? { phone: body.phone ? normalizePhone(body.phone) : null } : {}),
      ...(body.portalActive !== undefined ? { portalActive: body.portalActive } : {}),
      ...(body.isDemo !== undefined ? { isDemo: body.isDemo } : {}),
      ...(body.permissions !== undefined ? { permissions: body.permissions } : {}),
      ...(body.notifications !== undefined ? { notifications: body.notifications } : {}),
    }
    await repo.update(actor.tenantId, id, values).catch((err) => {
      throw isUniqueViolation(err) ? emailTaken() : err
    })
    if (body.departments) await repo.replaceDepartments(actor.tenantId, id, body.departments)
    if (body.companyIds) await repo.replaceCompanies(actor.tenantId, id, body.companyIds)
    const after = { ...before, ...values }
    const action =
      body.portalActive === false && before.portalActive
        ? 'deactivate'
        : body.portalActive && !before.portalActive
          ? 'activate'
          : 'update'
    await recordAudit(tx, actor, {
      entity: 'client_user',
      entityId: id,
      action: emailChanged ? 'email_changed' : action,
      before: auditView(before),
      after: auditView(after, body.departments ? { departments: body.departments } : {}),
    })
    // A pending invitation follows the e-mail: the old link dies, a new one goes to the new address.
    const latest = await repo.latestInvitation(actor.tenantId, id)
    const pending = latest && ['scheduled', 'sent', 'opened'].includes(latest.status)
    if (after.portalActive === false || after.isDemo) {
      await repo.revokeOpenInvitations(actor.tenantId, id)
    } else if (emailChanged && pending) {
      if (latest.status === 'scheduled') await scheduleInvitationInTx(tx, actor, after)
      else await sendInvitationInTx(tx, deps.config, actor, after)
    }
  })
  return getClientUser(deps, actor, id)
}

/** "Envie agora" / "Reenviar convite": a new link, the previous one stops working. */
export async function sendInvitation(deps: ClientUsersDeps, actor: Actor, id: string): Promise<ClientUser> {
  await deps.db.transaction(async (tx) => {
    const cu = await clientUsersRepository(tx).lockById(actor.tenantId, id)
    if (!cu) throw ClientUserErrors.CLIENT_USER_NOT_FOUND()
    await sendInvitationInTx(tx, deps.config, actor, cu)
  })
  return getClientUser(deps, actor, id)
}

/** The person loses the KEYPASS and sets it up again at the next login (their sessions end). */
export async function resetClientKeypass(
  deps: ClientUsersDeps,
  actor: Actor,
  id: string,
): Promise<ClientUser> {
  await deps.db.transaction(async (tx) => {
    const cu = await clientUsersRepository(tx).lockById(actor.tenantId, id)
    if (!cu) throw ClientUserErrors.CLIENT_USER_NOT_FOUND()
    if (!cu.userId) throw ClientUserErrors.NO_KEYPASS()
    await resetKeypass(tx, cu.userId)
    await recordAudit(tx, actor, {
      entity: 'client_user',
      entityId: id,
      action: 'keypass_reset',
      after: { email: cu.email },
    })
  })
  return getClientUser(deps, actor, id)
}

/** A CPF identifies one person: a second client user with it is refused, naming who has it. */
async function assertCpfFree(tx: Db, tenantId: string, cpf: string, exceptId?: string) {
  const owner = await clientUsersRepository(tx).findByCpf(tenantId, cpf, exceptId)
  if (owner)
    throw ClientUserErrors.CPF_TAKEN({
      message: `Este CPF já está cadastrado para ${owner.name} (${owner.email}).`,
      fields: { cpf: `CPF já usado por ${owner.name}.` },
    })
}

function emailTaken() {
  return ClientUserErrors.EMAIL_TAKEN({
    fields: { email: 'Este e-mail já está cadastrado para outro usuário de cliente.' },
  })
}

/** The departments a client user sees in the portal, with their access level. */
export async function listClientUserDepartments(db: Db, tenantId: string, clientUserId: string) {
  const rows = await clientUsersRepository(db).departmentsOf(tenantId, [clientUserId])
  return rows.map((r) => ({ id: r.departmentId, name: r.name, level: r.level }))
}
