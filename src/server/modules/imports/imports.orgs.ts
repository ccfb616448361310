import { formatDocument } from '#shared/documents.ts'
import type { Db } from '../../platform/db/database.ts'
import { CreateClientOrgBody, normalizeDocument } from '../clients/index.ts'
import {
  type Columns,
  fieldText,
  type InputRow,
  type Problem,
  skipped,
  splitList,
  verdict,
  zodProblems,
} from './imports.cells.ts'
import type { ImportRowInsert } from './imports.repository.ts'
import { importTargets } from './imports.targets.ts'
import type { BatchContext } from './imports.users.ts'

export type ClientOrgData = {
  documentType: 'cpf' | 'cnpj'
  document: string
  name: string
  tradeName: string | null
  stateRegistration: string | null
  emails: string[]
  phones: string[]
  notes: string | null
  address: {
    cep: string
    street: string
    number: string
    complement: string | null
    district: string
    city: string
    uf: string
  } | null
}

export type OrgsDryRunState = { documents: Map<string, number> }

export function prepareOrgs(): OrgsDryRunState {
  return { documents: new Map() }
}

const ADDRESS_FIELDS = ['cep', 'street', 'number', 'complement', 'district', 'city', 'uf'] as const

/** The client screen's schema (CreateClientOrgBody) on each row, then duplicates in the file and in the tenant. */
export async function validateOrgs(
  db: Db,
  tenantId: string,
  state: OrgsDryRunState,
  columns: Columns,
  rows: InputRow[],
): Promise<ImportRowInsert[]> {
  const text = (row: InputRow, key: string) => fieldText(row, columns, key)
  const parsed = rows.map((row) => {
    const address = Object.fromEntries(ADDRESS_FIELDS.map((k) => [k, text(row, k)]))
    const hasAddress = ADDRESS_FIELDS.some((k) => address[k] !== '')
    const body = CreateClientOrgBody.safeParse({
      name: text(row, 'name'),
      document: text(row, 'document'),
      portalEnabled: true,
      tradeName: text(row, 'tradeName') || null,
      stateRegistration: text(row, 'stateRegistration') || null,
      emails: splitList(text(row, 'email'), /[;,\s]+/),
      phones: splitList(text(row, 'phone'), /[;/\n]+/),
      notes: text(row, 'notes') || null,
      addresses: hasAddress
        ? [{ kind: 'principal', ...address, complement: address.complement || null }]
        : [],
    })
    if (!body.success) {
      const problems = zodProblems(body.error.issues, (path) => {
        const k = String(path[0] ?? 'name')
        if (k === 'addresses') return String(path[2] ?? 'cep')
        if (k === 'emails') return 'email'
        if (k === 'phones') return 'phone'
        return k
      })
      return { row, problems } as { row: InputRow; problems: Problem[]; data?: ClientOrgData }
    }
    const b = body.data
    const { type, document } = normalizeDocument(b.document)
    const a = b.addresses?.[0]
    const data: ClientOrgData = {
      documentType: type,
      document,
      name: b.name,
      tradeName: b.tradeName || null,
      stateRegistration: b.stateRegistration ?? null,
      emails: b.emails ?? [],
      phones: b.phones ?? [],
      notes: b.notes || null,
      address: a
        ? {
            cep: a.cep,
            street: a.street,
            number: a.number,
            complement: a.complement || null,
            district: a.district,
            city: a.city,
            uf: a.uf,
          }
        : null,
    }
    return { row, problems: [] as Problem[], data }
  })

  for (const p of parsed) {
    if (!p.data) continue
    const first = state.documents.get(p.data.document)
    const what = p.data.documentType === 'cpf' ? 'CPF' : 'CNPJ'
    if (first !== undefined)
      p.problems.push({
        field: 'document',
        message: `${what} repetido na planilha (já está na linha ${first}).`,
      })
    else state.documents.set(p.data.document, p.row.rowNumber)
  }

  const valid = parsed.filter((p) => p.data && p.problems.length === 0)
  const existing = await importTargets(db).orgsByDocument(
    tenantId,
    valid.map((p) => p.data!.document),
  )
  return parsed.map((p) => {
    if (!p.data || p.problems.length) return verdict(p.row, columns, p.problems)
    const org = existing.get(p.data.document)
    if (org) {
      const what = p.data.documentType === 'cpf' ? 'CPF' : 'CNPJ'
      return skipped(p.row, columns, 'document', `${what} já cadastrado: ${org.name}.`)
    }
    return verdict(p.row, columns, [], p.data)
  })
}

/** Writes one batch: the organisations, their principal address, what the run created, the audit. */
export async function writeOrgsBatch(ctx: BatchContext, rows: { rowNumber: number; data: unknown }[]) {
  const { actor } = ctx
  const tenantId = actor.tenantId
  const targets = importTargets(ctx.tx)
  const input = rows.map((r) => ({ rowNumber: r.rowNumber, ...(r.data as ClientOrgData) }))
  const created = await targets.insertClientOrgs(tenantId, input)
  const idOf = new Map(created.map((c) => [c.rowNumber, c.id]))
  const made = input.filter((r) => idOf.has(r.rowNumber))
  const missed = input.filter((r) => !idOf.has(r.rowNumber))
  const owners = await targets.orgsByDocument(
    tenantId,
    missed.map((r) => r.document),
  )
  await targets.insertOrgAddresses(
    tenantId,
    made.flatMap((r) => (r.address ? [{ clientOrgId: idOf.get(r.rowNumber)!, ...r.address }] : [])),
  )
  await targets.audit(
    actor,
    made.map((r) => ({
      entity: 'client_org',
      entityId: idOf.get(r.rowNumber)!,
      action: 'create',
      after: {
        name: r.name,
        tradeName: r.tradeName,
        document: formatDocument(r.document),
        stateRegistration: r.stateRegistration,
        emails: r.emails,
        phones: r.phones,
        notes: r.notes,
        portalEnabled: true,
        ...(r.address
          ? {
              addresses: [
                `principal: ${r.address.street}, ${r.address.number} — ${r.address.city}/${r.address.uf}`,
              ],
            }
          : {}),
        importRunId: ctx.runId,
        importRow: r.rowNumber,
      },
    })),
  )
  return {
    created: made.map((r) => ({ rowNumber: r.rowNumber, entityId: idOf.get(r.rowNumber)! })),
    skipped: missed.map((r) => ({
      rowNumber: r.rowNumber,
      message: `${r.documentType === 'cpf' ? 'CPF' : 'CNPJ'} já cadastrado: ${owners.get(r.document)?.name ?? formatDocument(r.document)} (cadastrado depois da prévia).`,
    })),
    skippedField: 'document',
  }
}
