export { createBrasilApiCepProvider, createBrasilApiCnpjProvider } from './brasilapi.ts'
export { TtlCache } from './cache.ts'
export type {
  CepProvider,
  CepProviderName,
  CepResult,
  CnpjProvider,
  CnpjResult,
  HttpProviderOptions,
  LookupFailureReason,
  LookupResult,
  ProviderResult,
} from './lookup.types.ts'
export {
  createLookups,
  createLookupsFromConfig,
  LOOKUP_MESSAGES,
  type Lookups,
  type LookupsOptions,
} from './lookups.ts'
export { createViaCepProvider } from './viacep.ts'
export { createRdapDomainProvider, type DomainAvailability, type DomainProvider } from './rdap.ts'
