import { and, eq, type SQL, sql } from 'drizzle-orm'
import { formatCount } from '#shared/format.ts'
import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { renderMail } from '../../platform/mail/layout.ts'
import { queueMails } from '../../platform/mail/mailer.ts'
import type { NotificationChannel } from '../client-users/client-users.tables.ts'
import { portalNotifications } from '../notifications/index.ts'
import { getTenantName } from '../tenants/tenant-settings.ts'
import { enqueueAnnouncement } from './documents.queue.ts'
import { documentsRepository, type FolderRow } from './documents.repository.ts'
import { folderPath, visibilityOf } from './documents.service.ts'
import { documentNotices } from './documents.tables.ts'
import { descendantsOf } from './documents.trash.ts'

/** Where the notice takes the client user: the portal's documents of the company in use. */
const DOCUMENTS_PATH = '/portal/documentos'

/**
 * The client users who hear of a publication in this folder by one of these channels: portal access
 * active and accepted, the company's portal enabled and the company active, linked to the company
 * and in the folder's department. One FROM … WHERE for the e-mails and the inbox, so both follow
 * the same rules.
 */
function recipients(tenantId: string, folder: FolderRow, channels: NotificationChannel[]): SQL {
  return sql`
    from client_users cu
    join client_user_orgs l on l.tenant_id = cu.tenant_id and l.client_user_id = cu.id
    join client_orgs o on o.tenant_id = l.tenant_id and o.id = l.client_org_id
    join client_user_departments d on d.tenant_id = cu.tenant_id and d.client_user_id = cu.id
    where cu.tenant_id = ${tenantId} and l.client_org_id = ${folder.clientOrgId}
      and d.department_id = ${folder.departmentId}
      and cu.portal_active and cu.user_id is not null and o.portal_enabled and o.is_active
      and cu.notifications->>'documents' in (${sql.join(
        channels.map((c) => sql`${c}`),
        sql`, `,
      )})`
}

/**
 * "Novos documentos publicados" (seed 004, Notificações): when the office publishes a document or
 * a new version in a folder client users see, those with access to the portal hear of it by the
 * channel they chose — "E-mail" an e-mail, "Sistema" a notification in the portal's inbox, "Ambos"
 * both. The publication is written down in its own transaction (nothing for one that rolled back)
 * and announced by the `documents.announce` job at the end of its window (`noticeDelayMs`, two
 * minutes by default): everything published in that folder meanwhile goes out as one notice.
 * Documents sent by client users notify nobody.
 */
export async function notifyPublished(
  tx: Db,
  deps: { noticeDelayMs: number },
  actor: Actor,
  input: { folder: FolderRow; visibleToClients: boolean; documentId: string; name: string; version: number },
): Promise<void> {
  if (actor.kind !== 'staff' || !input.visibleToClients) return
  await tx.insert(documentNotices).values({
    tenantId: actor.tenantId,
    folderId: input.folder.id,
    documentId: input.documentId,
    version: input.version,
    name: input.name,
  })
  await enqueueAnnouncement(tx, { tenantId: actor.tenantId, folderId: input.folder.id }, deps.noticeDelayMs)
}

/**
 * The notice of what was published in a folder during its window: one document as before ("Novo
 * documento: X", "Nova versão de documento: X"), several as one ("Novos documentos em Holerites",
 * with their names). What was deleted or moved away since, or a folder clients no longer see,
 * is not announced. Idempotent: what it announces it deletes in the same transaction.
 */
export async function announcePublications(
  deps: { db: Db; appUrl: string },
  p: { tenantId: string; folderId: string },
): Promise<{ mailed: number; notified: number; documents: number }> {
  return deps.db.transaction(async (tx) => {
    const pending = await tx
      .delete(documentNotices)
      .where(and(eq(documentNotices.tenantId, p.tenantId), eq(documentNotices.folderId, p.folderId)))
      .returning()
    const none = { mailed: 0, notified: 0, documents: 0 }
    if (pending.length === 0) return none
    const repo = documentsRepository(tx)
    const folder = await repo.folder(p.tenantId, p.folderId)
    if (!folder || folder.deletedAt) return none
    const tree = await repo.folders(p.tenantId, folder.clientOrgId, [folder.departmentId])
    if (!visibilityOf(tree).get(folder.id)) return none
    // Documents still there, by their name now (renamed meanwhile: the new name).
    const live = new Map((await repo.documentsOf(p.tenantId, [folder.id], false)).map((d) => [d.id, d.name]))
    // One line per document, its latest publication in the window, in the order they came.
    const latest = new Map<string, { name: string; version: number }>()
    for (const n of [...pending].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const name = live.get(n.documentId)
      if (name === undefined) continue
      latest.delete(n.documentId)
      latest.set(n.documentId, { name, version: n.version })
    }
    const items = [...latest.values()]
    if (items.length === 0) return none
    const path = folderPath(folder, tree)
    const notice =
      items.length === 1
        ? single(items[0], path)
        : {
            title: `Novos documentos em ${folder.name}`,
            did: `publicou ${formatCount(items.length, 'documento', 'documentos')} na pasta ${path} (${listNames(items.map((i) => i.name))})`,
            next: 'Abra o Portal do Cliente para ver e baixar os documentos.',
          }
    const sent = await notifyDepartment(tx, deps.appUrl, p.tenantId, folder, notice)
    return { ...sent, documents: items.length }
  })
}

