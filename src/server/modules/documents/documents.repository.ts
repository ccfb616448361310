import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/database.ts'
import { containsPattern, foldedContains } from '../../platform/db/like.ts'
import {
  clientUserDepartments,
  clientUserOrgs,
  clientUsers,
  departments,
} from '../client-users/client-users.tables.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { documentFolders, documents, documentVersions } from './documents.tables.ts'

export type FolderRow = typeof documentFolders.$inferSelect
export type DocumentRow = typeof documents.$inferSelect
export type VersionRow = typeof documentVersions.$inferSelect

/** A folder's tree is bounded: a company has at most this many live folders per listing. */
const MAX_FOLDERS = 5000

type Deletion = { deletedAt: Date | null; deletedByUserId: string | null; deletedByName: string | null }

/** The only place the documents module reads or writes the database; every method takes the tenant. */
export function documentsRepository(db: Db) {
  /** Live documents of these folders with their current version, by name. */
  /** Live documents of these folders (and `also`) with their current version. */
  const liveWithCurrent = (tenantId: string, folderIds: string[], also?: SQL) =>
    db
      .select({ document: documents, current: documentVersions })
      .from(documents)
      .innerJoin(
        documentVersions,
        and(
          eq(documentVersions.tenantId, documents.tenantId),
          eq(documentVersions.documentId, documents.id),
          eq(documentVersions.version, documents.currentVersion),
        ),
      )
      .where(
        and(
          eq(documents.tenantId, tenantId),
          folderIds.length === 1
            ? eq(documents.folderId, folderIds[0])
            : inArray(documents.folderId, folderIds),
          isNull(documents.deletedAt),
          also,
        ),
      )

  const currentIn = (tenantId: string, folderIds: string[]) =>
    liveWithCurrent(tenantId, folderIds).orderBy(asc(sql`lower(${documents.name})`))

  /** A company's folders (of some departments), live only or with those in the trash too. */
  const companyFolders = (
    tenantId: string,
    clientOrgId: string,
    departmentIds: string[] | undefined,
    withDeleted: boolean,
  ) =>
    db
      .select()
      .from(documentFolders)
      .where(
        and(
          eq(documentFolders.tenantId, tenantId),
          eq(documentFolders.clientOrgId, clientOrgId),
          withDeleted ? undefined : isNull(documentFolders.deletedAt),
          departmentIds ? inArray(documentFolders.departmentId, departmentIds) : undefined,
        ),
      )
      .orderBy(desc(documentFolders.isSystem), asc(sql`lower(${documentFolders.name})`))
      .limit(withDeleted ? MAX_FOLDERS * 2 : MAX_FOLDERS)
  return {
    async org(tenantId: string, id: string) {
      const [row] = await db
        .select({
          id: clientOrgs.id,
          name: clientOrgs.name,
          document: clientOrgs.document,
          portalEnabled: clientOrgs.portalEnabled,
          isActive: clientOrgs.isActive,
        })
        .from(clientOrgs)
        .where(and(eq(clientOrgs.tenantId, tenantId), eq(clientOrgs.id, id)))
      return row ?? null
    },

    departments(tenantId: string) {
      return db
        .select({ id: departments.id, name: departments.name, isDefault: departments.isDefault })
        .from(departments)
        .where(eq(departments.tenantId, tenantId))
        .orderBy(desc(departments.isDefault), asc(departments.name))
    },

    async department(tenantId: string, id: string) {
      const [row] = await db
        .select({ id: departments.id, name: departments.name, isDefault: departments.isDefault })
        .from(departments)
        .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)))
      return row ?? null
    },

    /** The default departments' own folders for this company (idempotent: one per department). */
    async ensureSystemFolders(tenantId: string, clientOrgId: string, deps: { id: string; name: string }[]) {
      if (deps.length === 0) return
      await db
        .insert(documentFolders)
        .values(
          deps.map((d) => ({
            tenantId,
            clientOrgId,
            departmentId: d.id,
            name: d.name,
            isSystem: true,
            isShared: true,
            createdByName: 'Sistema',
          })),
        )
        .onConflictDoNothing()
    },

    /** Live folders of a company, optionally of some departments only. */
    folders(tenantId: string, clientOrgId: string, departmentIds?: string[]) {
      return companyFolders(tenantId, clientOrgId, departmentIds, false)
    },

    async folder(tenantId: string, id: string, forUpdate = false): Promise<FolderRow | null> {
      const q = db
        .select()
        .from(documentFolders)
        .where(and(eq(documentFolders.tenantId, tenantId), eq(documentFolders.id, id)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },

    async insertFolder(values: typeof documentFolders.$inferInsert): Promise<FolderRow> {
      const [row] = await db.insert(documentFolders).values(values).returning()
      return row
    },

    async updateFolder(tenantId: string, id: string, values: Partial<typeof documentFolders.$inferInsert>) {
      const [row] = await db
        .update(documentFolders)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(documentFolders.tenantId, tenantId), eq(documentFolders.id, id)))
        .returning()
      return row
    },

    /** Folders of a company, live and in the trash (the trash's paths and visibility). */
    allFolders(tenantId: string, clientOrgId: string, departmentIds?: string[]) {
      return companyFolders(tenantId, clientOrgId, departmentIds, true)
    },

    /** Documents of these folders: live ones, or those in the trash; `limit` bounds a listing. */
    async documentsOf(tenantId: string, folderIds: string[], inTrash: boolean, limit?: number) {
      if (folderIds.length === 0) return [] as DocumentRow[]
      const q = db
        .select()
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            inArray(documents.folderId, folderIds),
            inTrash ? isNotNull(documents.deletedAt) : isNull(documents.deletedAt),
          ),
        )
        .orderBy(desc(documents.deletedAt))
      return limit ? await q.limit(limit) : await q
    },

    async setFoldersDeleted(tenantId: string, ids: string[], values: Deletion) {
      if (ids.length === 0) return
      await db
        .update(documentFolders)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(documentFolders.tenantId, tenantId), inArray(documentFolders.id, ids)))
    },

    async setDocumentsDeleted(tenantId: string, ids: string[], values: Deletion) {
      if (ids.length === 0) return
      await db
        .update(documents)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(documents.tenantId, tenantId), inArray(documents.id, ids)))
    },

    /** Deletes documents for good with their version rows; returns the stored files' keys. */
    async purgeDocuments(tenantId: string, ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const versions = await db
        .delete(documentVersions)
        .where(and(eq(documentVersions.tenantId, tenantId), inArray(documentVersions.documentId, ids)))
        .returning({ key: documentVersions.storageKey })
      await db.delete(documents).where(and(eq(documents.tenantId, tenantId), inArray(documents.id, ids)))
      return versions.map((v) => v.key)
    },

    async purgeFolders(tenantId: string, ids: string[]) {
      if (ids.length === 0) return
      await db
        .delete(documentFolders)
        .where(and(eq(documentFolders.tenantId, tenantId), inArray(documentFolders.id, ids)))
    },

    async documentCounts(tenantId: string, folderIds: string[]): Promise<Map<string, number>> {
      if (folderIds.length === 0) return new Map()
      const rows = await db
        .select({ folderId: documents.folderId, n: sql<number>`count(*)::int` })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            inArray(documents.folderId, folderIds),
            isNull(documents.deletedAt),
          ),
        )
        .groupBy(documents.folderId)
      return new Map(rows.map((r) => [r.folderId, Number(r.n)]))
    },

    /** Live documents of a folder with their current version. */
    documentsIn(tenantId: string, folderId: string) {
      return currentIn(tenantId, [folderId])
    },

    /** Live documents of these folders with their current version, by name. */
    currentIn,

    /**
     * Live documents of these folders whose name contains `text` (case and accents aside), with
     * their current version, the most recently updated first; at most `limit`.
     */
    async searchCurrent(tenantId: string, folderIds: string[], text: string, limit: number) {
      if (folderIds.length === 0) return []
      return liveWithCurrent(tenantId, folderIds, foldedContains(documents.name, text))
        .orderBy(desc(documentVersions.createdAt), asc(documents.id))
        .limit(limit)
    },

    async document(tenantId: string, id: string, forUpdate = false): Promise<DocumentRow | null> {
      const q = db
        .select()
        .from(documents)
        .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id)))
      const [row] = forUpdate ? await q.for('update') : await q
      return row ?? null
    },

    async documentByName(tenantId: string, folderId: string, name: string) {
      const [row] = await db
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.folderId, folderId),
            isNull(documents.deletedAt),
            sql`lower(${documents.name}) = lower(${name})`,
          ),
        )
      return row ?? null
    },

    async insertDocument(values: typeof documents.$inferInsert): Promise<DocumentRow> {
      const [row] = await db.insert(documents).values(values).returning()
      return row
    },

    async updateDocument(tenantId: string, id: string, values: Partial<typeof documents.$inferInsert>) {
      const [row] = await db
        .update(documents)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id)))
        .returning()
      return row
    },

    versions(tenantId: string, documentId: string) {
      return db
        .select()
        .from(documentVersions)
        .where(and(eq(documentVersions.tenantId, tenantId), eq(documentVersions.documentId, documentId)))
        .orderBy(desc(documentVersions.version))
    },

    async version(tenantId: string, documentId: string, version: number): Promise<VersionRow | null> {
      const [row] = await db
        .select()
        .from(documentVersions)
        .where(
          and(
            eq(documentVersions.tenantId, tenantId),
            eq(documentVersions.documentId, documentId),
            eq(documentVersions.version, version),
          ),
        )
      return row ?? null
    },

    async insertVersion(values: typeof documentVersions.$inferInsert): Promise<VersionRow> {
      const [row] = await db.insert(documentVersions).values(values).returning()
      return row
    },

    // ---- client users: who may see what ---------------------------------------------------

    async clientUser(tenantId: string, id: string) {
      const [row] = await db
        .select({
          id: clientUsers.id,
          name: clientUsers.name,
          email: clientUsers.email,
          portalActive: clientUsers.portalActive,
          isDemo: clientUsers.isDemo,
          acceptedAt: clientUsers.acceptedAt,
          permissions: clientUsers.permissions,
        })
        .from(clientUsers)
        .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.id, id)))
      return row ?? null
    },

    /** The client user's departments with their level (seed 004, step 5). */
    clientDepartments(tenantId: string, clientUserId: string) {
      return db
        .select({
          id: departments.id,
          name: departments.name,
          isDefault: departments.isDefault,
          level: clientUserDepartments.level,
        })
        .from(clientUserDepartments)
        .innerJoin(
          departments,
          and(
            eq(departments.tenantId, clientUserDepartments.tenantId),
            eq(departments.id, clientUserDepartments.departmentId),
          ),
        )
        .where(
          and(
            eq(clientUserDepartments.tenantId, tenantId),
            eq(clientUserDepartments.clientUserId, clientUserId),
          ),
        )
        .orderBy(desc(departments.isDefault), asc(departments.name))
    },

    async isLinked(tenantId: string, clientUserId: string, clientOrgId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: clientUserOrgs.clientOrgId })
        .from(clientUserOrgs)
        .where(
          and(
            eq(clientUserOrgs.tenantId, tenantId),
            eq(clientUserOrgs.clientUserId, clientUserId),
            eq(clientUserOrgs.clientOrgId, clientOrgId),
          ),
        )
      return Boolean(row)
    },

    /** Client users for the "Por que vê?" picker: those linked to the company first. */
    searchClientUsers(tenantId: string, clientOrgId: string, search: string | undefined, limit = 20) {
      const linked = sql<boolean>`exists (select 1 from client_user_orgs o
        where o.tenant_id = ${tenantId} and o.client_user_id = ${clientUsers.id} and o.client_org_id = ${clientOrgId})`
      const term = search ? containsPattern(search, { lower: true }) : null
      return db
        .select({ id: clientUsers.id, name: clientUsers.name, email: clientUsers.email, linked })
        .from(clientUsers)
        .where(
          and(
            eq(clientUsers.tenantId, tenantId),
            term
              ? sql`(lower(${clientUsers.name}) like ${term} or lower(${clientUsers.email}) like ${term})`
              : linked,
          ),
        )
        .orderBy(desc(linked), asc(clientUsers.name))
        .limit(limit)
    },
  }
}
