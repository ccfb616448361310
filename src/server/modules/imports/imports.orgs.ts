import { formatDocument } from '#shared/documents.ts'
import type { Db } from '../../platform/db/database.ts'
import { cellDate } from '../../platform/spreadsheet/read.ts'
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
  /** The tenant's extra fields (Configurações), by key. */
  extraFields: Record<string, string>
  address: {
    cep: string
    street: string
    number: string
    complement: string | null
    district: string
    city: string
    uf: string
  } | null
  /** The audit entry's "after", as the client screen writes it. */
  audit: Record<string, unknown>
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
  const extras = [...columns.values()].filter((c) => c.field.extraKey)
  const parsed = rows.map((row) => {
    // The tenant's extra fields, checked as the client screen checks them (required ones filled);
    // a date field takes a date cell, an Excel serial or dd/mm/aaaa.
    const extraFields: Record<string, string> = {}
    const extraProblems: Problem[] = []
    for (const c of extras) {
      const value = text(row, c.field.key)
      if (value) extraFields[c.field.extraKey!] = value
      if (c.field.required && !value)
        extraProblems.push({ field: c.field.key, message: `Preencha o campo "${c.field.label}".` })
      else if (value && c.field.isDate && !cellDate(value))
        extraProblems.push({ field: c.field.key, message: 'Data inválida: use dd/mm/aaaa.' })
    }
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
      extraFields,
    })
    if (!body.success || extraProblems.length) {
      const problems = [
        ...(body.success
          ? []
          : zodProblems(body.error.issues, (path) => {
              const k = String(path[0] ?? 'name')
              if (k === 'addresses') return String(path[2] ?? 'cep')
              if (k === 'emails') return 'email'
              if (k === 'phones') return 'phone'
              if (k === 'extraFields') return `extra:${String(path[1] ?? '')}`
              return k
            })),
        ...extraProblems,
      ]
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
      extraFields: b.extraFields ?? {},
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
      audit: {},
    }
    data.audit = {
      name: data.name,
      tradeName: data.tradeName,
      document: formatDocument(data.document),
      stateRegistration: data.stateRegistration,
      emails: data.emails,
      phones: data.phones,
      notes: data.notes,
      extraFields: data.extraFields,
      portalEnabled: true,
      ...(data.address
        ? {
            addresses: [
              `principal: ${data.address.street}, ${data.address.number} — ${data.address.city}/${data.address.uf}`,
            ],
          }
        : {}),
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

/** Writes a batch (one statement, see importOrgsBatch); documents taken since the dry run come back as skipped. */
export async function writeOrgsBatch(ctx: BatchContext) {
  const targets = importTargets(ctx.tx)
  const result = await targets.importOrgsBatch(ctx.actor, ctx.runId, ctx.range)
  const owners = await targets.orgsByDocument(
    ctx.actor.tenantId,
    result.missed.map((m) => m.key),
  )
  return {
    ...result,
    skipped: result.missed.map((m) => ({
      rowNumber: m.rowNumber,
      message: `${m.key.length === 11 ? 'CPF' : 'CNPJ'} já cadastrado: ${owners.get(m.key)?.name ?? formatDocument(m.key)} (cadastrado depois da prévia).`,
    })),
    skippedField: 'document',
  }
}
