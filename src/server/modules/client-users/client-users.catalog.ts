/** Access levels of a client user in a department (seed 004, step 5). */
export const ACCESS_LEVELS = [
  {
    key: 'revisor',
    label: 'Revisor',
    description: 'Visualiza as informações da pasta, mas não pode alterá-las.',
  },
  {
    key: 'contribuinte',
    label: 'Contribuinte',
    description: 'Visualiza e cria pastas, adiciona documentos e exclui documentos publicados por ele mesmo.',
  },
  {
    key: 'proprietario',
    label: 'Proprietário',
    description:
      'Possui total permissão na pasta: visualizar, criar, renomear, adicionar e excluir documentos.',
  },
] as const
export type AccessLevel = (typeof ACCESS_LEVELS)[number]['key']

/** What a client user may do in the portal (seed 004, "Permissões"). */
export const PORTAL_PERMISSIONS = [
  { key: 'documents:upload', label: 'Envia documentos ao escritório' },
  { key: 'documents:request_all_personal', label: 'Solicita todos os documentos do departamento pessoal' },
  { key: 'services:request', label: 'Solicita serviços' },
  { key: 'events:register', label: 'Inscreve-se em eventos e treinamentos' },
] as const

/** Notification types and channels (seed 004, "Notificações"). */
export const NOTIFICATION_TYPES = [
  { key: 'documents', label: 'Novos documentos publicados' },
  { key: 'requests', label: 'Andamento de solicitações' },
  { key: 'events', label: 'Eventos e treinamentos' },
  { key: 'billing', label: 'Cobranças e planos' },
] as const
export const NOTIFICATION_CHANNELS = ['none', 'email', 'system', 'both'] as const

/** Departments every tenant has; their folders are shared automatically (seed 004). */
export const DEFAULT_DEPARTMENTS = ['Pessoal', 'Fiscal', 'Contábil', 'Societário'] as const
