import { validateBankAccount } from '#shared/banks.ts'
import { isValidDocument, isValidPhone, normalizePhone } from '#shared/documents.ts'
import { Email, PersonName, Uuid, z } from '#shared/validation.ts'
import { AddressInput } from '../clients/clients.schemas.ts'
import { BILLING_CYCLES, PAYMENT_METHODS, PLAN_STATUSES, RULE_KINDS, SERVICE_KINDS } from './plans.tables.ts'

const Text = (max: number, what: string) =>
  z
    .string({ error: `Informe ${what.toLowerCase()}.` })
    .trim()
    .max(max, { error: `${what} longo demais (máximo de ${max} caracteres).` })
const Name = (what: string) => Text(120, what).min(2, { error: `Informe ${what.toLowerCase()}.` })
const Cents = (what: string) =>
  z
    .number({ error: `Informe ${what} em centavos.` })
    .int({ error: `${what}: use centavos (número inteiro).` })
    .min(0, { error: `${what} não pode ser negativo.` })
    .max(100_000_000, { error: `${what} alto demais.` })
const Bool = z.boolean({ error: 'Use verdadeiro ou falso.' })
export const IdParams = z.strictObject({ id: Uuid })
export const ServiceParams = z.strictObject({ id: Uuid, serviceId: Uuid })

// ── Catalog ──────────────────────────────────────────────────────────────────────────────

export const SERVICE_LABELS: Record<(typeof SERVICE_KINDS)[number], string> = {
  email: 'Conta de e-mail',
  radius: 'Login RADIUS',
  ip: 'IP fixo',
  domain: 'Domínio',
  domain_registration: 'Registro de domínio',
  antivirus: 'Licença de antivírus',
}
export const PAYMENT_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = {
  boleto: 'Boleto',
  cartao_credito: 'Cartão de crédito',
  debito_conta: 'Débito em conta',
  debito_telefone: 'Débito em conta telefônica',
}

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, { error: 'Domínio longo demais.' })
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, {
    error: 'Domínio inválido (ex.: empresa.com.br).',
  })

export const PlanServiceConfig = z.strictObject({
  kind: z.enum(SERVICE_KINDS, { error: 'Serviço desconhecido.' }),
  required: Bool.default(false),
  defaultDomain: Domain.nullish(),
  licences: z.number().int().min(1).max(10_000).nullish(),
})

export const PlanCategory = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  sort: z.number().int(),
  isActive: z.boolean(),
  planCount: z.number().int(),
})
export type PlanCategory = z.infer<typeof PlanCategory>
export const PlanCategoryList = z.object({ items: z.array(PlanCategory) })
export const CreatePlanCategoryBody = z.strictObject({
  name: Name('O nome da categoria'),
  description: Text(500, 'Descrição').nullish(),
  sort: z.number().int().min(0).max(1000).default(0),
  isActive: Bool.default(true),
})
export const UpdatePlanCategoryBody = CreatePlanCategoryBody.partial()

export const Plan = z.object({
  id: z.uuid(),
  categoryId: z.uuid(),
  categoryName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  priceCents: z.number().int(),
  billingCycle: z.enum(BILLING_CYCLES),
  trialDays: z.number().int(),
  startsInHomologation: z.boolean(),
  initialStatus: z.enum(['ativo', 'inativo']),
  services: z.array(
    z.object({
      kind: z.enum(SERVICE_KINDS),
      required: z.boolean(),
      defaultDomain: z.string().nullish(),
      licences: z.number().nullish(),
    }),
  ),
  isActive: z.boolean(),
})
export type Plan = z.infer<typeof Plan>
export const PlanList = z.object({ items: z.array(Plan) })
export const FindPlansQuery = z.strictObject({
  categoryId: Uuid.optional(),
  active: z.enum(['true', 'false'], { error: 'Use true ou false.' }).optional(),
})
export const CreatePlanBody = z.strictObject({
  categoryId: Uuid,
  name: Name('O nome do plano'),
  description: Text(1000, 'Descrição').nullish(),
  priceCents: Cents('o preço'),
  billingCycle: z.enum(BILLING_CYCLES, { error: 'Ciclo de cobrança inválido.' }).default('mensal'),
  trialDays: z
    .number({ error: 'Informe os dias de teste.' })
    .int()
    .min(0)
    .max(365, { error: 'No máximo 365 dias de teste.' })
    .default(0),
  startsInHomologation: Bool.default(false),
  initialStatus: z.enum(['ativo', 'inativo'], { error: 'Situação inicial inválida.' }).default('ativo'),
  services: z
    .array(PlanServiceConfig)
    .max(SERVICE_KINDS.length)
    .refine((l) => new Set(l.map((s) => s.kind)).size === l.length, {
      error: 'Cada serviço aparece uma vez no plano.',
    })
    .default([]),
  isActive: Bool.default(true),
})
export type CreatePlanBody = z.infer<typeof CreatePlanBody>
export const UpdatePlanBody = CreatePlanBody.partial()
export type UpdatePlanBody = z.infer<typeof UpdatePlanBody>

