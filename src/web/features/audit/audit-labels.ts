/** pt-BR names for the audit codes; unknown codes are shown as they come. */
const ACTION_LABELS: Record<string, string> = {
  create: 'Criação',
  update: 'Alteração',
  delete: 'Exclusão',
  login: 'Entrada',
  logout: 'Saída',
  login_failed: 'Falha de entrada',
  account_locked: 'Bloqueio de conta',
  login_locked: 'Bloqueio de conta',
  switch_tenant: 'Troca de inquilino',
  activate: 'Ativação',
  deactivate: 'Desativação',
  invite: 'Convite',
  resend_access: 'Reenvio de acesso',
  password_set: 'Definição de senha',
  password_reset: 'Redefinição de senha',
  password_changed: 'Troca de senha',
  send: 'Envio',
  import: 'Importação',
  export: 'Exportação',
}

const ENTITY_LABELS: Record<string, string> = {
  staff: 'Equipe',
  profile: 'Perfil de acesso',
  tenant: 'Inquilino',
  session: 'Sessão',
  user: 'Usuário',
  client: 'Cliente',
  password_token: 'Link de acesso',
  email: 'E-mail',
  outbox: 'E-mail',
  event: 'Evento',
  plan: 'Plano',
  intake: 'Ficha cadastral',
}

const FIELD_LABELS: Record<string, string> = {
  id: 'Identificador',
  name: 'Nome',
  email: 'E-mail',
  description: 'Descrição',
  permissions: 'Permissões',
  profileId: 'Perfil (id)',
  profileName: 'Perfil',
  isActive: 'Ativo',
  isSystem: 'Do sistema',
  isPlatformAdmin: 'Administrador da plataforma',
  hasPassword: 'Senha definida',
  slug: 'Identificador',
  tenantId: 'Inquilino (id)',
  createdAt: 'Criado em',
  updatedAt: 'Alterado em',
  lastLoginAt: 'Último acesso',
  status: 'Situação',
  reason: 'Motivo',
  userAgent: 'Navegador',
}

export function actionLabel(code: string): string {
  return ACTION_LABELS[code] ?? code
}

export function entityLabel(code: string): string {
  return ENTITY_LABELS[code] ?? code
}

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key
}
