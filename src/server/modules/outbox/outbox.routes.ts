import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import type { Db } from '../../platform/db/database.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import {
  DevMailList,
  FindOutboxQuery,
  FindSmsQuery,
  OutboxMessageDetail,
  OutboxPage,
  OutboxParams,
  SmsMessage,
  SmsPage,
} from './outbox.schemas.ts'
import * as outbox from './outbox.service.ts'

export function outboxRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Caixa de saída']
    const preHandler = requirePermission('outbox:read')
    app.get(
      '/outbox',
      {
        schema: {
          tags,
          summary: 'E-mails enviados pelo inquilino',
          querystring: FindOutboxQuery,
          response: { 200: OutboxPage },
        },
        preHandler,
      },
      async (req) => outbox.findOutbox(db, actorOf(req), req.query),
    )
    app.get(
      '/outbox/sms',
      {
        schema: {
          tags,
          summary: 'SMS enviados pelo inquilino',
          querystring: FindSmsQuery,
          response: { 200: SmsPage },
        },
        preHandler,
      },
      async (req) => outbox.findSms(db, actorOf(req), req.query),
    )
    app.get(
      '/outbox/:id',
      { schema: { tags, params: OutboxParams, response: { 200: OutboxMessageDetail } }, preHandler },
      async (req) => outbox.getOutboxMessage(db, actorOf(req), req.params.id),
    )
  }
}

/**
 * GET /api/dev/mail — registered only in mailbox mode, for development and browser tests: every
 * message with the links found in it. Public like a local mail catcher; never present with SMTP.
 */
export function devMailRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dev/mail',
      {
        config: { public: true },
        schema: {
          tags: ['Desenvolvimento'],
          summary: 'Caixa de saída de desenvolvimento (somente no modo mailbox)',
          querystring: z.strictObject({ to: z.string().trim().max(254).optional() }),
          response: { 200: DevMailList },
        },
      },
      async (req) => outbox.listDevMail(db, req.query.to),
    )
    app.get(
      '/dev/sms',
      {
        config: { public: true },
        schema: {
          tags: ['Desenvolvimento'],
          summary: 'SMS registrados (somente em desenvolvimento)',
          querystring: z.strictObject({ to: z.string().trim().max(30).optional() }),
          response: { 200: z.array(SmsMessage) },
        },
      },
      async (req) => outbox.listDevSms(db, req.query.to),
    )
  }
}
