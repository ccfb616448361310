import type { Actor } from '../../platform/actor.ts'
import { recordAudit, recordAuditMany } from '../../platform/audit/audit.ts'
import { isForeignKeyViolation } from '../../platform/errors.ts'
import { cancelInvitationMailsInTx } from '../client-users/index.ts'
import { ImportErrors } from './imports.errors.ts'
import { importsRepository } from './imports.repository.ts'
import type { ImportsDeps } from './imports.run.ts'
import type { ImportRun } from './imports.schemas.ts'
import { assertKindAllowed, toDto } from './imports.service.ts'
import { importTargets } from './imports.targets.ts'

/**
 * "Desfazer importação": removes everything the run created, in one transaction — refused while
 * any of its users accepted an invitation, or when its records are already used elsewhere.
 */
export async function undoImport(deps: ImportsDeps, actor: Actor, id: string): Promise<ImportRun> {
  const run = await deps.db.transaction(async (tx) => {
    const repo = importsRepository(tx)
    const run = await repo.findRun(actor.tenantId, id, { lock: true })
    if (!run) throw ImportErrors.IMPORT_NOT_FOUND()
    assertKindAllowed(actor, run.kind)
    if (!(run.status === 'done' || (run.status === 'failed' && run.startedAt)))
      throw run.status === 'running' ? ImportErrors.IMPORT_BUSY() : ImportErrors.IMPORT_UNDO_NOT_ALLOWED()
    const ids = await repo.createdIds(actor.tenantId, id)
    const targets = importTargets(tx)
    if (run.kind === 'client_users') {
      const accepted = await targets.acceptedUsers(actor.tenantId, ids)
      if (accepted.length) {
        const names = accepted.map((u) => `${u.name} (${u.email})`).join(', ')
        throw ImportErrors.IMPORT_UNDO_ACCEPTED({
          message: `Não é possível desfazer: ${accepted.length === 1 ? 'um usuário desta importação já aceitou' : 'usuários desta importação já aceitaram'} o convite — ${names}. Desative o acesso deles pela lista de usuários, se for o caso.`,
        })
      }
    }
    // Invitation e-mails still in the queue would carry dead links: they are not sent.
    const mailsCancelled =
      run.kind === 'client_users' ? await cancelInvitationMailsInTx(tx, actor.tenantId, ids) : 0
    try {
      if (run.kind === 'client_users') await targets.deleteClientUsers(actor.tenantId, ids)
      else await targets.deleteClientOrgs(actor.tenantId, ids)
    } catch (err) {
      if (isForeignKeyViolation(err)) throw ImportErrors.IMPORT_UNDO_IN_USE()
      throw err
    }
    await recordAuditMany(
      tx,
      actor,
      ids.map((entityId) => ({
        entity: run.kind === 'client_users' ? 'client_user' : 'client_org',
        entityId,
        action: 'import_undone',
        after: { importRunId: id },
      })),
    )
    await repo.updateRun(actor.tenantId, id, {
      status: 'undone',
      undoneAt: new Date(),
      undoneByName: actor.name,
      jobToken: null,
    })
    await recordAudit(tx, actor, {
      entity: 'import_run',
      entityId: id,
      action: 'undone',
      after: { kind: run.kind, filename: run.filename, removed: ids.length, mailsCancelled },
    })
    return (await repo.findRun(actor.tenantId, id))!
  })
  return toDto(run)
}
