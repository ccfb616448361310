/**
 * The "Novo Plano Cliente" wizard's values, the checks each step runs in the browser (the same rules
 * as the API, for instant feedback), the request body and the mapping of the API's field errors
 * back to the step and the field. No React here.
 */
import { validateBankAccount } from '../../../shared/banks.ts'
import { isValidDocument, isValidPhone, normalizePhone, onlyDigits } from '../../../shared/documents.ts'
import { parseMoney } from '../../../shared/format.ts'
import { evaluatePassword } from '../../../shared/password/policy.ts'
import { toSaoPauloIso } from '../events/event-form.ts'
import { type AddressValues, addressBody } from './address.ts'
import type {
  AddClientPlanBody,
  AddressRef,
  BankDebitBody,
  ContractBody,
  PaymentMethod,
  PhoneDebitBody,
  Plan,
  ScheduleBody,
  ServiceBody,
  ServiceKind,
} from './client-plans.types.ts'

export type Errors = Record<string, string>

export const STEPS = ['Plano', 'Cobrança', 'Dados do Plano', 'Agendamento'] as const
export const PLAN_STEP = 0
export const BILLING_STEP = 1
export const SUMMARY_STEP = 2
export const SCHEDULE_STEP = 3

export interface ServiceValues {
  kind: ServiceKind
  required: boolean
  /** Optional services of the plan can be left out ("Adicionar" unchecked). */
  enabled: boolean
  login: string
  password: string
  passwordConfirmation: string
  domain: string
  ip: string
  years: string
  licences: string
}

export interface BankValues {
  bankCode: string | null
  agency: string
  agencyDigit: string
  account: string
  accountDigit: string
  operation: string
  holderName: string
  holderDocument: string
}

export interface PhoneAccountValues {
  carrier: string
  phone: string
  holderName: string
  holderDocument: string
}

export interface ContractValues {
  contractNumber: string
  saleDate: string | null
  installationFee: string
  installments: string
  validityMonths: string
  templateId: string | null
}

export type ScheduleMode = 'technician' | 'role'

export interface ScheduleValues {
  mode: ScheduleMode
  technicianId: string | null
  roleId: string | null
  date: string | null
  startTime: string
  endTime: string
  /** Set when the slot was picked on a role's agenda (the technician the server will book). */
  pickedTechnicianId: string | null
  contactId: string | null
  notes: string
}

export interface BillingValues {
  addressId: string | null
  paymentMethod: PaymentMethod | null
  dueDay: string | null
  bank: BankValues
  phoneAccount: PhoneAccountValues
}

export interface PlanWizardValues {
  /** An address of the client, or the key of a new one (`novo-1`). */
  installationAddressId: string | null
  planId: string | null
  services: ServiceValues[]
  withContract: boolean
  contract: ContractValues
  billing: BillingValues
  schedule: ScheduleValues
}

/** A "Novo Endereço" saved in the wizard: sent inline, created with the plan. */
export interface NewAddress {
  key: string
  address: AddressValues
}

export const EMPTY_BANK: BankValues = {
  bankCode: null,
  agency: '',
  agencyDigit: '',
  account: '',
  accountDigit: '',
  operation: '',
  holderName: '',
  holderDocument: '',
}

export const EMPTY_PHONE_ACCOUNT: PhoneAccountValues = {
  carrier: '',
  phone: '',
  holderName: '',
  holderDocument: '',
}

export function emptyContract(): ContractValues {
  return {
    contractNumber: '',
    saleDate: null,
    installationFee: '',
    installments: '1',
    validityMonths: '12',
    templateId: null,
  }
}

export function emptySchedule(): ScheduleValues {
  return {
    mode: 'technician',
    technicianId: null,
    roleId: null,
    date: null,
    startTime: '',
    endTime: '',
    pickedTechnicianId: null,
    contactId: null,
    notes: '',
  }
}

export function emptyValues(): PlanWizardValues {
  return {
    installationAddressId: null,
    planId: null,
    services: [],
    withContract: false,
    contract: emptyContract(),
    billing: {
      addressId: null,
      paymentMethod: null,
      dueDay: null,
      bank: EMPTY_BANK,
      phoneAccount: EMPTY_PHONE_ACCOUNT,
    },
    schedule: emptySchedule(),
  }
}

