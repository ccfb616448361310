import type { Actor } from '../../platform/actor.ts'
import { foldAccents } from '../../platform/db/like.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { documentsRepository } from './documents.repository.ts'
import type { DocumentSearch } from './documents.schemas.ts'
import { companyScope } from './documents.scope.ts'
import { type DocumentsDeps, folderPath, toSummary } from './documents.service.ts'

/** How many documents a search lists at most (the most recently updated first). */
export const SEARCH_LIMIT = 50
/** And how many folders. */
const FOLDER_LIMIT = 20

/**
 * "Buscar documentos": the live documents of a company whose name contains the text (case and
 * accents aside), and the folders whose name does, in the folders the person sees — staff: all of the company's; a client user (the
 * company in use): the shared folders of their departments — each with its folder's path and what
 * the level allows on it. Nothing to see is an empty list, as in the tree.
 */
export async function searchDocuments(
  deps: DocumentsDeps,
  actor: Actor,
  clientOrgId: string | null,
  text: string,
): Promise<DocumentSearch> {
  const repo = documentsRepository(deps.db)
  if (actor.kind === 'staff' && (!clientOrgId || !(await repo.org(actor.tenantId, clientOrgId))))
    throw E.CLIENT_ORG_NOT_FOUND()
  const orgId = actor.kind === 'staff' ? clientOrgId : actor.clientOrgId
  const scope = orgId ? await companyScope(deps.db, actor, orgId, { withDeleted: false }) : null
  if (!scope) return { folders: [], items: [], hasMore: false }
  const searched = scope.folders.filter((f) => actor.kind === 'staff' || scope.shared.get(f.id) === true)
  const hits = await repo.searchCurrent(
    actor.tenantId,
    searched.map((f) => f.id),
    text,
    SEARCH_LIMIT + 1,
  )
  const items = hits.slice(0, SEARCH_LIMIT).flatMap(({ document, current }) => {
    const folder = scope.byId.get(document.folderId)
    const department = folder ? scope.departments.get(folder.departmentId) : undefined
    if (!folder || !department) return []
    return [
      {
        ...toSummary(department.access, document, current),
        folderPath: folderPath(folder, scope.folders),
        departmentName: department.name,
      },
    ]
  })
  const wanted = foldAccents(text)
  const folders = searched
    .filter((f) => foldAccents(f.name).includes(wanted))
    .map((f) => ({ id: f.id, name: f.name, path: folderPath(f, scope.folders) }))
    .sort((a, b) => a.path.localeCompare(b.path, 'pt-BR'))
    .slice(0, FOLDER_LIMIT)
  return { folders, items, hasMore: hits.length > SEARCH_LIMIT }
}
