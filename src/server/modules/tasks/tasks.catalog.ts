/**
 * The background tasks a tenant's administrator may meet on "Tarefas em segundo plano": a pt-BR name
 * for each job, and whether trying it again from there is the way to recover it. Handlers are
 * idempotent (ADR 0001), so a retry redoes only what is still undone; the import's own tasks are
 * recovered from the import's page instead, where the run's state is shown and resumed.
 */
type TaskKind = { label: string } & ({ retry: true } | { retry: false; hint: string })

const TASKS: Record<string, TaskKind> = {
  'mail.send': { label: 'Envio de e-mail', retry: true },
  'sms.send': { label: 'Envio de SMS', retry: true },
  'events.notify': { label: 'E-mail aos participantes de um evento', retry: true },
  'events.reminder': { label: 'Lembrete da véspera de um evento', retry: true },
  'events.certificates': { label: 'Emissão dos certificados de um evento', retry: true },
  'imports.validate': {
    label: 'Prévia de uma importação',
    retry: false,
    hint: 'Abra a importação em Importação e envie a planilha de novo.',
  },
  'imports.run': {
    label: 'Importação de uma planilha',
    retry: false,
    hint: 'Abra a importação em Importação e use "Retomar".',
  },
  'imports.scheduled-invitations': { label: 'Convites agendados de uma importação', retry: true },
  'imports.purge': { label: 'Exclusão dos dados de uma planilha ao fim do prazo de guarda', retry: true },
  'documents.purge': { label: 'Exclusão definitiva de um item da lixeira', retry: true },
  'documents.announce': { label: 'Aviso de novos documentos publicados', retry: true },
  'jobs.cleanup': { label: 'Limpeza diária das tarefas concluídas', retry: true },
}

export function taskKind(name: string): TaskKind {
  return TASKS[name] ?? { label: name, retry: false, hint: 'Tarefa desconhecida: fale com o suporte.' }
}

export const TASK_NAMES = Object.keys(TASKS)
