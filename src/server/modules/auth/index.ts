export { installAuthHooks, CSRF_HEADER, SESSION_COOKIE, CSRF_COOKIE } from './auth.hooks.ts'
export { authRoutes } from './auth.routes.ts'
export { issuePasswordToken, passwordLink } from './auth.service.ts'
export { hashPassword } from '../../platform/security/passwords.ts'
export {
  listMemberships,
  openSession,
  proveIdentityPassword,
  type AuthDeps,
  type Membership,
  type RequestMeta,
  type ResolvedSession,
} from './auth.service.ts'
export { resetKeypass } from './keypass.service.ts'
export { assertPasswordAcceptable } from './password-policy.ts'
export { requestMeta, setSessionCookie } from './auth.hooks.ts'
export type { UserRow } from './auth.repository.ts'
