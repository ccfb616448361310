import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import {
  detectDocumentType,
  formatCep,
  formatDocument,
  formatPhone,
  normalizeCnpj,
  onlyDigits,
} from '#shared/documents.ts'
import { assertExtraFields } from '../tenants/index.ts'
import { ClientErrors } from './clients.errors.ts'
import { type ClientOrgRow, clientsRepository } from './clients.repository.ts'
import type {
  AddressInput,
  ClientOrg,
  CreateClientOrgBody,
  FindClientOrgsQuery,
  UpdateClientOrgBody,
} from './clients.schemas.ts'

type AddressRow = Awaited<ReturnType<ReturnType<typeof clientsRepository>['addressesOf']>>[number]

function toDto(org: ClientOrgRow, userCount: number, addresses: AddressRow[] = []): ClientOrg {
  return {
    id: org.id,
    name: org.name,
    tradeName: org.tradeName,
    document: formatDocument(org.document),
    documentType: org.documentType,
    stateRegistration: org.stateRegistration,
    emails: org.emails,
    phones: org.phones.map((p) => formatPhone(p)),
    environment: org.environment,
    isActive: org.isActive,
    portalEnabled: org.portalEnabled,
    trainedAt: org.trainedAt?.toISOString() ?? null,
    notes: org.notes,
    extraFields: org.extraFields ?? {},
    addresses: addresses.map((a) => ({
      id: a.id,
      kind: a.kind,
      cep: formatCep(a.cep),
      street: a.street,
      number: a.number,
      complement: a.complement,
      district: a.district,
      city: a.city,
      uf: a.uf,
    })),
    userCount: Number(userCount),
    createdAt: org.createdAt.toISOString(),
  }
}

/** What the audit log keeps of a client (formatted, no internal ids). */
function auditView(org: Partial<ClientOrgRow>, addresses?: AddressInput[]) {
  return {
    name: org.name,
    tradeName: org.tradeName,
    document: org.document ? formatDocument(org.document) : undefined,
    stateRegistration: org.stateRegistration,
    emails: org.emails,
    phones: org.phones,
    environment: org.environment,
    isActive: org.isActive,
    portalEnabled: org.portalEnabled,
    notes: org.notes,
    extraFields: org.extraFields,
    ...(addresses
      ? { addresses: addresses.map((a) => `${a.kind}: ${a.street}, ${a.number} — ${a.city}/${a.uf}`) }
      : {}),
  }
}

function fieldValues(body: UpdateClientOrgBody | CreateClientOrgBody) {
  return {
    ...(body.tradeName !== undefined ? { tradeName: body.tradeName || null } : {}),
    ...(body.stateRegistration !== undefined ? { stateRegistration: body.stateRegistration ?? null } : {}),
    ...(body.emails !== undefined ? { emails: body.emails } : {}),
    ...(body.phones !== undefined ? { phones: body.phones } : {}),
    ...(body.environment !== undefined ? { environment: body.environment } : {}),
    ...(body.notes !== undefined ? { notes: body.notes || null } : {}),
    ...(body.extraFields !== undefined ? { extraFields: body.extraFields } : {}),
  }
}

/** CPF: digits; CNPJ: digits and uppercase letters (alphanumeric CNPJ), no punctuation. */
export function normalizeDocument(value: string): { type: 'cpf' | 'cnpj'; document: string } {
  const type = detectDocumentType(value)
  if (type === 'cpf') return { type, document: onlyDigits(value) }
  return { type: 'cnpj', document: normalizeCnpj(value) }
}

export async function findClientOrgs(
  db: Db,
  actor: Actor,
  q: FindClientOrgsQuery & { exhaustive?: boolean },
) {
  const { items, total, totalCapped } = await clientsRepository(db).find(actor.tenantId, {
    ...q,
    isActive: q.status === undefined ? undefined : q.status === 'ativo',
    trained: q.trained === undefined ? undefined : q.trained === 'true',
  })
  return {
    items: items.map((r) => toDto(r.org, r.userCount)),
    total,
    totalCapped,
    page: q.page,
    pageSize: q.pageSize,
  }
}

