import { bankName } from '#shared/banks.ts'
import { toCalendarDate } from '#shared/business-days.ts'
import { formatCep, formatPhone, onlyDigits } from '#shared/documents.ts'
import type { z } from '#shared/validation.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/database.ts'
import { AppError, isUniqueViolation } from '../../platform/errors.ts'
import type { Lookups } from '../../platform/lookups/index.ts'
import { openSecret, sealSecret } from '../../platform/security/secret-box.ts'
import { bookSlotInTx, cancelPlanBookingsInTx, nextBookingsOfPlans } from '../agenda/index.ts'
import { assertPasswordAcceptable } from '../auth/index.ts'
import { clientsRepository } from '../clients/index.ts'
import { assertExtraFields, getTenantSettings } from '../tenants/index.ts'
import { addDays } from './plans.dates.ts'
import { STATUS_LABELS, checkTransition } from './plans.lifecycle.ts'
import { PlanErrors } from './plans.errors.ts'
import {
  type ClientPlanRow,
  type HistoryRow,
  type PlanRow,
  plansRepository,
  type ServiceRow,
} from './plans.repository.ts'
import { evaluateRules, type RuleAlert } from './plans.rules.ts'
import {
  type AddClientPlanBody,
  type BankDebitInput,
  type ClientPlan,
  type ContractInput,
  type CreateContactBody,
  PAYMENT_LABELS,
  type ScheduleInput,
  SERVICE_LABELS,
  type ServiceInput,
} from './plans.schemas.ts'
import type { AddressCopy, PaymentDetails, PlanServiceConfig } from './plans.tables.ts'

export type PlansDeps = { db: Db; config: Config; clock: Clock; lookups: Lookups | null }

type Joined = Awaited<ReturnType<ReturnType<typeof plansRepository>['clientPlans']>>[number]
type AddressFields = Omit<AddressCopy, 'complement'> & { complement?: string | null }

// ── DTOs ─────────────────────────────────────────────────────────────────────────────────

function addressLine(a: AddressCopy): string {
  const complement = a.complement ? `, ${a.complement}` : ''
  return `${a.street}, ${a.number}${complement} — ${a.district}, ${a.city}/${a.uf}`
}
function addressView(a: AddressCopy | null) {
  return a
    ? { id: '00000000-0000-0000-0000-000000000000', line: addressLine(a), cep: formatCep(a.cep) }
    : null
}

function paymentSummary(d: PaymentDetails | null): string | null {
  if (!d) return null
  if (d.kind === 'bank') {
    const end = d.account.slice(-2)
    return `${d.bankCode} ${bankName(d.bankCode) ?? ''} — ag. ${d.agency}, conta ••••${end}-${d.accountDigit}`
  }
  return `${d.carrier} — ${formatPhone(d.phone).replace(/\d(?=\d{4})/g, '•')}`
}

function serviceDto(s: ServiceRow) {
  return {
    id: s.id,
    kind: s.kind,
    label: SERVICE_LABELS[s.kind],
    login: s.login,
    domain: s.domain,
    ip: s.ip,
    details: s.details,
    hasPassword: Boolean(s.passwordSealed),
    passwordChangedAt: s.passwordChangedAt?.toISOString() ?? null,
  }
}

type NextBookings = Awaited<ReturnType<typeof nextBookingsOfPlans>>

function toDto(r: Joined, services: ServiceRow[], next: NextBookings): ClientPlan {
  const cp = r.cp
  return {
    id: cp.id,
    number: cp.number,
    clientOrgId: cp.clientOrgId,
    clientName: r.clientName,
    planId: cp.planId,
    planName: r.plan.name,
    categoryName: r.categoryName,
    priceCents: r.plan.priceCents,
    billingCycle: r.plan.billingCycle,
    status: cp.status,
    installationAddress: addressView(cp.installationAddress),
    billingAddress: addressView(cp.billingAddress),
    paymentMethod: cp.paymentMethod,
    paymentLabel: PAYMENT_LABELS[cp.paymentMethod],
    paymentSummary: paymentSummary(cp.paymentDetails),
    dueDay: cp.dueDay,
    debitAuthorizedAt: cp.debitAuthorizedAt?.toISOString() ?? null,
    trialEndsOn: cp.trialEndsOn,
    contract:
      cp.contractNumber && cp.saleDate && cp.validityMonths
        ? {
            contractNumber: cp.contractNumber,
            saleDate: cp.saleDate,
            installationFeeCents: cp.installationFeeCents,
            installments: cp.installments,
            validityMonths: cp.validityMonths,
            templateId: cp.contractTemplateId,
            templateName: r.templateName,
          }
        : null,
    services: services.filter((s) => s.clientPlanId === cp.id).map(serviceDto),
    extraFields: cp.extraFields,
    acknowledgedWarnings: cp.acknowledgedWarnings,
    createdAt: cp.createdAt.toISOString(),
    nextBooking: next.get(cp.id) ?? null,
  }
}

