import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { detectDocumentType, formatDocument, normalizeCnpj, onlyDigits } from '#shared/documents.ts'
import { ClientErrors } from './clients.errors.ts'
import { type ClientOrgRow, clientsRepository } from './clients.repository.ts'
import type {
  ClientOrg,
  CreateClientOrgBody,
  FindClientOrgsQuery,
  UpdateClientOrgBody,
} from './clients.schemas.ts'

function toDto(org: ClientOrgRow, userCount: number): ClientOrg {
  return {
    id: org.id,
    name: org.name,
    document: formatDocument(org.document),
    documentType: org.documentType,
    portalEnabled: org.portalEnabled,
    userCount: Number(userCount),
    createdAt: org.createdAt.toISOString(),
  }
}

/** CPF: digits; CNPJ: digits and uppercase letters (alphanumeric CNPJ), no punctuation. */
export function normalizeDocument(value: string): { type: 'cpf' | 'cnpj'; document: string } {
  const type = detectDocumentType(value)
  if (type === 'cpf') return { type, document: onlyDigits(value) }
  return { type: 'cnpj', document: normalizeCnpj(value) }
}

export async function findClientOrgs(db: Db, actor: Actor, q: FindClientOrgsQuery) {
  const { items, total } = await clientsRepository(db).find(actor.tenantId, q)
  return { items: items.map((r) => toDto(r.org, r.userCount)), total, page: q.page, pageSize: q.pageSize }
}

export async function getClientOrg(db: Db, actor: Actor, id: string): Promise<ClientOrg> {
  const row = await clientsRepository(db).findById(actor.tenantId, id)
  if (!row) throw ClientErrors.CLIENT_ORG_NOT_FOUND()
  return toDto(row.org, row.userCount)
}

export async function createClientOrg(db: Db, actor: Actor, body: CreateClientOrgBody): Promise<ClientOrg> {
  const { type, document } = normalizeDocument(body.document)
  const id = await db.transaction(async (tx) => {
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
      })
      .catch((err) => {
        throw isUniqueViolation(err) ? duplicate() : err
      })
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: org.id,
      action: 'create',
      after: { name: org.name, document: formatDocument(document), portalEnabled: org.portalEnabled },
    })
    return org.id
  })
  return getClientOrg(db, actor, id)
}

export async function updateClientOrg(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdateClientOrgBody,
): Promise<ClientOrg> {
  await db.transaction(async (tx) => {
    const repo = clientsRepository(tx)
    const before = await repo.findById(actor.tenantId, id)
    if (!before) throw ClientErrors.CLIENT_ORG_NOT_FOUND()
    const after = await repo.update(actor.tenantId, id, body)
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: id,
      action: 'update',
      before: { name: before.org.name, portalEnabled: before.org.portalEnabled },
      after: { name: after!.name, portalEnabled: after!.portalEnabled },
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
