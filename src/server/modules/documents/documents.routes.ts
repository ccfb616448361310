import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { DocumentErrors } from './documents.errors.ts'
import * as folders from './documents.folders.ts'
import { itemRoutes } from './documents.item-routes.ts'
import { documentsRepository } from './documents.repository.ts'
import { searchDocuments } from './documents.search.ts'
import {
  CreateFolderBody,
  CreateRootFolderBody,
  DocumentSearch,
  DocumentTree,
  IdParams,
  People,
  PeopleQuery,
  PortalCreateFolderBody,
  PortalUpdateFolderBody,
  SearchDocumentsQuery,
  Trash,
  TreeFolder,
  UpdateFolderBody,
  WhyAnswer,
  WhyQuery,
} from './documents.schemas.ts'
import * as svc from './documents.service.ts'
import * as trash from './documents.trash.ts'
import { explainFolderAccess } from './documents.why.ts'

/** Staff: publish documents to any company's folders, share folders, explain who sees what. */
export function documentsRoutes(deps: svc.DocumentsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Documentos']
    const manage = requirePermission('documents:manage')

    app.get(
      '/client-orgs/:id/documents',
      {
        schema: {
          tags,
          summary: 'Pastas do cliente por departamento (cria as pastas dos departamentos padrão)',
          params: IdParams,
          response: { 200: DocumentTree },
        },
        preHandler: manage,
      },
      async (req) => svc.getCompanyTree(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/client-orgs/:id/documents/folders',
      {
        schema: {
          tags,
          summary: 'Cria uma pasta no departamento (não compartilhada, a menos que share=true)',
          params: IdParams,
          body: CreateRootFolderBody,
          response: { 201: TreeFolder },
        },
        preHandler: manage,
      },
      async (req, reply) =>
        reply.code(201).send(await folders.createRootFolder(deps, actorOf(req), req.params.id, req.body)),
    )
    app.get(
      '/client-orgs/:id/documents/trash',
      {
        schema: {
          tags,
          summary: 'Lixeira do cliente: documentos e pastas excluídos (restauráveis por 30 dias)',
          params: IdParams,
          response: { 200: Trash },
        },
        preHandler: manage,
      },
      async (req) => trash.listTrash(deps, actorOf(req), req.params.id),
    )
    app.get(
      '/client-orgs/:id/documents/search',
      {
        schema: {
          tags,
          summary: 'Busca documentos do cliente pelo nome (sem diferenciar acentos e maiúsculas)',
          params: IdParams,
          querystring: SearchDocumentsQuery,
          response: { 200: DocumentSearch },
        },
        preHandler: manage,
      },
      async (req) => searchDocuments(deps, actorOf(req), req.params.id, req.query.q),
    )
    app.get(
      '/client-orgs/:id/documents/people',
      {
        schema: {
          tags,
          summary: 'Usuários de cliente para a pergunta "Por que vê?" (os da empresa primeiro)',
          params: IdParams,
          querystring: PeopleQuery,
          response: { 200: People },
        },
        preHandler: manage,
      },
      async (req) => {
        const actor = actorOf(req)
        const repo = documentsRepository(deps.db)
        if (!(await repo.org(actor.tenantId, req.params.id))) throw DocumentErrors.CLIENT_ORG_NOT_FOUND()
        return {
          items: await repo.searchClientUsers(
            actor.tenantId,
            req.params.id,
            req.query.search,
            req.query.pageSize,
          ),
        }
      },
    )
    app.get(
      '/documents/folders/:id/why',
      {
        schema: {
          tags,
          summary: 'Por que este usuário vê (ou não vê) esta pasta: usuário → departamento → nível → empresa',
          params: IdParams,
          querystring: WhyQuery,
          response: { 200: WhyAnswer },
        },
        preHandler: manage,
      },
      async (req) => explainFolderAccess(deps, actorOf(req), req.params.id, req.query.clientUserId),
    )
    await app.register(
      itemRoutes(deps, {
        prefix: '/documents',
        tags,
        config: { audience: 'staff' },
        preHandler: manage,
        createFolderBody: CreateFolderBody,
        updateFolderBody: UpdateFolderBody,
      }),
    )
  }
}

/** Client users: the folders of their departments in the company in use, as their level allows. */
export function portalDocumentsRoutes(deps: svc.DocumentsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Portal do cliente']
    app.get(
      '/portal/documents',
      {
        config: { audience: 'client' },
        schema: {
          tags,
          summary: 'Pastas dos departamentos do usuário na empresa em uso',
          response: { 200: DocumentTree },
        },
      },
      async (req) => svc.getPortalTree(deps, actorOf(req)),
    )
    app.get(
      '/portal/documents/search',
      {
        config: { audience: 'client' },
        schema: {
          tags,
          summary: 'Busca documentos pelo nome nas pastas que o usuário vê na empresa em uso',
          querystring: SearchDocumentsQuery,
          response: { 200: DocumentSearch },
        },
      },
      async (req) => searchDocuments(deps, actorOf(req), null, req.query.q),
    )
    app.get(
      '/portal/documents/trash',
      {
        config: { audience: 'client' },
        schema: {
          tags,
          summary: 'Lixeira da empresa em uso: o que o nível permite ver e restaurar',
          response: { 200: Trash },
        },
      },
      async (req) => trash.listTrash(deps, actorOf(req), null),
    )
    await app.register(
      itemRoutes(deps, {
        prefix: '/portal/documents',
        tags,
        config: { audience: 'client' },
        createFolderBody: PortalCreateFolderBody,
        updateFolderBody: PortalUpdateFolderBody,
      }),
    )
  }
}