function historyDto(h: HistoryRow) {
  return {
    id: h.id,
    kind: h.kind,
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    reason: h.reason,
    summary: h.summary,
    actorName: h.actorName,
    createdAt: h.createdAt.toISOString(),
  }
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────

async function requireClient(db: Db, tenantId: string, clientOrgId: string) {
  const row = await clientsRepository(db).findById(tenantId, clientOrgId)
  if (!row) throw PlanErrors.CLIENT_NOT_FOUND()
  return row.org
}

export async function listClientPlans(
  db: Db,
  actor: Actor,
  clientOrgId: string,
  q: { status?: 'ativo' | 'inativo' | 'cancelado' },
) {
  await requireClient(db, actor.tenantId, clientOrgId)
  const repo = plansRepository(db)
  const rows = await repo.clientPlans(actor.tenantId, { clientOrgId, status: q.status })
  const ids = rows.map((r) => r.cp.id)
  const services = await repo.services(actor.tenantId, ids)
  const next = await nextBookingsOfPlans(db, actor.tenantId, ids, new Date())
  return { items: rows.map((r) => toDto(r, services, next)) }
}

export async function getClientPlan(db: Db, actor: Actor, id: string) {
  const repo = plansRepository(db)
  const [row] = await repo.clientPlans(actor.tenantId, { id })
  if (!row) throw PlanErrors.CLIENT_PLAN_NOT_FOUND()
  const services = await repo.services(actor.tenantId, [id])
  const history = await repo.history(actor.tenantId, id)
  const next = await nextBookingsOfPlans(db, actor.tenantId, [id], new Date())
  return { ...toDto(row, services, next), history: history.map(historyDto) }
}

/** The client portal: the plans of the company the client user is working for (no passwords). */
export async function listPortalPlans(db: Db, actor: Actor) {
  if (!actor.clientOrgId) return { items: [] }
  return listClientPlans(db, actor, actor.clientOrgId, {})
}

// ── Contacts (who follows the installation) ─────────────────────────────────────────────

function contactDto(c: { id: string; name: string; phone: string | null; email: string | null }) {
  return { id: c.id, name: c.name, phone: c.phone ? formatPhone(c.phone) : null, email: c.email }
}

export async function listContacts(db: Db, actor: Actor, clientOrgId: string) {
  await requireClient(db, actor.tenantId, clientOrgId)
  return { items: (await plansRepository(db).contacts(actor.tenantId, clientOrgId)).map(contactDto) }
}

export async function createContact(
  db: Db,
  actor: Actor,
  clientOrgId: string,
  body: z.infer<typeof CreateContactBody>,
) {
  return db.transaction(async (tx) => {
    await requireClient(tx, actor.tenantId, clientOrgId)
    const row = await plansRepository(tx).insertContact({
      tenantId: actor.tenantId,
      clientOrgId,
      name: body.name,
      phone: body.phone ?? null,
      email: body.email ?? null,
    })
    await recordAudit(tx, actor, {
      entity: 'client_contact',
      entityId: row.id,
      action: 'create',
      after: body,
    })
    return contactDto(row)
  })
}

// ── Adding a plan (seed 003) ─────────────────────────────────────────────────────────────

/** Resolves "existing address or new one (CEP Pesquisar → Salvar)" to a copy; a new one joins the client's book. */
async function resolveAddress(
  tx: Db,
  actor: Actor,
  clientOrgId: string,
  ref: { addressId: string } | { address: AddressFields },
  kind: 'instalacao' | 'cobranca',
  field: string,
): Promise<AddressCopy> {
  const clients = clientsRepository(tx)
  if ('addressId' in ref) {
    const found = (await clients.addressesOf(actor.tenantId, clientOrgId)).find((a) => a.id === ref.addressId)
    if (!found) throw PlanErrors.ADDRESS_NOT_FOUND({ fields: { [field]: 'Endereço não encontrado.' } })
    return copyOf(found)
  }
  const row = await clients.insertAddress({
    tenantId: actor.tenantId,
    clientOrgId,
    kind,
    ...ref.address,
    complement: ref.address.complement ?? null,
  })
  return copyOf(row)
}

function copyOf(a: AddressFields): AddressCopy {
  return {
    cep: a.cep,
    street: a.street,
    number: a.number,
    complement: a.complement ?? null,
    district: a.district,
    city: a.city,
    uf: a.uf,
  }
}

/** Checks the services typed for the plan against what the plan offers; returns rows to insert. */
async function prepareServices(
  db: Db,
  actor: Actor,
  plan: PlanRow,
  input: ServiceInput[],
  sessionSecret: string,
  /** `flat`: one service as the whole body (fields `login`…), else a list (`services.0.login`…). */
  opts: { requireAll: boolean; flat?: boolean },
) {
  const offered = new Map<string, PlanServiceConfig>(plan.services.map((s) => [s.kind, s]))
  const rows: {
    kind: ServiceInput['kind']
    login: string | null
    domain: string | null
    ip: string | null
    details: Record<string, string | number>
    passwordSealed: string | null
  }[] = []
  for (const [i, s] of input.entries()) {
    const at = (f: string) => (opts.flat ? f : `services.${i}.${f}`)
    const config = offered.get(s.kind)
    if (!config)
      throw PlanErrors.SERVICE_NOT_OFFERED({
        message: `${SERVICE_LABELS[s.kind]} não está ativo no plano ${plan.name}.`,
        fields: { [at('kind')]: 'Serviço não oferecido pelo plano.' },
      })
    const need = (cond: unknown, f: string, msg: string) => {
      if (!cond) throw PlanErrors.SERVICE_INCOMPLETE({ message: msg, fields: { [at(f)]: msg } })
    }
    let domain = s.domain ?? null
    const details: Record<string, string | number> = {}
    if (s.kind === 'radius' || s.kind === 'email') {
      need(s.login, 'login', `${SERVICE_LABELS[s.kind]}: informe o login.`)
      need(s.password, 'password', `${SERVICE_LABELS[s.kind]}: informe a senha.`)
      if (s.kind === 'email') {
        domain ??= config.defaultDomain ?? null
        need(domain, 'domain', 'Conta de e-mail: informe o domínio.')
      }
      await assertServicePassword(db, actor, s.password!, s.passwordConfirmation ?? '', s.login!, at)
    }
    if (s.kind === 'ip') need(s.ip, 'ip', 'IP fixo: informe o endereço IP.')
    if (s.kind === 'domain' || s.kind === 'domain_registration')
      need(domain, 'domain', `${SERVICE_LABELS[s.kind]}: informe o domínio.`)
    if (s.kind === 'domain_registration') details.years = s.years ?? 1
    if (s.kind === 'antivirus') details.licences = s.licences ?? config.licences ?? 1
    rows.push({
      kind: s.kind,
      login: s.kind === 'radius' || s.kind === 'email' ? s.login! : null,
      domain,
      ip: s.kind === 'ip' ? s.ip! : null,
      details,
      passwordSealed:
        s.password && (s.kind === 'radius' || s.kind === 'email')
          ? sealSecret(sessionSecret, s.password)
          : null,
    })
  }
  if (opts.requireAll) {
    const missing = plan.services.filter((c) => c.required && !input.some((s) => s.kind === c.kind))
    if (missing.length)
      throw PlanErrors.SERVICE_REQUIRED({
        message: `O plano ${plan.name} exige: ${missing.map((m) => SERVICE_LABELS[m.kind]).join(', ')}.`,
        fields: { services: `Preencha: ${missing.map((m) => SERVICE_LABELS[m.kind]).join(', ')}.` },
      })
  }
  return rows
}

/** A service password passes the same meter and policy as account passwords (seed 003 Obs1–Obs3). */
async function assertServicePassword(
  db: Db,
  actor: Actor,
  password: string,
  confirmation: string,
  login: string,
  at: (f: string) => string,
) {
  try {
    await assertPasswordAcceptable(db, actor.tenantId, password, confirmation, { login })
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [at(k), v]))
    throw new AppError(err.code, { status: err.status, message: err.message, fields })
  }
}