export function emptyService(
  kind: ServiceKind,
  required = false,
  defaultDomain?: string | null,
): ServiceValues {
  return {
    kind,
    required,
    enabled: true,
    login: '',
    password: '',
    passwordConfirmation: '',
    domain: defaultDomain ?? '',
    ip: '',
    years: '1',
    licences: '1',
  }
}

/** The services a plan enables, in the plan's order, ready to fill. */
export function servicesOf(plan: Plan): ServiceValues[] {
  return plan.services.map((s) => {
    const value = emptyService(s.kind, s.required, s.defaultDomain)
    if (s.kind === 'antivirus' && s.licences) value.licences = String(s.licences)
    return value
  })
}

/** Errors under a prefix, keyed by the rest of the path: sub({'billing.bank.agency': m}, 'billing.bank') → {agency: m}. */
export function sub(errors: Errors, prefix: string): Errors {
  const out: Errors = {}
  const p = `${prefix}.`
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(p)) out[path.slice(p.length)] = message
  return out
}

/** Errors without the ones under a prefix (a step's errors are replaced as a whole). */
export function without(errors: Errors, prefixes: string[]): Errors {
  return Object.fromEntries(
    Object.entries(errors).filter(([path]) => !prefixes.some((p) => path === p || path.startsWith(`${p}.`))),
  )
}

