import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { renderClientPlanContract } from './plans.contract.ts'
import {
  AddClientPlanBody,
  AddressTransferBody,
  AddServiceBody,
  ChangeDueDayBody,
  ChangeServicePasswordBody,
  ChangeStatusBody,
  ClientContact,
  ClientContactList,
  ClientPlan,
  ClientPlanDetail,
  ClientPlanList,
  ContractInput,
  CreateContactBody,
  DebitAuthorizationBody,
  ExtraFieldsBody,
  FindClientPlansQuery,
  IdParams,
  RevealedPassword,
  RuleCheckResult,
  ScheduleBody,
  ServiceParams,
} from './plans.schemas.ts'
import * as svc from './plans.service.ts'

/** A client's plans (seed 003): adding one, and the actions of seed 5.4.1. */
export function clientPlansRoutes(deps: svc.PlansDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = deps
    const tags = ['Planos de clientes']
    const manage = requirePermission('plans:manage')
    const secrets = requirePermission('plans:manage', 'plans:secrets')
    const detail = { params: IdParams, response: { 200: ClientPlanDetail } }

    app.get(
      '/client-orgs/:id/plans',
      {
        schema: {
          tags,
          params: IdParams,
          querystring: FindClientPlansQuery,
          response: { 200: ClientPlanList },
        },
        preHandler: manage,
      },
      async (req) => svc.listClientPlans(db, actorOf(req), req.params.id, req.query),
    )
    app.post(
      '/client-orgs/:id/plans/check',
      {
        schema: {
          tags,
          summary: 'Alertas das regras de cadastro',
          params: IdParams,
          body: AddClientPlanBody,
          response: { 200: RuleCheckResult },
        },
        preHandler: manage,
      },
      async (req) => svc.checkRules(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/client-orgs/:id/plans',
      {
        schema: {
          tags,
          summary: 'Adicionar plano (Finalizar)',
          params: IdParams,
          body: AddClientPlanBody,
          response: { 201: ClientPlan },
        },
        preHandler: manage,
      },
      async (req, reply) =>
        reply.code(201).send(await svc.addClientPlan(deps, actorOf(req), req.params.id, req.body)),
    )
    app.get(
      '/client-orgs/:id/contacts',
      { schema: { tags, params: IdParams, response: { 200: ClientContactList } }, preHandler: manage },
      async (req) => svc.listContacts(db, actorOf(req), req.params.id),
    )
    app.post(
      '/client-orgs/:id/contacts',
      {
        schema: { tags, params: IdParams, body: CreateContactBody, response: { 201: ClientContact } },
        preHandler: manage,
      },
      async (req, reply) =>
        reply.code(201).send(await svc.createContact(db, actorOf(req), req.params.id, req.body)),
    )

    app.get('/client-plans/:id', { schema: { tags, ...detail }, preHandler: manage }, async (req) =>
      svc.getClientPlan(db, actorOf(req), req.params.id),
    )
    app.post(
      '/client-plans/:id/status',
      {
        schema: { tags, summary: 'Mudar status / cancelar', body: ChangeStatusBody, ...detail },
        preHandler: manage,
      },
      async (req) => svc.changeStatus(deps, actorOf(req), req.params.id, req.body),
    )
    app.put(
      '/client-plans/:id/contract',
      {
        schema: { tags, summary: 'Contrato do serviço', body: ContractInput, ...detail },
        preHandler: manage,
      },
      async (req) => svc.saveContract(deps, actorOf(req), req.params.id, req.body),
    )
    app.get(
      '/client-plans/:id/contract.pdf',
      { schema: { tags, summary: 'Imprimir contrato (PDF)', params: IdParams }, preHandler: manage },
      async (req, reply) => {
        const { pdf, filename } = await renderClientPlanContract(deps, actorOf(req), req.params.id)
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(filename)}`)
          .header('x-content-type-options', 'nosniff')
          .send(Buffer.from(pdf))
      },
    )
    app.post(
      '/client-plans/:id/services',
      { schema: { tags, summary: 'Adicionar serviço', body: AddServiceBody, ...detail }, preHandler: manage },
      async (req) => svc.addService(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/client-plans/:id/services/:serviceId/password',
      {
        schema: {
          tags,
          summary: 'Trocar senha do serviço',
          params: ServiceParams,
          body: ChangeServicePasswordBody,
        },
        preHandler: secrets,
      },
      async (req, reply) => {
        await svc.changeServicePassword(deps, actorOf(req), req.params.id, req.params.serviceId, req.body)
        return reply.code(204).send()
      },
    )
    app.post(
      '/client-plans/:id/services/:serviceId/reveal',
      {
        schema: {
          tags,
          summary: 'Ver senha do serviço (auditado)',
          params: ServiceParams,
          response: { 200: RevealedPassword },
        },
        preHandler: secrets,
      },
      async (req, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(await svc.revealServicePassword(deps, actorOf(req), req.params.id, req.params.serviceId)),
    )
    app.post(
      '/client-plans/:id/address-transfer',
      {
        schema: { tags, summary: 'Transferência de endereço', body: AddressTransferBody, ...detail },
        preHandler: manage,
      },
      async (req) => svc.transferAddress(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/client-plans/:id/due-day',
      {
        schema: { tags, summary: 'Alterar vencimento', body: ChangeDueDayBody, ...detail },
        preHandler: manage,
      },
      async (req) => svc.changeDueDay(deps, actorOf(req), req.params.id, req.body.dueDay),
    )
    app.post(
      '/client-plans/:id/debit-authorization',
      {
        schema: { tags, summary: 'Autorização de débito bancário', body: DebitAuthorizationBody, ...detail },
        preHandler: manage,
      },
      async (req) => svc.authorizeDebit(deps, actorOf(req), req.params.id, req.body.bank),
    )
    app.put(
      '/client-plans/:id/extra-fields',
      { schema: { tags, summary: 'Campos extras', body: ExtraFieldsBody, ...detail }, preHandler: manage },
      async (req) => svc.saveExtraFields(deps, actorOf(req), req.params.id, req.body.extraFields),
    )
    app.post(
      '/client-plans/:id/schedule',
      { schema: { tags, summary: 'Agendar instalação', body: ScheduleBody, ...detail }, preHandler: manage },
      async (req) => svc.scheduleInstallation(deps, actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/portal/plans',
      {
        config: { audience: 'client' },
        schema: { tags: ['Portal do cliente'], summary: 'Meus planos', response: { 200: ClientPlanList } },
      },
      async (req) => svc.listPortalPlans(db, actorOf(req)),
    )
  }
}
