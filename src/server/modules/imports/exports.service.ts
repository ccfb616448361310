import { formatDate, formatDateTime, formatMoneyCents, formatNumber } from '#shared/format.ts'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import {
  CSV_CONTENT_TYPE,
  type ExportColumn,
  writeCsv,
  writeXlsx,
  XLSX_CONTENT_TYPE,
} from '../../platform/spreadsheet/write.ts'
import { findClientUsers, type FindClientUsersQuery } from '../client-users/index.ts'
import { findClientOrgs, type FindClientOrgsQuery } from '../clients/index.ts'
import { type FindFichasQuery, findFichas } from '../intake/index.ts'
import { listClientPlans, listPlans, SERVICE_LABELS } from '../plans/index.ts'
import { ImportErrors } from './imports.errors.ts'

export type ExportFormat = 'xlsx' | 'csv'
export type ExportsDeps = { db: Db; config: Config }
export type ExportFile = { filename: string; contentType: string; content: Buffer }

/**
 * Every row of a list, as the list itself answers it (same filters, same order), asked for as one
 * page of limit + 1 rows: one pass over the list instead of a page-by-page walk whose every page
 * sorts and counts the whole list again. A list longer than the limit is refused before anything
 * is written, with its size and what to do.
 */
async function collect<T>(
  limit: number,
  fetch: (pageSize: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const { items, total } = await fetch(limit + 1)
  if (total > limit || items.length > limit)
    throw ImportErrors.EXPORT_TOO_LARGE({
      message: `A lista tem ${formatNumber(Math.max(total, items.length))} linhas e um arquivo leva até ${formatNumber(limit)}. Filtre a lista (busca, situação…) e exporte em partes.`,
    })
  return items
}

async function file<T>(
  format: ExportFormat,
  base: string,
  sheet: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<ExportFile> {
  const stamp = new Date().toLocaleDateString('sv-SE', { timeZone: 'America/Sao_Paulo' })
  const filename = `${base}-${stamp}.${format}`
  if (format === 'csv') return { filename, contentType: CSV_CONTENT_TYPE, content: writeCsv(columns, rows) }
  return { filename, contentType: XLSX_CONTENT_TYPE, content: await writeXlsx(sheet, columns, rows) }
}

const yesNo = (v: boolean) => (v ? 'Sim' : 'Não')
const dt = (v: string | null) => (v ? formatDateTime(v) : '')

// ---- clients ---------------------------------------------------------------------------------

type ClientOrgItem = Awaited<ReturnType<typeof findClientOrgs>>['items'][number]
const CLIENT_COLUMNS: ExportColumn<ClientOrgItem>[] = [
  { header: 'Razão social / Nome', width: 36, value: (o) => o.name },
  { header: 'Nome fantasia', width: 26, value: (o) => o.tradeName },
  { header: 'CNPJ/CPF', width: 22, value: (o) => o.document },
  { header: 'Inscrição Estadual', width: 18, value: (o) => o.stateRegistration },
  { header: 'E-mails', width: 32, value: (o) => o.emails.join('; ') },
  { header: 'Telefones', width: 24, value: (o) => o.phones.join('; ') },
  {
    header: 'Ambiente',
    width: 14,
    value: (o) => (o.environment === 'producao' ? 'Produção' : 'Homologação'),
  },
  { header: 'Situação', width: 10, value: (o) => (o.isActive ? 'Ativo' : 'Inativo') },
  { header: 'Portal habilitado', width: 10, value: (o) => yesNo(o.portalEnabled) },
  { header: 'Treinado em', width: 14, value: (o) => (o.trainedAt ? formatDate(o.trainedAt) : '') },
  { header: 'Usuários', width: 10, value: (o) => o.userCount },
  { header: 'Cadastrado em', width: 18, value: (o) => dt(o.createdAt) },
]

export async function exportClientOrgs(
  deps: ExportsDeps,
  actor: Actor,
  q: Omit<FindClientOrgsQuery, 'page' | 'pageSize'>,
  format: ExportFormat,
) {
  const rows = await collect(deps.config.imports.exportMaxRows, (pageSize) =>
    findClientOrgs(deps.db, actor, { ...q, page: 1, pageSize, exhaustive: true }),
  )
  return file(format, 'clientes', 'Clientes', CLIENT_COLUMNS, rows)
}

// ---- client users ----------------------------------------------------------------------------

type ClientUserItem = Awaited<ReturnType<typeof findClientUsers>>['items'][number]
const INVITATION_LABELS: Record<string, string> = {
  none: 'Sem convite',
  scheduled: 'Agendado',
  sent: 'Enviado',
  opened: 'Aberto',
  accepted: 'Aceito',
  expired: 'Expirado',
  revoked: 'Substituído',
  bounced: 'Devolvido',
}
const LEVEL_LABELS: Record<string, string> = {
  revisor: 'Revisor',
  contribuinte: 'Contribuinte',
  proprietario: 'Proprietário',
}
const USER_COLUMNS: ExportColumn<ClientUserItem>[] = [
  { header: 'Nome', width: 32, value: (u) => u.name },
  { header: 'E-mail', width: 34, value: (u) => u.email },
  { header: 'CPF', width: 16, value: (u) => u.cpf },
  { header: 'Telefone', width: 18, value: (u) => u.phone },
  {
    header: 'Empresas',
    width: 36,
    value: (u) => u.companies.map((c) => `${c.name} (${c.document})`).join('; '),
  },
  {
    header: 'Departamentos',
    width: 36,
    value: (u) => u.departments.map((d) => `${d.name}: ${LEVEL_LABELS[d.level] ?? d.level}`).join('; '),
  },
  { header: 'Acesso ao portal', width: 10, value: (u) => (u.portalActive ? 'Ativo' : 'Inativo') },
  {
    header: 'Convite',
    width: 14,
    value: (u) => INVITATION_LABELS[u.invitation.status] ?? u.invitation.status,
  },
  { header: 'Convite enviado em', width: 18, value: (u) => dt(u.invitation.sentAt) },
  { header: 'KEYPASS', width: 10, value: (u) => yesNo(u.hasKeypass) },
  { header: 'Último acesso', width: 18, value: (u) => dt(u.lastLoginAt) },
  { header: 'Cadastrado em', width: 18, value: (u) => dt(u.createdAt) },
]

export async function exportClientUsers(
  deps: ExportsDeps,
  actor: Actor,
  q: Omit<FindClientUsersQuery, 'page' | 'pageSize'>,
  format: ExportFormat,
) {
  const rows = await collect(deps.config.imports.exportMaxRows, (pageSize) =>
    findClientUsers(deps, actor, { ...q, page: 1, pageSize }),
  )
  return file(format, 'usuarios-de-clientes', 'Usuários', USER_COLUMNS, rows)
}

// ---- fichas ----------------------------------------------------------------------------------

type FichaItem = Awaited<ReturnType<typeof findFichas>>['items'][number]
const DUE_LABELS: Record<string, string> = {
  'em-dia': 'Em dia',
  'vence-hoje': 'Vence hoje',
  atrasado: 'Atrasada',
}
const FICHA_COLUMNS: ExportColumn<FichaItem>[] = [
  { header: 'Protocolo', width: 16, value: (f) => f.protocol },
  { header: 'Situação', width: 18, value: (f) => f.statusLabel },
  { header: 'Organização', width: 34, value: (f) => f.organizationName },
  { header: 'CNPJ/CPF', width: 22, value: (f) => f.organizationDocument },
  { header: 'Remetente', width: 26, value: (f) => f.senderName },
  { header: 'E-mail do remetente', width: 30, value: (f) => f.senderEmail },
  { header: 'Titular', width: 26, value: (f) => f.holderName },
  { header: 'Origem', width: 12, value: (f) => (f.source === 'public' ? 'Formulário' : 'Equipe') },
  { header: 'Prazo', width: 12, value: (f) => (f.dueOn ? formatDate(f.dueOn) : '') },
  { header: 'Prazo (situação)', width: 14, value: (f) => (f.due ? DUE_LABELS[f.due] : '') },
  { header: 'Pendências', width: 40, value: (f) => f.missing.join('; ') },
  { header: 'Na situação desde', width: 18, value: (f) => dt(f.statusChangedAt) },
  { header: 'Recebida em', width: 18, value: (f) => dt(f.createdAt) },
]

export async function exportFichas(
  deps: ExportsDeps,
  actor: Actor,
  q: Omit<FindFichasQuery, 'page' | 'pageSize'>,
  format: ExportFormat,
) {
  const rows = await collect(deps.config.imports.exportMaxRows, (pageSize) =>
    findFichas(deps, actor, { ...q, page: 1, pageSize }),
  )
  return file(format, 'fichas-cadastrais', 'Fichas', FICHA_COLUMNS, rows)
}

// ---- plans of a client -----------------------------------------------------------------------

type PlanItem = Awaited<ReturnType<typeof listClientPlans>>['items'][number]
const PLAN_STATUS: Record<string, string> = { ativo: 'Ativo', inativo: 'Inativo', cancelado: 'Cancelado' }
const CYCLES: Record<string, string> = {
  mensal: 'Mensal',
  trimestral: 'Trimestral',
  semestral: 'Semestral',
  anual: 'Anual',
}
const PLAN_COLUMNS: ExportColumn<PlanItem>[] = [
  { header: 'Nº', width: 8, value: (p) => p.number },
  { header: 'Cliente', width: 30, value: (p) => p.clientName },
  { header: 'Plano', width: 28, value: (p) => p.planName },
  { header: 'Categoria', width: 20, value: (p) => p.categoryName },
  { header: 'Situação', width: 12, value: (p) => PLAN_STATUS[p.status] ?? p.status },
  { header: 'Preço', width: 14, value: (p) => formatMoneyCents(p.priceCents) },
  { header: 'Ciclo', width: 12, value: (p) => CYCLES[p.billingCycle] ?? p.billingCycle },
  { header: 'Pagamento', width: 22, value: (p) => p.paymentLabel },
  { header: 'Vencimento (dia)', width: 10, value: (p) => p.dueDay },
  { header: 'Endereço de instalação', width: 44, value: (p) => p.installationAddress?.line ?? '' },
  { header: 'Contrato', width: 16, value: (p) => p.contract?.contractNumber ?? '' },
  { header: 'Serviços', width: 30, value: (p) => p.services.length },
  { header: 'Cadastrado em', width: 18, value: (p) => dt(p.createdAt) },
]

export async function exportClientPlans(
  deps: ExportsDeps,
  actor: Actor,
  clientOrgId: string,
  q: { status?: 'ativo' | 'inativo' | 'cancelado' },
  format: ExportFormat,
) {
  const { items } = await listClientPlans(deps.db, actor, clientOrgId, q)
  return file(format, 'planos-do-cliente', 'Planos', PLAN_COLUMNS, items)
}

// ---- the plan catalogue ----------------------------------------------------------------------

type CatalogPlan = Awaited<ReturnType<typeof listPlans>>['items'][number]
const CATALOG_COLUMNS: ExportColumn<CatalogPlan>[] = [
  { header: 'Categoria', width: 22, value: (p) => p.categoryName },
  { header: 'Plano', width: 30, value: (p) => p.name },
  { header: 'Descrição', width: 40, value: (p) => p.description ?? '' },
  { header: 'Preço', width: 14, value: (p) => formatMoneyCents(p.priceCents) },
  { header: 'Ciclo', width: 12, value: (p) => CYCLES[p.billingCycle] ?? p.billingCycle },
  { header: 'Dias de teste', width: 10, value: (p) => p.trialDays },
  { header: 'Começa em homologação', width: 12, value: (p) => yesNo(p.startsInHomologation) },
  {
    header: 'Serviços',
    width: 44,
    value: (p) =>
      p.services.map((s) => `${SERVICE_LABELS[s.kind]}${s.required ? ' (obrigatório)' : ''}`).join('; '),
  },
  { header: 'Situação', width: 10, value: (p) => (p.isActive ? 'À venda' : 'Inativo') },
]

/** The catalogue of plans the provider sells, with the screen's filters (category, active). */
export async function exportPlanCatalog(
  deps: ExportsDeps,
  actor: Actor,
  q: { categoryId?: string; active?: 'true' | 'false' },
  format: ExportFormat,
) {
  const { items } = await listPlans(deps.db, actor, q)
  return file(format, 'catalogo-de-planos', 'Planos', CATALOG_COLUMNS, items)
}