function debitDetails(body: AddClientPlanBody['billing']): PaymentDetails | null {
  if (body.paymentMethod === 'debito_conta' && body.bank) return bankDetails(body.bank)
  if (body.paymentMethod === 'debito_telefone' && body.phoneAccount)
    return {
      kind: 'phone',
      carrier: body.phoneAccount.carrier,
      phone: body.phoneAccount.phone,
      holderName: body.phoneAccount.holderName,
      holderDocument: onlyDigits(body.phoneAccount.holderDocument),
    }
  return null
}

function bankDetails(b: BankDebitInput): PaymentDetails {
  return {
    kind: 'bank',
    bankCode: b.bankCode,
    agency: b.agency,
    agencyDigit: b.agencyDigit || null,
    account: b.account,
    accountDigit: b.accountDigit,
    operation: b.operation || null,
    holderName: b.holderName,
    holderDocument: b.holderDocument.replace(/[^0-9A-Za-z]/g, '').toUpperCase(),
  }
}

async function loadPlanForSale(db: Db, tenantId: string, planId: string) {
  const plan = await plansRepository(db).plan(tenantId, planId)
  if (!plan) throw PlanErrors.PLAN_NOT_FOUND({ fields: { planId: 'Plano não encontrado.' } })
  if (!plan.plan.isActive)
    throw PlanErrors.PLAN_INACTIVE({ fields: { planId: 'Plano inativo no catálogo.' } })
  return plan.plan
}

