import { isValidCep, isValidCnpj, normalizeCep, normalizeCnpj } from '#shared/documents.ts'
import type { Config } from '../../config.ts'
import { createBrasilApiCepProvider, createBrasilApiCnpjProvider } from './brasilapi.ts'
import { TtlCache } from './cache.ts'
import type {
  CepProvider,
  CepResult,
  CnpjProvider,
  CnpjResult,
  LookupFailureReason,
  LookupResult,
  ProviderResult,
} from './lookup.types.ts'
import { createRdapDomainProvider, type DomainAvailability, type DomainProvider } from './rdap.ts'
import { createViaCepProvider } from './viacep.ts'

export const LOOKUP_MESSAGES = {
  cnpj: {
    invalid: 'CNPJ inválido: confira os dígitos verificadores.',
    not_found: 'CNPJ não encontrado na Receita Federal. Confira o número ou preencha os dados manualmente.',
    unavailable: 'Não foi possível consultar a Receita Federal agora. Preencha os dados manualmente.',
  },
  cep: {
    invalid: 'CEP inválido: informe os 8 dígitos.',
    not_found: 'CEP não encontrado. Confira o número ou preencha o endereço manualmente.',
    unavailable: 'Não foi possível consultar o CEP agora. Preencha o endereço manualmente.',
  },
} as const satisfies Record<'cnpj' | 'cep', Record<LookupFailureReason, string>>

const HOUR = 3_600_000

export type LookupsOptions = {
  cnpj: CnpjProvider
  /** Asked in order: the next one when the previous is unavailable or does not know the CEP. */
  cep: CepProvider[]
  /** Domain availability (Registro.br RDAP); without one, every check says "não foi possível". */
  domain?: DomainProvider
  /** Milliseconds clock for the cache (tests move it). */
  now?: () => number
  maxEntries?: number
  /** TTLs: found 24 h, not found 10 min; "unavailable" is never cached. */
  ttlMs?: { found?: number; notFound?: number }
  /** Called for every provider that could not answer (for the log). */
  onUnavailable?: (info: { lookup: 'cnpj' | 'cep'; provider: string; detail: string }) => void
}

export type Lookups = {
  cnpj(input: string): Promise<LookupResult<CnpjResult>>
  cep(input: string): Promise<LookupResult<CepResult>>
  /** Not cached: availability changes, and the answer is asked for on a button. */
  domain(input: string): Promise<DomainAvailability>
}

type Settled<T> = { ok: true; data: T } | { ok: false; reason: 'not_found' | 'unavailable' }

/**
 * CNPJ and CEP lookups behind providers, with validation first (invalid input never reaches an
 * API), a cache, and one request at a time per key (concurrent lookups share it).
 */
export function createLookups(opts: LookupsOptions): Lookups {
  const cache = new TtlCache<Settled<unknown>>({
    maxEntries: opts.maxEntries ?? 5000,
    now: opts.now ?? Date.now,
  })
  const found = opts.ttlMs?.found ?? 24 * HOUR
  const notFound = opts.ttlMs?.notFound ?? 10 * 60_000
  const inFlight = new Map<string, Promise<Settled<unknown>>>()

  async function cached<T>(
    kind: 'cnpj' | 'cep',
    key: string,
    load: () => Promise<Settled<T>>,
  ): Promise<LookupResult<T>> {
    const cacheKey = `${kind}:${key}`
    const hit = cache.get(cacheKey) as Settled<T> | undefined
    if (hit) return present(kind, hit, 'cache')
    let pending = inFlight.get(cacheKey) as Promise<Settled<T>> | undefined
    if (!pending) {
      pending = load().then((r) => {
        if (r.ok) cache.set(cacheKey, r, found)
        else if (r.reason === 'not_found') cache.set(cacheKey, r, notFound)
        return r
      })
      const shared = pending.finally(() => inFlight.delete(cacheKey))
      inFlight.set(cacheKey, shared)
      pending = shared
    }
    return present(kind, await pending, 'api')
  }

  function fromProvider<T>(
    lookup: 'cnpj' | 'cep',
    provider: { name: string },
    r: ProviderResult<T>,
  ): Settled<T> {
    if (r.ok) return r
    if (r.reason === 'unavailable')
      opts.onUnavailable?.({ lookup, provider: provider.name, detail: r.detail })
    return { ok: false, reason: r.reason }
  }

  return {
    async cnpj(input) {
      if (!isValidCnpj(input)) return invalid('cnpj')
      const cnpj = normalizeCnpj(input)
      return cached('cnpj', cnpj, async () =>
        fromProvider('cnpj', opts.cnpj, await safely(() => opts.cnpj.lookupCnpj(cnpj))),
      )
    },
    async domain(input) {
      if (!opts.domain)
        return { domain: input, available: null, message: 'Consulta de domínios não configurada.' }
      return opts.domain.check(input)
    },
    async cep(input) {
      if (!isValidCep(input)) return invalid('cep')
      const cep = normalizeCep(input)
      return cached('cep', cep, async () => {
        let sawNotFound = false
        for (const provider of opts.cep) {
          const r = fromProvider('cep', provider, await safely(() => provider.lookupCep(cep)))
          if (r.ok) return r
          if (r.reason === 'not_found') sawNotFound = true
        }
        return { ok: false, reason: sawNotFound ? 'not_found' : 'unavailable' }
      })
    },
  }
}

/** The production wiring: BrasilAPI for CNPJ; BrasilAPI then ViaCEP for CEP. */
export function createLookupsFromConfig(
  config: Pick<Config, 'lookups'>,
  extra: Omit<LookupsOptions, 'cnpj' | 'cep'> = {},
): Lookups {
  const { brasilApiUrl, viaCepUrl, rdapUrl, timeoutMs } = config.lookups
  return createLookups({
    cnpj: createBrasilApiCnpjProvider({ baseUrl: brasilApiUrl, timeoutMs }),
    cep: [
      createBrasilApiCepProvider({ baseUrl: brasilApiUrl, timeoutMs }),
      createViaCepProvider({ baseUrl: viaCepUrl, timeoutMs }),
    ],
    domain: createRdapDomainProvider({ baseUrl: rdapUrl, timeoutMs }),
    ...extra,
  })
}

function present<T>(kind: 'cnpj' | 'cep', r: Settled<T>, source: 'api' | 'cache'): LookupResult<T> {
  if (r.ok) return { ok: true, data: r.data, source }
  return { ok: false, reason: r.reason, message: LOOKUP_MESSAGES[kind][r.reason] }
}

function invalid(kind: 'cnpj' | 'cep'): LookupResult<never> {
  return { ok: false, reason: 'invalid', message: LOOKUP_MESSAGES[kind].invalid }
}

/** A provider that throws (a bug, a custom implementation) is treated as unavailable. */
async function safely<T>(call: () => Promise<ProviderResult<T>>): Promise<ProviderResult<T>> {
  try {
    return await call()
  } catch (err) {
    return { ok: false, reason: 'unavailable', detail: err instanceof Error ? err.message : String(err) }
  }
}
