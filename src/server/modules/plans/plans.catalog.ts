import type { z } from '#shared/validation.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import {
  CONTRACT_PLACEHOLDERS,
  checkTemplate,
  DEFAULT_CONTRACT_TEMPLATE,
  DEFAULT_CONTRACT_TITLE,
} from './contract.template.ts'
import { PlanErrors } from './plans.errors.ts'
import { type CategoryRow, type PlanRow, plansRepository, type RuleRow } from './plans.repository.ts'
import {
  type CreatePlanBody,
  type CreatePlanCategoryBody,
  type CreateRuleBody,
  type Plan,
  type PlanCategory,
  RULE_LABELS,
  type SaveContractTemplateBody,
  type UpdatePlanBody,
  type UpdatePlanCategoryBody,
  type UpdateRuleBody,
} from './plans.schemas.ts'

// ── Categories ───────────────────────────────────────────────────────────────────────────

function categoryDto(c: CategoryRow, planCount: number): PlanCategory {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    sort: c.sort,
    isActive: c.isActive,
    planCount: Number(planCount),
  }
}

export async function listCategories(db: Db, actor: Actor) {
  const rows = await plansRepository(db).categories(actor.tenantId)
  return { items: rows.map((r) => categoryDto(r.category, r.planCount)) }
}

export async function createCategory(
  db: Db,
  actor: Actor,
  body: z.infer<typeof CreatePlanCategoryBody>,
): Promise<PlanCategory> {
  return db.transaction(async (tx) => {
    const row = await plansRepository(tx)
      .insertCategory({ tenantId: actor.tenantId, ...body })
      .catch((err) => {
        throw isUniqueViolation(err)
          ? PlanErrors.CATEGORY_DUPLICATE({ fields: { name: 'Nome já usado.' } })
          : err
      })
    await recordAudit(tx, actor, { entity: 'plan_category', entityId: row.id, action: 'create', after: body })
    return categoryDto(row, 0)
  })
}

export async function updateCategory(
  db: Db,
  actor: Actor,
  id: string,
  body: z.infer<typeof UpdatePlanCategoryBody>,
): Promise<PlanCategory> {
  return db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const before = await repo.category(actor.tenantId, id)
    if (!before) throw PlanErrors.CATEGORY_NOT_FOUND()
    const after = await repo.updateCategory(actor.tenantId, id, body).catch((err) => {
      throw isUniqueViolation(err)
        ? PlanErrors.CATEGORY_DUPLICATE({ fields: { name: 'Nome já usado.' } })
        : err
    })
    await recordAudit(tx, actor, {
      entity: 'plan_category',
      entityId: id,
      action: 'update',
      before: before.category,
      after,
    })
    return categoryDto(after!, before.planCount)
  })
}

// ── Plans ────────────────────────────────────────────────────────────────────────────────

export function planDto(p: PlanRow, categoryName: string): Plan {
  return {
    id: p.id,
    categoryId: p.categoryId,
    categoryName,
    name: p.name,
    description: p.description,
    priceCents: p.priceCents,
    billingCycle: p.billingCycle,
    trialDays: p.trialDays,
    startsInHomologation: p.startsInHomologation,
    initialStatus: p.initialStatus,
    services: p.services,
    isActive: p.isActive,
  }
}

export async function listPlans(db: Db, actor: Actor, q: { categoryId?: string; active?: 'true' | 'false' }) {
  const rows = await plansRepository(db).plans(actor.tenantId, {
    categoryId: q.categoryId,
    active: q.active === undefined ? undefined : q.active === 'true',
  })
  return { items: rows.map((r) => planDto(r.plan, r.categoryName)) }
}

export async function createPlan(db: Db, actor: Actor, body: CreatePlanBody): Promise<Plan> {
  return db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const category = await repo.category(actor.tenantId, body.categoryId)
    if (!category) throw PlanErrors.CATEGORY_NOT_FOUND({ fields: { categoryId: 'Categoria inexistente.' } })
    const row = await repo
      .insertPlan({ tenantId: actor.tenantId, ...body, services: normaliseServices(body.services) })
      .catch((err) => {
        throw isUniqueViolation(err) ? PlanErrors.PLAN_DUPLICATE({ fields: { name: 'Nome já usado.' } }) : err
      })
    await recordAudit(tx, actor, { entity: 'plan', entityId: row.id, action: 'create', after: body })
    return planDto(row, category.category.name)
  })
}

export async function updatePlan(db: Db, actor: Actor, id: string, body: UpdatePlanBody): Promise<Plan> {
  return db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const before = await repo.plan(actor.tenantId, id)
    if (!before) throw PlanErrors.PLAN_NOT_FOUND()
    let categoryName = before.categoryName
    if (body.categoryId && body.categoryId !== before.plan.categoryId) {
      const category = await repo.category(actor.tenantId, body.categoryId)
      if (!category) throw PlanErrors.CATEGORY_NOT_FOUND({ fields: { categoryId: 'Categoria inexistente.' } })
      categoryName = category.category.name
    }
    const after = await repo
      .updatePlan(actor.tenantId, id, {
        ...body,
        ...(body.services ? { services: normaliseServices(body.services) } : {}),
      })
      .catch((err) => {
        throw isUniqueViolation(err) ? PlanErrors.PLAN_DUPLICATE({ fields: { name: 'Nome já usado.' } }) : err
      })
    await recordAudit(tx, actor, {
      entity: 'plan',
      entityId: id,
      action: 'update',
      before: before.plan,
      after,
    })
    return planDto(after!, categoryName)
  })
}

