/**
 * pt-BR labels of the client plans screens. SERVICE_LABELS, PAYMENT_LABELS and RULE_LABELS are
 * copies of the server's (src/server/modules/plans/plans.schemas.ts): keep them in step.
 */
import type { PaymentMethod, PlanStatus, ServiceKind } from './client-plans.types.ts'

export const SERVICE_LABELS: Record<ServiceKind, string> = {
  email: 'Conta de e-mail',
  radius: 'Login RADIUS',
  ip: 'IP fixo',
  domain: 'Domínio',
  domain_registration: 'Registro de domínio',
  antivirus: 'Licença de antivírus',
}

export const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  boleto: 'Boleto',
  cartao_credito: 'Cartão de crédito',
  debito_conta: 'Débito em conta',
  debito_telefone: 'Débito em conta telefônica',
}

/** The seed's words for the payment methods, in its order (3.2). */
export const PAYMENT_OPTIONS: { value: PaymentMethod; label: string }[] = [
  { value: 'boleto', label: 'Boleto' },
  { value: 'cartao_credito', label: 'Cartão de Crédito' },
  { value: 'debito_conta', label: 'Débito em conta' },
  { value: 'debito_telefone', label: 'Débito em Conta Telefone' },
]

export const RULE_LABELS: Record<string, string> = {
  install_address_number: 'Endereço de instalação precisa de número (não S/N)',
  debit_holder_cpf: 'Débito em conta exige CPF do titular (não CNPJ)',
  client_status_inactive: 'Cliente com situação cadastral diferente de ATIVA na Receita',
  install_address_required: 'Plano exige endereço de instalação',
  client_email_required: 'Cliente precisa ter e-mail cadastrado',
}

export const STATUS_LABELS: Record<PlanStatus, string> = {
  ativo: 'Ativo',
  inativo: 'Inativo',
  cancelado: 'Cancelado',
}

/** The filter of the Planos tab (seed Obs3): plural, as the seed writes them. */
export const STATUS_FILTER: { value: PlanStatus; label: string }[] = [
  { value: 'ativo', label: 'Ativos' },
  { value: 'inativo', label: 'Inativos' },
  { value: 'cancelado', label: 'Cancelados' },
]

export const STATUS_COLORS: Record<PlanStatus, string> = {
  ativo: 'teal',
  inativo: 'yellow',
  cancelado: 'red',
}

export const BILLING_CYCLE_LABELS: Record<string, string> = {
  mensal: 'mês',
  trimestral: 'trimestre',
  semestral: 'semestre',
  anual: 'ano',
}

export const HISTORY_KIND_LABELS: Record<string, string> = {
  created: 'Plano adicionado',
  status: 'Mudança de status',
  address_transfer: 'Transferência de endereço',
  due_day: 'Alteração de vencimento',
  contract: 'Contrato',
  service_added: 'Serviço adicionado',
  password_changed: 'Troca de senha',
  debit_authorized: 'Autorização de débito',
  extra_fields: 'Campos extras',
  scheduled: 'Agendamento',
}

/** Services with a password (RADIUS login, e-mail account). */
export const SERVICES_WITH_PASSWORD: readonly ServiceKind[] = ['radius', 'email']

/** Permission to see and change the services' passwords (audited on the server). */
export const PLAN_SECRETS_PERMISSION = 'plans:secrets'

/** Days of the month an invoice may fall due (the API takes 1–28). */
export const DUE_DAY_OPTIONS = Array.from({ length: 28 }, (_, i) => ({
  value: String(i + 1),
  label: `Dia ${String(i + 1).padStart(2, '0')}`,
}))

export function serviceLabel(kind: string): string {
  return SERVICE_LABELS[kind as ServiceKind] ?? kind
}
