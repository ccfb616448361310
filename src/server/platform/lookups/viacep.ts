import { z } from 'zod'
import { normalizeCep } from '#shared/documents.ts'
import { getJson, urlOf } from './http.ts'
import type { CepProvider, HttpProviderOptions } from './lookup.types.ts'

const Text = z
  .string()
  .nullish()
  .transform((v) => (v ?? '').trim())

/**
 * ViaCEP's `GET /ws/{cep}/json/`: `{ cep: '01001-000', logradouro, complemento, unidade, bairro,
 * localidade, uf, estado, regiao, ibge, gia, ddd, siafi }`, or 200 `{ "erro": true }` (older
 * deployments: `"true"`) for a CEP that does not exist; 400 for a malformed one.
 */
const ViaCepAddress = z.object({
  cep: Text,
  logradouro: Text,
  bairro: Text,
  localidade: z.string().trim().min(1),
  uf: z.string().trim().length(2),
})

export function createViaCepProvider(opts: HttpProviderOptions): CepProvider {
  return {
    name: 'viacep',
    async lookupCep(cep) {
      const res = await getJson(urlOf(opts.baseUrl, `/ws/${encodeURIComponent(cep)}/json/`), opts)
      if (res.kind === 'failed') return { ok: false, reason: 'unavailable', detail: res.detail }
      if (res.status === 400 || res.status === 404) {
        return { ok: false, reason: 'not_found', detail: `HTTP ${res.status}` }
      }
      if (res.status !== 200) return { ok: false, reason: 'unavailable', detail: `HTTP ${res.status}` }
      const json = res.json as { erro?: unknown } | undefined
      if (json && typeof json === 'object' && (json.erro === true || json.erro === 'true')) {
        return { ok: false, reason: 'not_found', detail: 'erro: true' }
      }
      const parsed = ViaCepAddress.safeParse(json)
      if (!parsed.success) {
        return {
          ok: false,
          reason: 'unavailable',
          detail: json === undefined ? 'resposta não é JSON' : 'resposta em formato inesperado',
        }
      }
      const a = parsed.data
      return {
        ok: true,
        data: {
          cep: normalizeCep(a.cep) || cep,
          logradouro: a.logradouro,
          bairro: a.bairro,
          municipio: a.localidade,
          uf: a.uf.toUpperCase(),
          provider: 'viacep',
        },
      }
    },
  }
}
