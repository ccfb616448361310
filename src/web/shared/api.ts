/**
 * Thin fetch wrapper for the Cadastra JSON API.
 *
 * - JSON in, JSON out (or a multipart FormData with `api.upload`), cookies sent with
 *   `credentials: 'same-origin'`.
 * - Every non-GET request carries `x-csrf-token`, taken from the last response that returned a
 *   `csrfToken` (session, login, switch-tenant).
 * - Error responses become an `ApiError` built from the `{ code, message, fields }` body.
 * - A 401 on a protected call (anything outside the public auth endpoints) calls the handler
 *   registered with `onUnauthorized`, which the session uses to send the user to the login page.
 */

export type FieldErrors = Record<string, string>

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldErrors

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }
}

export const API_BASE = '/api/v1'

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Alguns dados não estão corretos. Revise o formulário.',
  401: 'Sua sessão terminou. Entre novamente.',
  403: 'Você não tem permissão para fazer isso.',
  404: 'Registro não encontrado.',
  409: 'Esta operação conflita com dados existentes.',
  413: 'O conteúdo enviado é grande demais.',
  429: 'Muitas tentativas. Aguarde um pouco e tente de novo.',
}
const SERVER_ERROR_MESSAGE = 'Ocorreu um erro no servidor. Tente novamente em instantes.'
const NETWORK_ERROR_MESSAGE = 'Não foi possível falar com o servidor. Verifique sua conexão e tente de novo.'

/** Endpoints where a 401 is an answer (wrong password, no session yet), not an expired session. */
const PUBLIC_PATHS = [
  '/auth/session',
  '/auth/login',
  '/auth/logout',
  '/auth/password-token',
  '/auth/password',
  '/auth/password-reset',
]

let csrfToken: string | null = null
let unauthorizedHandler: (() => void) | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export function getCsrfToken(): string | null {
  return csrfToken
}

/** Registers what to do when a protected call answers 401. Returns an unsubscribe function. */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
export type QueryParams = Record<string, string | number | boolean | null | undefined>

/** Builds `path?query`, dropping empty values. */
export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    search.set(key, String(value))
  }
  const query = search.toString()
  return query ? `${path}?${query}` : path
}

function isPublicPath(path: string): boolean {
  const bare = path.split('?')[0]
  return PUBLIC_PATHS.some((p) => bare === p)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined
  const text = await response.text()
  if (!text) return undefined
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      return JSON.parse(text)
    } catch {
      return undefined
    }
  }
  return text
}

function toApiError(status: number, body: unknown): ApiError {
  const fallback = status >= 500 ? SERVER_ERROR_MESSAGE : (FALLBACK_MESSAGES[status] ?? SERVER_ERROR_MESSAGE)
  if (!isRecord(body)) return new ApiError(status, `HTTP_${status}`, fallback)
  const code = typeof body.code === 'string' ? body.code : `HTTP_${status}`
  const message = typeof body.message === 'string' && body.message.trim() ? body.message : fallback
  const fields: FieldErrors = {}
  if (isRecord(body.fields)) {
    for (const [key, value] of Object.entries(body.fields)) {
      if (typeof value === 'string') fields[key] = value
      else if (Array.isArray(value) && typeof value[0] === 'string') fields[key] = value[0]
    }
  }
  return new ApiError(status, code, message, fields)
}

async function send(method: Method, path: string, body: unknown, retried: boolean): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' }
  // FormData (uploads) sets its own multipart content type with the boundary.
  const multipart = body instanceof FormData
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken

  let response: Response
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE)
  }

  const data = await readBody(response)
  if (response.ok) {
    if (isRecord(data) && typeof data.csrfToken === 'string') csrfToken = data.csrfToken
    return data
  }

  const error = toApiError(response.status, data)

  // A stale CSRF token (e.g. after the server rotated the session): refresh it once and retry.
  if (!retried && method !== 'GET' && response.status === 403 && error.code.includes('CSRF')) {
    try {
      await send('GET', '/auth/session', undefined, true)
      return await send(method, path, body, true)
    } catch {
      throw error
    }
  }

  if (response.status === 401 && !isPublicPath(path)) unauthorizedHandler?.()
  throw error
}

export const api = {
  get<T>(path: string, params?: QueryParams): Promise<T> {
    return send('GET', params ? withQuery(path, params) : path, undefined, false) as Promise<T>
  },
  post<T = void>(path: string, body?: unknown): Promise<T> {
    return send('POST', path, body, false) as Promise<T>
  },
  patch<T>(path: string, body?: unknown): Promise<T> {
    return send('PATCH', path, body, false) as Promise<T>
  },
  put<T>(path: string, body?: unknown): Promise<T> {
    return send('PUT', path, body, false) as Promise<T>
  },
  delete<T = void>(path: string, body?: unknown): Promise<T> {
    return send('DELETE', path, body, false) as Promise<T>
  },
  /** POSTs a multipart form (file uploads), with the same CSRF header and error handling. */
  upload<T>(path: string, form: FormData): Promise<T> {
    return send('POST', path, form, false) as Promise<T>
  },
}

/**
 * Downloads a generated file (an export) through fetch, so that a refusal ("filtre a lista") comes
 * back as an ApiError with its pt-BR message instead of a saved error page. The file keeps the name
 * the server gives it.
 */
export async function downloadFile(path: string, params?: QueryParams): Promise<void> {
  let response: Response
  try {
    response = await fetch(`${API_BASE}${withQuery(path, params)}`, { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE)
  }
  if (!response.ok) {
    const error = toApiError(response.status, await readBody(response))
    if (response.status === 401) unauthorizedHandler?.()
    throw error
  }
  const disposition = response.headers.get('content-disposition') ?? ''
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? ''
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

/** A pt-BR message for anything thrown by an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Algo deu errado. Tente novamente.'
}
