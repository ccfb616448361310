import type { FastifyRequest } from 'fastify'
import { readSingleFile } from '../../platform/http/upload.ts'
import { AttachmentErrors, MAX_ATTACHMENT_BYTES } from './intake.attachments.ts'

/** Reads the one file of a multipart request (a ficha's original), refusing anything over the limit. */
export function readUpload(req: FastifyRequest): Promise<{ filename: string; bytes: Buffer }> {
  return readSingleFile(req, MAX_ATTACHMENT_BYTES, {
    missing: () => AttachmentErrors.ATTACHMENT_MISSING(),
    tooLarge: () => AttachmentErrors.ATTACHMENT_TOO_LARGE(),
  })
}