// ── New client wizard (seed 002) ─────────────────────────────────────────────────────────

const PhoneInput = z
  .string({ error: 'Informe o telefone.' })
  .trim()
  .refine((v) => isValidPhone(v), { error: 'Telefone inválido. Use DDD + número.' })
  .transform((v) => normalizePhone(v))

export const TrialContact = z.strictObject({ name: PersonName, phone: PhoneInput })
export const TrialLogin = z.strictObject({
  email: Email,
  password: z.string({ error: 'Informe a senha.' }).min(1, { error: 'Informe a senha.' }).max(200),
  passwordConfirmation: z.string({ error: 'Confirme a senha.' }).max(200),
})
export const TrialCompany = z.strictObject({
  document: z
    .string({ error: 'Informe o CNPJ ou CPF.' })
    .trim()
    .min(1, { error: 'Informe o CNPJ ou CPF.' })
    .max(30)
    .refine((v) => isValidDocument(v), { error: 'CNPJ ou CPF inválido: confira os dígitos.' }),
  name: Text(200, 'A razão social ou o nome').min(2, { error: 'Informe a razão social ou o nome.' }),
  tradeName: Text(200, 'Nome fantasia').nullish(),
  stateRegistration: z
    .string()
    .trim()
    .toUpperCase()
    .max(20, { error: 'Inscrição Estadual longa demais.' })
    .refine((v) => v === '' || v === 'ISENTO' || /^[0-9./-]+$/.test(v), {
      error: 'Inscrição Estadual: use só números (com ou sem pontuação) ou ISENTO.',
    })
    .nullish(),
  email: Email.nullish(),
  /** The company's phone (from the CNPJ lookup or typed); the contact's phone is kept too. */
  phone: PhoneInput.nullish(),
})
const AddressFields = AddressInput.omit({ kind: true })
export const TrialSignupBody = z.strictObject({
  planIds: z
    .array(Uuid, { error: 'Escolha pelo menos um plano.' })
    .min(1, { error: 'Escolha pelo menos um plano.' })
    .max(20)
    .transform((l) => [...new Set(l)]),
  contact: TrialContact,
  login: TrialLogin,
  company: TrialCompany,
  address: AddressFields,
})
export type TrialSignupBody = z.infer<typeof TrialSignupBody>
/** Step checks while the user moves through the wizard (nothing is created). */
export const CheckLoginBody = TrialLogin
export const CheckCompanyBody = z.strictObject({ document: TrialCompany.shape.document })
export const CheckResult = z.object({ ok: z.literal(true) })
export const TrialSignupResult = z.object({
  clientOrgId: z.uuid(),
  trialEndsOn: z.string().nullable(),
  environment: z.enum(['homologacao', 'producao']),
})

export const ClientSetup = z.object({
  clientOrgId: z.uuid(),
  clientName: z.string(),
  environment: z.enum(['homologacao', 'producao']),
  trialEndsOn: z.string().nullable(),
  certificateType: z.enum(['A1', 'A3']).nullable(),
  invoiceSeries: z.string().nullable(),
  nextInvoiceNumber: z.number().int().nullable(),
  completedAt: z.string().nullable(),
  movedToProductionAt: z.string().nullable(),
})
export const SaveClientSetupBody = z.strictObject({
  certificateType: z.enum(['A1', 'A3'], { error: 'Escolha o tipo de certificado digital: A1 ou A3.' }),
  invoiceSeries: z
    .string({ error: 'Informe a série das notas.' })
    .trim()
    .regex(/^[0-9]{1,3}$/, { error: 'Série: de 1 a 3 dígitos (ex.: 1).' }),
  nextInvoiceNumber: z
    .number({ error: 'Informe o número da próxima nota.' })
    .int({ error: 'Use um número inteiro.' })
    .min(1, { error: 'O número da próxima nota começa em 1.' })
    .max(999_999_999, { error: 'Número longo demais (até 9 dígitos).' }),
})

