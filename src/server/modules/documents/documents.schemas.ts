import { PageSize, SearchText, Uuid, z } from '#shared/validation.ts'

const Level = z.enum(['revisor', 'contribuinte', 'proprietario'])

const FolderName = z
  .string({ error: 'Informe o nome da pasta.' })
  .trim()
  .min(1, { error: 'Informe o nome da pasta.' })
  .max(100, { error: 'Nome longo demais (máximo de 100 caracteres).' })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  .refine((v) => !/[\\/<>:"|?*\u0000-\u001f]/.test(v), {
    error: 'O nome não pode ter os caracteres \\ / < > : " | ? *',
  })
  .refine((v) => v !== '.' && v !== '..', { error: 'Nome de pasta inválido.' })

const DocumentName = z
  .string({ error: 'Informe o nome do documento.' })
  .trim()
  .min(1, { error: 'Informe o nome do documento.' })
  .max(130, { error: 'Nome longo demais (máximo de 130 caracteres).' })

export const IdParams = z.strictObject({ id: Uuid })
export type IdParams = z.infer<typeof IdParams>

export const FolderCapabilities = z.object({
  upload: z.boolean(),
  createFolder: z.boolean(),
  rename: z.boolean(),
  delete: z.boolean(),
  move: z.boolean(),
  share: z.boolean(),
})
export const DocumentCapabilities = z.object({
  newVersion: z.boolean(),
  rename: z.boolean(),
  delete: z.boolean(),
})

export const TreeFolder = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  departmentId: z.uuid(),
  name: z.string(),
  isSystem: z.boolean(),
  isShared: z.boolean(),
  /** Shared all the way up: client users of the department see it. */
  isVisibleToClients: z.boolean(),
  documentCount: z.number().int(),
})
export type TreeFolder = z.infer<typeof TreeFolder>

export const TreeDepartment = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  /** The client user's level (portal); null for staff. */
  level: Level.nullable(),
  levelLabel: z.string().nullable(),
})

export const DocumentTree = z.object({
  company: z.object({ id: z.uuid(), name: z.string(), document: z.string() }).nullable(),
  departments: z.array(TreeDepartment),
  folders: z.array(TreeFolder),
})
export type DocumentTree = z.infer<typeof DocumentTree>

export const DocumentSummary = z.object({
  id: z.uuid(),
  folderId: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  sizeBytes: z.number().int(),
  mime: z.string(),
  /** When and by whom the current version was sent. */
  updatedAt: z.string(),
  updatedByName: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string(),
  /** Published by the client user asking (portal). */
  isMine: z.boolean(),
  can: DocumentCapabilities,
})
export type DocumentSummary = z.infer<typeof DocumentSummary>

/** "Buscar documentos": a part of the name, accents and case aside. */
export const SearchDocumentsQuery = z.strictObject({
  q: z
    .string({ error: 'Digite o que procura.' })
    .trim()
    .min(2, { error: 'Digite ao menos 2 letras para buscar.' })
    .max(100, { error: 'Busca longa demais (máximo de 100 caracteres).' }),
})

export const DocumentSearchHit = DocumentSummary.extend({
  /** "Fiscal / 2026 / Março": where it is. */
  folderPath: z.string(),
  departmentName: z.string(),
})
export type DocumentSearchHit = z.infer<typeof DocumentSearchHit>

export const DocumentSearch = z.object({
  /** Folders whose name matches (at most 20), each with its path. */
  folders: z.array(z.object({ id: z.uuid(), name: z.string(), path: z.string() })),
  items: z.array(DocumentSearchHit),
  /** More documents match than the list shows: refine the search. */
  hasMore: z.boolean(),
})
export type DocumentSearch = z.infer<typeof DocumentSearch>

export const FolderView = z.object({
  folder: z.object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    clientOrgId: z.uuid(),
    departmentId: z.uuid(),
    departmentName: z.string(),
    name: z.string(),
    isSystem: z.boolean(),
    isShared: z.boolean(),
    isVisibleToClients: z.boolean(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  }),
  /** From the department's root down to this folder. */
  path: z.array(z.object({ id: z.uuid(), name: z.string() })),
  level: Level.nullable(),
  levelLabel: z.string().nullable(),
  /**
   * The portal permission "Envia documentos ao escritório" (documents:upload): without it a client
   * user sends no documents nor new versions, whatever the level. Always true for staff.
   */
  canSendDocuments: z.boolean(),
  can: FolderCapabilities,
  folders: z.array(
    TreeFolder.extend({
      createdByName: z.string().nullable(),
      createdAt: z.string(),
      can: FolderCapabilities,
    }),
  ),
  documents: z.array(DocumentSummary),
})
export type FolderView = z.infer<typeof FolderView>

