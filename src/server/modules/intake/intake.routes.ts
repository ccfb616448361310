import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import {
  AttachmentParams,
  CorrectFichaBody,
  FichaDetail,
  FichaPage,
  FichaParams,
  FindFichasQuery,
  PublicFichaParams,
  PublicFichaQuery,
  PublicFichaStatus,
  SubmitFichaBody,
  SubmittedFicha,
  TransitionBody,
} from './intake.schemas.ts'
import * as intake from './intake.service.ts'
import { readUpload } from './intake.upload.ts'

export function intakeRoutes(deps: intake.IntakeDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Fichas cadastrais']
    const manage = requirePermission('intake:manage')
    app.get(
      '/fichas',
      {
        schema: {
          tags,
          summary: 'Quadro de fichas (arquivadas só na busca)',
          querystring: FindFichasQuery,
          response: { 200: FichaPage },
        },
        preHandler: manage,
      },
      async (req) => intake.findFichas(deps, actorOf(req), req.query),
    )
    app.get(
      '/fichas/:id',
      { schema: { tags, params: FichaParams, response: { 200: FichaDetail } }, preHandler: manage },
      async (req) => intake.getFicha(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/fichas',
      {
        schema: {
          tags,
          summary: 'Registra uma ficha recebida pela equipe',
          body: SubmitFichaBody,
          response: { 201: FichaDetail },
        },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await intake.createStaffFicha(deps, actorOf(req), req.body)),
    )
    app.post(
      '/fichas/:id/transition',
      {
        schema: {
          tags,
          summary: 'Muda a situação da ficha',
          params: FichaParams,
          body: TransitionBody,
          response: { 200: FichaDetail },
        },
        preHandler: manage,
      },
      async (req) => intake.transitionFicha(deps, actorOf(req), req.params.id, req.body),
    )

    app.post(
      '/fichas/:id/register',
      {
        schema: {
          tags,
          summary: 'Cadastrar: cria o cliente e os usuários da ficha (convites conforme o treinamento)',
          params: FichaParams,
          response: { 200: FichaDetail },
        },
        preHandler: requirePermission('intake:manage', 'clients:manage', 'users:manage'),
      },
      async (req) => intake.registerFicha(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/fichas/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Anexa o original da ficha (PDF, PNG ou JPEG, até 10 MB; campo "arquivo")',
          params: FichaParams,
          response: { 200: FichaDetail },
        },
        preHandler: manage,
      },
      async (req) => intake.attachToFicha(deps, actorOf(req), req.params.id, await readUpload(req)),
    )
    app.get(
      '/fichas/:id/attachments/:attachmentId',
      { schema: { tags, summary: 'Baixa um anexo da ficha', params: AttachmentParams }, preHandler: manage },
      async (req, reply) => {
        const file = await intake.downloadAttachment(
          deps,
          actorOf(req),
          req.params.id,
          req.params.attachmentId,
        )
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .header('x-content-type-options', 'nosniff')
          .send(file.content)
      },
    )

    // ---- public: the per-tenant form and the sender's status/correction page ----
    const ptags = ['Fichas cadastrais (público)']
    app.get(
      '/public/fichas/:slug',
      {
        config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Dados do formulário público (nome do prestador)',
          params: PublicFichaParams,
          response: { 200: z.object({ providerName: z.string() }) },
        },
      },
      async (req) => intake.publicFichaForm(deps, req.params.slug),
    )
    app.post(
      '/public/fichas/:slug',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Envia uma ficha pelo formulário público do inquilino',
          params: PublicFichaParams,
          body: SubmitFichaBody,
          response: { 201: SubmittedFicha },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await intake.submitPublicFicha(deps, req.params.slug, req.body)),
    )
    app.get(
      '/public/fichas/status',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Situação de uma ficha (protocolo + chave)',
          querystring: PublicFichaQuery,
          response: { 200: PublicFichaStatus },
        },
      },
      async (req) => intake.publicFichaStatus(deps, req.query.protocol, req.query.key),
    )
    app.post(
      '/public/fichas/attachments',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Anexa o original da ficha pelo link recebido (campo "arquivo")',
          querystring: PublicFichaQuery,
          response: { 200: PublicFichaStatus },
        },
      },
      async (req) => intake.attachPublic(deps, req.query.protocol, req.query.key, await readUpload(req)),
    )
    app.post(
      '/public/fichas/correct',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ptags,
          summary: 'Corrige uma ficha devolvida',
          body: CorrectFichaBody,
          response: { 200: PublicFichaStatus },
        },
      },
      async (req) => intake.correctFicha(deps, req.body.protocol, req.body.key, req.body.data),
    )
  }
}
