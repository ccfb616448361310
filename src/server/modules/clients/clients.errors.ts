import { defineErrors } from '../../platform/errors.ts'

export const ClientErrors = defineErrors({
  CLIENT_ORG_NOT_FOUND: [404, 'Cliente não encontrado.'],
  CLIENT_ORG_DUPLICATE: [409, 'Já existe um cliente com este CPF/CNPJ.'],
})