/** The registration rules' alerts for a plan being finished (the alert screen before "Finalizar"). */
export async function checkRules(
  deps: PlansDeps,
  actor: Actor,
  clientOrgId: string,
  body: AddClientPlanBody,
): Promise<{ alerts: RuleAlert[] }> {
  const org = await requireClient(deps.db, actor.tenantId, clientOrgId)
  const plan = await loadPlanForSale(deps.db, actor.tenantId, body.planId)
  let installation: AddressCopy | null = null
  if (body.installation && 'address' in body.installation) installation = copyOf(body.installation.address)
  else if (body.installation) {
    const found = (await clientsRepository(deps.db).addressesOf(actor.tenantId, clientOrgId)).find(
      (a) => 'addressId' in body.installation! && a.id === body.installation.addressId,
    )
    installation = found ? copyOf(found) : null
  }
  return { alerts: await rulesFor(deps, deps.db, actor, org, plan, installation, body.billing) }
}

async function rulesFor(
  deps: PlansDeps,
  db: Db,
  actor: Actor,
  org: { documentType: 'cnpj' | 'cpf'; document: string; emails: string[] },
  plan: PlanRow,
  installation: AddressCopy | null,
  billing: { paymentMethod: AddClientPlanBody['billing']['paymentMethod']; bank?: BankDebitInput | null },
) {
  const rules = (await plansRepository(db).rules(actor.tenantId, true)).map((r) => r.rule)
  return evaluateRules(
    rules,
    {
      categoryId: plan.categoryId,
      client: { documentType: org.documentType, document: org.document, emails: org.emails },
      installationAddress: installation,
      paymentMethod: billing.paymentMethod,
      debitHolderDocument: billing.bank?.holderDocument ?? null,
    },
    deps.lookups,
  )
}

/**
 * A change to a finished plan (address transfer, debit authorisation) is checked against the rules
 * again: blocking ones refuse it; warnings are written into the plan's history.
 */
async function checkRulesOnChange(
  deps: PlansDeps,
  tx: Db,
  actor: Actor,
  cp: ClientPlanRow,
  next: {
    installation: AddressCopy | null
    paymentMethod: ClientPlanRow['paymentMethod']
    bank?: BankDebitInput | null
  },
) {
  const org = await requireClient(tx, actor.tenantId, cp.clientOrgId)
  const plan = (await plansRepository(tx).plan(actor.tenantId, cp.planId))!.plan
  const alerts = await rulesFor(deps, tx, actor, org, plan, next.installation, {
    paymentMethod: next.paymentMethod,
    bank: next.bank,
  })
  assertRulesPass(
    alerts,
    alerts.filter((a) => a.severity === 'warn').map((a) => a.ruleId),
  )
  for (const w of alerts.filter((a) => a.severity === 'warn'))
    await history(tx, actor, cp.id, {
      kind: 'rules_warning',
      summary: `Aviso das regras de cadastro: ${w.message}`,
    })
}

function assertRulesPass(alerts: RuleAlert[], acknowledged: string[]) {
  const blocking = alerts.filter((a) => a.severity === 'block')
  if (blocking.length)
    throw PlanErrors.PLAN_RULES_BLOCKED({
      message: `Regras de cadastro impedem finalizar: ${blocking.map((a) => a.message).join(' ')}`,
      fields: Object.fromEntries(blocking.map((a) => [`rules.${a.ruleId}`, a.message])),
    })
  const pending = alerts.filter((a) => a.severity === 'warn' && !acknowledged.includes(a.ruleId))
  if (pending.length)
    throw PlanErrors.PLAN_RULES_UNACKNOWLEDGED({
      fields: Object.fromEntries(pending.map((a) => [`rules.${a.ruleId}`, a.message])),
    })
}

