/** pt-BR labels of the plans module (copied from the server's plans.schemas.ts). No React here. */
import type { BillingCycle, PaymentMethod, RuleKind, RuleSeverity, ServiceKind } from './plans.types.ts'
import { BILLING_CYCLES, RULE_KINDS, SERVICE_KINDS } from './plans.types.ts'

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

export const RULE_LABELS: Record<RuleKind, string> = {
  install_address_number: 'Endereço de instalação precisa de número (não S/N)',
  debit_holder_cpf: 'Débito em conta exige CPF do titular (não CNPJ)',
  client_status_inactive: 'Cliente com situação cadastral diferente de ATIVA na Receita',
  install_address_required: 'Plano exige endereço de instalação',
  client_email_required: 'Cliente precisa ter e-mail cadastrado',
}

export const BILLING_CYCLE_LABELS: Record<BillingCycle, string> = {
  mensal: 'Mensal',
  trimestral: 'Trimestral',
  semestral: 'Semestral',
  anual: 'Anual',
}

/** "por mês", "por trimestre"… for plan prices. */
export const BILLING_CYCLE_PER: Record<BillingCycle, string> = {
  mensal: 'por mês',
  trimestral: 'por trimestre',
  semestral: 'por semestre',
  anual: 'por ano',
}

export const SEVERITY_LABELS: Record<RuleSeverity, string> = { block: 'Bloquear', warn: 'Avisar' }
export const SEVERITY_COLORS: Record<RuleSeverity, string> = { block: 'red', warn: 'yellow' }

export const BILLING_CYCLE_OPTIONS = BILLING_CYCLES.map((value) => ({
  value,
  label: BILLING_CYCLE_LABELS[value],
}))
export const RULE_KIND_OPTIONS = RULE_KINDS.map((value) => ({ value, label: RULE_LABELS[value] }))
export const SERVICE_OPTIONS = SERVICE_KINDS.map((value) => ({ value, label: SERVICE_LABELS[value] }))

/** "1 plano", "3 planos". */
export function planCountLabel(count: number): string {
  return count === 1 ? '1 plano' : `${count} planos`
}

/** "30 dias", "1 dia", "Sem teste". */
export function trialDaysLabel(days: number): string {
  if (days <= 0) return 'Sem teste'
  return days === 1 ? '1 dia' : `${days} dias`
}
