import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'

export const BILLING_CYCLES = ['mensal', 'trimestral', 'semestral', 'anual'] as const
export const SERVICE_KINDS = ['email', 'radius', 'ip', 'domain', 'domain_registration', 'antivirus'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
export const PLAN_STATUSES = ['ativo', 'inativo', 'cancelado'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]
export const PAYMENT_METHODS = ['boleto', 'cartao_credito', 'debito_conta', 'debito_telefone'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** How a plan offers one service (seed 003 2.2: "quando estiverem ativos"). */
export type PlanServiceConfig = {
  kind: ServiceKind
  /** The client plan cannot be finished without it (e.g. the domain of a hosting plan). */
  required: boolean
  /** E-mail: the domain offered by default; domain: none. */
  defaultDomain?: string | null
  /** Antivirus: licences included. */
  licences?: number | null
}

/** Catalog: "Emissores Fiscais", "Internet"… */
export const planCategories = pgTable(
  'plan_categories',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    description: text('description'),
    sort: integer('sort').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plan_categories_name_key').on(t.tenantId, sql`lower(${t.name})`),
    unique('plan_categories_tenant_id_key').on(t.tenantId, t.id),
  ],
)

export const plans = pgTable(
  'plans',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    categoryId: uuid('category_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    priceCents: integer('price_cents').notNull(),
    billingCycle: text('billing_cycle', { enum: BILLING_CYCLES }).notNull().default('mensal'),
    /** Free trial (seed 002 "Iniciar teste grátis"); 0 = none. */
    trialDays: integer('trial_days').notNull().default(0),
    /** Environment rule: a client signed up with this plan starts in Homologação until its setup is done. */
    startsInHomologation: boolean('starts_in_homologation').notNull().default(false),
    /** The status a new client plan takes (seed 003 5.4 "conforme configuração do Plano"). */
    initialStatus: text('initial_status', { enum: ['ativo', 'inativo'] })
      .notNull()
      .default('ativo'),
    services: jsonb('services').$type<PlanServiceConfig[]>().notNull().default([]),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plans_name_key').on(t.tenantId, sql`lower(${t.name})`),
    unique('plans_tenant_id_key').on(t.tenantId, t.id),
    index('plans_category_idx').on(t.tenantId, t.categoryId),
    foreignKey({
      name: 'plans_category_fk',
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [planCategories.tenantId, planCategories.id],
    }),
    check('plans_price_check', sql`${t.priceCents} >= 0`),
    check('plans_trial_check', sql`${t.trialDays} between 0 and 365`),
  ],
)

/** First-access setup of a client signed up through the wizard (seed 002: certificate, invoice numbering). */
export const clientSetups = pgTable(
  'client_setups',
  {
    tenantId: uuid('tenant_id').notNull(),
    clientOrgId: uuid('client_org_id').primaryKey(),
    trialEndsOn: date('trial_ends_on'),
    certificateType: text('certificate_type', { enum: ['A1', 'A3'] }),
    invoiceSeries: text('invoice_series'),
    nextInvoiceNumber: integer('next_invoice_number'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    movedToProductionAt: timestamp('moved_to_production_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'client_setups_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }).onDelete('cascade'),
  ],
)

/** People of a client who follow an installation (seed 003 5.3 "Nome da Pessoa" / "Contato"). */
export const clientContacts = pgTable(
  'client_contacts',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    clientOrgId: uuid('client_org_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [
    index('client_contacts_org_idx').on(t.tenantId, t.clientOrgId),
    unique('client_contacts_tenant_id_key').on(t.tenantId, t.id),
    foreignKey({
      name: 'client_contacts_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }).onDelete('cascade'),
  ],
)

/** Bank or phone-account details of a debit payment (seed 003 3.2.1/3.2.2); null for boleto/card. */
export type PaymentDetails =
  | {
      kind: 'bank'
      bankCode: string
      agency: string
      agencyDigit: string | null
      account: string
      accountDigit: string
      operation: string | null
      holderName: string
      holderDocument: string
    }
  | { kind: 'phone'; carrier: string; phone: string; holderName: string; holderDocument: string }

export type AddressCopy = {
  cep: string
  street: string
  number: string
  complement: string | null
  district: string
  city: string
  uf: string
}

/** A plan sold to a client (seed 003). Status: ativo ⇄ inativo → cancelado (never returns). */
export const clientPlans = pgTable(
  'client_plans',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    clientOrgId: uuid('client_org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    /** The tenant's sequential number staff quote ("plano nº 12"). */
    number: integer('number').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull(),
    /**
     * Copies, not references: editing the client's address book never changes a plan; an address
     * transfer replaces the copy and the history keeps the old one.
     */
    installationAddress: jsonb('installation_address').$type<AddressCopy | null>(),
    billingAddress: jsonb('billing_address').$type<AddressCopy | null>(),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
    paymentDetails: jsonb('payment_details').$type<PaymentDetails | null>(),
    /** Day of the month the invoice falls due. */
    dueDay: integer('due_day').notNull(),
    debitAuthorizedAt: timestamp('debit_authorized_at', { withTimezone: true }),
    trialEndsOn: date('trial_ends_on'),
    /** Contract (seed 5.4.1.1.1.1): number, sale date, installation fee, instalments, validity, model. */
    contractNumber: text('contract_number'),
    saleDate: date('sale_date'),
    installationFeeCents: integer('installation_fee_cents').notNull().default(0),
    installments: integer('installments').notNull().default(1),
    validityMonths: integer('validity_months'),
    contractTemplateId: uuid('contract_template_id'),
    extraFields: jsonb('extra_fields').$type<Record<string, string>>().notNull().default({}),
    /** Warnings of the registration rules staff acknowledged when finishing (ids and texts). */
    acknowledgedWarnings: jsonb('acknowledged_warnings').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('client_plans_number_key').on(t.tenantId, t.number),
    unique('client_plans_tenant_id_key').on(t.tenantId, t.id),
    index('client_plans_org_idx').on(t.tenantId, t.clientOrgId, t.status),
    foreignKey({
      name: 'client_plans_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }),
    foreignKey({
      name: 'client_plans_plan_fk',
      columns: [t.tenantId, t.planId],
      foreignColumns: [plans.tenantId, plans.id],
    }),
    check('client_plans_due_day_check', sql`${t.dueDay} between 1 and 28`),
    check('client_plans_installments_check', sql`${t.installments} between 1 and 48`),
  ],
)

/** A service enabled on a client plan (RADIUS login, e-mail account, IP, domain…). */
export const clientPlanServices = pgTable(
  'client_plan_services',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    clientPlanId: uuid('client_plan_id').notNull(),
    kind: text('kind', { enum: SERVICE_KINDS }).notNull(),
    login: text('login'),
    domain: text('domain'),
    ip: text('ip'),
    /** Registration period in years (domain registration), licences (antivirus)… */
    details: jsonb('details').$type<Record<string, string | number>>().notNull().default({}),
    /** The service password, sealed with AES-256-GCM (platform/security/secret-box); never returned in lists. */
    passwordSealed: text('password_sealed'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index('client_plan_services_plan_idx').on(t.tenantId, t.clientPlanId),
    // A RADIUS login or an e-mail account exists once per tenant.
    uniqueIndex('client_plan_services_login_key')
      .on(t.tenantId, t.kind, sql`lower(${t.login})`, sql`lower(coalesce(${t.domain}, ''))`)
      .where(sql`${t.login} is not null and ${t.isActive}`),
    foreignKey({
      name: 'client_plan_services_plan_fk',
      columns: [t.tenantId, t.clientPlanId],
      foreignColumns: [clientPlans.tenantId, clientPlans.id],
    }).onDelete('cascade'),
  ],
)

/** Everything that happened to a client plan: status changes (who, why), transfers, contract… */
export const clientPlanHistory = pgTable(
  'client_plan_history',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    clientPlanId: uuid('client_plan_id').notNull(),
    kind: text('kind', {
      enum: [
        'created',
        'status',
        'address_transfer',
        'due_day',
        'contract',
        'service_added',
        'password_changed',
        'debit_authorized',
        'extra_fields',
        'scheduled',
        'rules_warning',
      ],
    }).notNull(),
    fromStatus: text('from_status', { enum: PLAN_STATUSES }),
    toStatus: text('to_status', { enum: PLAN_STATUSES }),
    reason: text('reason'),
    summary: text('summary').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('client_plan_history_plan_idx').on(t.tenantId, t.clientPlanId, t.createdAt),
    foreignKey({
      name: 'client_plan_history_plan_fk',
      columns: [t.tenantId, t.clientPlanId],
      foreignColumns: [clientPlans.tenantId, clientPlans.id],
    }).onDelete('cascade'),
  ],
)

/** Contract templates (modelos) with {{placeholders}}; rendered to a printable PDF. */
export const contractTemplates = pgTable(
  'contract_templates',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contract_templates_name_key').on(t.tenantId, sql`lower(${t.name})`),
    unique('contract_templates_tenant_id_key').on(t.tenantId, t.id),
  ],
)

export const RULE_KINDS = [
  'install_address_number',
  'debit_holder_cpf',
  'client_status_inactive',
  'install_address_required',
  'client_email_required',
] as const
export type RuleKind = (typeof RULE_KINDS)[number]

/** Registration rules (seed 003 Obs4 "Regras Cadastro"): evaluated when a plan is finished or changed. */
export const registrationRules = pgTable(
  'registration_rules',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: RULE_KINDS }).notNull(),
    /** Only for plans of this category (null = every plan). */
    categoryId: uuid('category_id'),
    severity: text('severity', { enum: ['block', 'warn'] }).notNull(),
    /** Shown on the alert screen; a default text per kind when empty. */
    message: text('message'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('registration_rules_tenant_idx').on(t.tenantId)],
)
