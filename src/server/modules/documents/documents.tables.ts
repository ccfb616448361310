import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts'
import { clientOrgs } from '../clients/clients.tables.ts'
import { departments } from '../client-users/client-users.tables.ts'
import { tenants } from '../tenants/tenants.tables.ts'

/**
 * A folder of one client organisation in one department's tree. The root folder of a default
 * department (Pessoal, Fiscal…) is a system folder, created on first use and shared with the
 * department automatically; folders staff create start unshared (seed 004: "As pastas criadas
 * manualmente pelo escritório devem ser compartilhadas"). A client user sees a folder when it and
 * every folder above it are shared and not deleted. See docs/decisions/0012-portal-documents.md.
 */
export const documentFolders = pgTable(
  'document_folders',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    clientOrgId: uuid('client_org_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    /** The default department's own folder: never renamed or deleted, always shared. */
    isSystem: boolean('is_system').notNull().default(false),
    isShared: boolean('is_shared').notNull().default(false),
    createdByStaffUserId: uuid('created_by_staff_user_id'),
    createdByClientUserId: uuid('created_by_client_user_id'),
    createdByName: text('created_by_name'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedByUserId: uuid('deleted_by_user_id'),
    deletedByName: text('deleted_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('document_folders_tenant_id_key').on(t.tenantId, t.id),
    foreignKey({
      name: 'document_folders_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }),
    foreignKey({
      name: 'document_folders_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    foreignKey({
      name: 'document_folders_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    /** One system folder per company and default department (created idempotently). */
    uniqueIndex('document_folders_system_key')
      .on(t.tenantId, t.clientOrgId, t.departmentId)
      .where(sql`${t.isSystem}`),
    /** Sibling folders have distinct names (case-insensitive) while not deleted. */
    uniqueIndex('document_folders_name_key')
      .on(
        t.tenantId,
        t.clientOrgId,
        t.departmentId,
        sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
        sql`lower(${t.name})`,
      )
      .where(sql`${t.deletedAt} is null`),
    index('document_folders_org_idx').on(t.tenantId, t.clientOrgId, t.departmentId),
    index('document_folders_parent_idx').on(t.parentId),
    check('document_folders_system_root_check', sql`not ${t.isSystem} or ${t.parentId} is null`),
  ],
)

/** A document in a folder; its content lives in versions (the newest is `current_version`). */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    clientOrgId: uuid('client_org_id').notNull(),
    folderId: uuid('folder_id').notNull(),
    name: text('name').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    /** Who published it (first version): exactly one of the two is set. */
    createdByStaffUserId: uuid('created_by_staff_user_id'),
    createdByClientUserId: uuid('created_by_client_user_id'),
    createdByName: text('created_by_name').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedByUserId: uuid('deleted_by_user_id'),
    deletedByName: text('deleted_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('documents_tenant_id_key').on(t.tenantId, t.id),
    foreignKey({
      name: 'documents_folder_fk',
      columns: [t.tenantId, t.folderId],
      foreignColumns: [documentFolders.tenantId, documentFolders.id],
    }),
    foreignKey({
      name: 'documents_org_fk',
      columns: [t.tenantId, t.clientOrgId],
      foreignColumns: [clientOrgs.tenantId, clientOrgs.id],
    }),
    uniqueIndex('documents_name_key')
      .on(t.folderId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
    index('documents_folder_idx').on(t.tenantId, t.folderId),
    check(
      'documents_publisher_check',
      sql`(${t.createdByStaffUserId} is null) <> (${t.createdByClientUserId} is null)`,
    ),
  ],
)

/** One uploaded content of a document. The bytes are in storage under `storage_key`. */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    /** Generated by the server (tenant/document/version ids); never derived from user input. */
    storageKey: text('storage_key').notNull(),
    filename: text('filename').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mime: text('mime').notNull(),
    sha256: text('sha256').notNull(),
    uploadedByStaffUserId: uuid('uploaded_by_staff_user_id'),
    uploadedByClientUserId: uuid('uploaded_by_client_user_id'),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'document_versions_document_fk',
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }),
    uniqueIndex('document_versions_key').on(t.documentId, t.version),
    uniqueIndex('document_versions_storage_key').on(t.storageKey),
    check(
      'document_versions_uploader_check',
      sql`(${t.uploadedByStaffUserId} is null) <> (${t.uploadedByClientUserId} is null)`,
    ),
    check('document_versions_size_check', sql`${t.sizeBytes} >= 0`),
  ],
)

/**
 * Publications by the office waiting to be announced to the folder's department: uploads and new
 * versions within a few minutes of each other go out as one notice (`documents.announce`), so thirty
 * payslips make one e-mail, not thirty. Written in the publishing transaction; the job deletes what
 * it announces. See docs/decisions/0014-portal-notifications.md.
 */
export const documentNotices = pgTable(
  'document_notices',
  {
    id: id(),
    tenantId: uuid('tenant_id').notNull(),
    folderId: uuid('folder_id').notNull(),
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'document_notices_document_fk',
      columns: [t.tenantId, t.documentId],
      foreignColumns: [documents.tenantId, documents.id],
    }).onDelete('cascade'),
    index('document_notices_folder_idx').on(t.tenantId, t.folderId),
  ],
)
