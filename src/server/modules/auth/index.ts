export { installAuthHooks, CSRF_HEADER, SESSION_COOKIE, CSRF_COOKIE } from './auth.hooks.ts'
export { authRoutes } from './auth.routes.ts'
export { issuePasswordToken, passwordLink } from './auth.service.ts'
export { hashPassword } from '../../platform/security/passwords.ts'
