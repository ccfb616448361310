/**
 * Shapes of the client plans API (mirrors src/server/modules/plans/plans.schemas.ts by hand: the web
 * bundle never imports server files).
 */

export type ServiceKind = 'email' | 'radius' | 'ip' | 'domain' | 'domain_registration' | 'antivirus'
export type PlanStatus = 'ativo' | 'inativo' | 'cancelado'
export type PaymentMethod = 'boleto' | 'cartao_credito' | 'debito_conta' | 'debito_telefone'
export type BillingCycle = 'mensal' | 'trimestral' | 'semestral' | 'anual'
export type RuleSeverity = 'block' | 'warn'

export interface PlanServiceConfig {
  kind: ServiceKind
  required: boolean
  defaultDomain?: string | null
  licences?: number | null
}

/** `GET /plans` */
export interface Plan {
  id: string
  categoryId: string
  categoryName: string
  name: string
  description: string | null
  priceCents: number
  billingCycle: BillingCycle
  trialDays: number
  initialStatus: 'ativo' | 'inativo'
  services: PlanServiceConfig[]
  isActive: boolean
}

/** `GET /plan-categories` */
export interface PlanCategory {
  id: string
  name: string
  sort: number
  isActive: boolean
  planCount: number
}

/** An address as the API takes it inline (`cep` with or without the mask). */
export interface AddressBody {
  kind: 'principal' | 'cobranca' | 'instalacao'
  cep: string
  street: string
  number: string
  complement: string | null
  district: string
  city: string
  uf: string
}

export type AddressRef = { addressId: string } | { address: Omit<AddressBody, 'kind'> }

export interface ServiceBody {
  kind: ServiceKind
  login?: string | null
  password?: string | null
  passwordConfirmation?: string | null
  domain?: string | null
  ip?: string | null
  years?: number | null
  licences?: number | null
}

export interface BankDebitBody {
  bankCode: string
  agency: string
  agencyDigit?: string | null
  account: string
  accountDigit: string
  operation?: string | null
  holderName: string
  holderDocument: string
}

export interface PhoneDebitBody {
  carrier: string
  phone: string
  holderName: string
  holderDocument: string
}

export interface ContractBody {
  contractNumber: string
  saleDate: string
  installationFeeCents: number
  installments: number
  validityMonths: number
  templateId?: string | null
}

export interface ScheduleBody {
  technicianId?: string | null
  roleId?: string | null
  startsAt: string
  endsAt: string
  contactId?: string | null
  contact?: { name: string; phone?: string | null } | null
  notes?: string | null
}

/** `POST /client-orgs/:id/plans` and `…/plans/check` */
export interface AddClientPlanBody {
  planId: string
  installation?: AddressRef | null
  services: ServiceBody[]
  contract?: ContractBody | null
  billing: {
    address?: AddressRef | null
    paymentMethod: PaymentMethod
    dueDay: number
    bank?: BankDebitBody | null
    phoneAccount?: PhoneDebitBody | null
  }
  schedule?: ScheduleBody | null
  acknowledgedRuleIds: string[]
}

export interface RuleAlert {
  ruleId: string
  severity: RuleSeverity
  message: string
}

export interface ClientPlanService {
  id: string
  kind: ServiceKind
  label: string
  login: string | null
  domain: string | null
  ip: string | null
  details: Record<string, string | number>
  hasPassword: boolean
  passwordChangedAt: string | null
}

export interface AddressView {
  id: string
  line: string
  cep: string
}

export interface PlanContract {
  contractNumber: string
  saleDate: string
  installationFeeCents: number
  installments: number
  validityMonths: number
  templateId: string | null
  templateName: string | null
}

/** The next active booking of a plan, when the server sends it. */
export interface PlanBooking {
  id: string
  startsAt: string
  endsAt: string
  technicianName?: string | null
  roleName?: string | null
  status?: string
}

export interface ClientPlan {
  id: string
  number: number
  clientOrgId: string
  clientName: string
  planId: string
  planName: string
  categoryName: string
  priceCents: number
  billingCycle: BillingCycle
  status: PlanStatus
  installationAddress: AddressView | null
  billingAddress: AddressView | null
  paymentMethod: PaymentMethod
  paymentLabel: string
  paymentSummary: string | null
  dueDay: number
  debitAuthorizedAt: string | null
  trialEndsOn: string | null
  contract: PlanContract | null
  services: ClientPlanService[]
  extraFields: Record<string, string>
  acknowledgedWarnings: string[]
  createdAt: string
  nextBooking?: PlanBooking | null
}

export interface PlanHistoryEntry {
  id: string
  kind: string
  fromStatus: PlanStatus | null
  toStatus: PlanStatus | null
  reason: string | null
  summary: string
  actorName: string | null
  createdAt: string
}

export interface ClientPlanDetail extends ClientPlan {
  history: PlanHistoryEntry[]
}

export interface ClientContact {
  id: string
  name: string
  phone: string | null
  email: string | null
}

export interface ContractTemplate {
  id: string
  name: string
  body: string
  updatedAt: string
}

export interface ContractTemplateList {
  items: ContractTemplate[]
  placeholders: { key: string; label: string; example: string }[]
}

// ── Agenda (module of another engineer; only what these screens read) ─────────────────────

export interface AgendaRole {
  id: string
  name: string
}

export interface Technician {
  id: string
  name: string
  roleId: string
  roleName?: string
  isActive?: boolean
}

/** What `AgendaDayView` hands back on a double click. */
export interface PickedSlot {
  startsAt: string
  endsAt: string
  technicianId?: string
  roleId?: string
}