// ── Client plans (seed 003) ──────────────────────────────────────────────────────────────

const ServicePassword = z.string().min(1, { error: 'Informe a senha.' }).max(128)
export const ServiceInput = z.strictObject({
  kind: z.enum(SERVICE_KINDS, { error: 'Serviço desconhecido.' }),
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, { error: 'Login: de 3 a 64 letras, números, ponto, hífen ou sublinhado.' })
    .nullish(),
  password: ServicePassword.nullish(),
  passwordConfirmation: z.string().max(128).nullish(),
  domain: Domain.nullish(),
  ip: z
    .string()
    .trim()
    .regex(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/, {
      error: 'IP inválido (ex.: 200.150.10.5).',
    })
    .nullish(),
  years: z.number().int().min(1).max(10, { error: 'Registro por até 10 anos.' }).nullish(),
  licences: z.number().int().min(1).max(10_000).nullish(),
})
export type ServiceInput = z.infer<typeof ServiceInput>

const DigitsField = (what: string, max: number) =>
  z
    .string({ error: `Informe ${what}.` })
    .trim()
    .transform((v) => v.replace(/[\s.-]/g, '').toUpperCase())
    .refine((v) => v.length > 0, { error: `Informe ${what}.` })
    .refine((v) => v.length <= max, { error: `${what}: no máximo ${max} caracteres.` })

export const BankDebitInput = z
  .strictObject({
    bankCode: z
      .string({ error: 'Escolha o banco.' })
      .trim()
      .regex(/^\d{3}$/, { error: 'Escolha o banco.' }),
    agency: DigitsField('a agência', 6),
    agencyDigit: z.string().trim().toUpperCase().max(1).nullish(),
    account: DigitsField('a conta', 20),
    accountDigit: DigitsField('o dígito da conta', 2),
    operation: z.string().trim().max(3).nullish(),
    holderName: PersonName,
    holderDocument: z
      .string({ error: 'Informe o CPF ou CNPJ do titular.' })
      .trim()
      .refine((v) => isValidDocument(v), { error: 'CPF ou CNPJ do titular inválido.' }),
  })
  .superRefine((v, ctx) => {
    const r = validateBankAccount({
      bankCode: v.bankCode,
      agency: v.agency,
      agencyDigit: v.agencyDigit ?? undefined,
      account: v.account,
      accountDigit: v.accountDigit,
      operation: v.operation ?? undefined,
    })
    if (!r.ok) ctx.addIssue({ code: 'custom', path: [r.field], message: r.message })
  })
export type BankDebitInput = z.infer<typeof BankDebitInput>

export const PhoneDebitInput = z.strictObject({
  carrier: Text(60, 'A operadora').min(2, { error: 'Informe a operadora.' }),
  phone: PhoneInput,
  holderName: PersonName,
  holderDocument: z
    .string({ error: 'Informe o CPF ou CNPJ do titular.' })
    .trim()
    .refine((v) => isValidDocument(v), { error: 'CPF ou CNPJ do titular inválido.' }),
})

export const ContractInput = z.strictObject({
  contractNumber: Text(40, 'O número do contrato').min(1, { error: 'Informe o número do contrato.' }),
  saleDate: z.iso.date({ error: 'Data da venda inválida (AAAA-MM-DD).' }),
  installationFeeCents: Cents('a taxa de instalação').default(0),
  installments: z
    .number({ error: 'Informe as parcelas.' })
    .int()
    .min(1, { error: 'No mínimo 1 parcela.' })
    .max(48, { error: 'No máximo 48 parcelas.' })
    .default(1),
  validityMonths: z
    .number({ error: 'Informe a validade em meses.' })
    .int()
    .min(1, { error: 'Validade mínima de 1 mês.' })
    .max(120, { error: 'Validade máxima de 120 meses.' }),
  templateId: Uuid.nullish(),
})
export type ContractInput = z.infer<typeof ContractInput>

const AddressRef = z.union(
  [z.strictObject({ addressId: Uuid }), z.strictObject({ address: AddressFields })],
  { error: 'Escolha um endereço cadastrado ou informe um novo.' },
)

