import { createHash } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import type { Actor } from '../../platform/actor.ts'
import { systemActor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { defineErrors } from '../../platform/errors.ts'
import { fichaAttachments } from './intake.tables.ts'

export const AttachmentErrors = defineErrors({
  ATTACHMENT_TYPE: [415, 'Envie o original em PDF, PNG ou JPEG.'],
  ATTACHMENT_TOO_LARGE: [413, 'O arquivo passa de 10 MB. Envie uma versão menor.'],
  ATTACHMENT_EMPTY: [400, 'O arquivo está vazio.'],
  ATTACHMENT_MISSING: [400, 'Selecione o arquivo da ficha.'],
  ATTACHMENT_NOT_FOUND: [404, 'Anexo não encontrado.'],
  ATTACHMENT_LIMIT: [409, 'Esta ficha já tem 10 anexos.'],
})

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/** The real type from the first bytes: a renamed .exe is not a PDF because its name says so. */
export function sniffType(bytes: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  return null
}

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'ficha'
  return base.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'ficha'
}

export async function addAttachment(
  tx: Db,
  actor: Actor | null,
  input: { tenantId: string; fichaId: string; filename: string; bytes: Buffer },
) {
  if (input.bytes.length === 0) throw AttachmentErrors.ATTACHMENT_EMPTY()
  if (input.bytes.length > MAX_ATTACHMENT_BYTES) throw AttachmentErrors.ATTACHMENT_TOO_LARGE()
  const type = sniffType(input.bytes)
  if (!type) throw AttachmentErrors.ATTACHMENT_TYPE()
  const existing = await listAttachments(tx, input.tenantId, input.fichaId)
  if (existing.length >= 10) throw AttachmentErrors.ATTACHMENT_LIMIT()
  const [row] = await tx
    .insert(fichaAttachments)
    .values({
      tenantId: input.tenantId,
      fichaId: input.fichaId,
      filename: cleanName(input.filename),
      contentType: type,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      content: input.bytes,
    })
    .returning({ id: fichaAttachments.id, filename: fichaAttachments.filename })
  await recordAudit(tx, actor ?? systemActor(input.tenantId, 'Formulário público'), {
    tenantId: input.tenantId,
    entity: 'ficha',
    entityId: input.fichaId,
    action: 'attachment_added',
    after: { filename: row.filename, contentType: type, size: input.bytes.length },
  })
  return row
}

export async function listAttachments(db: Db, tenantId: string, fichaId: string) {
  return db
    .select({
      id: fichaAttachments.id,
      filename: fichaAttachments.filename,
      contentType: fichaAttachments.contentType,
      size: fichaAttachments.size,
      createdAt: fichaAttachments.createdAt,
    })
    .from(fichaAttachments)
    .where(and(eq(fichaAttachments.tenantId, tenantId), eq(fichaAttachments.fichaId, fichaId)))
    .orderBy(asc(fichaAttachments.createdAt))
}

export async function getAttachment(db: Db, tenantId: string, fichaId: string, id: string) {
  const [row] = await db
    .select()
    .from(fichaAttachments)
    .where(
      and(
        eq(fichaAttachments.tenantId, tenantId),
        eq(fichaAttachments.fichaId, fichaId),
        eq(fichaAttachments.id, id),
      ),
    )
  if (!row) throw AttachmentErrors.ATTACHMENT_NOT_FOUND()
  return row
}
