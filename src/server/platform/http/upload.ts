import type { FastifyRequest } from 'fastify'
import type { AppError } from '../errors.ts'

/**
 * Reads the one file of a multipart request, whatever its field name, refusing a request without
 * a file and a file over `maxBytes` with the caller's pt-BR errors.
 */
export async function readSingleFile(
  req: FastifyRequest,
  maxBytes: number,
  errors: { missing: () => AppError; tooLarge: () => AppError },
): Promise<{ filename: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw errors.missing()
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } })
  if (!file) throw errors.missing()
  const bytes = await file.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw errors.tooLarge()
    throw err
  })
  return { filename: file.filename, bytes }
}