/** "Finalizar" (optionally with "Agendar instalação"): everything in one transaction. */
export async function addClientPlan(
  deps: PlansDeps,
  actor: Actor,
  clientOrgId: string,
  body: AddClientPlanBody,
): Promise<ClientPlan> {
  const plan = await loadPlanForSale(deps.db, actor.tenantId, body.planId)
  const org0 = await requireClient(deps.db, actor.tenantId, clientOrgId)
  const services = await prepareServices(deps.db, actor, plan, body.services, deps.config.sessionSecret, {
    requireAll: true,
  })
  const id = await deps.db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const installation = body.installation
      ? await resolveAddress(tx, actor, clientOrgId, body.installation, 'instalacao', 'installation')
      : null
    const billingAddress = body.billing.address
      ? await resolveAddress(tx, actor, clientOrgId, body.billing.address, 'cobranca', 'billing.address')
      : installation
    const alerts = await rulesFor(deps, tx, actor, org0, plan, installation, body.billing)
    assertRulesPass(alerts, body.acknowledgedRuleIds)
    const warnings = alerts.filter((a) => a.severity === 'warn')
    let templateId: string | null = null
    if (body.contract?.templateId) {
      if (!(await repo.template(actor.tenantId, body.contract.templateId)))
        throw PlanErrors.TEMPLATE_NOT_FOUND({ fields: { 'contract.templateId': 'Modelo não encontrado.' } })
      templateId = body.contract.templateId
    }
    const number = await repo.nextPlanNumber(actor.tenantId)
    const details = debitDetails(body.billing)
    const cp = await repo.insertClientPlan({
      tenantId: actor.tenantId,
      clientOrgId,
      planId: plan.id,
      number,
      status: plan.initialStatus,
      installationAddress: installation,
      billingAddress,
      paymentMethod: body.billing.paymentMethod,
      paymentDetails: details,
      dueDay: body.billing.dueDay,
      trialEndsOn: plan.trialDays > 0 ? addDays(toCalendarDate(deps.clock.now()), plan.trialDays) : null,
      ...(body.contract
        ? {
            contractNumber: body.contract.contractNumber,
            saleDate: body.contract.saleDate,
            installationFeeCents: body.contract.installationFeeCents,
            installments: body.contract.installments,
            validityMonths: body.contract.validityMonths,
            contractTemplateId: templateId,
          }
        : {}),
      acknowledgedWarnings: warnings.map((w) => w.message),
      createdBy: actor.userId,
    })
    for (const [i, s] of services.entries())
      await insertService(tx, actor.tenantId, cp.id, s, `services.${i}.login`)
    await history(tx, actor, cp.id, {
      kind: 'created',
      toStatus: cp.status,
      summary: `Plano ${plan.name} adicionado (${PAYMENT_LABELS[cp.paymentMethod]}, vencimento dia ${cp.dueDay}).`,
    })
    if (warnings.length)
      await recordAudit(tx, actor, {
        entity: 'client_plan',
        entityId: cp.id,
        action: 'rules_acknowledged',
        after: { warnings: warnings.map((w) => w.message) },
      })
    if (body.schedule) await schedule(deps, tx, actor, cp, body.schedule)
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: cp.id,
      action: 'create',
      after: {
        plan: plan.name,
        status: cp.status,
        installation: installation && addressLine(installation),
        paymentMethod: cp.paymentMethod,
        payment: paymentSummary(details),
        dueDay: cp.dueDay,
        services: services.map((s) => `${SERVICE_LABELS[s.kind]}${s.login ? ` ${s.login}` : ''}`),
      },
    })
    return cp.id
  })
  const { history: _h, ...dto } = await getClientPlan(deps.db, actor, id)
  return dto
}

async function insertService(
  tx: Db,
  tenantId: string,
  clientPlanId: string,
  s: Awaited<ReturnType<typeof prepareServices>>[number],
  field: string,
) {
  return plansRepository(tx)
    .insertService({ tenantId, clientPlanId, ...s, passwordChangedAt: s.passwordSealed ? new Date() : null })
    .catch((err) => {
      if (!isUniqueViolation(err)) throw err
      const message = `O login ${s.login}${s.domain ? `@${s.domain}` : ''} já está em uso por outro serviço.`
      throw PlanErrors.SERVICE_LOGIN_TAKEN({ message, fields: { [field]: message } })
    })
}

