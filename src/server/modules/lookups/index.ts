export { lookupsRoutes } from './lookups.routes.ts'
export {
  CepData,
  CepLookupParams,
  CepLookupResponse,
  CnpjData,
  CnpjLookupParams,
  CnpjLookupResponse,
} from './lookups.schemas.ts'
