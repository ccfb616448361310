import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError, CommonErrors } from '../errors.ts'
import { StorageUnavailableError } from '../storage/storage.ts'

/**
 * One place maps every failure to `{ code, message, fields? }`: AppErrors as they are, schema
 * failures to 400 with field paths, parser failures to 400/413/415, everything else to a 500
 * whose details go to the log (with the request id) and never to the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err)
    if (err instanceof StorageUnavailableError)
      req.log.warn({ reqId: req.id, reason: err.message }, 'armazenamento indisponível')
    else if (appError.status >= 500) req.log.error({ err, reqId: req.id }, 'erro não tratado')
    else
      req.log.info(
        // What the parser said under a refusal such as SPREADSHEET_MALFORMED (never user data).
        { code: appError.code, status: appError.status, cause: describeCause(appError.cause) },
        'requisição recusada',
      )
    if (appError.headers) reply.headers(appError.headers)
    return reply.code(appError.status).send({
      code: appError.code,
      message: appError.message,
      ...(appError.fields ? { fields: appError.fields } : {}),
    })
  })
}

function describeCause(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined
  return cause instanceof Error
    ? `${cause.name}: ${cause.message}`.slice(0, 300)
    : String(cause).slice(0, 300)
}

/** 404 body for unknown API routes. */
export function routeNotFoundBody() {
  const e = CommonErrors.ROUTE_NOT_FOUND()
  return { code: e.code, message: e.message }
}

export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err
  // The bucket is down or refuses us: the person tries again; the reason goes to the log.
  if (err instanceof StorageUnavailableError) return CommonErrors.STORAGE_UNAVAILABLE()
  const fe = err as FastifyError
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const fields: Record<string, string> = {}
    for (const v of fe.validation) {
      const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.')
      if (v.keyword === 'unrecognized_keys') {
        const keys = (v.params as { keys?: string[] } | undefined)?.keys ?? []
        for (const k of keys) fields[base ? `${base}.${k}` : k] = 'Campo não permitido.'
        continue
      }
      const key = base || fe.validationContext || 'body'
      if (!fields[key]) fields[key] = v.message ?? 'Valor inválido.'
    }
    return CommonErrors.VALIDATION_ERROR({ fields })
  }
  if (isResponseSerializationError(fe)) return CommonErrors.INTERNAL()
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return CommonErrors.INVALID_JSON()
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return CommonErrors.UNSUPPORTED_MEDIA_TYPE()
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return CommonErrors.PAYLOAD_TOO_LARGE()
    case 'FST_ERR_VALIDATION':
      return CommonErrors.VALIDATION_ERROR({ message: 'Dados inválidos na requisição.' })
  }
  if (fe.statusCode === 429) return CommonErrors.RATE_LIMITED()
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('BAD_REQUEST', { status: fe.statusCode, message: 'Requisição inválida.' })
  }
  return CommonErrors.INTERNAL()
}
