import { and, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { clientOrgs } from './clients.tables.ts'

export type ClientOrgRow = typeof clientOrgs.$inferSelect

// Written out: drizzle leaves columns unqualified inside subqueries.
const userCount = sql<number>`(select count(*)::int from client_user_orgs cuo where cuo.client_org_id = "client_orgs"."id" and cuo.tenant_id = "client_orgs"."tenant_id")`

export function clientsRepository(db: Db) {
  return {
    async find(tenantId: string, q: { search?: string; page: number; pageSize: number }) {
      const conds: SQL[] = [eq(clientOrgs.tenantId, tenantId)]
      if (q.search) {
        const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        const digits = q.search.replace(/[^0-9A-Za-z]/g, '').toUpperCase()
        conds.push(
          or(ilike(clientOrgs.name, like), ...(digits ? [ilike(clientOrgs.document, `%${digits}%`)] : []))!,
        )
      }
      const where = and(...conds)
      const items = await db
        .select({ org: clientOrgs, userCount })
        .from(clientOrgs)
        .where(where)
        .orderBy(clientOrgs.name)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
      const [{ n }] = await db.select({ n: count() }).from(clientOrgs).where(where)
      return { items, total: n }
    },
    async findById(tenantId: string, id: string) {
      const [row] = await db
        .select({ org: clientOrgs, userCount })
        .from(clientOrgs)
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
      return row ?? null
    },
    async findByDocument(tenantId: string, document: string): Promise<ClientOrgRow | null> {
      const [row] = await db
        .select()
        .from(clientOrgs)
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.document, document)))
      return row ?? null
    },
    async listByIds(tenantId: string, ids: string[]): Promise<ClientOrgRow[]> {
      if (ids.length === 0) return []
      return db
        .select()
        .from(clientOrgs)
        .where(and(eq(clientOrgs.tenantId, tenantId), inArray(clientOrgs.id, ids)))
    },
    async insert(values: typeof clientOrgs.$inferInsert): Promise<ClientOrgRow> {
      const [row] = await db.insert(clientOrgs).values(values).returning()
      return row
    },
    async update(
      tenantId: string,
      id: string,
      values: Partial<Pick<ClientOrgRow, 'name' | 'portalEnabled'>>,
    ) {
      const [row] = await db
        .update(clientOrgs)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
        .returning()
      return row ?? null
    },
  }
}
