import type { App } from '#server/app.ts'

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
export type Response<T = any> = { status: number; body: T; headers: Record<string, unknown>; raw: Buffer }

/**
 * A browser-like HTTP client over app.inject(): keeps cookies, sends the CSRF token the way the
 * web app does (from GET /api/v1/auth/session or the login response).
 */
export class TestClient {
  cookies = new Map<string, string>()
  csrfToken: string | null = null

  constructor(private readonly app: App) {}

  async request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    })
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === ''
      if (expired) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const text = res.body
    const parsed =
      text && String(res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text
    if (parsed && typeof parsed === 'object' && typeof parsed.csrfToken === 'string')
      this.csrfToken = parsed.csrfToken
    return { status: res.statusCode, body: parsed as T, headers: res.headers, raw: res.rawPayload }
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url)
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {})
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body)
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url)
  }

  /** A multipart/form-data request with one file, sent like a browser would (cookies and CSRF token). */
  async upload(method: 'POST' | 'PUT', url: string, filename: string, bytes: Buffer, type: string) {
    const boundary = '----cadastra-teste'
    const res = await this.app.inject({
      method,
      url,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="arquivo"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': this.csrfToken ?? '',
      },
    })
    return { status: res.statusCode, body: JSON.parse(res.body) }
  }

  /** Gets an anonymous CSRF token, then signs in. Throws when the login fails. */
  async login(email: string, password: string) {
    await this.get('/api/v1/auth/session')
    const res = await this.post('/api/v1/auth/login', { email, password })
    if (res.status !== 200) throw new Error(`login falhou: ${res.status} ${JSON.stringify(res.body)}`)
    return res
  }
}
