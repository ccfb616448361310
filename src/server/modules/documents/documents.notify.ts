import { sql } from 'drizzle-orm'
import type { Actor } from '../../platform/actor.ts'
import type { Db } from '../../platform/db/database.ts'
import { renderMail } from '../../platform/mail/layout.ts'
import { queueMails } from '../../platform/mail/mailer.ts'
import { getTenantName } from '../tenants/tenant-settings.ts'
import type { FolderRow } from './documents.repository.ts'

/**
 * "Novos documentos publicados" (seed 004, Notificações): when the office publishes a document or
 * a new version in a folder client users see, those who chose e-mail for this notification ("E-mail"
 * or "E-mail e sistema") and have access to the portal get one, in the publishing transaction (no
 * e-mail for a publication that rolled back). Documents sent by client users notify nobody.
 * Returns how many e-mails were queued.
 */
export async function notifyPublished(
  tx: Db,
  appUrl: string,
  actor: Actor,
  input: { folder: FolderRow; path: string; visibleToClients: boolean; name: string; version: number },
): Promise<number> {
  if (actor.kind !== 'staff' || !input.visibleToClients) return 0
  const res = await tx.execute(sql`
    select cu.name, cu.email, o.name as company from client_users cu
    join client_user_orgs l on l.tenant_id = cu.tenant_id and l.client_user_id = cu.id
    join client_orgs o on o.tenant_id = l.tenant_id and o.id = l.client_org_id
    join client_user_departments d on d.tenant_id = cu.tenant_id and d.client_user_id = cu.id
    where cu.tenant_id = ${actor.tenantId} and l.client_org_id = ${input.folder.clientOrgId}
      and d.department_id = ${input.folder.departmentId}
      and cu.portal_active and cu.user_id is not null and o.portal_enabled and o.is_active
      and cu.notifications->>'documents' in ('email', 'both')
    order by cu.email`)
  const recipients = (res as unknown as { rows: { name: string; email: string; company: string }[] }).rows
  if (recipients.length === 0) return 0
  const tenantName = await getTenantName(tx, actor.tenantId)
  const what = input.version > 1 ? `uma nova versão (${input.version}) de "${input.name}"` : `"${input.name}"`
  await queueMails(
    tx,
    actor.tenantId,
    recipients.map((r) => ({
      ...renderMail({
        subject:
          input.version > 1 ? `Nova versão de documento: ${input.name}` : `Novo documento: ${input.name}`,
        tenantName,
        greeting: `Olá, ${r.name.split(' ')[0]}!`,
        paragraphs: [
          `${tenantName} publicou ${what} na pasta ${input.path} de ${r.company}.`,
          'Abra o Portal do Cliente para ver e baixar o documento.',
        ],
        action: { label: 'Abrir os documentos', url: `${appUrl}/portal/documentos` },
        footnote:
          'Você recebe este aviso porque escolheu "Novos documentos publicados" por e-mail. O administrador do seu acesso pode mudar essa preferência.',
      }),
      to: r.email,
      template: 'documents.published',
    })),
  )
  return recipients.length
}