async function history(
  tx: Db,
  actor: Actor,
  clientPlanId: string,
  entry: Pick<HistoryRow, 'kind' | 'summary'> &
    Partial<Pick<HistoryRow, 'fromStatus' | 'toStatus' | 'reason'>>,
) {
  await plansRepository(tx).addHistory({
    tenantId: actor.tenantId,
    clientPlanId,
    actorUserId: actor.userId,
    actorName: actor.name,
    ...entry,
  })
}

async function schedule(deps: PlansDeps, tx: Db, actor: Actor, cp: ClientPlanRow, s: ScheduleInput) {
  let contactName = s.contact?.name ?? null
  let contactPhone = s.contact?.phone ?? null
  if (s.contactId) {
    const c = await plansRepository(tx).contact(actor.tenantId, cp.clientOrgId, s.contactId)
    if (!c)
      throw PlanErrors.CONTACT_NOT_FOUND({ fields: { 'schedule.contactId': 'Contato não encontrado.' } })
    contactName = c.name
    contactPhone = c.phone
  } else if (s.contact) {
    await plansRepository(tx).insertContact({
      tenantId: actor.tenantId,
      clientOrgId: cp.clientOrgId,
      name: s.contact.name,
      phone: s.contact.phone ?? null,
    })
  }
  const booking = await bookSlotInTx(
    tx,
    actor,
    {
      ...(s.technicianId ? { technicianId: s.technicianId } : { roleId: s.roleId! }),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      clientOrgId: cp.clientOrgId,
      clientPlanId: cp.id,
      contactName: contactName ?? undefined,
      contactPhone: contactPhone ?? undefined,
      notes: s.notes ?? undefined,
    },
    deps.clock.now(),
  )
  await history(tx, actor, cp.id, {
    kind: 'scheduled',
    summary: `Instalação agendada: ${formatSlot(booking.startsAt, booking.endsAt)}${contactName ? `, acompanhada por ${contactName}` : ''}.`,
  })
}

function formatSlot(startsAt: string | Date, endsAt: string | Date) {
  const day = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short' })
  const time = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', timeStyle: 'short' })
  return `${day.format(new Date(startsAt))} das ${time.format(new Date(startsAt))} às ${time.format(new Date(endsAt))}`
}

// ── Actions on a client plan (seed 5.4.1) ───────────────────────────────────────────────

/** Loads the plan for a change, locked; a cancelled plan accepts no change (except reading). */
async function lockPlan(tx: Db, actor: Actor, id: string, allowCancelled = false) {
  const cp = await plansRepository(tx).clientPlan(actor.tenantId, id, true)
  if (!cp) throw PlanErrors.CLIENT_PLAN_NOT_FOUND()
  if (!allowCancelled && cp.status === 'cancelado') throw PlanErrors.PLAN_CANCELLED_LOCKED()
  return cp
}

export async function changeStatus(
  deps: PlansDeps,
  actor: Actor,
  id: string,
  body: { status: 'ativo' | 'inativo' | 'cancelado'; reason: string },
) {
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id, true)
    const check = checkTransition(cp.status, body.status)
    if (!check.ok)
      throw check.reason === 'same'
        ? PlanErrors.PLAN_STATUS_SAME({ message: `O plano já está ${STATUS_LABELS[cp.status]}.` })
        : PlanErrors.PLAN_CANCELLED_FINAL()
    await plansRepository(tx).updateClientPlan(actor.tenantId, id, { status: body.status })
    await history(tx, actor, id, {
      kind: 'status',
      fromStatus: cp.status,
      toStatus: body.status,
      reason: body.reason,
      summary: `Situação: ${STATUS_LABELS[cp.status]} → ${STATUS_LABELS[body.status]}.`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'status',
      before: { status: cp.status },
      after: { status: body.status, reason: body.reason },
    })
    if (body.status === 'cancelado') {
      const freed = await cancelPlanBookingsInTx(
        tx,
        actor,
        id,
        `Plano cancelado: ${body.reason}`,
        deps.clock.now(),
      )
      if (freed)
        await history(tx, actor, id, {
          kind: 'scheduled',
          summary: `${freed === 1 ? 'Agendamento de instalação cancelado' : `${freed} agendamentos de instalação cancelados`} com o plano.`,
        })
      await afterCancel(tx, actor, cp.clientOrgId)
    }
  })
  return getClientPlan(deps.db, actor, id)
}

