import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import * as catalog from './plans.catalog.ts'
import {
  CheckCompanyBody,
  CheckLoginBody,
  CheckResult,
  ClientSetup,
  ContractTemplate,
  ContractTemplateList,
  CreatePlanBody,
  CreatePlanCategoryBody,
  CreateRuleBody,
  FindPlansQuery,
  IdParams,
  Plan,
  PlanCategory,
  PlanCategoryList,
  PlanList,
  RegistrationRule,
  RegistrationRuleList,
  SaveClientSetupBody,
  SaveContractTemplateBody,
  TrialSignupBody,
  TrialSignupResult,
  UpdatePlanBody,
  UpdatePlanCategoryBody,
  UpdateRuleBody,
} from './plans.schemas.ts'
import type { PlansDeps } from './plans.service.ts'
import * as trial from './plans.trial.ts'

/** Catalog, contract templates, registration rules, and the new-client wizard with its first access. */
export function plansRoutes(deps: PlansDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = deps
    const tags = ['Planos']
    const manage = requirePermission('plans:manage')
    const signup = requirePermission('plans:manage', 'clients:manage')

    app.get(
      '/plan-categories',
      {
        schema: { tags, summary: 'Categorias de planos', response: { 200: PlanCategoryList } },
        preHandler: manage,
      },
      async (req) => catalog.listCategories(db, actorOf(req)),
    )
    app.post(
      '/plan-categories',
      { schema: { tags, body: CreatePlanCategoryBody, response: { 201: PlanCategory } }, preHandler: manage },
      async (req, reply) => reply.code(201).send(await catalog.createCategory(db, actorOf(req), req.body)),
    )
    app.patch(
      '/plan-categories/:id',
      {
        schema: { tags, params: IdParams, body: UpdatePlanCategoryBody, response: { 200: PlanCategory } },
        preHandler: manage,
      },
      async (req) => catalog.updateCategory(db, actorOf(req), req.params.id, req.body),
    )
    app.get(
      '/plans',
      {
        schema: {
          tags,
          summary: 'Planos do catálogo',
          querystring: FindPlansQuery,
          response: { 200: PlanList },
        },
        preHandler: manage,
      },
      async (req) => catalog.listPlans(db, actorOf(req), req.query),
    )
    app.post(
      '/plans',
      { schema: { tags, body: CreatePlanBody, response: { 201: Plan } }, preHandler: manage },
      async (req, reply) => reply.code(201).send(await catalog.createPlan(db, actorOf(req), req.body)),
    )
    app.patch(
      '/plans/:id',
      {
        schema: { tags, params: IdParams, body: UpdatePlanBody, response: { 200: Plan } },
        preHandler: manage,
      },
      async (req) => catalog.updatePlan(db, actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/contract-templates',
      {
        schema: { tags, summary: 'Modelos de contrato', response: { 200: ContractTemplateList } },
        preHandler: manage,
      },
      async (req) => catalog.listTemplates(db, actorOf(req)),
    )
    app.post(
      '/contract-templates',
      {
        schema: { tags, body: SaveContractTemplateBody, response: { 201: ContractTemplate } },
        preHandler: manage,
      },
      async (req, reply) => reply.code(201).send(await catalog.createTemplate(db, actorOf(req), req.body)),
    )
    app.patch(
      '/contract-templates/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: SaveContractTemplateBody.partial(),
          response: { 200: ContractTemplate },
        },
        preHandler: manage,
      },
      async (req) => catalog.updateTemplate(db, actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/registration-rules',
      {
        schema: { tags, summary: 'Regras de cadastro', response: { 200: RegistrationRuleList } },
        preHandler: manage,
      },
      async (req) => catalog.listRules(db, actorOf(req)),
    )
    app.post(
      '/registration-rules',
      { schema: { tags, body: CreateRuleBody, response: { 201: RegistrationRule } }, preHandler: manage },
      async (req, reply) => reply.code(201).send(await catalog.createRule(db, actorOf(req), req.body)),
    )
    app.patch(
      '/registration-rules/:id',
      {
        schema: { tags, params: IdParams, body: UpdateRuleBody, response: { 200: RegistrationRule } },
        preHandler: manage,
      },
      async (req) => catalog.updateRule(db, actorOf(req), req.params.id, req.body),
    )

    const wizard = ['Novo cadastro (teste grátis)']
    app.post(
      '/trial-signups/check-login',
      {
        schema: {
          tags: wizard,
          summary: 'Etapa 2: e-mail de login livre e senha aceita',
          body: CheckLoginBody,
          response: { 200: CheckResult },
        },
        preHandler: signup,
      },
      async (req) => trial.checkLogin(deps, actorOf(req), req.body),
    )
    app.post(
      '/trial-signups/check-company',
      {
        schema: {
          tags: wizard,
          summary: 'Etapa 3: CNPJ/CPF ainda não cadastrado',
          body: CheckCompanyBody,
          response: { 200: CheckResult },
        },
        preHandler: signup,
      },
      async (req) => trial.checkCompany(deps, actorOf(req), req.body.document),
    )
    app.post(
      '/trial-signups',
      {
        schema: {
          tags: wizard,
          summary: 'Iniciar teste grátis',
          body: TrialSignupBody,
          response: { 201: TrialSignupResult },
        },
        preHandler: signup,
      },
      async (req, reply) => reply.code(201).send(await trial.startTrial(deps, actorOf(req), req.body)),
    )
    app.get(
      '/client-orgs/:id/setup',
      {
        schema: {
          tags: wizard,
          summary: 'Primeiro acesso',
          params: IdParams,
          response: { 200: ClientSetup },
        },
        preHandler: signup,
      },
      async (req) => trial.getSetup(deps, actorOf(req), req.params.id),
    )
    app.put(
      '/client-orgs/:id/setup',
      {
        schema: { tags: wizard, params: IdParams, body: SaveClientSetupBody, response: { 200: ClientSetup } },
        preHandler: signup,
      },
      async (req) => trial.saveSetup(deps, actorOf(req), req.params.id, req.body),
    )
    app.post(
      '/client-orgs/:id/move-to-production',
      {
        schema: {
          tags: wizard,
          summary: 'Mover para Produção',
          params: IdParams,
          response: { 200: ClientSetup },
        },
        preHandler: signup,
      },
      async (req) => trial.moveToProduction(deps, actorOf(req), req.params.id),
    )
  }
}
