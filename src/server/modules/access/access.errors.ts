import { defineErrors } from '../../platform/errors.ts'

export const AccessErrors = defineErrors({
  PROFILE_NOT_FOUND: [404, 'Perfil de acesso não encontrado.'],
  PROFILE_NAME_TAKEN: [409, 'Já existe um perfil de acesso com esse nome.'],
  PROFILE_IN_USE: [
    409,
    'Este perfil está atribuído a membros da equipe. Troque o perfil deles antes de excluir.',
  ],
  PROFILE_SYSTEM: [409, 'O perfil Administrador é do sistema: não pode ser excluído nem perder permissões.'],
})
