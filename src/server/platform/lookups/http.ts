import type { HttpProviderOptions } from './lookup.types.ts'

const MAX_BODY_CHARS = 1_000_000

/** The outcome of one GET: an HTTP answer (its JSON, or `json: undefined` when it was not JSON), or a failure. */
export type HttpAnswer =
  | { kind: 'answer'; status: number; json: unknown }
  | { kind: 'failed'; detail: string }

/**
 * GET a JSON document with a hard timeout covering the whole exchange (connect, headers, body).
 * Never throws: timeouts, refused connections and resets come back as `failed`.
 */
export async function getJson(url: string, opts: HttpProviderOptions): Promise<HttpAnswer> {
  const doFetch = opts.fetch ?? fetch
  try {
    const res = await doFetch(url, {
      headers: { accept: 'application/json', 'user-agent': 'Cadastra/1.0 (+consulta de cadastro)' },
      redirect: 'follow',
      signal: AbortSignal.timeout(opts.timeoutMs),
    })
    const text = await res.text()
    if (text.length > MAX_BODY_CHARS)
      return { kind: 'failed', detail: `resposta grande demais (${res.status})` }
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { kind: 'answer', status: res.status, json }
  } catch (err) {
    return { kind: 'failed', detail: describeFetchError(err) }
  }
}

function describeFetchError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'tempo esgotado'
  const cause = e?.cause?.code ?? e?.cause?.message
  return cause ? `${e?.message ?? 'falha'} (${cause})` : (e?.message ?? String(err))
}

/** `{base}{path}` with the base's trailing slashes removed. */
export function urlOf(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`
}
