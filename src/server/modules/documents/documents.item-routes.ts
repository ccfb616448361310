import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from '#shared/validation.ts'
import { actorOf, type requirePermission } from '../../platform/http/guards.ts'
import { readSingleFile } from '../../platform/http/upload.ts'
import * as content from './documents.content.ts'
import { DocumentErrors, fileTooLarge } from './documents.errors.ts'
import * as folders from './documents.folders.ts'
import { moveDocument, moveFolder } from './documents.move.ts'
import { downloadFolderZip } from './documents.zip.ts'
import {
  Deleted,
  DocumentDetail,
  DocumentSummary,
  DownloadQuery,
  FolderView,
  IdParams,
  MoveDocumentBody,
  MoveFolderBody,
  RenameDocumentBody,
  Restored,
  TreeFolder,
} from './documents.schemas.ts'
import * as svc from './documents.service.ts'
import * as trash from './documents.trash.ts'

function reader(req: FastifyRequest, deps: svc.DocumentsDeps): content.ReadUpload {
  return () =>
    readSingleFile(req, deps.maxBytes, {
      missing: () => DocumentErrors.FILE_MISSING(),
      tooLarge: () => fileTooLarge(deps.maxBytes),
    })
}

async function sendDownload(reply: FastifyReply, file: content.Download) {
  return reply
    .header('content-type', file.mime)
    .header('content-length', String(file.sizeBytes))
    .header(
      'content-disposition',
      `attachment; filename="${asciiName(file.filename)}"; filename*=UTF-8''${rfc5987(file.filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.stream)
}

/** RFC 5987 value: percent-encoded UTF-8, including the characters encodeURIComponent leaves. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The ASCII fallback of a name for old clients: accents dropped, quotes and others replaced. */
function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
}

/**
 * The operations on folders and documents, the same for staff (`/documents`, documents:manage) and
 * client users (`/portal/documents`, their level): the service decides from the actor.
 */
export function itemRoutes(
  deps: svc.DocumentsDeps,
  opts: {
    prefix: string
    tags: string[]
    config: { audience: 'staff' | 'client' }
    preHandler?: ReturnType<typeof requirePermission>
    createFolderBody: z.ZodType<{ name: string; share?: boolean }>
    updateFolderBody: z.ZodType<{ name?: string; isShared?: boolean }>
  },
): FastifyPluginAsyncZod {
  return async (app) => {
    const { prefix: p, tags, config, preHandler } = opts
    const base = { config, ...(preHandler ? { preHandler } : {}) }

    app.get(
      `${p}/folders/:id`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Conteúdo de uma pasta (subpastas e documentos) e o que o nível permite',
          params: IdParams,
          response: { 200: FolderView },
        },
      },
      async (req) => svc.getFolder(deps, actorOf(req), req.params.id),
    )
    app.post(
      `${p}/folders/:id/folders`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Cria uma subpasta',
          params: IdParams,
          body: opts.createFolderBody,
          response: { 201: TreeFolder },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await folders.createFolder(deps, actorOf(req), req.params.id, req.body)),
    )
    app.patch(
      `${p}/folders/:id`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Renomeia a pasta (ou a compartilha, pela equipe)',
          params: IdParams,
          body: opts.updateFolderBody,
          response: { 200: TreeFolder },
        },
      },
      async (req) => folders.updateFolder(deps, actorOf(req), req.params.id, req.body),
    )
    app.delete(
      `${p}/folders/:id`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Move a pasta, com o seu conteúdo, para a lixeira',
          params: IdParams,
          response: { 200: Deleted },
        },
      },
      async (req) => folders.deleteFolder(deps, actorOf(req), req.params.id),
    )
    app.get(
      `${p}/folders/:id/zip`,
      {
        ...base,
        schema: {
          tags,
          summary:
            'Baixa a pasta inteira (documentos e subpastas visíveis) em um .zip; cada documento é auditado',
          params: IdParams,
        },
      },
      async (req, reply) => {
        const zip = await downloadFolderZip(deps, actorOf(req), req.params.id)
        return reply
          .header('content-type', 'application/zip')
          .header(
            'content-disposition',
            `attachment; filename="${asciiName(zip.filename)}"; filename*=UTF-8''${rfc5987(zip.filename)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(zip.stream)
      },
    )
    app.post(
      `${p}/folders/:id/move`,
      {
        ...base,
        schema: {
          tags,
          summary:
            'Move a pasta, com subpastas e documentos, para outra pasta do mesmo departamento (auditado)',
          params: IdParams,
          body: MoveFolderBody,
          response: { 200: TreeFolder },
        },
      },
      async (req) => moveFolder(deps, actorOf(req), req.params.id, req.body.folderId),
    )
    app.post(
      `${p}/folders/:id/documents`,
      {
        ...base,
        schema: {
          tags,
          summary:
            'Envia um documento (multipart, um arquivo: PDF, PNG, JPEG, DOCX, XLSX, CSV, TXT, XML ou OFX)',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: DocumentSummary },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await content.uploadDocument(deps, actorOf(req), req.params.id, reader(req, deps))),
    )
    app.get(
      `${p}/files/:id`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Documento com todas as versões',
          params: IdParams,
          response: { 200: DocumentDetail },
        },
      },
      async (req) => content.getDocument(deps, actorOf(req), req.params.id),
    )
    app.post(
      `${p}/files/:id/versions`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Envia uma nova versão do documento (multipart)',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: DocumentSummary },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await content.addVersion(deps, actorOf(req), req.params.id, reader(req, deps))),
    )
    app.patch(
      `${p}/files/:id`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Renomeia o documento',
          params: IdParams,
          body: RenameDocumentBody,
          response: { 200: DocumentSummary },
        },
      },
      async (req) => content.renameDocument(deps, actorOf(req), req.params.id, req.body.name),
    )
    app.delete(
      `${p}/files/:id`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Move o documento para a lixeira (auditado; excluído de vez após 30 dias)',
          params: IdParams,
          response: { 200: Deleted },
        },
      },
      async (req) => content.deleteDocument(deps, actorOf(req), req.params.id),
    )
    app.post(
      `${p}/folders/:id/restore`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Restaura da lixeira uma pasta, com o que foi excluído junto com ela',
          params: IdParams,
          response: { 200: Restored },
        },
      },
      async (req) => trash.restoreFolder(deps, actorOf(req), req.params.id),
    )
    app.post(
      `${p}/files/:id/restore`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Restaura da lixeira um documento, de volta à sua pasta',
          params: IdParams,
          response: { 200: Restored },
        },
      },
      async (req) => trash.restoreDocument(deps, actorOf(req), req.params.id),
    )
    app.post(
      `${p}/files/:id/move`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Move o documento para outra pasta da mesma empresa (auditado; não notifica)',
          params: IdParams,
          body: MoveDocumentBody,
          response: { 200: DocumentSummary },
        },
      },
      async (req) => moveDocument(deps, actorOf(req), req.params.id, req.body.folderId),
    )
    app.get(
      `${p}/files/:id/download`,
      {
        ...base,
        schema: {
          tags,
          summary: 'Baixa o documento (versão atual ou ?version=N); auditado',
          params: IdParams,
          querystring: DownloadQuery,
        },
      },
      async (req, reply) =>
        sendDownload(
          reply,
          await content.downloadDocument(deps, actorOf(req), req.params.id, req.query.version),
        ),
    )
  }
}
