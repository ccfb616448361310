import { defineErrors } from '../../platform/errors.ts'

export const AuthErrors = defineErrors({
  INVALID_CREDENTIALS: [401, 'E-mail ou senha incorretos.'],
  ACCOUNT_LOCKED: [
    423,
    'Conta bloqueada temporariamente por excesso de tentativas. Tente novamente mais tarde.',
  ],
  ACCOUNT_INACTIVE: [403, 'Seu acesso está desativado. Fale com o administrador do seu inquilino.'],
  TENANT_NOT_AVAILABLE: [404, 'Inquilino não encontrado ou sem acesso para você.'],
  TOKEN_INVALID: [404, 'Este link não é válido. Peça um novo link ao administrador.'],
  TOKEN_EXPIRED: [410, 'Este link expirou. Peça um novo link ao administrador.'],
  PASSWORD_WEAK: [400, 'A senha não atende à política de senhas.'],
  PASSWORD_MISMATCH: [400, 'A confirmação não confere com a senha.'],
})