/** Tenant option: the client becomes inactive when its last plan is cancelled. */
async function afterCancel(tx: Db, actor: Actor, clientOrgId: string) {
  if (!(await getTenantSettings(tx, actor.tenantId)).inactivateClientOnLastPlanCancel) return
  if ((await plansRepository(tx).countOpenPlans(actor.tenantId, clientOrgId)) > 0) return
  await clientsRepository(tx).setActive(actor.tenantId, clientOrgId, false)
  await recordAudit(tx, actor, {
    entity: 'client_org',
    entityId: clientOrgId,
    action: 'inactivated_last_plan_cancelled',
    before: { isActive: true },
    after: { isActive: false },
  })
}

export async function saveContract(deps: PlansDeps, actor: Actor, id: string, body: ContractInput) {
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id)
    if (body.templateId && !(await plansRepository(tx).template(actor.tenantId, body.templateId)))
      throw PlanErrors.TEMPLATE_NOT_FOUND({ fields: { templateId: 'Modelo não encontrado.' } })
    const values = {
      contractNumber: body.contractNumber,
      saleDate: body.saleDate,
      installationFeeCents: body.installationFeeCents,
      installments: body.installments,
      validityMonths: body.validityMonths,
      contractTemplateId: body.templateId ?? null,
    }
    await plansRepository(tx).updateClientPlan(actor.tenantId, id, values)
    await history(tx, actor, id, {
      kind: 'contract',
      summary: `Contrato nº ${body.contractNumber} (venda em ${body.saleDate.split('-').reverse().join('/')}, validade de ${body.validityMonths} meses).`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'contract',
      before: {
        contractNumber: cp.contractNumber,
        saleDate: cp.saleDate,
        installationFeeCents: cp.installationFeeCents,
        installments: cp.installments,
        validityMonths: cp.validityMonths,
      },
      after: values,
    })
  })
  return getClientPlan(deps.db, actor, id)
}

export async function addService(deps: PlansDeps, actor: Actor, id: string, body: ServiceInput) {
  const cp0 = await plansRepository(deps.db).clientPlan(actor.tenantId, id)
  if (!cp0) throw PlanErrors.CLIENT_PLAN_NOT_FOUND()
  const plan = (await plansRepository(deps.db).plan(actor.tenantId, cp0.planId))!.plan
  const [row] = await prepareServices(deps.db, actor, plan, [body], deps.config.sessionSecret, {
    requireAll: false,
    flat: true,
  })
  await deps.db.transaction(async (tx) => {
    await lockPlan(tx, actor, id)
    const s = await insertService(tx, actor.tenantId, id, row, 'login')
    await history(tx, actor, id, {
      kind: 'service_added',
      summary: `Serviço adicionado: ${SERVICE_LABELS[s.kind]}${s.login ? ` (${s.login}${s.domain ? `@${s.domain}` : ''})` : s.domain ? ` (${s.domain})` : s.ip ? ` (${s.ip})` : ''}.`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan_service',
      entityId: s.id,
      action: 'create',
      after: { kind: s.kind, login: s.login, domain: s.domain, ip: s.ip, details: s.details },
    })
  })
  return getClientPlan(deps.db, actor, id)
}

export async function changeServicePassword(
  deps: PlansDeps,
  actor: Actor,
  id: string,
  serviceId: string,
  body: { password: string; passwordConfirmation: string },
) {
  const service = await plansRepository(deps.db).service(actor.tenantId, id, serviceId)
  if (!service) throw PlanErrors.SERVICE_NOT_FOUND()
  if (service.kind !== 'radius' && service.kind !== 'email') throw PlanErrors.SERVICE_NO_PASSWORD()
  await assertServicePassword(
    deps.db,
    actor,
    body.password,
    body.passwordConfirmation,
    service.login ?? '',
    (f) => f,
  )
  await deps.db.transaction(async (tx) => {
    await lockPlan(tx, actor, id)
    await plansRepository(tx).updateService(actor.tenantId, serviceId, {
      passwordSealed: sealSecret(deps.config.sessionSecret, body.password),
      passwordChangedAt: new Date(),
    })
    await history(tx, actor, id, {
      kind: 'password_changed',
      summary: `Senha trocada: ${SERVICE_LABELS[service.kind]} ${service.login ?? ''}.`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan_service',
      entityId: serviceId,
      action: 'password_changed',
      after: { login: service.login },
    })
  })
}

