import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CommonErrors } from '../../platform/errors.ts'
import { clearSessionCookie, ensureAnonymousCsrf, requestMeta, setSessionCookie } from './auth.hooks.ts'
import {
  LoginBody,
  PasswordTokenInfo,
  RequestPasswordResetBody,
  PasswordTokenQuery,
  SessionInfo,
  SetPasswordBody,
  SwitchTenantBody,
} from './auth.schemas.ts'
import * as auth from './auth.service.ts'

export function authRoutes(deps: auth.AuthDeps & { loginRateLimit: number }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Autenticação']
    const appInfo = {
      database: deps.config.database.kind,
      mailMode: deps.config.mail.transport,
    } as const

    app.get(
      '/auth/session',
      {
        config: { public: true },
        schema: { tags, summary: 'Sessão atual e token CSRF', response: { 200: SessionInfo } },
      },
      async (req, reply) => {
        if (req.session)
          return { csrfToken: req.session.session.csrfToken, app: appInfo, user: req.session.user }
        return { csrfToken: ensureAnonymousCsrf(req, reply, deps), app: appInfo, user: null }
      },
    )

    app.post(
      '/auth/login',
      {
        config: {
          public: true,
          rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' },
        },
        schema: {
          tags,
          summary: 'Entrar com e-mail e senha',
          body: LoginBody,
          response: { 200: SessionInfo },
        },
      },
      async (req, reply) => {
        const { token, resolved } = await auth.login(deps, requestMeta(req), req.body)
        setSessionCookie(reply, deps, token)
        return { csrfToken: resolved.session.csrfToken, app: appInfo, user: resolved.user }
      },
    )

    app.post('/auth/logout', { schema: { tags, summary: 'Sair' } }, async (req, reply) => {
      if (!req.session) throw CommonErrors.UNAUTHENTICATED()
      await auth.logout(deps, req.session)
      clearSessionCookie(reply, deps)
      return reply.code(204).send()
    })

    app.post(
      '/auth/switch-tenant',
      {
        schema: {
          tags,
          summary: 'Trocar de inquilino',
          body: SwitchTenantBody,
          response: { 200: SessionInfo },
        },
      },
      async (req) => {
        if (!req.session) throw CommonErrors.UNAUTHENTICATED()
        const resolved = await auth.switchTenant(deps, req.session, req.body.tenantId, requestMeta(req))
        return { csrfToken: resolved.session.csrfToken, app: appInfo, user: resolved.user }
      },
    )

    app.get(
      '/auth/password-token',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Dados de um link de definição de senha',
          querystring: PasswordTokenQuery,
          response: { 200: PasswordTokenInfo },
        },
      },
      async (req) => auth.getPasswordToken(deps, req.query.token),
    )

    app.post(
      '/auth/password-reset',
      {
        config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Pedir um link para redefinir a senha (resposta igual exista ou não a conta)',
          body: RequestPasswordResetBody,
        },
      },
      async (req, reply) => {
        await auth.requestPasswordReset(deps, requestMeta(req), req.body.email)
        return reply.code(204).send()
      },
    )

    app.post(
      '/auth/password',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Definir a senha com um link recebido por e-mail', body: SetPasswordBody },
      },
      async (req, reply) => {
        await auth.setPasswordWithToken(deps, requestMeta(req), req.body)
        return reply.code(204).send()
      },
    )
  }
}
