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
  CURRENT_PASSWORD_INVALID: [400, 'A senha atual está incorreta.'],
  COMPANY_NOT_AVAILABLE: [404, 'Empresa não encontrada entre as suas.'],
  MFA_REQUIRED: [403, 'Informe o código KEYPASS para continuar.'],
  KEYPASS_ENROLMENT_REQUIRED: [403, 'Configure o seu KEYPASS para continuar.'],
  MFA_CODE_INVALID: [400, 'Código inválido ou expirado. Confira o código no aplicativo e tente de novo.'],
  MFA_CODE_REPLAYED: [409, 'Este código já foi usado. Aguarde o próximo código do aplicativo.'],
  MFA_LOCKED: [423, 'Muitos códigos errados. O KEYPASS está bloqueado temporariamente; tente mais tarde.'],
  KEYPASS_NOT_STARTED: [409, 'Gere o KEYPASS antes de confirmar o código.'],
  KEYPASS_NOT_ENABLED: [409, 'Você ainda não configurou o KEYPASS.'],
  SECOND_FACTOR_NOT_ALLOWED: [
    400,
    'Este método de KEYPASS não está liberado por quem administra o seu acesso.',
  ],
  PHONE_REQUIRED: [400, 'Informe um celular válido com DDD para receber o código por SMS.'],
  MFA_CODE_TOO_SOON: [429, 'Um código acabou de ser enviado. Aguarde 30 segundos para pedir outro.'],
})
