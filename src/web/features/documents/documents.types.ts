/**
 * Shapes of the documents API, inferred from the server's zod schemas (type-only: nothing of the
 * server ends up in the bundle).
 */
export type {
  DocumentDetail,
  DocumentSearch,
  DocumentSearchHit,
  DocumentSummary,
  DocumentTree,
  FolderView,
  Restored,
  Trash,
  TrashItem,
  TreeFolder,
  WhyAnswer,
} from '../../../server/modules/documents/documents.schemas.ts'

/** Staff work on `/documents/...` (documents:manage); client users on `/portal/documents/...`. */
export type DocumentsMode = 'staff' | 'portal'

export const API_PREFIX: Record<DocumentsMode, string> = {
  staff: '/documents',
  portal: '/portal/documents',
}
