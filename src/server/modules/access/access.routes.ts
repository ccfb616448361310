import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../platform/db/database.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import {
  CreateProfileBody,
  PermissionList,
  Profile,
  ProfileList,
  ProfileParams,
  UpdateProfileBody,
} from './access.schemas.ts'
import * as access from './access.service.ts'

export function accessRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Perfis de acesso']
    app.get(
      '/permissions',
      { schema: { tags, summary: 'Permissões disponíveis', response: { 200: PermissionList } } },
      async () => access.listPermissions(),
    )
    app.get(
      '/profiles',
      { schema: { tags, summary: 'Perfis de acesso', response: { 200: ProfileList } } },
      async (req) => access.listProfiles(db, actorOf(req)),
    )
    app.get(
      '/profiles/:id',
      { schema: { tags, params: ProfileParams, response: { 200: Profile } } },
      async (req) => access.getProfile(db, actorOf(req), req.params.id),
    )
    app.post(
      '/profiles',
      {
        schema: { tags, summary: 'Cria perfil', body: CreateProfileBody, response: { 201: Profile } },
        preHandler: requirePermission('profiles:manage'),
      },
      async (req, reply) => reply.code(201).send(await access.createProfile(db, actorOf(req), req.body)),
    )
    app.patch(
      '/profiles/:id',
      {
        schema: { tags, params: ProfileParams, body: UpdateProfileBody, response: { 200: Profile } },
        preHandler: requirePermission('profiles:manage'),
      },
      async (req) => access.updateProfile(db, actorOf(req), req.params.id, req.body),
    )
    app.delete(
      '/profiles/:id',
      { schema: { tags, params: ProfileParams }, preHandler: requirePermission('profiles:manage') },
      async (req, reply) => {
        await access.deleteProfile(db, actorOf(req), req.params.id)
        return reply.code(204).send()
      },
    )
  }
}
