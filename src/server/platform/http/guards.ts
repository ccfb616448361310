import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../actor.ts'
import { CommonErrors } from '../errors.ts'

/** The actor of an authenticated request. Routes that are not public always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw CommonErrors.UNAUTHENTICATED()
  return req.actor
}

/** preHandler: the session's profile must grant every listed permission. */
export function requirePermission(...permissions: string[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const actor = actorOf(req)
    if (!permissions.every((p) => actor.permissions.has(p))) throw CommonErrors.FORBIDDEN()
  }
}

/** preHandler: platform administrators only. */
export async function requirePlatformAdmin(req: FastifyRequest, _reply: FastifyReply) {
  if (!actorOf(req).isPlatformAdmin) throw CommonErrors.FORBIDDEN()
}