export const DocumentVersion = z.object({
  version: z.number().int(),
  filename: z.string(),
  sizeBytes: z.number().int(),
  mime: z.string(),
  sha256: z.string(),
  uploadedByName: z.string(),
  createdAt: z.string(),
})

export const DocumentDetail = DocumentSummary.extend({
  path: z.array(z.object({ id: z.uuid(), name: z.string() })),
  versions: z.array(DocumentVersion),
})
export type DocumentDetail = z.infer<typeof DocumentDetail>

export const CreateRootFolderBody = z.strictObject({
  departmentId: Uuid,
  name: FolderName,
  /** Staff folders start unshared (seed 004); true shares it with the department at once. */
  share: z.boolean().default(false),
})
export type CreateRootFolderBody = z.infer<typeof CreateRootFolderBody>

export const CreateFolderBody = z.strictObject({ name: FolderName, share: z.boolean().optional() })
export type CreateFolderBody = z.infer<typeof CreateFolderBody>
export const PortalCreateFolderBody = z.strictObject({ name: FolderName })

export const UpdateFolderBody = z
  .strictObject({ name: FolderName.optional(), isShared: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.isShared !== undefined, { error: 'Nada para alterar.' })
export type UpdateFolderBody = z.infer<typeof UpdateFolderBody>
export const PortalUpdateFolderBody = z.strictObject({ name: FolderName })

export const RenameDocumentBody = z.strictObject({ name: DocumentName })
export type RenameDocumentBody = z.infer<typeof RenameDocumentBody>

export const DownloadQuery = z.strictObject({
  version: z.coerce.number({ error: 'Versão inválida.' }).int().min(1).max(100_000).optional(),
})

export const WhyQuery = z.strictObject({ clientUserId: Uuid })

export const WhyStep = z.object({
  kind: z.enum(['user', 'department', 'level', 'company', 'folder']),
  label: z.string(),
  detail: z.string(),
  ok: z.boolean(),
})
export const WhyAnswer = z.object({
  canSee: z.boolean(),
  summary: z.string(),
  /** The first link of the chain that fails; null when the user sees the folder. */
  reason: z.string().nullable(),
  level: Level.nullable(),
  levelLabel: z.string().nullable(),
  /** Has the portal permission "Envia documentos ao escritório" (documents:upload). */
  canSendDocuments: z.boolean(),
  chain: z.array(WhyStep),
})
export type WhyAnswer = z.infer<typeof WhyAnswer>

export const PeopleQuery = z.strictObject({ search: SearchText, pageSize: PageSize })
export const People = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), linked: z.boolean() })),
})

export const Deleted = z.object({ id: z.uuid(), deletedAt: z.string() })

export const TrashItem = z.object({
  kind: z.enum(['document', 'folder']),
  id: z.uuid(),
  name: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  /** Where it was: the path of its folder ("Fiscal / 2026"); for a top-level folder, its department. */
  location: z.string(),
  /** The folder it was in (null for a top-level folder). */
  parentFolderId: z.uuid().nullable(),
  /** That folder is in the trash too: restore it first. */
  isParentInTrash: z.boolean(),
  /** Folder: documents and subfolders that went to the trash with it (restored with it). */
  contentCount: z.number().int(),
  deletedAt: z.string(),
  deletedByName: z.string().nullable(),
  /** When it is deleted for good (30 days after the deletion). */
  purgeAt: z.string(),
  /** The person may restore it (a Contribuinte: only what they deleted themselves). */
  canRestore: z.boolean(),
})
export type TrashItem = z.infer<typeof TrashItem>

export const Trash = z.object({
  retentionDays: z.number().int(),
  items: z.array(TrashItem),
})
export type Trash = z.infer<typeof Trash>

export const Restored = z.object({
  kind: z.enum(['document', 'folder']),
  id: z.uuid(),
  name: z.string(),
  /** The folder it is back in (the folder itself, for a folder). */
  folderId: z.uuid(),
  /** Documents and subfolders restored with a folder. */
  contentCount: z.number().int(),
})
export type Restored = z.infer<typeof Restored>

export const MoveDocumentBody = z.strictObject({ folderId: Uuid })
/** The folder to move into (same company and department). */
export const MoveFolderBody = z.strictObject({ folderId: Uuid })
export type MoveDocumentBody = z.infer<typeof MoveDocumentBody>
