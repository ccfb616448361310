import { onlyDigits } from '#shared/documents.ts'
import type { Lookups } from '../../platform/lookups/index.ts'
import type { AddressCopy, PaymentMethod, RuleKind } from './plans.tables.ts'

/** What the registration rules look at when a plan is finished or changed. */
export type RuleContext = {
  categoryId: string
  client: { documentType: 'cnpj' | 'cpf'; document: string; emails: string[] }
  installationAddress: AddressCopy | null
  paymentMethod: PaymentMethod
  debitHolderDocument: string | null
}

export type RuleDefinition = {
  id: string
  kind: RuleKind
  categoryId: string | null
  severity: 'block' | 'warn'
  message: string | null
}

export type RuleAlert = { ruleId: string; severity: 'block' | 'warn'; message: string }

/** Default alert texts, used when the tenant leaves the rule's message empty. */
const DEFAULT_MESSAGES: Record<RuleKind, (detail: string) => string> = {
  install_address_number: () =>
    'O endereço de instalação precisa ter número (não use S/N): a equipe técnica não encontra o local.',
  debit_holder_cpf: () => 'Débito em conta exige que o titular da conta seja pessoa física (CPF).',
  client_status_inactive: (situacao) =>
    `A situação cadastral do cliente na Receita Federal é ${situacao}: confira antes de ativar o plano.`,
  install_address_required: () => 'Este plano exige o endereço de instalação.',
  client_email_required: () => 'O cliente precisa ter um e-mail cadastrado para receber cobranças.',
}

/**
 * Evaluates the tenant's rules (seed 003 Obs4). Pure except for the CNPJ situation, read through the
 * lookups provider (cached); when the lookup is unavailable that rule does not fire.
 */
export async function evaluateRules(
  rules: RuleDefinition[],
  ctx: RuleContext,
  lookups: Lookups | null,
): Promise<RuleAlert[]> {
  const alerts: RuleAlert[] = []
  for (const rule of rules) {
    if (rule.categoryId && rule.categoryId !== ctx.categoryId) continue
    const detail = await violation(rule.kind, ctx, lookups)
    if (detail === null) continue
    alerts.push({
      ruleId: rule.id,
      severity: rule.severity,
      message: rule.message?.trim() || DEFAULT_MESSAGES[rule.kind](detail),
    })
  }
  return alerts
}

async function violation(kind: RuleKind, ctx: RuleContext, lookups: Lookups | null): Promise<string | null> {
  switch (kind) {
    case 'install_address_number':
      return ctx.installationAddress && !/\d/.test(ctx.installationAddress.number) ? '' : null
    case 'install_address_required':
      return ctx.installationAddress ? null : ''
    case 'debit_holder_cpf':
      return ctx.paymentMethod === 'debito_conta' && onlyDigits(ctx.debitHolderDocument ?? '').length !== 11
        ? ''
        : null
    case 'client_email_required':
      return ctx.client.emails.length === 0 ? '' : null
    case 'client_status_inactive': {
      if (ctx.client.documentType !== 'cnpj' || !lookups) return null
      const r = await lookups.cnpj(ctx.client.document)
      return r.ok && !r.data.situacaoAtiva ? r.data.situacao || 'NÃO INFORMADA' : null
    }
  }
}
