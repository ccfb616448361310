import type { FastifyRequest } from 'fastify'
import { AttachmentErrors, MAX_ATTACHMENT_BYTES } from './intake.attachments.ts'

/** Reads the one file of a multipart request (field "arquivo"), refusing anything over the limit. */
export async function readUpload(req: FastifyRequest): Promise<{ filename: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw AttachmentErrors.ATTACHMENT_MISSING()
  const file = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } })
  if (!file) throw AttachmentErrors.ATTACHMENT_MISSING()
  const bytes = await file.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw AttachmentErrors.ATTACHMENT_TOO_LARGE()
    throw err
  })
  return { filename: file.filename, bytes }
}
