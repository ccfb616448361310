import type { FichaStatus } from './intake.tables.ts'

/** pt-BR names of the states, as staff and senders read them. */
export const STATUS_LABELS: Record<FichaStatus, string> = {
  recebida: 'Recebida',
  em_verificacao: 'Em verificação',
  devolvida: 'Devolvida para correção',
  completa: 'Completa',
  encaminhada: 'Encaminhada',
  cadastrada: 'Cadastrada',
  aguardando_treinamento: 'Aguardando treinamento',
  arquivada: 'Arquivada',
}

/** Which state may follow which (seed 000, Passo 1 and 2). */
export const TRANSITIONS: Record<FichaStatus, FichaStatus[]> = {
  recebida: ['em_verificacao', 'arquivada'],
  em_verificacao: ['devolvida', 'completa'],
  devolvida: ['em_verificacao', 'arquivada'],
  completa: ['encaminhada'],
  // "Cadastrar" (POST /fichas/:id/register) moves an encaminhada ficha on: it creates the accounts.
  encaminhada: ['arquivada'],
  aguardando_treinamento: ['cadastrada'],
  cadastrada: ['arquivada'],
  arquivada: [],
}

export function canTransition(from: FichaStatus, to: FichaStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** The checklist items a tenant can require, with the pt-BR text shown when one is missing. */
export const CHECKLIST_ITEMS: Record<string, string> = {
  'organization.name': 'Nome do órgão ou entidade',
  'organization.document': 'CNPJ do órgão ou entidade',
  'unit.name': 'Nome da unidade',
  'responsible.name': 'Nome do responsável',
  'responsible.email': 'E-mail do responsável',
  'responsible.phone': 'Telefone do responsável',
  'responsible.cpf': 'CPF do responsável',
  users: 'Pelo menos um usuário com nome, e-mail e perfil de acesso',
}
export const DEFAULT_CHECKLIST = [
  'organization.name',
  'organization.document',
  'unit.name',
  'responsible.name',
  'responsible.email',
  'responsible.phone',
  'users',
]

/** Business days each state may last before it is overdue (the tenant's Termo de Referência). */
export const DEFAULT_DEADLINES: Partial<Record<FichaStatus, number>> = {
  recebida: 2,
  em_verificacao: 3,
  devolvida: 5,
  completa: 2,
  encaminhada: 5,
  aguardando_treinamento: 10,
}

type FichaData = {
  organization?: { name?: string; document?: string }
  unit?: { name?: string }
  responsible?: { name?: string; email?: string; phone?: string; cpf?: string }
  users?: { name?: string; email?: string; profile?: string }[]
}

/** The checklist items the ficha does not satisfy, as pt-BR sentences (empty = complete). */
export function missingItems(data: FichaData, checklist: readonly string[] = DEFAULT_CHECKLIST): string[] {
  const filled = (v: unknown) => typeof v === 'string' && v.trim().length > 0
  const has: Record<string, boolean> = {
    'organization.name': filled(data.organization?.name),
    'organization.document': filled(data.organization?.document),
    'unit.name': filled(data.unit?.name),
    'responsible.name': filled(data.responsible?.name),
    'responsible.email': filled(data.responsible?.email),
    'responsible.phone': filled(data.responsible?.phone),
    'responsible.cpf': filled(data.responsible?.cpf),
    users: (data.users ?? []).some((u) => filled(u.name) && filled(u.email) && filled(u.profile)),
  }
  return checklist.filter((k) => k in CHECKLIST_ITEMS && !has[k]).map((k) => CHECKLIST_ITEMS[k])
}