export async function getClientOrg(db: Db, actor: Actor, id: string): Promise<ClientOrg> {
  const repo = clientsRepository(db)
  const row = await repo.findById(actor.tenantId, id)
  if (!row) throw ClientErrors.CLIENT_ORG_NOT_FOUND()
  return toDto(row.org, row.userCount, await repo.addressesOf(actor.tenantId, id))
}

export async function createClientOrg(db: Db, actor: Actor, body: CreateClientOrgBody): Promise<ClientOrg> {
  if (body.extraFields) await assertExtraFields(db, actor.tenantId, 'clients', body.extraFields)
  const id = await db.transaction(async (tx) => createClientOrgInTx(tx, actor, body))
  return getClientOrg(db, actor, id)
}

/**
 * For other modules (intake's "Cadastrar"): the client with this document, or a new one created in
 * the caller's transaction. Returns its id and training date (the training gate).
 */
export async function findOrCreateClientOrgInTx(
  tx: Db,
  actor: Actor,
  input: { name: string; document: string },
): Promise<{ id: string; created: boolean; trainedAt: Date | null; name: string }> {
  const { document } = normalizeDocument(input.document)
  const existing = await clientsRepository(tx).findByDocument(actor.tenantId, document)
  if (existing) return { id: existing.id, created: false, trainedAt: existing.trainedAt, name: existing.name }
  const id = await createClientOrgInTx(tx, actor, {
    name: input.name,
    document: input.document,
    portalEnabled: true,
  })
  return { id, created: true, trainedAt: null, name: input.name }
}

/** The transactional core of createClientOrg (also the plans module's new-client wizard). */
export async function createClientOrgInTx(tx: Db, actor: Actor, body: CreateClientOrgBody): Promise<string> {
  const { type, document } = normalizeDocument(body.document)
  {
    const repo = clientsRepository(tx)
    const existing = await repo.findByDocument(actor.tenantId, document)
    if (existing) throw duplicate(existing.name)
    const org = await repo
      .insert({
        tenantId: actor.tenantId,
        documentType: type,
        document,
        name: body.name,
        portalEnabled: body.portalEnabled,
        ...fieldValues(body),
      })
      .catch((err) => {
        throw isUniqueViolation(err) ? duplicate() : err
      })
    if (body.addresses?.length) await repo.replaceAddresses(actor.tenantId, org.id, body.addresses)
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: org.id,
      action: 'create',
      after: auditView(org, body.addresses),
    })
    return org.id
  }
}

export async function updateClientOrg(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdateClientOrgBody,
): Promise<ClientOrg> {
  if (body.extraFields) await assertExtraFields(db, actor.tenantId, 'clients', body.extraFields)
  await db.transaction(async (tx) => {
    const repo = clientsRepository(tx)
    const before = await repo.findById(actor.tenantId, id)
    if (!before) throw ClientErrors.CLIENT_ORG_NOT_FOUND()
    const beforeAddresses = body.addresses ? await repo.addressesOf(actor.tenantId, id) : undefined
    const after = await repo.update(actor.tenantId, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.portalEnabled !== undefined ? { portalEnabled: body.portalEnabled } : {}),
      ...(body.isActive !== undefined ? { isActive: body.isActive } : {}),
      ...fieldValues(body),
    })
    if (body.addresses) await repo.replaceAddresses(actor.tenantId, id, body.addresses)
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: id,
      action: 'update',
      before: auditView(before.org, beforeAddresses),
      after: auditView(after!, body.addresses),
    })
  })
  return getClientOrg(db, actor, id)
}

/** For other modules: the given organisations of the tenant (unknown ids are simply absent). */
export async function listClientOrgsByIds(db: Db, tenantId: string, ids: string[]) {
  return clientsRepository(db).listByIds(tenantId, ids)
}

function duplicate(name?: string) {
  const message = name ? `Já existe um cliente com este CPF/CNPJ: ${name.replace(/\.+$/, '')}.` : undefined
  return ClientErrors.CLIENT_ORG_DUPLICATE({
    message,
    fields: { document: message ?? 'CPF/CNPJ já cadastrado.' },
  })
}
