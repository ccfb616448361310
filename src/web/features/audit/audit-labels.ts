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
  email_changed: 'Troca de e-mail',
  password_reset_requested: 'Pedido de redefinição de senha',
  invitation_accepted: 'Aceite de convite',
  // KEYPASS (second factor)
  enabled: 'Ativação do KEYPASS',
  reconfigured: 'Reconfiguração do KEYPASS',
  keypass_reset: 'Redefinição do KEYPASS',
  code_failed: 'Código KEYPASS incorreto',
  mfa_verified: 'Verificação KEYPASS',
  mfa_recovery_code: 'Entrada com código de recuperação',
  mfa_locked: 'Bloqueio por códigos KEYPASS incorretos',
  recovery_codes_regenerated: 'Novos códigos de recuperação',
  // invitations of client users
  scheduled: 'Agendamento',
  held_for_training: 'Aguardando treinamento',
  sent: 'Envio',
  resent: 'Reenvio',
  opened: 'Abertura',
  accepted: 'Aceite',
  accepted_linked: 'Aceite (conta vinculada)',
  bounced: 'Devolução do e-mail',
  revoked: 'Revogação',
  renewal_requested: 'Pedido de novo convite',
  // documents
  upload: 'Envio de documento',
  upload_refused: 'Envio recusado',
  new_version: 'Nova versão',
  download: 'Download',
  rename: 'Renomeação',
  share: 'Compartilhamento',
  unshare: 'Fim do compartilhamento',
  restore: 'Restauração da lixeira',
  purge: 'Exclusão definitiva (30 dias na lixeira)',
  move: 'Mudança de pasta',
  // imports
  uploaded: 'Envio da planilha',
  confirmed: 'Confirmação',
  resumed: 'Retomada',
  done: 'Conclusão',
  undone: 'Desfeita',
  import_undone: 'Removido ao desfazer a importação',
  purged: 'Dados da planilha apagados (retenção)',
  // fichas cadastrais
  received: 'Recebimento',
  status_change: 'Mudança de situação',
  corrected: 'Correção',
  registered: 'Cadastro concluído',
  attachment_added: 'Anexo incluído',
  trained: 'Treinamento concluído',
  // plans and the trial
  status: 'Mudança de situação',
  contract: 'Contrato',
  contract_printed: 'Impressão do contrato',
  rules_acknowledged: 'Ciência das regras',
  address_transfer: 'Mudança de endereço',
  debit_authorized: 'Autorização de débito',
  due_day: 'Mudança do dia de vencimento',
  extra_fields: 'Campos adicionais',
  password_revealed: 'Senha exibida',
  inactivated_last_plan_cancelled: 'Inativação (último plano cancelado)',
  trial_signup: 'Cadastro de avaliação',
  move_to_production: 'Passagem para produção',
  // events, certificates and the agenda
  cancel: 'Cancelamento',
  reschedule: 'Reagendamento',
  resend_mail: 'Reenvio de e-mail',
  retry: 'Nova tentativa',
  cpf_registered: 'CPF informado',
  art_uploaded: 'Envio da arte do certificado',
  art_removed: 'Remoção da arte do certificado',
  attendance_marked: 'Presença marcada',
  attendance_removed: 'Presença removida',
  certificates_requested: 'Emissão de certificados',
  reissued: 'Reemissão',
  // tenant settings
  logo_uploaded: 'Envio do logotipo',
  logo_removed: 'Remoção do logotipo',
}

/** Actions written as `<prefix>:<value>` (e.g. an event's `status:confirmado`). */
const ACTION_PREFIX_LABELS: Record<string, string> = {
  status: 'Situação',
}

const STATUS_LABELS: Record<string, string> = {
  aberto: 'Aberto',
  confirmado: 'Confirmado',
  cancelado: 'Cancelado',
  realizado: 'Realizado',
}

