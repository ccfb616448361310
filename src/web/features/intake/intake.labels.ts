import type { DueKind, FichaData, FichaStatus } from './intake.types.ts'

/** pt-BR names of the states (the server's `statusLabel` wins when it is at hand). */
export const STATUS_LABELS: Record<FichaStatus, string> = {
  recebida: 'Recebida',
  em_verificacao: 'Em verificação',
  devolvida: 'Devolvida para correção',
  completa: 'Completa',
  encaminhada: 'Encaminhada',
  aguardando_treinamento: 'Aguardando treinamento',
  cadastrada: 'Cadastrada',
  arquivada: 'Arquivada',
}

export const STATUS_COLORS: Record<FichaStatus, string> = {
  recebida: 'blue',
  em_verificacao: 'cyan',
  devolvida: 'orange',
  completa: 'teal',
  encaminhada: 'violet',
  aguardando_treinamento: 'grape',
  cadastrada: 'green',
  arquivada: 'gray',
}

/** The board's columns, in the order a ficha moves (archived fichas only appear in a search). */
export const BOARD_COLUMNS: FichaStatus[] = [
  'recebida',
  'em_verificacao',
  'devolvida',
  'completa',
  'encaminhada',
  'aguardando_treinamento',
  'cadastrada',
]

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as FichaStatus] ?? status
}

/** What the state means for the person who sent the ficha (public status page). */
export const STATUS_EXPLANATIONS: Record<FichaStatus, string> = {
  recebida: 'Recebemos a sua ficha. Ela está na fila para conferência pela equipe.',
  em_verificacao: 'A equipe está conferindo se a ficha está completa e com as informações corretas.',
  devolvida:
    'A ficha foi devolvida para correção. Veja abaixo o que falta, corrija e envie de novo por esta página.',
  completa: 'A ficha foi conferida e está completa. Em breve ela segue para o cadastro no sistema.',
  encaminhada: 'A ficha foi encaminhada à equipe responsável pelo cadastro no sistema.',
  aguardando_treinamento:
    'O cadastro foi feito. Os convites de acesso serão enviados depois do treinamento da unidade.',
  cadastrada: 'O cadastro foi concluído. Os usuários recebem os convites de acesso por e-mail.',
  arquivada: 'O atendimento desta ficha foi encerrado e ela foi arquivada.',
}

/** Button text for each next state on the ficha page. */
export const ACTION_LABELS: Record<FichaStatus, string> = {
  recebida: 'Voltar para recebida',
  em_verificacao: 'Iniciar verificação',
  devolvida: 'Devolver para correção',
  completa: 'Marcar como completa',
  encaminhada: 'Encaminhar',
  aguardando_treinamento: 'Aguardar treinamento',
  cadastrada: 'Marcar como cadastrada',
  arquivada: 'Arquivar',
}

const filled = (v: unknown) => typeof v === 'string' && v.trim().length > 0

/**
 * The checklist items a tenant can require (same keys and sentences as the server's
 * `CHECKLIST_ITEMS`), with how to tell from the data whether each one is satisfied.
 */
export const CHECKLIST: { key: string; label: string; ok: (data: FichaData) => boolean }[] = [
  { key: 'organization.name', label: 'Nome do órgão ou entidade', ok: (d) => filled(d.organization?.name) },
  {
    key: 'organization.document',
    label: 'CNPJ do órgão ou entidade',
    ok: (d) => filled(d.organization?.document),
  },
  { key: 'unit.name', label: 'Nome da unidade', ok: (d) => filled(d.unit?.name) },
  { key: 'responsible.name', label: 'Nome do responsável', ok: (d) => filled(d.responsible?.name) },
  { key: 'responsible.email', label: 'E-mail do responsável', ok: (d) => filled(d.responsible?.email) },
  { key: 'responsible.phone', label: 'Telefone do responsável', ok: (d) => filled(d.responsible?.phone) },
  { key: 'responsible.cpf', label: 'CPF do responsável', ok: (d) => filled(d.responsible?.cpf) },
  {
    key: 'users',
    label: 'Pelo menos um usuário com nome, e-mail e perfil de acesso',
    ok: (d) => (d.users ?? []).some((u) => filled(u.name) && filled(u.email) && filled(u.profile)),
  },
]

export interface ChecklistLine {
  label: string
  ok: boolean
}

/**
 * The checklist as ✓/✗ lines. The API sends only what is missing (`checklistMissing`); an item
 * that is neither missing nor filled in is not required by the tenant and is left out.
 */
export function checklistLines(data: FichaData, checklistMissing: string[]): ChecklistLine[] {
  const missing = new Set(checklistMissing)
  const lines: ChecklistLine[] = []
  for (const item of CHECKLIST) {
    if (missing.has(item.label)) lines.push({ label: item.label, ok: false })
    else if (item.ok(data)) lines.push({ label: item.label, ok: true })
  }
  for (const label of checklistMissing) {
    if (!CHECKLIST.some((item) => item.label === label)) lines.push({ label, ok: false })
  }
  return lines
}

export const DUE_COLORS: Record<DueKind, string> = {
  'em-dia': 'green',
  'vence-hoje': 'yellow',
  atrasado: 'red',
}

function businessDays(n: number): string {
  return n === 1 ? '1 dia útil' : `${n} dias úteis`
}

/** "Em dia · 3 dias úteis", "Vence hoje", "Atrasada há 2 dias úteis". */
export function dueText(due: DueKind, days: number | null): string {
  if (due === 'vence-hoje') return 'Vence hoje'
  if (due === 'em-dia') return days === null ? 'Em dia' : `Em dia · ${businessDays(days)}`
  if (days === null) return 'Atrasada'
  // Overdue over a weekend right after the due date: 0 business days, still late.
  return days === 0 ? 'Atrasada' : `Atrasada há ${businessDays(days)}`
}
