import type { Lookups } from '../../platform/lookups/index.ts'
import type { CepLookupResponse, CnpjLookupResponse } from './lookups.schemas.ts'

/** Looks a CNPJ up; a company that is not ATIVA comes with a warning to show next to the data. */
export async function lookupCnpj(lookups: Lookups, cnpj: string): Promise<CnpjLookupResponse> {
  const r = await lookups.cnpj(cnpj)
  if (!r.ok) return { found: false, reason: r.reason, message: r.message }
  const { situacao, situacaoAtiva } = r.data
  return {
    found: true,
    data: r.data,
    source: r.source,
    ...(situacaoAtiva
      ? {}
      : {
          warning: `Situação cadastral na Receita Federal: ${situacao || 'NÃO INFORMADA'}. Confira antes de cadastrar.`,
        }),
  }
}

export async function lookupCep(lookups: Lookups, cep: string): Promise<CepLookupResponse> {
  const r = await lookups.cep(cep)
  return r.ok
    ? { found: true, data: r.data, source: r.source }
    : { found: false, reason: r.reason, message: r.message }
}
