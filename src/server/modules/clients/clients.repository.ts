import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern } from '../../platform/db/like.ts'
import { detectDocumentType, isValidCnpj, isValidCpf, normalizeCnpj, onlyDigits } from '#shared/documents.ts'
import { clientOrgAddresses, clientOrgs } from './clients.tables.ts'

export type ClientOrgRow = typeof clientOrgs.$inferSelect

// Written out: drizzle leaves columns unqualified inside subqueries.
const userCount = sql<number>`(select count(*)::int from client_user_orgs cuo where cuo.client_org_id = "client_orgs"."id" and cuo.tenant_id = "client_orgs"."tenant_id")`

export function clientsRepository(db: Db) {
  return {
    async find(
      tenantId: string,
      q: {
        search?: string
        environment?: 'homologacao' | 'producao'
        isActive?: boolean
        trained?: boolean
        page: number
        pageSize: number
        /** Every match of a search, in name order and counted exactly (exports), never capped. */
        exhaustive?: boolean
      },
    ) {
      const conds: SQL[] = [eq(clientOrgs.tenantId, tenantId)]
      const exact = q.search ? exactDocument(q.search) : null
      if (exact) {
        // A whole, valid CPF/CNPJ: the unique B-tree index answers at once.
        conds.push(eq(clientOrgs.document, exact))
      } else if (q.search) {
        // lower(...) like '%…%' is what the trigram indexes of the migration serve.
        const like = containsPattern(q.search, { lower: true })
        const doc = q.search.replace(/[^0-9A-Za-z]/g, '').toUpperCase()
        conds.push(
          or(
            sql`lower(${clientOrgs.name}) like ${like}`,
            sql`lower(coalesce(${clientOrgs.tradeName}, '')) like ${like}`,
            ...(doc.length >= 3 ? [sql`${clientOrgs.document} like ${containsPattern(doc)}`] : []),
          )!,
        )
      }
      if (q.environment) conds.push(eq(clientOrgs.environment, q.environment))
      if (q.isActive !== undefined) conds.push(eq(clientOrgs.isActive, q.isActive))
      if (q.trained !== undefined) {
        conds.push(
          q.trained ? sql`${clientOrgs.trainedAt} is not null` : sql`${clientOrgs.trainedAt} is null`,
        )
      }
      const where = and(...conds)
      // First the matches, up to COUNT_CAP + 1: a rare fragment is found through the trigram
      // indexes, a common one by the first rows scanned. This also gives the count without
      // counting every match of a broad fragment.
      const matched = await db
        .select({ id: clientOrgs.id })
        .from(clientOrgs)
        .where(where)
        .limit(COUNT_CAP + 1)
      const n = matched.length
      const page = db.select({ org: clientOrgs, userCount }).from(clientOrgs).$dynamic()
      const order = [sql`lower(${clientOrgs.name})`, clientOrgs.id]
      const offset = (q.page - 1) * q.pageSize
      if (n > COUNT_CAP && (!q.search || q.exhaustive)) {
        // Browsing (filters only) or exporting: walk the (tenant_id, lower(name)) index in order and
        // stop after one page; the exact count of the filtered list is cheap enough (index on tenant).
        const items = await page
          .where(where)
          .orderBy(...order)
          .limit(q.pageSize)
          .offset(offset)
        const [{ total }] = await db
          .select({ total: sql<number>`count(*)::int` })
          .from(clientOrgs)
          .where(where)
        return { items, total: Number(total), totalCapped: false }
      }
      // A search: the matches collected above, COUNT_CAP at most, in name order. A fragment that
      // matches more than that shows COUNT_CAP of its matches and asks for a narrower search:
      // ordering every match of "silva" among a million names would cost hundreds of ms.
      const ids = matched.slice(0, COUNT_CAP).map((m) => m.id)
      const items = await page
        .where(and(eq(clientOrgs.tenantId, tenantId), inArray(clientOrgs.id, ids.length ? ids : [NO_ID])))
        .orderBy(...order)
        .limit(q.pageSize)
        .offset(offset)
      return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP }
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
    async setEnvironment(tenantId: string, id: string, environment: 'homologacao' | 'producao') {
      await db
        .update(clientOrgs)
        .set({ environment, updatedAt: new Date() })
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
    },
    async setActive(tenantId: string, id: string, isActive: boolean) {
      await db
        .update(clientOrgs)
        .set({ isActive, updatedAt: new Date() })
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
    },
    async insertAddress(values: typeof clientOrgAddresses.$inferInsert) {
      const [row] = await db.insert(clientOrgAddresses).values(values).returning()
      return row
    },
    async addressesOf(tenantId: string, orgId: string) {
      return db
        .select()
        .from(clientOrgAddresses)
        .where(and(eq(clientOrgAddresses.tenantId, tenantId), eq(clientOrgAddresses.clientOrgId, orgId)))
        .orderBy(clientOrgAddresses.kind, clientOrgAddresses.createdAt)
    },
    async replaceAddresses(
      tenantId: string,
      orgId: string,
      list: Omit<typeof clientOrgAddresses.$inferInsert, 'tenantId' | 'clientOrgId'>[],
    ) {
      await db
        .delete(clientOrgAddresses)
        .where(and(eq(clientOrgAddresses.tenantId, tenantId), eq(clientOrgAddresses.clientOrgId, orgId)))
      if (list.length)
        await db.insert(clientOrgAddresses).values(list.map((a) => ({ ...a, tenantId, clientOrgId: orgId })))
    },
  }
}

const NO_ID = '00000000-0000-0000-0000-000000000000'

/** Above this many search matches the list says "mais de 200" instead of counting them all. */
export const COUNT_CAP = 200

function exactDocument(search: string): string | null {
  const type = detectDocumentType(search)
  if (type === 'cpf' && isValidCpf(search)) return onlyDigits(search)
  if (type === 'cnpj' && isValidCnpj(search)) return normalizeCnpj(search)
  return null
}
