import type { Actor } from '../actor.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook for a valid session; null on public routes without one. */
    actor: Actor | null
    /** The CSRF token bound to this request's session (or the anonymous cookie token). */
    csrfToken: string | null
  }
  interface FastifyContextConfig {
    /** The route can be reached without a session. Everything else is deny-by-default. */
    public?: boolean
    /** Who may call the route once signed in: staff (default), client users, or both. */
    audience?: 'staff' | 'client' | 'any'
    /** Session stages besides 'full' allowed here: 'mfa' (code pending), 'enrol' (KEYPASS setup pending). */
    stages?: ('mfa' | 'enrol')[]
  }
}
