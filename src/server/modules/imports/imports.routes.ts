import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { readSingleFile } from '../../platform/http/upload.ts'
import { tooLarge } from '../../platform/spreadsheet/read.ts'
import { XLSX_CONTENT_TYPE } from '../../platform/spreadsheet/write.ts'
import { ImportErrors } from './imports.errors.ts'
import type { ImportsDeps } from './imports.run.ts'
import {
  ConfirmBody,
  DryRunBody,
  FindImportsQuery,
  FindRowsQuery,
  ImportParams,
  ImportRowPage,
  ImportRun,
  ImportRunPage,
  TemplateParams,
  UploadQuery,
} from './imports.schemas.ts'
import * as reports from './imports.report.ts'
import * as svc from './imports.service.ts'
import * as undo from './imports.undo.ts'
import { TEMPLATE_NAMES, templateXlsx } from './imports.templates.ts'

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`

/** Importação: upload → mapping → dry run → confirm → progress → report / undo (seed 004). */
export function importsRoutes(deps: ImportsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Importação']
    const run = requirePermission('imports:run')

    app.get(
      '/imports/templates/:kind',
      {
        schema: { tags, summary: 'Planilha modelo (.xlsx) do tipo de importação', params: TemplateParams },
        preHandler: run,
      },
      async (req, reply) =>
        reply
          .header('content-type', XLSX_CONTENT_TYPE)
          .header('content-disposition', attachment(TEMPLATE_NAMES[req.params.kind]))
          .send(await templateXlsx(req.params.kind)),
    )
    app.get(
      '/imports',
      {
        schema: {
          tags,
          summary: 'Histórico de importações',
          querystring: FindImportsQuery,
          response: { 200: ImportRunPage },
        },
        preHandler: run,
      },
      async (req) => svc.findImports(deps, actorOf(req), req.query),
    )
    app.post(
      '/imports',
      {
        schema: {
          tags,
          summary: 'Envia a planilha (multipart, um arquivo .xlsx ou .csv)',
          querystring: UploadQuery,
          response: { 201: ImportRun },
        },
        preHandler: run,
      },
      async (req, reply) => {
        const file = await readSingleFile(req, deps.config.imports.maxBytes, {
          missing: () => ImportErrors.IMPORT_FILE_MISSING(),
          tooLarge: () => tooLarge(deps.config.imports),
        })
        return reply.code(201).send(await svc.uploadImport(deps, actorOf(req), req.query.kind, file))
      },
    )
    app.get(
      '/imports/:id',
      {
        schema: {
          tags,
          summary: 'Situação e progresso da importação',
          params: ImportParams,
          response: { 200: ImportRun },
        },
        preHandler: run,
      },
      async (req) => svc.getImport(deps, actorOf(req), req.params.id),
    )
    app.get(
      '/imports/:id/rows',
      {
        schema: {
          tags,
          summary: 'Resultado por linha (prévia)',
          params: ImportParams,
          querystring: FindRowsQuery,
          response: { 200: ImportRowPage },
        },
        preHandler: run,
      },
      async (req) => svc.findImportRows(deps, actorOf(req), req.params.id, req.query),
    )
    app.post(
      '/imports/:id/dry-run',
      {
        schema: {
          tags,
          summary: 'Confirma o mapeamento e valida todas as linhas (prévia)',
          params: ImportParams,
          body: DryRunBody,
          response: { 202: ImportRun },
        },
        preHandler: run,
      },
      async (req, reply) =>
        reply.code(202).send(await svc.startDryRun(deps, actorOf(req), req.params.id, req.body)),
    )
    app.post(
      '/imports/:id/confirm',
      {
        schema: {
          tags,
          summary: 'Importa as linhas válidas (em lotes, em segundo plano)',
          params: ImportParams,
          body: ConfirmBody,
          response: { 202: ImportRun },
        },
        preHandler: run,
      },
      async (req, reply) =>
        reply.code(202).send(await svc.confirmImport(deps, actorOf(req), req.params.id, req.body)),
    )
    app.post(
      '/imports/:id/resume',
      {
        schema: {
          tags,
          summary: 'Retoma uma importação que parou',
          params: ImportParams,
          response: { 202: ImportRun },
        },
        preHandler: run,
      },
      async (req, reply) => reply.code(202).send(await svc.resumeImport(deps, actorOf(req), req.params.id)),
    )
    app.post(
      '/imports/:id/undo',
      {
        schema: {
          tags,
          summary: 'Desfaz a importação inteira',
          params: ImportParams,
          response: { 200: ImportRun },
        },
        preHandler: run,
      },
      async (req) => undo.undoImport(deps, actorOf(req), req.params.id),
    )
    app.get(
      '/imports/:id/error-report',
      {
        schema: {
          tags,
          summary: 'Relatório de erros (.xlsx com as linhas e a coluna Erro)',
          params: ImportParams,
        },
        preHandler: run,
      },
      async (req, reply) => {
        const report = await reports.errorReport(deps, actorOf(req), req.params.id)
        return reply
          .header('content-type', XLSX_CONTENT_TYPE)
          .header('content-disposition', attachment(report.filename))
          .send(report.content)
      },
    )
  }
}
