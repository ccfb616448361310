import { defineErrors } from '../../platform/errors.ts'

export const StaffErrors = defineErrors({
  STAFF_NOT_FOUND: [404, 'Membro da equipe não encontrado.'],
  EMAIL_TAKEN: [409, 'Este e-mail já pertence a um membro da equipe deste inquilino.'],
  PROFILE_NOT_FOUND: [400, 'Perfil de acesso não encontrado.'],
  STAFF_SELF_DEACTIVATE: [409, 'Você não pode desativar o seu próprio acesso.'],
  STAFF_INACTIVE: [409, 'Este acesso está desativado. Ative-o antes de reenviar o link.'],
})
