import { formatCpf, formatPhone, isValidDocument, normalizeCpf, normalizePhone } from '#shared/documents.ts'
import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { clientUsersRepository, CreateClientUserBody, PORTAL_PERMISSIONS } from '../client-users/index.ts'
import { normalizeDocument } from '../clients/index.ts'
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
import { headerKey } from './imports.fields.ts'
import type { ImportRowInsert } from './imports.repository.ts'
import { type BatchRange, importTargets } from './imports.targets.ts'

/** What the dry run stores for a valid row, and the import writes. */
export type ClientUserData = {
  name: string
  email: string
  cpf: string | null
  phone: string | null
  departments: { departmentId: string; level: Level }[]
  companyIds: string[]
  /** Portal permissions (keys of PORTAL_PERMISSIONS). */
  permissions: string[]
  /** Formatted for the audit entry, as the single-user screen writes it. */
  cpfDisplay: string | null
  phoneDisplay: string | null
}

type Level = 'revisor' | 'contribuinte' | 'proprietario'
const LEVELS: Record<string, Level> = {
  revisor: 'revisor',
  contribuinte: 'contribuinte',
  proprietario: 'proprietario',
}
const LEVEL_HELP = 'use Revisor, Contribuinte ou Proprietário'

/** State kept across the chunks of one dry run: the tenant's departments, companies seen, duplicates. */
export type UsersDryRunState = {
  departments: Map<string, { id: string; name: string }>
  companies: Map<string, { id: string; name: string }[]>
  emails: Map<string, number>
  cpfs: Map<string, number>
}

export async function prepareUsers(db: Db, tenantId: string): Promise<UsersDryRunState> {
  const departments = await clientUsersRepository(db).listDepartments(tenantId)
  return {
    departments: new Map(departments.map((d) => [headerKey(d.name), { id: d.id, name: d.name }])),
    companies: new Map(),
    emails: new Map(),
    cpfs: new Map(),
  }
}

/** "Pessoal: Proprietário", "Fiscal (Contribuinte)", "Contábil" → departments with their level. */
function parseDepartments(
  text: string,
  defaultLevel: Level,
  known: UsersDryRunState['departments'],
): { list: ClientUserData['departments']; problem?: string } {
  const list: ClientUserData['departments'] = []
  for (const item of splitList(text, /[;,\n]+/)) {
    const m = /^(.*?)\s*(?::\s*([^:()]+)|\(([^()]+)\))\s*$/.exec(item)
    const name = (m ? m[1] : item).trim()
    const levelText = m ? (m[2] ?? m[3] ?? '').trim() : ''
    const dep = known.get(headerKey(name))
    if (!dep) return { list, problem: `Departamento inexistente: ${name}.` }
    let level = defaultLevel
    if (levelText) {
      const l = LEVELS[headerKey(levelText)]
      if (!l) return { list, problem: `Nível de acesso inválido em "${item}": ${LEVEL_HELP}.` }
      level = l
    }
    if (list.some((d) => d.departmentId === dep.id))
      return { list, problem: `Departamento repetido: ${dep.name}.` }
    list.push({ departmentId: dep.id, level })
  }
  return { list }
}

/** Portal permissions by their pt-BR label or key, compared like headers. */
const PERMISSIONS = new Map(
  PORTAL_PERMISSIONS.flatMap((p) => [
    [headerKey(p.label), p.key],
    [headerKey(p.key), p.key],
  ]),
)

function parsePermissions(text: string): { list: string[]; problem?: string } {
  const list: string[] = []
  for (const item of splitList(text, /[;,\n]+/)) {
    const key = PERMISSIONS.get(headerKey(item))
    if (!key)
      return {
        list,
        problem: `Permissão inexistente: ${item}. Use ${PORTAL_PERMISSIONS.map((p) => `"${p.label}"`).join(', ')}.`,
      }
    if (!list.includes(key)) list.push(key)
  }
  return { list }
}

/**
 * A company named by CNPJ/CPF or by name. A number typed into the cell lost its leading zeros
 * ("191000000191" for the CNPJ 00.191.000/0001-91): digits only, short of a CNPJ or CPF, are
 * padded back before they are checked.
 */
const companyKey = (token: string) => {
  const digits = /^\d{9,13}$/.test(token) ? token.padStart(token.length <= 11 ? 11 : 14, '0') : token
  if (isValidDocument(digits)) return `doc:${normalizeDocument(digits).document}`
  return `name:${token.toLowerCase()}`
}

/** Looks up, in one query each, the companies named in these rows that were not seen before. */
async function loadCompanies(db: Db, tenantId: string, state: UsersDryRunState, tokens: string[]) {
  const docs = new Set<string>()
  const names = new Set<string>()
  for (const t of tokens) {
    const key = companyKey(t)
    if (state.companies.has(key)) continue
    if (key.startsWith('doc:')) docs.add(key.slice(4))
    else names.add(key.slice(5))
  }
  const targets = importTargets(db)
  const byDoc = await targets.orgsByDocument(tenantId, [...docs])
  for (const d of docs) {
    const o = byDoc.get(d)
    state.companies.set(`doc:${d}`, o ? [o] : [])
  }
  const byName = await targets.orgsByName(tenantId, [...names])
  for (const n of names) state.companies.set(`name:${n}`, byName.get(n) ?? [])
}

/**
 * The dry run of a chunk of client-user rows: the single-user screen's schema (CreateClientUserBody)
 * on each row, then what only the database or the whole file can tell — departments and companies
 * that exist, e-mails and CPFs repeated in the file or already used in the tenant.
 */
