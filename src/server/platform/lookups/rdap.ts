import { getJson, urlOf } from './http.ts'
import type { HttpProviderOptions } from './lookup.types.ts'

/** Is a .br domain free to register? `available: null` when the registry could not be asked. */
export type DomainAvailability = {
  domain: string
  available: boolean | null
  message: string
  /** When registered: its expiry (YYYY-MM-DD), as the registry publishes it. */
  expiresOn?: string
}

export interface DomainProvider {
  readonly name: string
  check(domain: string): Promise<DomainAvailability>
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+br$/

type RdapDomain = {
  objectClassName?: string
  ldhName?: string
  events?: { eventAction?: string; eventDate?: string }[]
}

/**
 * Registro.br's RDAP service (RFC 9083): `GET {base}/domain/{name}` answers 200 with the domain
 * object when it is registered and 404 when it is not (seed 003 5.4.1.2.5.1 "Verificar Disponibilidade").
 */
export function createRdapDomainProvider(opts: HttpProviderOptions): DomainProvider {
  return {
    name: 'registro.br (RDAP)',
    async check(input) {
      const domain = input.trim().toLowerCase().replace(/\.$/, '')
      if (!DOMAIN.test(domain))
        return {
          domain,
          available: null,
          message: 'Informe um domínio .br válido (ex.: minhaempresa.com.br).',
        }
      const r = await getJson(urlOf(opts.baseUrl, `/domain/${encodeURIComponent(domain)}`), opts)
      if (r.kind === 'answer' && r.status === 404)
        return { domain, available: true, message: `${domain} está disponível para registro.` }
      const doc = r.kind === 'answer' ? (r.json as RdapDomain | undefined) : undefined
      if (r.kind === 'answer' && r.status === 200 && doc?.objectClassName === 'domain') {
        const expiry = doc.events?.find((e) => e.eventAction === 'expiration')?.eventDate?.slice(0, 10)
        const until = expiry ? ` (registrado até ${expiry.split('-').reverse().join('/')})` : ''
        return {
          domain,
          available: false,
          message: `${domain} não está disponível: já está registrado${until}.`,
          ...(expiry ? { expiresOn: expiry } : {}),
        }
      }
      return {
        domain,
        available: null,
        message: 'Não foi possível consultar o Registro.br agora. Tente de novo em instantes.',
      }
    },
  }
}
