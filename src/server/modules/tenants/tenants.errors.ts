import { defineErrors } from '../../platform/errors.ts'

export const TenantErrors = defineErrors({
  TENANT_SLUG_TAKEN: [409, 'Já existe um inquilino com esse identificador.'],
})
