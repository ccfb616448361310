import { defineErrors } from '../../platform/errors.ts'

export const ClientUserErrors = defineErrors({
  CLIENT_USER_NOT_FOUND: [404, 'Usuário de cliente não encontrado.'],
  EMAIL_TAKEN: [409, 'Já existe um usuário de cliente com este e-mail neste inquilino.'],
  CPF_TAKEN: [409, 'Já existe um usuário de cliente com este CPF.'],
  DEPARTMENT_NOT_FOUND: [400, 'Departamento não encontrado.'],
  DEPARTMENT_NAME_TAKEN: [409, 'Já existe um departamento com esse nome.'],
  COMPANY_NOT_FOUND: [400, 'Cliente não encontrado.'],
  USER_ALREADY_ACCEPTED: [409, 'Este usuário já aceitou o convite e tem acesso. Não é preciso reenviar.'],
  USER_IS_DEMO: [409, 'Usuário de demonstração não recebe e-mails.'],
  PORTAL_INACTIVE: [
    409,
    'O acesso ao Portal do Cliente deste usuário está desativado. Ative-o antes de enviar o convite.',
  ],
  EMAIL_LOCKED_AFTER_ACCEPT: [
    409,
    'O e-mail de quem já aceitou o convite é o login dessa pessoa e não pode ser trocado aqui.',
  ],
  INVITATION_INVALID: [
    404,
    'Este convite não é mais válido: ele já foi usado, substituído por um mais novo ou cancelado.',
  ],
  INVITATION_EXPIRED: [410, 'Este convite expirou. Peça um novo convite à equipe que cadastrou você.'],
  LINK_PASSWORD_INVALID: [400, 'Senha atual incorreta. Use a senha que você já usa no Cadastra.'],
  INVITATION_MODE_CHANGED: [
    409,
    'Já existe uma conta Cadastra com este e-mail. Recarregue a página para vincular as contas.',
  ],
  NO_KEYPASS: [409, 'Este usuário ainda não configurou o KEYPASS.'],
})