/** Shows a service password to staff with plans:secrets; every reveal is audited. */
export async function revealServicePassword(deps: PlansDeps, actor: Actor, id: string, serviceId: string) {
  return deps.db.transaction(async (tx) => {
    const service = await plansRepository(tx).service(actor.tenantId, id, serviceId)
    if (!service) throw PlanErrors.SERVICE_NOT_FOUND()
    if (!service.passwordSealed) throw PlanErrors.SERVICE_NO_PASSWORD()
    await recordAudit(tx, actor, {
      entity: 'client_plan_service',
      entityId: serviceId,
      action: 'password_revealed',
      after: { login: service.login, kind: service.kind },
    })
    return { password: openSecret(deps.config.sessionSecret, service.passwordSealed) }
  })
}

export async function transferAddress(
  deps: PlansDeps,
  actor: Actor,
  id: string,
  body: { address: AddressFields; reason?: string | null },
) {
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id)
    const next = await resolveAddress(
      tx,
      actor,
      cp.clientOrgId,
      { address: body.address },
      'instalacao',
      'address',
    )
    await checkRulesOnChange(deps, tx, actor, cp, {
      installation: next,
      paymentMethod: cp.paymentMethod,
      bank: null,
    })
    await plansRepository(tx).updateClientPlan(actor.tenantId, id, { installationAddress: next })
    const before = cp.installationAddress ? addressLine(cp.installationAddress) : 'sem endereço'
    await history(tx, actor, id, {
      kind: 'address_transfer',
      reason: body.reason ?? null,
      summary: `Transferência de endereço: de ${before} (CEP ${cp.installationAddress ? formatCep(cp.installationAddress.cep) : '—'}) para ${addressLine(next)} (CEP ${formatCep(next.cep)}).`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'address_transfer',
      before: { installationAddress: cp.installationAddress },
      after: { installationAddress: next },
    })
  })
  return getClientPlan(deps.db, actor, id)
}

export async function changeDueDay(deps: PlansDeps, actor: Actor, id: string, dueDay: number) {
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id)
    if (cp.dueDay === dueDay) return
    await plansRepository(tx).updateClientPlan(actor.tenantId, id, { dueDay })
    await history(tx, actor, id, {
      kind: 'due_day',
      summary: `Vencimento: dia ${cp.dueDay} → dia ${dueDay}.`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'due_day',
      before: { dueDay: cp.dueDay },
      after: { dueDay },
    })
  })
  return getClientPlan(deps.db, actor, id)
}

export async function authorizeDebit(deps: PlansDeps, actor: Actor, id: string, bank: BankDebitInput) {
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id)
    await checkRulesOnChange(deps, tx, actor, cp, {
      installation: cp.installationAddress,
      paymentMethod: 'debito_conta',
      bank,
    })
    const details = bankDetails(bank)
    await plansRepository(tx).updateClientPlan(actor.tenantId, id, {
      paymentMethod: 'debito_conta',
      paymentDetails: details,
      debitAuthorizedAt: new Date(),
    })
    await history(tx, actor, id, {
      kind: 'debit_authorized',
      summary: `Débito em conta autorizado: ${paymentSummary(details)} (titular ${bank.holderName}).`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'debit_authorized',
      before: { paymentMethod: cp.paymentMethod, payment: paymentSummary(cp.paymentDetails) },
      after: { paymentMethod: 'debito_conta', payment: paymentSummary(details) },
    })
  })
  return getClientPlan(deps.db, actor, id)
}

export async function saveExtraFields(
  deps: PlansDeps,
  actor: Actor,
  id: string,
  extraFields: Record<string, string>,
) {
  await assertExtraFields(deps.db, actor.tenantId, 'plans', extraFields)
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id)
    await plansRepository(tx).updateClientPlan(actor.tenantId, id, { extraFields })
    await history(tx, actor, id, {
      kind: 'extra_fields',
      summary: `Campos extras: ${Object.keys(extraFields).join(', ') || 'nenhum'}.`,
    })
    await recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'extra_fields',
      before: cp.extraFields,
      after: extraFields,
    })
  })
  return getClientPlan(deps.db, actor, id)
}

export async function scheduleInstallation(deps: PlansDeps, actor: Actor, id: string, body: ScheduleInput) {
  await deps.db.transaction(async (tx) => {
    const cp = await lockPlan(tx, actor, id)
    await schedule(deps, tx, actor, cp, body)
  })
  return getClientPlan(deps.db, actor, id)
}