function normaliseServices(list: CreatePlanBody['services']) {
  return list.map((s) => ({
    kind: s.kind,
    required: s.required,
    defaultDomain: s.kind === 'email' ? (s.defaultDomain ?? null) : null,
    licences: s.kind === 'antivirus' ? (s.licences ?? 1) : null,
  }))
}

// ── Contract templates ───────────────────────────────────────────────────────────────────

/** The tenant's templates; a tenant without any gets the default one on first use. */
export async function listTemplates(db: Db, actor: Actor) {
  const repo = plansRepository(db)
  let rows = await repo.templates(actor.tenantId)
  if (rows.length === 0) {
    await repo.insertTemplate({
      tenantId: actor.tenantId,
      name: DEFAULT_CONTRACT_TITLE,
      body: DEFAULT_CONTRACT_TEMPLATE,
    })
    rows = await repo.templates(actor.tenantId)
  }
  return {
    items: rows.map((t) => ({ id: t.id, name: t.name, body: t.body, updatedAt: t.updatedAt.toISOString() })),
    placeholders: CONTRACT_PLACEHOLDERS.map((p) => ({ ...p })),
  }
}

function assertTemplate(body: string) {
  const check = checkTemplate(body)
  if (!check.ok)
    throw PlanErrors.TEMPLATE_INVALID({ message: check.message, fields: { body: check.message } })
}

export async function createTemplate(db: Db, actor: Actor, body: z.infer<typeof SaveContractTemplateBody>) {
  assertTemplate(body.body)
  return db.transaction(async (tx) => {
    const row = await plansRepository(tx).insertTemplate({ tenantId: actor.tenantId, ...body })
    if (!row) throw PlanErrors.TEMPLATE_DUPLICATE({ fields: { name: 'Nome já usado.' } })
    await recordAudit(tx, actor, {
      entity: 'contract_template',
      entityId: row.id,
      action: 'create',
      after: { name: row.name },
    })
    return { id: row.id, name: row.name, body: row.body, updatedAt: row.updatedAt.toISOString() }
  })
}

export async function updateTemplate(
  db: Db,
  actor: Actor,
  id: string,
  body: Partial<z.infer<typeof SaveContractTemplateBody>>,
) {
  if (body.body !== undefined) assertTemplate(body.body)
  return db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const before = await repo.template(actor.tenantId, id)
    if (!before) throw PlanErrors.TEMPLATE_NOT_FOUND({ message: 'Modelo de contrato não encontrado.' })
    const row = await repo.updateTemplate(actor.tenantId, id, body).catch((err) => {
      throw isUniqueViolation(err)
        ? PlanErrors.TEMPLATE_DUPLICATE({ fields: { name: 'Nome já usado.' } })
        : err
    })
    await recordAudit(tx, actor, {
      entity: 'contract_template',
      entityId: id,
      action: 'update',
      before: { name: before.name, body: before.body },
      after: { name: row!.name, body: row!.body },
    })
    return { id: row!.id, name: row!.name, body: row!.body, updatedAt: row!.updatedAt.toISOString() }
  })
}

// ── Registration rules ───────────────────────────────────────────────────────────────────

function ruleDto(r: RuleRow, categoryName: string | null) {
  return {
    id: r.id,
    kind: r.kind,
    label: RULE_LABELS[r.kind],
    categoryId: r.categoryId,
    categoryName,
    severity: r.severity,
    message: r.message,
    isActive: r.isActive,
  }
}

export async function listRules(db: Db, actor: Actor) {
  const rows = await plansRepository(db).rules(actor.tenantId)
  return { items: rows.map((r) => ruleDto(r.rule, r.categoryName)) }
}

export async function createRule(db: Db, actor: Actor, body: z.infer<typeof CreateRuleBody>) {
  return db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const category = body.categoryId ? await repo.category(actor.tenantId, body.categoryId) : null
    if (body.categoryId && !category)
      throw PlanErrors.CATEGORY_NOT_FOUND({ fields: { categoryId: 'Categoria inexistente.' } })
    const row = await repo.insertRule({
      tenantId: actor.tenantId,
      kind: body.kind,
      categoryId: body.categoryId ?? null,
      severity: body.severity,
      message: body.message || null,
      isActive: body.isActive,
    })
    await recordAudit(tx, actor, {
      entity: 'registration_rule',
      entityId: row.id,
      action: 'create',
      after: body,
    })
    return ruleDto(row, category?.category.name ?? null)
  })
}

export async function updateRule(db: Db, actor: Actor, id: string, body: z.infer<typeof UpdateRuleBody>) {
  return db.transaction(async (tx) => {
    const repo = plansRepository(tx)
    const before = await repo.rule(actor.tenantId, id)
    if (!before) throw PlanErrors.RULE_NOT_FOUND()
    const category = body.categoryId ? await repo.category(actor.tenantId, body.categoryId) : null
    if (body.categoryId && !category)
      throw PlanErrors.CATEGORY_NOT_FOUND({ fields: { categoryId: 'Categoria inexistente.' } })
    const after = await repo.updateRule(actor.tenantId, id, {
      ...(body.kind ? { kind: body.kind } : {}),
      ...(body.categoryId !== undefined ? { categoryId: body.categoryId ?? null } : {}),
      ...(body.severity ? { severity: body.severity } : {}),
      ...(body.message !== undefined ? { message: body.message || null } : {}),
      ...(body.isActive !== undefined ? { isActive: body.isActive } : {}),
    })
    await recordAudit(tx, actor, {
      entity: 'registration_rule',
      entityId: id,
      action: 'update',
      before,
      after,
    })
    const categoryName = after!.categoryId
      ? ((await repo.category(actor.tenantId, after!.categoryId))?.category.name ?? null)
      : null
    return ruleDto(after!, categoryName)
  })
}