const ENTITY_LABELS: Record<string, string> = {
  staff: 'Equipe',
  background_task: 'Tarefa em segundo plano',
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
  ficha: 'Ficha cadastral',
  keypass: 'KEYPASS',
  tenant_settings: 'Configurações',
  // clients and their users
  client_org: 'Cliente',
  client_contact: 'Contato do cliente',
  client_user: 'Usuário do cliente',
  department: 'Departamento',
  invitation: 'Convite',
  // documents
  document: 'Documento',
  document_folder: 'Pasta',
  // imports
  import_run: 'Importação',
  // plans
  client_plan: 'Plano do cliente',
  client_plan_service: 'Serviço do plano',
  client_setup: 'Implantação do cliente',
  plan_category: 'Categoria de plano',
  contract_template: 'Modelo de contrato',
  registration_rule: 'Regra de cadastro',
  // events and the agenda
  event_type: 'Tipo de evento',
  event_registration: 'Inscrição em evento',
  certificate: 'Certificado',
  agenda_booking: 'Agendamento',
  agenda_role: 'Função da agenda',
  technician: 'Técnico',
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
  ip: 'Endereço IP',
  kind: 'Tipo',
  stage: 'Etapa',
  method: 'Método',
  source: 'Origem',
  note: 'Observação',
  code: 'Código',
  key: 'Chave',
  mode: 'Modo',
  format: 'Formato',
  size: 'Tamanho',
  data: 'Dados',
  details: 'Detalhes',
  // clients and their users
  cpf: 'CPF',
  cpfDisplay: 'CPF',
  phone: 'Telefone',
  phoneDisplay: 'Telefone',
  portalActive: 'Acesso ao portal',
  isDemo: 'Usuário de demonstração',
  departments: 'Departamentos',
  department: 'Departamento',
  companyIds: 'Empresas (ids)',
  clientOrgId: 'Cliente (id)',
  clientUserId: 'Usuário do cliente (id)',
  notifications: 'Notificações',
  heldForOrgId: 'Aguardando treinamento do cliente (id)',
  expiresAt: 'Expira em',
  // documents
  folderId: 'Pasta (id)',
  parentId: 'Pasta acima (id)',
  isShared: 'Compartilhada',
  version: 'Versão',
  filename: 'Arquivo',
  sizeBytes: 'Tamanho (bytes)',
  mime: 'Tipo do arquivo',
  contentType: 'Tipo do arquivo',
  sha256: 'SHA-256',
  publishedBy: 'Publicado por',
  folder: 'Pasta',
  folders: 'Pastas',
  documents: 'Documentos',
  versions: 'Versões',
  deletedAt: 'Excluído em',
  deletedBy: 'Excluído por',
  retentionDays: 'Dias de retenção',
  threat: 'Ameaça encontrada',
  scanner: 'Antivírus',
  // imports
  importRunId: 'Importação (id)',
  importRow: 'Linha da importação',
  rowNumber: 'Linha',
  rows: 'Linhas',
  created: 'Criados',
  skipped: 'Ignorados',
  errors: 'Erros',
  invited: 'Convidados',
  removed: 'Removidos',
  invitations: 'Convites',
  scheduleAt: 'Agendado para',
  cursor: 'Posição',
  // plans
  plan: 'Plano',
  plans: 'Planos',
  services: 'Serviços',
  contractNumber: 'Número do contrato',
  template: 'Modelo',
  saleDate: 'Data da venda',
  dueDay: 'Dia de vencimento',
  payment: 'Pagamento',
  paymentMethod: 'Forma de pagamento',
  installments: 'Parcelas',
  installation: 'Instalação',
  installationAddress: 'Endereço de instalação',
  installationFeeCents: 'Taxa de instalação (centavos)',
  validityMonths: 'Vigência (meses)',
  warnings: 'Avisos',
  domain: 'Domínio',
  login: 'Login',
  environment: 'Ambiente',
  trialEndsOn: 'Fim da avaliação',
  contact: 'Contato',
  body: 'Texto',
  // events, fichas and the agenda
  eventId: 'Evento (id)',
  registrationId: 'Inscrição (id)',
  present: 'Presente',
  queued: 'Na fila',
  trainedAt: 'Treinado em',
  cancelReason: 'Motivo do cancelamento',
  protocol: 'Protocolo',
  organization: 'Organização',
  missing: 'Pendências',
  usersCreated: 'Usuários criados',
  usersExisting: 'Usuários existentes',
}

export function actionLabel(code: string): string {
  const known = ACTION_LABELS[code]
  if (known) return known
  const colon = code.indexOf(':')
  const prefix = colon > 0 ? ACTION_PREFIX_LABELS[code.slice(0, colon)] : undefined
  if (!prefix) return code
  const value = code.slice(colon + 1)
  return `${prefix}: ${STATUS_LABELS[value] ?? value}`
}

export function entityLabel(code: string): string {
  return ENTITY_LABELS[code] ?? code
}

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key
}

/** Readable words for the codes some fields keep (a session's kind and stage, the KEYPASS method…). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  kind: { staff: 'Equipe', client: 'Portal do Cliente' },
  stage: { full: 'Acesso completo', mfa: 'Aguardando o código KEYPASS', enrol: 'Configurando o KEYPASS' },
  method: { totp: 'Aplicativo autenticador', email: 'Código por e-mail', sms: 'Código por SMS' },
  environment: { homologacao: 'Homologação', producao: 'Produção' },
}

export function valueLabel(key: string, value: string): string {
  return VALUE_LABELS[key]?.[value] ?? value
}