export const ScheduleInput = z
  .strictObject({
    technicianId: Uuid.nullish(),
    roleId: Uuid.nullish(),
    startsAt: z.iso.datetime({ offset: true, error: 'Hora inicial inválida.' }),
    endsAt: z.iso.datetime({ offset: true, error: 'Hora final inválida.' }),
    contactId: Uuid.nullish(),
    contact: z.strictObject({ name: PersonName, phone: PhoneInput.nullish() }).nullish(),
    notes: Text(500, 'Observação').nullish(),
  })
  .refine((v) => Boolean(v.technicianId) !== Boolean(v.roleId), {
    error: 'Agende para um técnico ou para um cargo.',
    path: ['technicianId'],
  })
export type ScheduleInput = z.infer<typeof ScheduleInput>

const DueDay = z
  .number({ error: 'Escolha o dia de vencimento.' })
  .int({ error: 'Vencimento entre os dias 1 e 28.' })
  .min(1, { error: 'Vencimento entre os dias 1 e 28.' })
  .max(28, { error: 'Vencimento entre os dias 1 e 28.' })

export const AddClientPlanBody = z
  .strictObject({
    planId: Uuid,
    installation: AddressRef.nullish(),
    services: z.array(ServiceInput).max(12).default([]),
    contract: ContractInput.nullish(),
    billing: z.strictObject({
      address: AddressRef.nullish(),
      paymentMethod: z.enum(PAYMENT_METHODS, { error: 'Escolha a forma de pagamento.' }),
      dueDay: DueDay,
      bank: BankDebitInput.nullish(),
      phoneAccount: PhoneDebitInput.nullish(),
    }),
    schedule: ScheduleInput.nullish(),
    acknowledgedRuleIds: z.array(Uuid).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.billing.paymentMethod === 'debito_conta' && !v.billing.bank)
      ctx.addIssue({
        code: 'custom',
        path: ['billing', 'bank'],
        message: 'Débito em conta: informe banco, agência, conta e titular.',
      })
    if (v.billing.paymentMethod === 'debito_telefone' && !v.billing.phoneAccount)
      ctx.addIssue({
        code: 'custom',
        path: ['billing', 'phoneAccount'],
        message: 'Débito em conta telefônica: informe a operadora, o telefone e o titular.',
      })
  })
export type AddClientPlanBody = z.infer<typeof AddClientPlanBody>

export const RuleAlert = z.object({
  ruleId: z.uuid(),
  severity: z.enum(['block', 'warn']),
  message: z.string(),
})
export type RuleAlert = z.infer<typeof RuleAlert>
export const RuleCheckResult = z.object({ alerts: z.array(RuleAlert) })