function prefixed(errors: Errors, prefix: string): Errors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}.${k}`, v]))
}

// ── Checks ──────────────────────────────────────────────────────────────────────────────────

const LOGIN = /^[a-z0-9._-]{3,64}$/
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/
const IP = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The identity a service password is compared with: the login, or the whole e-mail address. */
export function serviceIdentity(s: Pick<ServiceValues, 'kind' | 'login' | 'domain'>): {
  login: string
  email: string | null
} {
  const login = s.login.trim().toLowerCase()
  const domain = s.domain.trim().toLowerCase()
  return { login, email: s.kind === 'email' && login && domain ? `${login}@${domain}` : null }
}

/** A password and its confirmation (RADIUS, e-mail, "Trocar senha"). */
export function checkPassword(
  password: string,
  confirmation: string,
  identity: { login?: string | null; email?: string | null } = {},
): Errors {
  const errors: Errors = {}
  if (!password) errors.password = 'Informe a senha.'
  else {
    const evaluation = evaluatePassword(password, identity)
    if (!evaluation.ok) errors.password = evaluation.problems[0] ?? 'Senha fraca demais.'
  }
  if (!confirmation) errors.passwordConfirmation = 'Confirme a senha.'
  else if (password && confirmation !== password)
    errors.passwordConfirmation = 'A confirmação não confere com a senha.'
  return errors
}

/** One service's fields, by kind. */
export function checkService(s: ServiceValues): Errors {
  if (!s.enabled) return {}
  const errors: Errors = {}
  const login = s.login.trim().toLowerCase()
  const domain = s.domain.trim().toLowerCase()
  if (s.kind === 'radius' || s.kind === 'email') {
    if (!LOGIN.test(login)) errors.login = 'Login: de 3 a 64 letras, números, ponto, hífen ou sublinhado.'
    Object.assign(errors, checkPassword(s.password, s.passwordConfirmation, serviceIdentity(s)))
  }
  if (s.kind === 'email' || s.kind === 'domain' || s.kind === 'domain_registration') {
    if (!domain) errors.domain = 'Informe o domínio.'
    else if (!DOMAIN.test(domain)) errors.domain = 'Domínio inválido (ex.: empresa.com.br).'
  }
  if (s.kind === 'ip' && !IP.test(s.ip.trim())) errors.ip = 'IP inválido (ex.: 200.150.10.5).'
  if (s.kind === 'domain_registration') {
    const years = Number(s.years)
    if (!Number.isInteger(years) || years < 1 || years > 10) errors.years = 'Registro por 1 a 10 anos.'
  }
  if (s.kind === 'antivirus') {
    const licences = Number(s.licences)
    if (!Number.isInteger(licences) || licences < 1 || licences > 10_000)
      errors.licences = 'De 1 a 10.000 licenças.'
  }
  return errors
}

export function checkContract(c: ContractValues): Errors {
  const errors: Errors = {}
  if (!c.contractNumber.trim()) errors.contractNumber = 'Informe o número do contrato.'
  else if (c.contractNumber.trim().length > 40) errors.contractNumber = 'No máximo 40 caracteres.'
  if (!c.saleDate) errors.saleDate = 'Informe a data da venda (dd/mm/aaaa).'
  const fee = c.installationFee.trim() === '' ? 0 : parseMoney(c.installationFee)
  if (fee === null || fee < 0) errors.installationFee = 'Valor inválido (ex.: 150,00).'
  const installments = Number(c.installments)
  if (!Number.isInteger(installments) || installments < 1 || installments > 48)
    errors.installments = 'De 1 a 48 parcelas.'
  const validity = Number(c.validityMonths)
  if (!Number.isInteger(validity) || validity < 1 || validity > 120)
    errors.validityMonths = 'De 1 a 120 meses.'
  return errors
}

/** Bank debit: required fields, the bank's check digits (validateBankAccount) and the holder. */
function holderDocumentError(document: string): string {
  if (!document.trim()) return 'Informe o CPF ou CNPJ do titular.'
  return isValidDocument(document) ? '' : 'CPF ou CNPJ do titular inválido.'
}

export function checkBank(b: BankValues): Errors {
  const errors: Errors = {}
  if (!b.bankCode) errors.bankCode = 'Escolha o banco.'
  else {
    const result = validateBankAccount({
      bankCode: b.bankCode,
      agency: b.agency,
      agencyDigit: b.agencyDigit || undefined,
      account: b.account,
      accountDigit: b.accountDigit,
      operation: b.operation || undefined,
    })
    if (!result.ok) errors[result.field] = result.message
  }
  if (b.holderName.trim().split(/\s+/).filter(Boolean).length < 2)
    errors.holderName = 'Informe o nome completo do titular.'
  const document = holderDocumentError(b.holderDocument)
  if (document) errors.holderDocument = document
  return errors
}

export function checkPhoneAccount(p: PhoneAccountValues): Errors {
  const errors: Errors = {}
  if (p.carrier.trim().length < 2) errors.carrier = 'Informe a operadora.'
  if (!isValidPhone(p.phone)) errors.phone = 'Telefone inválido. Use DDD + número.'
  if (p.holderName.trim().split(/\s+/).filter(Boolean).length < 2)
    errors.holderName = 'Informe o nome completo do titular.'
  const document = holderDocumentError(p.holderDocument)
  if (document) errors.holderDocument = document
  return errors
}

export function checkSchedule(s: ScheduleValues): Errors {
  const errors: Errors = {}
  if (s.mode === 'technician' && !s.technicianId) errors.technicianId = 'Escolha o técnico.'
  if (s.mode === 'role' && !s.roleId) errors.roleId = 'Escolha o cargo.'
  if (!s.date) errors.date = 'Escolha a data.'
  if (!TIME.test(s.startTime)) errors.startTime = 'Hora inicial inválida (HH:MM).'
  if (!TIME.test(s.endTime)) errors.endTime = 'Hora final inválida (HH:MM).'
  else if (TIME.test(s.startTime) && s.endTime <= s.startTime)
    errors.endTime = 'A hora final deve ser depois da inicial.'
  return errors
}

/** Errors of one step, with the wizard's paths. */
export function checkStep(step: number, v: PlanWizardValues): Errors {
  const errors: Errors = {}
  if (step === PLAN_STEP) {
    if (!v.planId) errors.planId = 'Escolha o plano.'
    v.services.forEach((s, i) => {
      Object.assign(errors, prefixed(checkService(s), `services.${i}`))
    })
  }
  if (step === BILLING_STEP) {
    if (v.withContract) Object.assign(errors, prefixed(checkContract(v.contract), 'contract'))
    if (!v.billing.paymentMethod) errors['billing.paymentMethod'] = 'Escolha a forma de pagamento.'
    if (!v.billing.dueDay) errors['billing.dueDay'] = 'Escolha o dia de vencimento.'
    if (v.billing.paymentMethod === 'debito_conta')
      Object.assign(errors, prefixed(checkBank(v.billing.bank), 'billing.bank'))
    if (v.billing.paymentMethod === 'debito_telefone')
      Object.assign(errors, prefixed(checkPhoneAccount(v.billing.phoneAccount), 'billing.phoneAccount'))
  }
  if (step === SCHEDULE_STEP) Object.assign(errors, prefixed(checkSchedule(v.schedule), 'schedule'))
  return errors
}

/** The wizard paths a step owns (its errors are replaced when the step is checked again). */
export const STEP_PREFIXES: Record<number, string[]> = {
  [PLAN_STEP]: ['planId', 'installationAddressId', 'services'],
  [BILLING_STEP]: ['contract', 'billing', 'withContract'],
  [SUMMARY_STEP]: [],
  [SCHEDULE_STEP]: ['schedule'],
}

export function stepOfField(path: string): number {
  for (const [step, prefixes] of Object.entries(STEP_PREFIXES))
    if (prefixes.some((p) => path === p || path.startsWith(`${p}.`))) return Number(step)
  return SUMMARY_STEP
}

// ── Request body ────────────────────────────────────────────────────────────────────────────

function addressRef(id: string | null, created: NewAddress[]): AddressRef | null {
  if (!id) return null
  const fresh = created.find((a) => a.key === id)
  return fresh ? { address: addressBody(fresh.address) } : { addressId: id }
}

export function serviceBody(s: ServiceValues): ServiceBody {
  const login = s.login.trim().toLowerCase()
  const domain = s.domain.trim().toLowerCase()
  switch (s.kind) {
    case 'radius':
      return { kind: s.kind, login, password: s.password, passwordConfirmation: s.passwordConfirmation }
    case 'email':
      return {
        kind: s.kind,
        login,
        domain,
        password: s.password,
        passwordConfirmation: s.passwordConfirmation,
      }
    case 'domain':
      return { kind: s.kind, domain }
    case 'domain_registration':
      return { kind: s.kind, domain, years: Number(s.years) }
    case 'ip':
      return { kind: s.kind, ip: s.ip.trim() }
    case 'antivirus':
      return { kind: s.kind, licences: Number(s.licences) }
  }
}

export function contractBody(c: ContractValues): ContractBody {
  const fee = c.installationFee.trim() === '' ? 0 : (parseMoney(c.installationFee) ?? 0)
  return {
    contractNumber: c.contractNumber.trim(),
    saleDate: c.saleDate ?? '',
    installationFeeCents: Math.round(fee * 100),
    installments: Number(c.installments),
    validityMonths: Number(c.validityMonths),
    templateId: c.templateId,
  }
}

export function bankBody(b: BankValues): BankDebitBody {
  return {
    bankCode: b.bankCode ?? '',
    agency: b.agency.trim(),
    agencyDigit: b.agencyDigit.trim() || null,
    account: b.account.trim(),
    accountDigit: b.accountDigit.trim(),
    operation: b.bankCode === '104' ? b.operation.trim() || null : null,
    holderName: b.holderName.trim(),
    holderDocument: onlyDigits(b.holderDocument),
  }
}

function phoneAccountBody(p: PhoneAccountValues): PhoneDebitBody {
  return {
    carrier: p.carrier.trim(),
    phone: normalizePhone(p.phone),
    holderName: p.holderName.trim(),
    holderDocument: onlyDigits(p.holderDocument),
  }
}

export function scheduleBody(
  s: ScheduleValues,
  contact?: { name: string; phone?: string | null } | null,
): ScheduleBody {
  const date = s.date ?? ''
  return {
    technicianId: s.mode === 'technician' ? s.technicianId : null,
    roleId: s.mode === 'role' ? s.roleId : null,
    startsAt: toSaoPauloIso(date, s.startTime),
    endsAt: toSaoPauloIso(date, s.endTime),
    contactId: s.contactId,
    contact: contact ?? null,
    notes: s.notes.trim() || null,
  }
}

/**
 * The POST body, and for each service sent its index in the wizard (services left out are not sent,
 * so `services.1.password` from the API may be the wizard's third service).
 */
export function toBody(
  v: PlanWizardValues,
  created: NewAddress[],
  options: { withSchedule: boolean; acknowledgedRuleIds?: string[] },
): { body: AddClientPlanBody; serviceIndex: number[] } {
  const serviceIndex: number[] = []
  const services: ServiceBody[] = []
  v.services.forEach((s, i) => {
    if (!s.enabled) return
    serviceIndex.push(i)
    services.push(serviceBody(s))
  })
  const method = v.billing.paymentMethod ?? 'boleto'
  const body: AddClientPlanBody = {
    planId: v.planId ?? '',
    installation: addressRef(v.installationAddressId, created),
    services,
    contract: v.withContract ? contractBody(v.contract) : null,
    billing: {
      address: addressRef(v.billing.addressId, created),
      paymentMethod: method,
      dueDay: Number(v.billing.dueDay),
      bank: method === 'debito_conta' ? bankBody(v.billing.bank) : null,
      phoneAccount: method === 'debito_telefone' ? phoneAccountBody(v.billing.phoneAccount) : null,
    },
    schedule: options.withSchedule ? scheduleBody(v.schedule) : null,
    acknowledgedRuleIds: options.acknowledgedRuleIds ?? [],
  }
  return { body, serviceIndex }
}

// ── API field errors → wizard fields ─────────────────────────────────────────────────────────

/**
 * Where an API field error goes in the wizard: `services.0.password` (index of the body) becomes the
 * wizard's service, `contract.installationFeeCents` the typed fee, `schedule.startsAt` the "Hr. Ini"…
 * Null for paths that are not fields (registration rules).
 */
export function wizardPath(
  path: string,
  serviceIndex: number[],
  mode: ScheduleMode,
  context: { message?: string; services?: ServiceValues[] } = {},
): string | null {
  if (path.startsWith('rules.')) return null
  if (path === 'services' && context.message && context.services) {
    // "O login x já está em uso…": the service whose login the message names.
    const message = context.message.toLowerCase()
    const index = context.services.findIndex(
      (s) => s.enabled && s.login.trim() !== '' && message.includes(s.login.trim().toLowerCase()),
    )
    if (index >= 0) return `services.${index}.login`
  }
  const service = /^services\.(\d+)(?:\.(\w+))?/.exec(path)
  if (service) {
    const index = serviceIndex[Number(service[1])] ?? Number(service[1])
    return `services.${index}.${service[2] ?? 'login'}`
  }
  if (path === 'services') return 'planId'
  if (path.startsWith('installation')) return 'installationAddressId'
  if (path === 'contract.installationFeeCents') return 'contract.installationFee'
  if (path === 'contract') return 'contract.contractNumber'
  if (path.startsWith('billing.address')) return 'billing.addressId'
  if (path === 'billing.bank') return 'billing.bank.bankCode'
  if (path === 'billing.phoneAccount') return 'billing.phoneAccount.carrier'
  if (path === 'billing') return 'billing.paymentMethod'
  return schedulePath(path, mode)
}

/** `schedule.startsAt` → `schedule.startTime`…; other paths unchanged. */
export function schedulePath(path: string, mode: ScheduleMode, prefix = 'schedule'): string {
  const rest = path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path === prefix ? '' : null
  if (rest === null) return path
  const field =
    rest === 'startsAt'
      ? 'startTime'
      : rest === 'endsAt'
        ? 'endTime'
        : rest === 'technicianId' || rest === 'roleId' || rest === ''
          ? mode === 'role'
            ? 'roleId'
            : 'technicianId'
          : rest.startsWith('contact')
            ? 'contactId'
            : rest
  return `${prefix}.${field}`
}

/** The errors without those fields. */
export function clear(errors: Errors, ...fields: string[]): Errors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !fields.includes(k)))
}
