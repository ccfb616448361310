/**
 * Shapes of the plans API (`src/server/modules/plans/plans.schemas.ts`), mirrored by hand so the web
 * bundle never imports server code.
 */

export const BILLING_CYCLES = ['mensal', 'trimestral', 'semestral', 'anual'] as const
export type BillingCycle = (typeof BILLING_CYCLES)[number]

export const SERVICE_KINDS = ['email', 'radius', 'ip', 'domain', 'domain_registration', 'antivirus'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]

export const PAYMENT_METHODS = ['boleto', 'cartao_credito', 'debito_conta', 'debito_telefone'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const RULE_KINDS = [
  'install_address_number',
  'debit_holder_cpf',
  'client_status_inactive',
  'install_address_required',
  'client_email_required',
] as const
export type RuleKind = (typeof RULE_KINDS)[number]

export type RuleSeverity = 'block' | 'warn'
export type PlanInitialStatus = 'ativo' | 'inativo'

/** `GET /plan-categories`: `planCount` counts the active plans. */
export interface PlanCategory {
  id: string
  name: string
  description: string | null
  sort: number
  isActive: boolean
  planCount: number
}

export interface PlanCategoryBody {
  name: string
  description: string | null
  sort?: number
  isActive?: boolean
}

/** One service a plan offers, as configured in the catalog. */
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
  startsInHomologation: boolean
  initialStatus: PlanInitialStatus
  services: PlanServiceConfig[]
  isActive: boolean
}

/** `POST /plans` (and `PATCH /plans/:id`, any subset). */
export interface PlanBody {
  categoryId: string
  name: string
  description: string | null
  priceCents: number
  billingCycle: BillingCycle
  trialDays: number
  startsInHomologation: boolean
  initialStatus: PlanInitialStatus
  services: PlanServiceConfig[]
  isActive: boolean
}

export interface ContractTemplate {
  id: string
  name: string
  body: string
  updatedAt: string
}

export interface ContractPlaceholder {
  key: string
  label: string
  example: string
}

/** `GET /contract-templates` */
export interface ContractTemplateList {
  items: ContractTemplate[]
  placeholders: ContractPlaceholder[]
}

/** `GET /registration-rules` */
export interface RegistrationRule {
  id: string
  kind: RuleKind
  label: string
  categoryId: string | null
  categoryName: string | null
  severity: RuleSeverity
  message: string | null
  isActive: boolean
}

export interface RegistrationRuleBody {
  kind: RuleKind
  categoryId: string | null
  severity: RuleSeverity
  message: string | null
  isActive?: boolean
}
