export { tenantsRoutes } from './tenants.routes.ts'
export { createTenantInTx } from './tenants.service.ts'
export { tenantsRepository } from './tenants.repository.ts'
export {
  assertExtraFields,
  type ExtraFieldDefinition,
  getTenantName,
  getTenantSettings,
  tenantSettingsRoutes,
  type TenantSettings,
} from './tenant-settings.ts'
export { getTenantLogo, tenantLogoRoutes } from './tenant-logo.ts'