export async function validateUsers(
  db: Db,
  tenantId: string,
  state: UsersDryRunState,
  columns: Columns,
  rows: InputRow[],
): Promise<ImportRowInsert[]> {
  const text = (row: InputRow, key: string) => fieldText(row, columns, key)
  await loadCompanies(
    db,
    tenantId,
    state,
    rows.flatMap((r) => splitList(text(r, 'companies'))),
  )
  const parsed: { row: InputRow; problems: Problem[]; data?: ClientUserData }[] = rows.map((row) => {
    const problems: Problem[] = []
    const levelText = text(row, 'level')
    let defaultLevel: Level = 'revisor'
    if (levelText) {
      const l = LEVELS[headerKey(levelText)]
      if (l) defaultLevel = l
      else problems.push({ field: 'level', message: `Nível de acesso inválido: ${LEVEL_HELP}.` })
    }
    const deps = parseDepartments(text(row, 'departments'), defaultLevel, state.departments)
    if (deps.problem) problems.push({ field: 'departments', message: deps.problem })
    const companyIds: string[] = []
    for (const token of splitList(text(row, 'companies'))) {
      const found = state.companies.get(companyKey(token)) ?? []
      if (found.length === 0)
        problems.push({
          field: 'companies',
          message: `Empresa não encontrada: ${token}. Cadastre o cliente antes ou corrija o CNPJ/CPF.`,
        })
      else if (found.length > 1)
        problems.push({
          field: 'companies',
          message: `Há mais de uma empresa chamada "${token}": informe o CNPJ.`,
        })
      else companyIds.push(found[0].id)
      if (problems.some((p) => p.field === 'companies')) break
    }
    const permissions = parsePermissions(text(row, 'permissions'))
    if (permissions.problem) problems.push({ field: 'permissions', message: permissions.problem })
    const body = CreateClientUserBody.safeParse({
      name: text(row, 'name'),
      email: text(row, 'email'),
      cpf: text(row, 'cpf'),
      phone: text(row, 'phone'),
      departments: deps.problem ? [] : deps.list,
      companyIds,
      permissions: permissions.list,
      send: 'later',
    })
    if (!body.success) {
      problems.unshift(
        ...zodProblems(body.error.issues, (path) => {
          const k = String(path[0] ?? 'name')
          return k === 'companyIds' ? 'companies' : k
        }),
      )
      return { row, problems }
    }
    const b = body.data
    const cpf = b.cpf ? normalizeCpf(b.cpf) : null
    const phone = b.phone ? normalizePhone(b.phone) : null
    return {
      row,
      problems,
      data: {
        name: b.name,
        email: b.email,
        cpf,
        phone,
        departments: b.departments,
        companyIds: b.companyIds,
        permissions: b.permissions,
        cpfDisplay: cpf ? formatCpf(cpf) : null,
        phoneDisplay: phone ? formatPhone(phone) : null,
      },
    }
  })

  // The whole file: the same e-mail or CPF twice.
  for (const p of parsed) {
    if (!p.data || p.problems.length) continue
    const firstEmail = state.emails.get(p.data.email)
    if (firstEmail !== undefined) {
      p.problems.push({
        field: 'email',
        message: `E-mail repetido na planilha (já está na linha ${firstEmail}).`,
      })
    } else state.emails.set(p.data.email, p.row.rowNumber)
    if (p.data.cpf) {
      const firstCpf = state.cpfs.get(p.data.cpf)
      if (firstCpf !== undefined)
        p.problems.push({ field: 'cpf', message: `CPF repetido na planilha (já está na linha ${firstCpf}).` })
      else state.cpfs.set(p.data.cpf, p.row.rowNumber)
    }
  }

  // The tenant: e-mails already used (the row is skipped: re-running a file creates nothing) and
  // CPFs already used by someone with another e-mail (an error to look at).
  const valid = parsed.filter((p) => p.data && p.problems.length === 0)
  const targets = importTargets(db)
  const byEmail = await targets.usersByEmail(
    tenantId,
    valid.map((p) => p.data!.email),
  )
  const byCpf = await targets.usersByCpf(
    tenantId,
    valid.flatMap((p) => (p.data!.cpf ? [p.data!.cpf] : [])),
  )
  return parsed.map((p) => {
    if (!p.data || p.problems.length) return verdict(p.row, columns, p.problems)
    const existing = byEmail.get(p.data.email)
    if (existing) return skipped(p.row, columns, 'email', `E-mail já usado pelo usuário ${existing.name}.`)
    const cpfOwner = p.data.cpf ? byCpf.get(p.data.cpf) : undefined
    if (cpfOwner)
      return verdict(p.row, columns, [
        { field: 'cpf', message: `CPF já usado pelo usuário ${cpfOwner.name} (${cpfOwner.email}).` },
      ])
    return verdict(p.row, columns, [], p.data)
  })
}

export type BatchContext = { tx: Db; actor: Actor; runId: string; range: BatchRange }

/**
 * Writes a batch's valid rows (one statement, see importUsersBatch): the users, their
 * departments and companies, what the run created and one audit entry per user (the caller then
 * schedules or, at the end, sends their invitations). Rows whose e-mail was taken since the dry run
 * come back as skipped; `ids` are the users created, in row order.
 */
export async function writeUsersBatch(ctx: BatchContext) {
  const targets = importTargets(ctx.tx)
  const result = await targets.importUsersBatch(ctx.actor, ctx.runId, ctx.range)
  const owners = await targets.usersByEmail(
    ctx.actor.tenantId,
    result.missed.map((m) => m.key),
  )
  return {
    ...result,
    skipped: result.missed.map((m) => ({
      rowNumber: m.rowNumber,
      message: `E-mail já usado pelo usuário ${owners.get(m.key)?.name ?? m.key} (cadastrado depois da prévia).`,
    })),
    skippedField: 'email',
  }
}
