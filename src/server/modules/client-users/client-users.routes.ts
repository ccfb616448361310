import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { requestMeta, setSessionCookie } from '../auth/index.ts'
import { SessionInfo } from '../auth/auth.schemas.ts'
import {
  AcceptInvitationBody,
  ClientUser,
  ClientUserOptions,
  ClientUserOptionsValue,
  ClientUserPage,
  ClientUserParams,
  CreateClientUserBody,
  CreateDepartmentBody,
  Department,
  DepartmentList,
  FindClientUsersQuery,
  Funnel,
  InvitationLookup,
  InvitationLookupQuery,
  RequestNewInvitationBody,
  UpdateClientUserBody,
} from './client-users.schemas.ts'
import * as service from './client-users.service.ts'
import * as invitations from './invitations.service.ts'

export function clientUsersRoutes(deps: service.ClientUsersDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Usuários de clientes']
    // Seed 004: the menu exists only with "Utiliza Portal do Cliente"; managing needs users:manage.
    const manage = requirePermission('portal:use', 'users:manage')
    const invite = requirePermission('portal:use', 'users:manage', 'invitations:send')

    app.get(
      '/client-users/options',
      {
        schema: {
          tags,
          summary: 'Catálogos do cadastro (permissões, notificações, níveis)',
          response: { 200: ClientUserOptions },
        },
        preHandler: manage,
      },
      async () => ClientUserOptionsValue,
    )
    app.get(
      '/client-users/funnel',
      {
        schema: { tags, summary: 'Funil de integração do inquilino', response: { 200: Funnel } },
        preHandler: manage,
      },
      async (req) => service.funnel(deps, actorOf(req)),
    )
    app.get(
      '/client-users',
      {
        schema: { tags, querystring: FindClientUsersQuery, response: { 200: ClientUserPage } },
        preHandler: manage,
      },
      async (req) => service.findClientUsers(deps, actorOf(req), req.query),
    )
    app.get(
      '/client-users/:id',
      { schema: { tags, params: ClientUserParams, response: { 200: ClientUser } }, preHandler: manage },
      async (req) => service.getClientUser(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/client-users',
      {
        schema: {
          tags,
          summary: 'Cadastra usuário de cliente (Concluir do assistente)',
          body: CreateClientUserBody,
          response: { 201: ClientUser },
        },
        preHandler: manage,
      },
      async (req, reply) => {
        const actor = actorOf(req)
        if (req.body.send === 'now' && !actor.permissions.has('invitations:send')) req.body.send = 'later'
        return reply.code(201).send(await service.createClientUser(deps, actor, req.body))
      },
    )
    app.patch(
      '/client-users/:id',
      {
        schema: { tags, params: ClientUserParams, body: UpdateClientUserBody, response: { 200: ClientUser } },
        preHandler: manage,
      },
      async (req) => service.updateClientUser(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/client-users/:id/invitation',
      {
        schema: {
          tags,
          summary: 'Envia ou reenvia o convite (o link anterior deixa de valer)',
          params: ClientUserParams,
          response: { 200: ClientUser },
        },
        preHandler: invite,
      },
      async (req) => service.sendInvitation(deps, actorOf(req), req.params.id),
    )
    app.post(
      '/client-users/:id/keypass-reset',
      {
        schema: {
          tags,
          summary: 'Redefine o KEYPASS (o usuário configura de novo)',
          params: ClientUserParams,
          response: { 200: ClientUser },
        },
        preHandler: manage,
      },
      async (req) => service.resetClientKeypass(deps, actorOf(req), req.params.id),
    )

    app.get(
      '/departments',
      { schema: { tags: ['Departamentos'], response: { 200: DepartmentList } }, preHandler: manage },
      async (req) => service.listDepartments(deps.db, actorOf(req)),
    )
    app.post(
      '/departments',
      {
        schema: { tags: ['Departamentos'], body: CreateDepartmentBody, response: { 201: Department } },
        preHandler: manage,
      },
      async (req, reply) =>
        reply.code(201).send(await service.createDepartment(deps.db, actorOf(req), req.body.name)),
    )

    // ---- public: the invitation link ----
    const itags = ['Convites']
    app.get(
      '/invitations/lookup',
      {
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: itags,
          summary: 'Dados do convite (marca como aberto)',
          querystring: InvitationLookupQuery,
          response: { 200: InvitationLookup },
        },
      },
      async (req) => invitations.lookupInvitation(deps, req.query.token),
    )
    app.post(
      '/invitations/accept',
      {
        config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: itags,
          summary: 'Aceita o convite: cria a senha ou vincula a conta existente',
          body: AcceptInvitationBody,
          response: { 200: SessionInfo },
        },
      },
      async (req, reply) => {
        const { token, resolved } = await invitations.acceptInvitation(deps, requestMeta(req), req.body)
        setSessionCookie(reply, deps, token)
        return {
          csrfToken: resolved.session.csrfToken,
          app: { database: deps.config.database.kind, mailMode: deps.config.mail.transport },
          user: resolved.user,
        }
      },
    )
    app.post(
      '/invitations/request-new',
      {
        config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: itags,
          summary: 'Pede um novo convite a partir de um link expirado',
          body: RequestNewInvitationBody,
        },
      },
      async (req, reply) => {
        await invitations.requestNewInvitation(deps, req.body.token)
        return reply.code(204).send()
      },
    )
  }
}
