import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CommonErrors } from '../../platform/errors.ts'
import { AuthErrors } from './auth.errors.ts'
import { randomToken, safeEqual } from '../../platform/security/tokens.ts'
import { type AuthDeps, type RequestMeta, type ResolvedSession, resolveSession } from './auth.service.ts'

export const SESSION_COOKIE = 'cadastra_session'
export const CSRF_COOKIE = 'cadastra_csrf'
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null
  }
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) }
}

/**
 * Deny-by-default authentication and CSRF protection for every /api route.
 * - A valid session cookie sets `req.actor`; routes without `config.public` require one.
 * - Every unsafe method must echo the CSRF token in `x-csrf-token`: the session's token when signed
 *   in, otherwise the anonymous token of the `cadastra_csrf` cookie (double submit).
 */
export function installAuthHooks(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('csrfToken', null)
  app.decorateRequest('session', null)

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return
    const raw = req.cookies[SESSION_COOKIE]
    const resolved = raw ? await resolveSession(deps, raw, requestMeta(req)) : null
    if (raw && !resolved) clearSessionCookie(reply, deps)
    req.session = resolved
    req.actor = resolved?.actor ?? null
    req.csrfToken = resolved ? resolved.session.csrfToken : (req.cookies[CSRF_COOKIE] ?? null)

    if (req.is404) return
    const config = req.routeOptions.config ?? {}
    const isPublic = config.public === true || req.url.startsWith('/api/docs')
    if (!isPublic && !resolved) throw CommonErrors.UNAUTHENTICATED()
    if (
      !SAFE_METHODS.has(req.method) &&
      !safeEqual(req.headers[CSRF_HEADER] as string | undefined, req.csrfToken)
    ) {
      throw CommonErrors.CSRF_INVALID()
    }
  })

  // After validation (so malformed input is always a 400): the session's stage and audience.
  app.addHook('preHandler', async (req) => {
    const resolved = req.session
    const config = req.routeOptions.config ?? {}
    if (!req.url.startsWith('/api/') || req.is404 || config.public === true || !resolved) return
    const stage = resolved.session.stage
    if (stage !== 'full' && !config.stages?.includes(stage)) {
      throw stage === 'mfa' ? AuthErrors.MFA_REQUIRED() : AuthErrors.KEYPASS_ENROLMENT_REQUIRED()
    }
    const audience = config.audience ?? 'staff'
    if (audience !== 'any' && resolved.actor.kind !== audience) throw CommonErrors.FORBIDDEN()
  })
}

export function cookieOptions(deps: AuthDeps) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
  }
}

export function setSessionCookie(reply: FastifyReply, deps: AuthDeps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(deps),
    maxAge: deps.config.sessionTtlHours * 3600,
  })
}

export function clearSessionCookie(reply: FastifyReply, deps: AuthDeps): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(deps))
}

/** Gives an anonymous visitor a CSRF token (cookie + body) so the login form can post. */
export function ensureAnonymousCsrf(req: FastifyRequest, reply: FastifyReply, deps: AuthDeps): string {
  const existing = req.cookies[CSRF_COOKIE]
  if (existing && existing.length >= 20) return existing
  const token = randomToken(24)
  reply.setCookie(CSRF_COOKIE, token, { ...cookieOptions(deps), sameSite: 'strict' })
  return token
}
