import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CommonErrors } from '../../platform/errors.ts'
import { clearSessionCookie, ensureAnonymousCsrf, requestMeta, setSessionCookie } from './auth.hooks.ts'
import {
  ChangePasswordBody,
  KeypassCodeBody,
  KeypassSetup,
  KeypassSetupBody,
  SentCode,
  KeypassStatus,
  LoginBody,
  MfaVerifyBody,
  PasswordTokenInfo,
  PasswordTokenQuery,
  RecoveryCodesResult,
  RequestPasswordResetBody,
  SessionInfo,
  SetPasswordBody,
  SwitchCompanyBody,
  SwitchTenantBody,
} from './auth.schemas.ts'
import * as auth from './auth.service.ts'
import * as keypass from './keypass.service.ts'
import { changePassword } from './password.service.ts'

export function authRoutes(deps: auth.AuthDeps & { loginRateLimit: number }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Autenticação']
    const appInfo = { database: deps.config.database.kind, mailMode: deps.config.mail.transport } as const
    const view = (r: auth.ResolvedSession) => ({ csrfToken: r.session.csrfToken, app: appInfo, user: r.user })
    const sessionOf = (req: { session: auth.ResolvedSession | null }) => {
      if (!req.session) throw CommonErrors.UNAUTHENTICATED()
      return req.session
    }
    // Signed-in routes every kind of session may use, in any stage unless stated.
    const anyone = { audience: 'any' as const, stages: ['mfa' as const, 'enrol' as const] }

    app.get(
      '/auth/session',
      {
        config: { public: true },
        schema: { tags, summary: 'Sessão atual e token CSRF', response: { 200: SessionInfo } },
      },
      async (req, reply) => {
        if (req.session) return view(req.session)
        return { csrfToken: ensureAnonymousCsrf(req, reply, deps), app: appInfo, user: null }
      },
    )

    app.post(
      '/auth/login',
      {
        config: { public: true, rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
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
        // E-mail/SMS KEYPASS: the code goes out with the password step.
        if (resolved.session.stage === 'mfa' && resolved.user.secondFactor !== 'totp') {
          await keypass
            .sendLoginCode(deps, resolved)
            .catch((err) => req.log.warn({ err }, 'código KEYPASS não enviado'))
        }
        return view(resolved)
      },
    )

    app.post('/auth/logout', { config: anyone, schema: { tags, summary: 'Sair' } }, async (req, reply) => {
      await auth.logout(deps, sessionOf(req))
      clearSessionCookie(reply, deps)
      return reply.code(204).send()
    })

    app.post(
      '/auth/switch-tenant',
      {
        config: { audience: 'any' },
        schema: {
          tags,
          summary: 'Trocar de inquilino (ou de equipe para portal)',
          body: SwitchTenantBody,
          response: { 200: SessionInfo },
        },
      },
      async (req) => view(await auth.switchTenant(deps, sessionOf(req), req.body, requestMeta(req))),
    )

    app.post(
      '/portal/switch-company',
      {
        config: { audience: 'client' },
        schema: {
          tags: ['Portal do cliente'],
          summary: 'Trocar de empresa',
          body: SwitchCompanyBody,
          response: { 200: SessionInfo },
        },
      },
      async (req) =>
        view(await auth.switchCompany(deps, sessionOf(req), req.body.companyId, requestMeta(req))),
    )

    app.post(
      '/auth/mfa/verify',
      {
        config: { audience: 'any', stages: ['mfa'], rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Segundo passo da entrada: código KEYPASS ou de recuperação',
          body: MfaVerifyBody,
          response: { 200: SessionInfo },
        },
      },
      async (req) => {
        const resolved = sessionOf(req)
        await keypass.verifySecondFactor(
          deps,
          resolved,
          req.body.recoveryCode ? { recoveryCode: req.body.recoveryCode } : { code: req.body.code! },
        )
        // Only the stage changed: no need to resolve the whole session again.
        return view({ ...resolved, user: { ...resolved.user, stage: 'full' } })
      },
    )

    app.post(
      '/auth/mfa/send-code',
      {
        config: { audience: 'any', stages: ['mfa'], rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Reenvia o código KEYPASS por e-mail/SMS', response: { 200: SentCode } },
      },
      async (req) => keypass.sendLoginCode(deps, sessionOf(req), { resend: true }),
    )

    app.get(
      '/auth/keypass',
      {
        config: { audience: 'any', stages: ['enrol'] },
        schema: { tags, summary: 'Situação do KEYPASS', response: { 200: KeypassStatus } },
      },
      async (req) => keypass.keypassStatus(deps, sessionOf(req)),
    )

    app.post(
      '/auth/keypass/setup',
      {
        config: { audience: 'any', stages: ['enrol'] },
        schema: {
          tags,
          summary: 'Inicia o KEYPASS: aplicativo (QR code e chave) ou código por e-mail/SMS',
          body: KeypassSetupBody.optional(),
          response: { 200: KeypassSetup },
        },
      },
      async (req) => keypass.setupKeypass(deps, sessionOf(req), req.body ?? {}),
    )

    app.post(
      '/auth/keypass/confirm',
      {
        config: { audience: 'any', stages: ['enrol'], rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Confirma o KEYPASS com um código; devolve os códigos de recuperação',
          body: KeypassCodeBody,
          response: { 200: RecoveryCodesResult },
        },
      },
      async (req) => keypass.confirmKeypass(deps, sessionOf(req), req.body.code),
    )

    app.post(
      '/auth/keypass/recovery-codes',
      {
        config: { audience: 'any', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Gera novos códigos de recuperação (os antigos deixam de valer)',
          body: KeypassCodeBody,
          response: { 200: RecoveryCodesResult },
        },
      },
      async (req) => keypass.regenerateRecoveryCodes(deps, sessionOf(req), req.body.code),
    )

    app.post(
      '/auth/change-password',
      {
        config: { audience: 'any', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Trocar a própria senha', body: ChangePasswordBody },
      },
      async (req, reply) => {
        await changePassword(deps, sessionOf(req), req.body)
        return reply.code(204).send()
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
