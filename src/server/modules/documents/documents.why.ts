import type { Actor } from '../../platform/actor.ts'
import { ACCESS_LEVELS, PORTAL_PERMISSIONS } from '../client-users/index.ts'
import { UPLOAD_PERMISSION } from './documents.access.ts'
import { DocumentErrors as E } from './documents.errors.ts'
import { documentsRepository } from './documents.repository.ts'
import type { WhyAnswer } from './documents.schemas.ts'
import { type DocumentsDeps, pathOf, visibilityOf } from './documents.service.ts'

type Step = WhyAnswer['chain'][number]

/**
 * "Por que este usuário vê esta pasta?" The chain the portal walks, link by link:
 * user (portal access on, invitation accepted) → department (the folder's) → level → company
 * (linked, portal enabled, active) → folder (shared all the way up). Every link is reported with
 * whether it holds; the first one that fails is the reason why not.
 */
export async function explainFolderAccess(
  deps: DocumentsDeps,
  actor: Actor,
  folderId: string,
  clientUserId: string,
): Promise<WhyAnswer> {
  const repo = documentsRepository(deps.db)
  const folder = await repo.folder(actor.tenantId, folderId)
  if (!folder || folder.deletedAt) throw E.FOLDER_NOT_FOUND()
  const user = await repo.clientUser(actor.tenantId, clientUserId)
  if (!user) throw E.CLIENT_USER_NOT_FOUND()
  const [org, department, userDepartments, linked, tree] = await Promise.all([
    repo.org(actor.tenantId, folder.clientOrgId),
    repo.department(actor.tenantId, folder.departmentId),
    repo.clientDepartments(actor.tenantId, user.id),
    repo.isLinked(actor.tenantId, user.id, folder.clientOrgId),
    repo.folders(actor.tenantId, folder.clientOrgId, [folder.departmentId]),
  ])
  const orgName = org?.name ?? '—'
  const departmentName = department?.name ?? '—'
  const membership = userDepartments.find((d) => d.id === folder.departmentId)
  const level = membership ? ACCESS_LEVELS.find((l) => l.key === membership.level) : undefined
  const visible = visibilityOf(tree)
  const path = pathOf(folder, tree)
  const pathLabel = path.map((p) => p.name).join(' / ')
  // Seeing is not sending: the portal permission only decides uploads, so it never breaks the chain.
  const canSendDocuments = user.permissions.includes(UPLOAD_PERMISSION)
  const uploadLabel = PORTAL_PERMISSIONS.find((p) => p.key === UPLOAD_PERMISSION)?.label
  const sendNote =
    level && level.key !== 'revisor' && !canSendDocuments
      ? ` Sem a permissão "${uploadLabel}": não envia documentos nem novas versões.`
      : ''

  const chain: Step[] = []
  chain.push({
    kind: 'user',
    label: `${user.name} <${user.email}>`,
    ok: user.portalActive && !user.isDemo && user.acceptedAt !== null,
    detail: !user.portalActive
      ? 'O acesso deste usuário ao Portal do Cliente está desativado.'
      : user.isDemo
        ? 'Usuário demonstrativo: não entra no Portal do Cliente.'
        : user.acceptedAt === null
          ? 'O usuário ainda não aceitou o convite: verá as pastas depois de criar a senha.'
          : 'Acesso ao Portal do Cliente ativo.',
  })
  chain.push({
    kind: 'department',
    label: departmentName,
    ok: Boolean(membership),
    detail: membership
      ? `Participa do departamento ${departmentName}, dono desta pasta.`
      : `Não participa do departamento ${departmentName}, dono desta pasta.`,
  })
  chain.push({
    kind: 'level',
    label: level?.label ?? 'Sem nível',
    ok: Boolean(level),
    detail: level ? `${level.description}${sendNote}` : 'Sem nível de acesso neste departamento.',
  })
  const companyOk = linked && Boolean(org?.portalEnabled) && Boolean(org?.isActive)
  chain.push({
    kind: 'company',
    label: orgName,
    ok: companyOk,
    detail: !linked
      ? `Não está vinculado à empresa ${orgName}.`
      : !org?.portalEnabled
        ? `O Portal do Cliente está desabilitado para a empresa ${orgName}.`
        : !org.isActive
          ? `A empresa ${orgName} está inativa.`
          : `Vinculado à empresa ${orgName}.`,
  })
  const hidden = [...path].find((p) => !visible.get(p.id))
  chain.push({
    kind: 'folder',
    label: pathLabel,
    ok: !hidden,
    detail: hidden
      ? `A pasta "${hidden.name}" foi criada pelo escritório e ainda não foi compartilhada com o departamento.`
      : folder.isSystem
        ? `Pasta do departamento padrão ${departmentName}: compartilhada automaticamente.`
        : `Compartilhada com o departamento ${departmentName}.`,
  })

  const failed = chain.find((s) => !s.ok)
  const summary = failed
    ? `${user.name} não vê a pasta "${pathLabel}": ${lowerFirst(failed.detail)}`
    : `${user.name} vê a pasta "${pathLabel}" porque participa do departamento ${departmentName} como ${level?.label} na empresa ${orgName}.`
  return {
    canSee: !failed,
    summary,
    reason: failed?.detail ?? null,
    level: membership?.level ?? null,
    levelLabel: level?.label ?? null,
    canSendDocuments,
    chain,
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
