import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import {
  clientContacts,
  clientPlanHistory,
  clientPlanServices,
  clientPlans,
  clientSetups,
  contractTemplates,
  type PlanStatus,
  planCategories,
  plans,
  registrationRules,
} from './plans.tables.ts'

export type CategoryRow = typeof planCategories.$inferSelect
export type PlanRow = typeof plans.$inferSelect
export type ClientPlanRow = typeof clientPlans.$inferSelect
export type ServiceRow = typeof clientPlanServices.$inferSelect
export type HistoryRow = typeof clientPlanHistory.$inferSelect
export type TemplateRow = typeof contractTemplates.$inferSelect
export type RuleRow = typeof registrationRules.$inferSelect
export type SetupRow = typeof clientSetups.$inferSelect

const activePlanCount = sql<number>`(select count(*)::int from plans p where p.category_id = "plan_categories"."id" and p.is_active)`

/** The only file of the plans module that touches the database; every method is scoped by tenant. */
export function plansRepository(db: Db) {
  return {
    // ── catalog ──
    async categories(tenantId: string) {
      return db
        .select({ category: planCategories, planCount: activePlanCount })
        .from(planCategories)
        .where(eq(planCategories.tenantId, tenantId))
        .orderBy(asc(planCategories.sort), asc(planCategories.name))
    },
    async category(tenantId: string, id: string) {
      const [row] = await db
        .select({ category: planCategories, planCount: activePlanCount })
        .from(planCategories)
        .where(and(eq(planCategories.tenantId, tenantId), eq(planCategories.id, id)))
      return row ?? null
    },
    async insertCategory(values: typeof planCategories.$inferInsert) {
      const [row] = await db.insert(planCategories).values(values).returning()
      return row
    },
    async updateCategory(tenantId: string, id: string, values: Partial<CategoryRow>) {
      const [row] = await db
        .update(planCategories)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(planCategories.tenantId, tenantId), eq(planCategories.id, id)))
        .returning()
      return row ?? null
    },
    async plans(tenantId: string, filter: { categoryId?: string; active?: boolean; ids?: string[] } = {}) {
      return db
        .select({ plan: plans, categoryName: planCategories.name })
        .from(plans)
        .innerJoin(planCategories, eq(planCategories.id, plans.categoryId))
        .where(
          and(
            eq(plans.tenantId, tenantId),
            filter.categoryId ? eq(plans.categoryId, filter.categoryId) : undefined,
            filter.active === undefined ? undefined : eq(plans.isActive, filter.active),
            filter.ids ? inArray(plans.id, filter.ids.length ? filter.ids : [NO_ID]) : undefined,
          ),
        )
        .orderBy(asc(planCategories.sort), asc(planCategories.name), asc(plans.name))
    },
    async plan(tenantId: string, id: string) {
      const [row] = await this.plans(tenantId, { ids: [id] })
      return row ?? null
    },
    async insertPlan(values: typeof plans.$inferInsert) {
      const [row] = await db.insert(plans).values(values).returning()
      return row
    },
    async updatePlan(tenantId: string, id: string, values: Partial<PlanRow>) {
      const [row] = await db
        .update(plans)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)))
        .returning()
      return row ?? null
    },

    // ── client setup (wizard's first access) ──
    async setup(tenantId: string, clientOrgId: string, forUpdate = false) {
      const q = db
        .select()
        .from(clientSetups)
        .where(and(eq(clientSetups.tenantId, tenantId), eq(clientSetups.clientOrgId, clientOrgId)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },
    async upsertSetup(values: typeof clientSetups.$inferInsert) {
      const [row] = await db
        .insert(clientSetups)
        .values(values)
        .onConflictDoUpdate({ target: clientSetups.clientOrgId, set: { ...values, updatedAt: new Date() } })
        .returning()
      return row
    },

    // ── contacts ──
    async contacts(tenantId: string, clientOrgId: string) {
      return db
        .select()
        .from(clientContacts)
        .where(and(eq(clientContacts.tenantId, tenantId), eq(clientContacts.clientOrgId, clientOrgId)))
        .orderBy(asc(clientContacts.name))
    },
    async contact(tenantId: string, clientOrgId: string, id: string) {
      const [row] = await db
        .select()
        .from(clientContacts)
        .where(
          and(
            eq(clientContacts.tenantId, tenantId),
            eq(clientContacts.clientOrgId, clientOrgId),
            eq(clientContacts.id, id),
          ),
        )
      return row ?? null
    },
    async insertContact(values: typeof clientContacts.$inferInsert) {
      const [row] = await db.insert(clientContacts).values(values).returning()
      return row
    },

    // ── client plans ──
    async clientPlans(tenantId: string, filter: { clientOrgId?: string; status?: PlanStatus; id?: string }) {
      return db
        .select({
          cp: clientPlans,
          plan: plans,
          categoryName: planCategories.name,
          clientName: clientOrgs.name,
          templateName: contractTemplates.name,
        })
        .from(clientPlans)
        .innerJoin(plans, eq(plans.id, clientPlans.planId))
        .innerJoin(planCategories, eq(planCategories.id, plans.categoryId))
        .innerJoin(clientOrgs, eq(clientOrgs.id, clientPlans.clientOrgId))
        .leftJoin(contractTemplates, eq(contractTemplates.id, clientPlans.contractTemplateId))
        .where(
          and(
            eq(clientPlans.tenantId, tenantId),
            filter.clientOrgId ? eq(clientPlans.clientOrgId, filter.clientOrgId) : undefined,
            filter.status ? eq(clientPlans.status, filter.status) : undefined,
            filter.id ? eq(clientPlans.id, filter.id) : undefined,
          ),
        )
        .orderBy(desc(clientPlans.number))
    },
    async clientPlan(tenantId: string, id: string, forUpdate = false) {
      const q = db
        .select()
        .from(clientPlans)
        .where(and(eq(clientPlans.tenantId, tenantId), eq(clientPlans.id, id)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },
    async nextPlanNumber(tenantId: string): Promise<number> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`client-plans-number:${tenantId}`}))`)
      const [row] = await db
        .select({ n: sql<number>`coalesce(max(${clientPlans.number}), 0)::int + 1` })
        .from(clientPlans)
        .where(eq(clientPlans.tenantId, tenantId))
      return Number(row.n)
    },
    async insertClientPlan(values: typeof clientPlans.$inferInsert) {
      const [row] = await db.insert(clientPlans).values(values).returning()
      return row
    },
    async updateClientPlan(tenantId: string, id: string, values: Partial<ClientPlanRow>) {
      const [row] = await db
        .update(clientPlans)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(clientPlans.tenantId, tenantId), eq(clientPlans.id, id)))
        .returning()
      return row
    },
    async countOpenPlans(tenantId: string, clientOrgId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(clientPlans)
        .where(
          and(
            eq(clientPlans.tenantId, tenantId),
            eq(clientPlans.clientOrgId, clientOrgId),
            sql`${clientPlans.status} <> 'cancelado'`,
          ),
        )
      return Number(row.n)
    },
    async services(tenantId: string, clientPlanIds: string[]) {
      if (clientPlanIds.length === 0) return []
      return db
        .select()
        .from(clientPlanServices)
        .where(
          and(
            eq(clientPlanServices.tenantId, tenantId),
            inArray(clientPlanServices.clientPlanId, clientPlanIds),
          ),
        )
        .orderBy(asc(clientPlanServices.createdAt))
    },
    async service(tenantId: string, clientPlanId: string, id: string) {
      const [row] = await db
        .select()
        .from(clientPlanServices)
        .where(
          and(
            eq(clientPlanServices.tenantId, tenantId),
            eq(clientPlanServices.clientPlanId, clientPlanId),
            eq(clientPlanServices.id, id),
          ),
        )
      return row ?? null
    },
    async insertService(values: typeof clientPlanServices.$inferInsert) {
      const [row] = await db.insert(clientPlanServices).values(values).returning()
      return row
    },
    async updateService(tenantId: string, id: string, values: Partial<ServiceRow>) {
      await db
        .update(clientPlanServices)
        .set(values)
        .where(and(eq(clientPlanServices.tenantId, tenantId), eq(clientPlanServices.id, id)))
    },
    async history(tenantId: string, clientPlanId: string) {
      return db
        .select()
        .from(clientPlanHistory)
        .where(
          and(eq(clientPlanHistory.tenantId, tenantId), eq(clientPlanHistory.clientPlanId, clientPlanId)),
        )
        .orderBy(desc(clientPlanHistory.createdAt))
    },
    async addHistory(values: typeof clientPlanHistory.$inferInsert) {
      await db.insert(clientPlanHistory).values(values)
    },

    // ── contract templates ──
    async templates(tenantId: string) {
      return db
        .select()
        .from(contractTemplates)
        .where(eq(contractTemplates.tenantId, tenantId))
        .orderBy(asc(contractTemplates.name))
    },
    async template(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(contractTemplates)
        .where(and(eq(contractTemplates.tenantId, tenantId), eq(contractTemplates.id, id)))
      return row ?? null
    },
    async insertTemplate(values: typeof contractTemplates.$inferInsert) {
      const [row] = await db.insert(contractTemplates).values(values).onConflictDoNothing().returning()
      return row ?? null
    },
    async updateTemplate(tenantId: string, id: string, values: Partial<TemplateRow>) {
      const [row] = await db
        .update(contractTemplates)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(contractTemplates.tenantId, tenantId), eq(contractTemplates.id, id)))
        .returning()
      return row ?? null
    },

    // ── registration rules ──
    async rules(tenantId: string, onlyActive = false) {
      return db
        .select({ rule: registrationRules, categoryName: planCategories.name })
        .from(registrationRules)
        .leftJoin(planCategories, eq(planCategories.id, registrationRules.categoryId))
        .where(
          and(
            eq(registrationRules.tenantId, tenantId),
            onlyActive ? eq(registrationRules.isActive, true) : undefined,
          ),
        )
        .orderBy(asc(registrationRules.createdAt))
    },
    async rule(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(registrationRules)
        .where(and(eq(registrationRules.tenantId, tenantId), eq(registrationRules.id, id)))
      return row ?? null
    },
    async insertRule(values: typeof registrationRules.$inferInsert) {
      const [row] = await db.insert(registrationRules).values(values).returning()
      return row
    },
    async updateRule(tenantId: string, id: string, values: Partial<RuleRow>) {
      const [row] = await db
        .update(registrationRules)
        .set(values)
        .where(and(eq(registrationRules.tenantId, tenantId), eq(registrationRules.id, id)))
        .returning()
      return row ?? null
    },
  }
}

const NO_ID = '00000000-0000-0000-0000-000000000000'
