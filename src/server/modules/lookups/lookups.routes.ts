import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Lookups } from '../../platform/lookups/index.ts'
import {
  CepLookupParams,
  CepLookupResponse,
  CnpjLookupParams,
  CnpjLookupResponse,
  DomainLookupParams,
  DomainLookupResponse,
} from './lookups.schemas.ts'
import { lookupCep, lookupCnpj } from './lookups.service.ts'

/** Per person (an office shares one address), 60 lookups a minute: plenty for typing, not for scraping. */
const rateLimit = {
  max: 60,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => req.actor?.userId ?? req.ip,
}

/**
 * CNPJ and CEP lookups for the registration screens (staff only). Always 200: `found: false`
 * carries a pt-BR message and the screen lets the person type the data by hand.
 */
export function lookupsRoutes(lookups: Lookups): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Consultas']
    app.get(
      '/lookups/cnpj/:cnpj',
      {
        schema: {
          tags,
          summary: 'Consulta CNPJ na Receita Federal (BrasilAPI)',
          params: CnpjLookupParams,
          response: { 200: CnpjLookupResponse },
        },
        config: { rateLimit },
      },
      async (req) => lookupCnpj(lookups, req.params.cnpj),
    )
    app.get(
      '/lookups/cep/:cep',
      {
        schema: {
          tags,
          summary: 'Consulta CEP (BrasilAPI, com ViaCEP de reserva)',
          params: CepLookupParams,
          response: { 200: CepLookupResponse },
        },
        config: { rateLimit },
      },
      async (req) => lookupCep(lookups, req.params.cep),
    )
    app.get(
      '/lookups/domain/:domain',
      {
        schema: {
          tags,
          summary: 'Verifica a disponibilidade de um domínio .br (Registro.br, RDAP)',
          params: DomainLookupParams,
          response: { 200: DomainLookupResponse },
        },
        config: { rateLimit },
      },
      async (req) => lookups.domain(req.params.domain),
    )
  }
}