export const ClientPlanService = z.object({
  id: z.uuid(),
  kind: z.enum(SERVICE_KINDS),
  label: z.string(),
  login: z.string().nullable(),
  domain: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
  hasPassword: z.boolean(),
  passwordChangedAt: z.string().nullable(),
})
const AddressView = z.object({ id: z.uuid(), line: z.string(), cep: z.string() })
export const ClientPlan = z.object({
  id: z.uuid(),
  number: z.number().int(),
  clientOrgId: z.uuid(),
  clientName: z.string(),
  planId: z.uuid(),
  planName: z.string(),
  categoryName: z.string(),
  priceCents: z.number().int(),
  billingCycle: z.enum(BILLING_CYCLES),
  status: z.enum(PLAN_STATUSES),
  installationAddress: AddressView.nullable(),
  billingAddress: AddressView.nullable(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentLabel: z.string(),
  /** Masked: bank, agency, account ending; phone account ending. */
  paymentSummary: z.string().nullable(),
  dueDay: z.number().int(),
  debitAuthorizedAt: z.string().nullable(),
  trialEndsOn: z.string().nullable(),
  contract: z
    .object({
      contractNumber: z.string(),
      saleDate: z.string(),
      installationFeeCents: z.number().int(),
      installments: z.number().int(),
      validityMonths: z.number().int(),
      templateId: z.uuid().nullable(),
      templateName: z.string().nullable(),
    })
    .nullable(),
  services: z.array(ClientPlanService),
  extraFields: z.record(z.string(), z.string()),
  acknowledgedWarnings: z.array(z.string()),
  createdAt: z.string(),
  /** The next installation booked on the agenda, if any. */
  nextBooking: z
    .object({
      id: z.uuid(),
      startsAt: z.string(),
      endsAt: z.string(),
      technicianName: z.string(),
      roleName: z.string(),
    })
    .nullable(),
})
export type ClientPlan = z.infer<typeof ClientPlan>
export const ClientPlanList = z.object({ items: z.array(ClientPlan) })
export const FindClientPlansQuery = z.strictObject({
  status: z.enum(PLAN_STATUSES, { error: 'Situação inválida.' }).optional(),
})
export const PlanHistoryEntry = z.object({
  id: z.uuid(),
  kind: z.string(),
  fromStatus: z.enum(PLAN_STATUSES).nullable(),
  toStatus: z.enum(PLAN_STATUSES).nullable(),
  reason: z.string().nullable(),
  summary: z.string(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
})
export const ClientPlanDetail = ClientPlan.extend({ history: z.array(PlanHistoryEntry) })

export const ChangeStatusBody = z.strictObject({
  status: z.enum(PLAN_STATUSES, { error: 'Situação inválida: ativo, inativo ou cancelado.' }),
  reason: Text(500, 'O motivo').min(3, { error: 'Informe o motivo.' }),
})
export const AddServiceBody = ServiceInput
export const ChangeServicePasswordBody = z.strictObject({
  password: ServicePassword,
  passwordConfirmation: z.string({ error: 'Confirme a senha.' }).max(128),
})
export const RevealedPassword = z.object({ password: z.string() })
export const AddressTransferBody = z.strictObject({
  address: AddressFields,
  reason: Text(500, 'O motivo').nullish(),
})
export const ChangeDueDayBody = z.strictObject({
  dueDay: DueDay,
})
export const DebitAuthorizationBody = z.strictObject({ bank: BankDebitInput })
export const ExtraFieldsBody = z.strictObject({
  extraFields: z
    .record(
      z.string().trim().min(1).max(60),
      z.string().trim().max(500, { error: 'Valor longo demais (máximo de 500).' }),
    )
    .refine((r) => Object.keys(r).length <= 30, { error: 'No máximo 30 campos extras.' }),
})
export const ScheduleBody = ScheduleInput

export const ClientContact = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
})
export const ClientContactList = z.object({ items: z.array(ClientContact) })
export const CreateContactBody = z.strictObject({
  name: PersonName,
  phone: PhoneInput.nullish(),
  email: Email.nullish(),
})

// ── Contract templates and registration rules ───────────────────────────────────────────

export const ContractTemplate = z.object({
  id: z.uuid(),
  name: z.string(),
  body: z.string(),
  updatedAt: z.string(),
})
export const ContractTemplateList = z.object({
  items: z.array(ContractTemplate),
  placeholders: z.array(z.object({ key: z.string(), label: z.string(), example: z.string() })),
})
export const SaveContractTemplateBody = z.strictObject({
  name: Name('O nome do modelo'),
  body: z
    .string({ error: 'Escreva o texto do contrato.' })
    .trim()
    .min(20, { error: 'Escreva o texto do contrato.' })
    .max(100_000, { error: 'Texto longo demais (máximo de 100.000 caracteres).' }),
})

export const RULE_LABELS: Record<(typeof RULE_KINDS)[number], string> = {
  install_address_number: 'Endereço de instalação precisa de número (não S/N)',
  debit_holder_cpf: 'Débito em conta exige CPF do titular (não CNPJ)',
  client_status_inactive: 'Cliente com situação cadastral diferente de ATIVA na Receita',
  install_address_required: 'Plano exige endereço de instalação',
  client_email_required: 'Cliente precisa ter e-mail cadastrado',
}
export const RegistrationRule = z.object({
  id: z.uuid(),
  kind: z.enum(RULE_KINDS),
  label: z.string(),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  severity: z.enum(['block', 'warn']),
  message: z.string().nullable(),
  isActive: z.boolean(),
})
export const RegistrationRuleList = z.object({ items: z.array(RegistrationRule) })
export const CreateRuleBody = z.strictObject({
  kind: z.enum(RULE_KINDS, { error: 'Regra desconhecida.' }),
  categoryId: Uuid.nullish(),
  severity: z.enum(['block', 'warn'], { error: 'Escolha bloquear ou avisar.' }),
  message: Text(300, 'A mensagem').nullish(),
  isActive: Bool.default(true),
})
export const UpdateRuleBody = CreateRuleBody.partial()
