/**
 * The named permissions an access profile can grant. Keys are stable (stored in profiles);
 * labels are what staff read in the profile editor.
 */
export const PERMISSIONS = [
  { key: 'staff:read', label: 'Ver a equipe', group: 'Administração' },
  { key: 'staff:manage', label: 'Gerenciar a equipe (criar, alterar, desativar)', group: 'Administração' },
  { key: 'profiles:manage', label: 'Gerenciar perfis de acesso', group: 'Administração' },
  { key: 'audit:read', label: 'Consultar a auditoria', group: 'Administração' },
  { key: 'outbox:read', label: 'Ver a caixa de saída de e-mails', group: 'Administração' },
  {
    key: 'settings:manage',
    label: 'Configurar o inquilino (convites, senhas, KEYPASS)',
    group: 'Administração',
  },
  { key: 'clients:read', label: 'Ver clientes', group: 'Clientes' },
  { key: 'clients:manage', label: 'Cadastrar e alterar clientes', group: 'Clientes' },
  { key: 'intake:manage', label: 'Tratar fichas cadastrais', group: 'Clientes' },
  { key: 'users:manage', label: 'Gerenciar usuários de clientes', group: 'Usuários de clientes' },
  { key: 'invitations:send', label: 'Enviar convites de acesso', group: 'Usuários de clientes' },
  { key: 'portal:use', label: 'Utiliza Portal do Cliente', group: 'Usuários de clientes' },
  { key: 'events:manage', label: 'Gerenciar eventos e treinamentos', group: 'Eventos' },
  { key: 'plans:manage', label: 'Gerenciar catálogo e planos de clientes', group: 'Planos' },
  {
    key: 'plans:secrets',
    label: 'Ver e trocar senhas de serviços dos planos (auditado)',
    group: 'Planos',
  },
  { key: 'agenda:manage', label: 'Gerenciar a agenda de instalações', group: 'Planos' },
  { key: 'imports:run', label: 'Importar e exportar planilhas', group: 'Importação' },
  { key: 'documents:manage', label: 'Publicar documentos no portal', group: 'Documentos' },
] as const

export type PermissionKey = (typeof PERMISSIONS)[number]['key']
export const PERMISSION_KEYS: readonly string[] = PERMISSIONS.map((p) => p.key)
export const ALL_PERMISSIONS: ReadonlySet<string> = new Set(PERMISSION_KEYS)

/** Profiles every new tenant starts with. The administrator profile is a system profile. */
export const DEFAULT_PROFILES: {
  name: string
  description: string
  permissions: readonly string[]
  isSystem: boolean
}[] = [
  {
    name: 'Administrador',
    description: 'Acesso total ao inquilino.',
    permissions: PERMISSION_KEYS,
    isSystem: true,
  },
  {
    name: 'Operador',
    description: 'Atende clientes: cadastros, fichas, usuários, eventos e importações.',
    permissions: [
      'staff:read',
      'clients:read',
      'clients:manage',
      'intake:manage',
      'users:manage',
      'invitations:send',
      'events:manage',
      'imports:run',
      'documents:manage',
    ],
    isSystem: false,
  },
  {
    name: 'Técnico',
    description: 'Consulta clientes e a agenda de instalações.',
    permissions: ['clients:read', 'agenda:manage'],
    isSystem: false,
  },
]
