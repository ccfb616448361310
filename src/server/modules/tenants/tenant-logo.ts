import { eq } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import sharp from 'sharp'
import { z } from '#shared/validation.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { defineErrors } from '../../platform/errors.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { readSingleFile } from '../../platform/http/upload.ts'
import { tenantLogos } from './tenants.tables.ts'

export const LogoErrors = defineErrors({
  LOGO_NOT_FOUND: [404, 'O inquilino ainda não tem logotipo.'],
  LOGO_INVALID: [400, 'Envie o logotipo como imagem PNG, JPEG ou WebP de até 2 MB.'],
})

const MAX_LOGO_BYTES = 2 * 1024 * 1024
/** Stored at most this wide/high: plenty for a certificate's corner. */
const LOGO_MAX_SIDE = 600

export async function getTenantLogo(
  db: Db,
  tenantId: string,
): Promise<{ content: Buffer; updatedAt: Date } | null> {
  const [row] = await db.select().from(tenantLogos).where(eq(tenantLogos.tenantId, tenantId))
  return row ? { content: row.content, updatedAt: row.updatedAt } : null
}

/** Any PNG/JPEG/WebP becomes a PNG of at most 600 px, transparency kept, metadata dropped. */
async function normaliseLogo(upload: Buffer): Promise<Buffer> {
  if (upload.length === 0 || upload.length > MAX_LOGO_BYTES) throw LogoErrors.LOGO_INVALID()
  try {
    const meta = await sharp(upload, { limitInputPixels: 25_000_000 }).metadata()
    if (!meta.format || !['png', 'jpeg', 'webp'].includes(meta.format)) throw LogoErrors.LOGO_INVALID()
    return await sharp(upload, { limitInputPixels: 25_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer()
  } catch {
    throw LogoErrors.LOGO_INVALID()
  }
}

async function setTenantLogo(db: Db, actor: Actor, upload: Buffer | null) {
  const content = upload ? await normaliseLogo(upload) : null
  await db.transaction(async (tx) => {
    if (content) {
      await tx
        .insert(tenantLogos)
        .values({ tenantId: actor.tenantId, content })
        .onConflictDoUpdate({ target: tenantLogos.tenantId, set: { content, updatedAt: new Date() } })
    } else {
      await tx.delete(tenantLogos).where(eq(tenantLogos.tenantId, actor.tenantId))
    }
    await recordAudit(tx, actor, {
      entity: 'tenant_settings',
      entityId: actor.tenantId,
      action: content ? 'logo_uploaded' : 'logo_removed',
      after: content ? { bytes: content.length } : null,
    })
  })
  return { hasLogo: content !== null }
}

const LogoState = z.object({ hasLogo: z.boolean() })
const LogoInfo = z.object({ hasLogo: z.boolean(), updatedAt: z.date().nullable() })

export function tenantLogoRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Configurações']
    const preHandler = requirePermission('settings:manage')
    app.get(
      '/settings/logo',
      {
        schema: {
          tags,
          summary: 'Logotipo do inquilino (PNG)',
          querystring: z.strictObject({
            v: z
              .string()
              .regex(/^\d{1,15}$/)
              .optional(),
          }),
        },
        preHandler,
      },
      async (req, reply) => {
        const logo = await getTenantLogo(db, actorOf(req).tenantId)
        if (!logo) throw LogoErrors.LOGO_NOT_FOUND()
        return reply
          .header('content-type', 'image/png')
          .header('cache-control', 'private, max-age=300')
          .header('x-content-type-options', 'nosniff')
          .send(logo.content)
      },
    )
    app.get(
      '/settings/logo/info',
      { schema: { tags, summary: 'Se há logotipo e quando mudou', response: { 200: LogoInfo } }, preHandler },
      async (req) => {
        const logo = await getTenantLogo(db, actorOf(req).tenantId)
        return { hasLogo: logo !== null, updatedAt: logo?.updatedAt ?? null }
      },
    )
    app.put(
      '/settings/logo',
      {
        schema: { tags, summary: 'Envia o logotipo (PNG, JPEG ou WebP)', response: { 200: LogoState } },
        preHandler,
      },
      async (req) => {
        const invalid = () => LogoErrors.LOGO_INVALID()
        const { bytes } = await readSingleFile(req, MAX_LOGO_BYTES, { missing: invalid, tooLarge: invalid })
        return setTenantLogo(db, actorOf(req), bytes)
      },
    )
    app.delete(
      '/settings/logo',
      { schema: { tags, summary: 'Remove o logotipo', response: { 200: LogoState } }, preHandler },
      async (req) => setTenantLogo(db, actorOf(req), null),
    )
  }
}