function single(n: { name: string; version: number }, path: string) {
  const what = n.version > 1 ? `uma nova versão (${n.version}) de "${n.name}"` : `"${n.name}"`
  return {
    title: n.version > 1 ? `Nova versão de documento: ${n.name}` : `Novo documento: ${n.name}`,
    did: `publicou ${what} na pasta ${path}`,
    next: 'Abra o Portal do Cliente para ver e baixar o documento.',
  }
}

/** "a.pdf, b.pdf e c.pdf"; past five names, "… e mais 7". */
function listNames(names: string[]): string {
  const shown = names.slice(0, 5)
  const rest = names.length - shown.length
  if (rest > 0) return `${shown.join(', ')} e mais ${rest}`
  return `${shown.slice(0, -1).join(', ')} e ${shown.at(-1)}`
}

/**
 * A folder the office shares (or a folder above it) brings documents already in it into the
 * portal: the department hears of it once, with how many, like a publication.
 */
export async function notifyShared(
  tx: Db,
  appUrl: string,
  actor: Actor,
  input: { folder: FolderRow; path: string; documents: number },
): Promise<{ mailed: number; notified: number }> {
  if (actor.kind !== 'staff' || input.documents === 0) return { mailed: 0, notified: 0 }
  return notifyDepartment(tx, appUrl, actor.tenantId, input.folder, {
    title: `Documentos disponíveis: ${input.folder.name}`,
    did: `compartilhou a pasta ${input.path}, com ${formatCount(input.documents, 'documento', 'documentos')},`,
    next: 'Abra o Portal do Cliente para ver e baixar os documentos.',
  })
}

/** The inbox rows and e-mails of one notice to the client users of a folder's department. */
async function notifyDepartment(
  tx: Db,
  appUrl: string,
  tenantId: string,
  folder: FolderRow,
  notice: { title: string; did: string; next: string },
): Promise<{ mailed: number; notified: number }> {
  const tenantName = await getTenantName(tx, tenantId)
  const { title } = notice
  // The e-mail's first paragraph, and the notification's body: "<office> publicou … de <company>."
  const lead = `${tenantName} ${notice.did} de `

  // The inbox: one row per recipient, written by one INSERT … SELECT.
  const inserted = await tx.execute(sql`
    insert into ${portalNotifications} (tenant_id, client_user_id, kind, title, body, link, client_org_id)
    select cu.tenant_id, cu.id, 'documents.published', ${title}::text,
      ${lead}::text || o.name || '.',
      ${DOCUMENTS_PATH}::text, o.id
    ${recipients(tenantId, folder, ['system', 'both'])}
    returning client_user_id`)
  const notified = (inserted as unknown as { rows: unknown[] }).rows.length

  const res = await tx.execute(sql`
    select cu.name, cu.email, o.name as company
    ${recipients(tenantId, folder, ['email', 'both'])}
    order by cu.email`)
  const mailTo = (res as unknown as { rows: { name: string; email: string; company: string }[] }).rows
  if (mailTo.length === 0) return { mailed: 0, notified }
  await queueMails(
    tx,
    tenantId,
    mailTo.map((r) => ({
      ...renderMail({
        subject: title,
        tenantName,
        greeting: `Olá, ${r.name.split(' ')[0]}!`,
        paragraphs: [`${lead}${r.company}.`, notice.next],
        action: { label: 'Abrir os documentos', url: `${appUrl}${DOCUMENTS_PATH}` },
        footnote:
          'Você recebe este aviso porque escolheu "Novos documentos publicados" por e-mail. O administrador do seu acesso pode mudar essa preferência.',
      }),
      to: r.email,
      template: 'documents.published',
    })),
  )
  return { mailed: mailTo.length, notified }
}

/**
 * A folder was shared or moved: what clients see now and did not see before (it, and subfolders
 * already shared under it) brings the documents it holds to the portal, announced once.
 */
export async function notifyOpened(
  tx: Db,
  appUrl: string,
  actor: Actor,
  changed: FolderRow,
  trees: { before: FolderRow[]; after: FolderRow[] },
): Promise<void> {
  const was = visibilityOf(trees.before)
  const is = visibilityOf(trees.after)
  const opened = [changed, ...descendantsOf(changed.id, trees.after)].filter(
    (f) => is.get(f.id) && !was.get(f.id),
  )
  if (opened.length === 0) return
  const docs = await documentsRepository(tx).documentsOf(
    actor.tenantId,
    opened.map((f) => f.id),
    false,
  )
  await notifyShared(tx, appUrl, actor, {
    folder: changed,
    path: folderPath(changed, trees.after),
    documents: docs.length,
  })
}
