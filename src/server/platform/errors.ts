/**
 * The only error type services throw. `code` is stable (clients and tests key on it), `message`
 * is pt-BR for a person to read, `fields` maps dotted input paths to messages.
 */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly fields?: Record<string, string>
  readonly headers?: Record<string, string>

  constructor(
    code: string,
    opts: {
      status: number
      message: string
      fields?: Record<string, string>
      headers?: Record<string, string>
    },
  ) {
    super(opts.message)
    this.name = 'AppError'
    this.code = code
    this.status = opts.status
    this.fields = opts.fields
    this.headers = opts.headers
  }
}

/** Declares a module's error catalogue: `const E = defineErrors({ X: [404, 'msg'] })`, then `throw E.X()`. */
export function defineErrors<const T extends Record<string, readonly [number, string]>>(
  catalogue: T,
): { [K in keyof T]: (details?: { message?: string; fields?: Record<string, string> }) => AppError } {
  const out: Record<string, (d?: { message?: string; fields?: Record<string, string> }) => AppError> = {}
  for (const [code, [status, message]] of Object.entries(catalogue)) {
    out[code] = (d) => new AppError(code, { status, message: d?.message ?? message, fields: d?.fields })
  }
  return out as never
}

/** Errors every module may raise. */
export const CommonErrors = defineErrors({
  VALIDATION_ERROR: [400, 'Alguns dados estão inválidos. Verifique os campos destacados.'],
  INVALID_JSON: [400, 'O corpo da requisição não é um JSON válido.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Formato de conteúdo não suportado. Envie JSON.'],
  PAYLOAD_TOO_LARGE: [413, 'O conteúdo enviado é grande demais.'],
  UNAUTHENTICATED: [401, 'Sua sessão expirou ou você não entrou. Entre novamente.'],
  FORBIDDEN: [403, 'Você não tem permissão para esta ação.'],
  CSRF_INVALID: [403, 'A página ficou desatualizada. Recarregue-a e tente de novo.'],
  NOT_FOUND: [404, 'Registro não encontrado.'],
  ROUTE_NOT_FOUND: [404, 'Endereço não encontrado.'],
  CONFLICT: [409, 'O registro foi alterado por outra pessoa. Recarregue e tente de novo.'],
  RATE_LIMITED: [429, 'Muitas tentativas em pouco tempo. Aguarde um pouco e tente de novo.'],
  INTERNAL: [500, 'Ocorreu um erro inesperado. Tente novamente; se persistir, avise o suporte.'],
  UNAVAILABLE: [503, 'O serviço está temporariamente indisponível. Tente novamente em instantes.'],
  STORAGE_UNAVAILABLE: [
    503,
    'O armazenamento de arquivos não respondeu agora e nada foi alterado. Tente de novo em alguns minutos.',
  ],
})

/** Postgres unique-violation detection that works for node-postgres and PGlite errors. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err)
  if (e?.code !== '23505') return false
  return constraint ? e.constraint === constraint || String(e.message ?? '').includes(constraint) : true
}

/** Postgres exclusion-constraint violation (SQLSTATE 23P01), e.g. two overlapping bookings. */
export function isExclusionViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err)
  if (e?.code !== '23P01') return false
  return constraint ? e.constraint === constraint || String(e.message ?? '').includes(constraint) : true
}

export function isForeignKeyViolation(err: unknown): boolean {
  return findPgError(err)?.code === '23503'
}

type PgErrorLike = { code?: string; constraint?: string; message?: string }
function findPgError(err: unknown): PgErrorLike | undefined {
  let cur: unknown = err
  for (let i = 0; i < 4 && typeof cur === 'object' && cur !== null; i++) {
    const c = cur as PgErrorLike & { cause?: unknown }
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c
    cur = c.cause
  }
  return undefined
}
