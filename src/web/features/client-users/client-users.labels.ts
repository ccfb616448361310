import type {
  AccessLevel,
  AccessLevelOption,
  ClientUserFilter,
  InvitationStatus,
  NotificationChannel,
} from './client-users.types.ts'

export const INVITATION_STATUS: Record<InvitationStatus, { label: string; color: string }> = {
  none: { label: 'Não enviado', color: 'gray' },
  scheduled: { label: 'Agendado', color: 'violet' },
  sent: { label: 'Enviado', color: 'blue' },
  opened: { label: 'Aberto', color: 'cyan' },
  accepted: { label: 'Aceito', color: 'teal' },
  expired: { label: 'Expirado', color: 'orange' },
  revoked: { label: 'Revogado', color: 'gray' },
  bounced: { label: 'Devolvido', color: 'red' },
}

/** Invitations that went out and were not used yet: changing the e-mail re-issues them. */
export const PENDING_INVITATION: ReadonlySet<InvitationStatus> = new Set([
  'sent',
  'opened',
  'expired',
  'bounced',
])

export const FILTERS: { value: ClientUserFilter; label: string }[] = [
  { value: 'all', label: 'Todos' },
  { value: 'pending', label: 'Pendentes' },
  { value: 'expired', label: 'Expirados' },
  { value: 'accepted', label: 'Aceitos' },
  { value: 'no_keypass', label: 'Sem KEYPASS' },
  { value: 'inactive', label: 'Inativos' },
]

/** The seed's (ONVIO) levels; the server's `/client-users/options` wins when it answers. */
export const DEFAULT_ACCESS_LEVELS: AccessLevelOption[] = [
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
      'Possui total permissão na pasta, podendo visualizar, criar, renomear, adicionar e excluir documentos.',
  },
]

export function accessLevelLabel(level: AccessLevel): string {
  return DEFAULT_ACCESS_LEVELS.find((l) => l.key === level)?.label ?? level
}

export const NOTIFICATION_CHANNELS: { value: NotificationChannel; label: string }[] = [
  { value: 'none', label: 'Nenhuma' },
  { value: 'email', label: 'E-mail' },
  { value: 'system', label: 'Sistema' },
  { value: 'both', label: 'Ambos' },
]

export function notificationChannelLabel(channel: NotificationChannel | undefined): string {
  return NOTIFICATION_CHANNELS.find((c) => c.value === channel)?.label ?? 'Nenhuma'
}

/** Extra help under some client-portal permissions (from the seed's "Informações complementares"). */
export const PERMISSION_HELP: Record<string, string> = {
  'documents:request_all_personal':
    'O usuário poderá solicitar qualquer documento do departamento pessoal, inclusive de outros colaboradores. Recomendado para gerentes ou proprietários.',
}
