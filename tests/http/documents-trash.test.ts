/**
 * The documents' trash (Lixeira) and "Mover": who sees and restores what by level, a folder restored
 * with what was deleted together with it, name conflicts, the purge 30 days after the deletion (rows
 * and stored files, audited), moving a document between folders, and isolation between companies
 * and tenants. Failed requests change nothing.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { documents, documentVersions } from '#server/modules/documents/documents.tables.ts'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import { createLocalStorage, type FileStorage } from '#server/platform/storage/index.ts'
import { createOrg, portalClientUser } from '../factories/client-users.ts'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import type { TestClient } from '../helpers/client.ts'

const PASSWORD = 'Portal#Seguro2026'
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

type TrashItem = {
  kind: 'document' | 'folder'
  id: string
  name: string
  departmentName: string
  location: string
  parentFolderId: string | null
  isParentInTrash: boolean
  contentCount: number
  deletedAt: string
  deletedByName: string | null
  purgeAt: string
  canRestore: boolean
}
type Person = { id: string; client: TestClient }

describe('documentos: lixeira (restaurar, exclusão definitiva após 30 dias) e mover', () => {
  let ctx: TestContext
  let storageDir: string
  let storage: FileStorage
  let t: TenantFixture
  let other: TenantFixture
  let orgA: { id: string }
  let orgB: { id: string }
  let deps: { id: string; name: string }[]
  const dep = (name: string) => deps.find((d) => d.name === name)!.id
  let fiscalA: string
  let pessoalA: string
  let contabilA: string
  let fiscalB: string
  let revisor: Person
  let caio: Person
  let cecilia: Person
  let paulo: Person
  let seq = 0
  let adminName = ''

  async function makeClientUser(
    tenant: TenantFixture,
    name: string,
    email: string,
    departments: { departmentId: string; level: string }[],
    companyIds: string[],
  ): Promise<Person> {
    return portalClientUser(
      ctx.app,
      tenant,
      {
        name,
        email,
        departments,
        companyIds,
        permissions: ['documents:upload'],
        notifications: { documents: 'both' },
      },
      PASSWORD,
    )
  }

  const staffPrefix = '/api/v1/documents'
  const portalPrefix = '/api/v1/portal/documents'

  /** Uploads a PDF; returns the document's id. */
  async function publish(client: TestClient, prefix: string, folderId: string, name: string) {
    const res = await client.upload(
      'POST',
      `${prefix}/folders/${folderId}/documents`,
      name,
      pdf(name),
      'application/pdf',
    )
    assert.equal(res.status, 201, JSON.stringify(res.body))
    return res.body.id as string
  }
  async function folderIn(client: TestClient, prefix: string, parentId: string, name: string) {
    const res = await client.post(`${prefix}/folders/${parentId}/folders`, { name })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    return res.body.id as string
  }
  async function trashOf(client: TestClient, url: string): Promise<TrashItem[]> {
    const res = await client.get(url)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.retentionDays, 30)
    return res.body.items
  }
  const staffTrash = (orgId: string) => trashOf(t.admin, `/api/v1/client-orgs/${orgId}/documents/trash`)
  const portalTrash = (p: Person) => trashOf(p.client, `${portalPrefix}/trash`)
  async function docRow(id: string) {
    const [row] = await ctx.app.database.db.select().from(documents).where(eq(documents.id, id))
    return row
  }
  async function auditCount(action?: string) {
    const [row] = await ctx.app.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId), action ? eq(auditLog.action, action) : undefined))
    return Number(row.n)
  }
  async function audits(entityId: string, action: string) {
    return ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)))
  }
  const unique = (name: string) => `${name} ${++seq}`

  before(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'cadastra-trash-'))
    storage = createLocalStorage(storageDir)
    ctx = await startTestApp({ deps: { documents: { storage } } })
    t = await createTenant(ctx.app, ctx.config, { name: 'Contabilidade Lixeira' })
    other = await createTenant(ctx.app, ctx.config, { name: 'Outro Escritório' })
    adminName = (await t.admin.get('/api/v1/auth/session')).body.user.name
    orgA = await createOrg(t, 'Padaria Aurora Ltda')
    orgB = await createOrg(t, 'Mercado Boa Vista Ltda')
    deps = (await t.admin.get('/api/v1/departments')).body.items
    const treeOf = async (orgId: string) =>
      (await t.admin.get(`/api/v1/client-orgs/${orgId}/documents`)).body.folders as {
        id: string
        isSystem: boolean
        departmentId: string
      }[]
    const system = (folders: Awaited<ReturnType<typeof treeOf>>, department: string) =>
      folders.find((f) => f.isSystem && f.departmentId === dep(department))!.id
    const a = await treeOf(orgA.id)
    fiscalA = system(a, 'Fiscal')
    pessoalA = system(a, 'Pessoal')
    contabilA = system(a, 'Contábil')
    fiscalB = system(await treeOf(orgB.id), 'Fiscal')
    revisor = await makeClientUser(
      t,
      'Rita Revisora',
      'rita@lixeira.com.br',
      [{ departmentId: dep('Fiscal'), level: 'revisor' }],
      [orgA.id, orgB.id],
    )
    await revisor.client.post('/api/v1/portal/switch-company', { companyId: orgA.id })
    caio = await makeClientUser(
      t,
      'Caio Contribuinte',
      'caio@lixeira.com.br',
      [
        { departmentId: dep('Fiscal'), level: 'contribuinte' },
        { departmentId: dep('Contábil'), level: 'contribuinte' },
      ],
      [orgA.id],
    )
    cecilia = await makeClientUser(
      t,
      'Cecília Contribuinte',
      'cecilia@lixeira.com.br',
      [{ departmentId: dep('Fiscal'), level: 'contribuinte' }],
      [orgA.id],
    )
    paulo = await makeClientUser(
      t,
      'Paulo Proprietário',
      'paulo@lixeira.com.br',
      [
        { departmentId: dep('Fiscal'), level: 'proprietario' },
        { departmentId: dep('Pessoal'), level: 'revisor' },
      ],
      [orgA.id],
    )
  })
  after(async () => {
    await ctx.close()
    rmSync(storageDir, { recursive: true, force: true })
  })

  test('staff: a deleted document is in the company trash (where, who, when, purge date) and comes back to its folder', async () => {
    const name = `${unique('Balanço')}.pdf`
    const id = await publish(t.admin, staffPrefix, fiscalA, name)
    const deleted = await t.admin.delete(`${staffPrefix}/files/${id}`)
    assert.equal(deleted.status, 200)
    const item = (await staffTrash(orgA.id)).find((i) => i.id === id)!
    assert.equal(item.kind, 'document')
    assert.equal(item.name, name)
    assert.equal(item.location, 'Fiscal')
    assert.equal(item.departmentName, 'Fiscal')
    assert.equal(item.parentFolderId, fiscalA)
    assert.equal(item.isParentInTrash, false)
    assert.equal(item.deletedByName, adminName)
    const days = (Date.parse(item.purgeAt) - Date.parse(item.deletedAt)) / 86_400_000
    assert.equal(days, 30)
    // The purge is queued at the deletion, for 30 days later.
    const [job] = (
      (await ctx.app.database.db.execute(
        sql`select run_at from jobs where name = 'documents.purge' and payload->>'id' = ${id}`,
      )) as unknown as { rows: { run_at: string | Date }[] }
    ).rows
    assert.equal(new Date(job.run_at).toISOString(), item.purgeAt)
    // Not in the folder any more, nor in the other company's trash.
    const folder = await t.admin.get(`${staffPrefix}/folders/${fiscalA}`)
    assert.ok(!folder.body.documents.some((d: { id: string }) => d.id === id))
    assert.ok(!(await staffTrash(orgB.id)).some((i) => i.id === id))

    const restored = await t.admin.post(`${staffPrefix}/files/${id}/restore`)
    assert.equal(restored.status, 200, JSON.stringify(restored.body))
    assert.deepEqual(restored.body, { kind: 'document', id, name, folderId: fiscalA, contentCount: 0 })
    const back = await t.admin.get(`${staffPrefix}/folders/${fiscalA}`)
    assert.ok(back.body.documents.some((d: { id: string }) => d.id === id))
    assert.ok(!(await staffTrash(orgA.id)).some((i) => i.id === id))
    const logged = await audits(id, 'restore')
    assert.equal(logged.length, 1)
    assert.equal(logged[0].actorName, adminName)
    assert.equal((logged[0].after as { folderId: string }).folderId, fiscalA)
    const row = await docRow(id)
    assert.equal(row.deletedAt, null)
    assert.equal(row.deletedByName, null)

    // Restoring what is not in the trash (again, or a live document): 404.
    const again = await t.admin.post(`${staffPrefix}/files/${id}/restore`)
    assert.equal(again.status, 404)
    assert.equal(again.body.code, 'NOT_IN_TRASH')
    assert.equal((await t.admin.post(`${staffPrefix}/folders/${fiscalA}/restore`)).status, 404)
  })

  test('portal: Proprietário sees and restores every deleted item; Contribuinte sees what they deleted or published and restores what they deleted; Revisor nothing', async () => {
    const staffDoc = await publish(t.admin, staffPrefix, fiscalA, `${unique('Guia DAS')}.pdf`)
    const caioDoc = await publish(caio.client, portalPrefix, fiscalA, `${unique('Notas do Caio')}.pdf`)
    const ceciliaDoc = await publish(
      cecilia.client,
      portalPrefix,
      fiscalA,
      `${unique('Notas da Cecília')}.pdf`,
    )
    // An unshared office folder: its deletions are no client's business.
    const hidden = await t.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
      departmentId: dep('Fiscal'),
      name: unique('Interno'),
    })
    const hiddenDoc = await publish(t.admin, staffPrefix, hidden.body.id, `${unique('Interno')}.pdf`)
    assert.equal((await t.admin.delete(`${staffPrefix}/files/${hiddenDoc}`)).status, 200)

    assert.equal((await caio.client.delete(`${portalPrefix}/files/${caioDoc}`)).status, 200)
    assert.equal((await paulo.client.delete(`${portalPrefix}/files/${ceciliaDoc}`)).status, 200)
    assert.equal((await paulo.client.delete(`${portalPrefix}/files/${staffDoc}`)).status, 200)

    const ids = (items: TrashItem[]) => new Set(items.map((i) => i.id))
    const forPaulo = ids(await portalTrash(paulo))
    assert.ok(forPaulo.has(caioDoc) && forPaulo.has(ceciliaDoc) && forPaulo.has(staffDoc))
    assert.ok(!forPaulo.has(hiddenDoc), 'an unshared folder stays out of the portal trash')
    const forCaio = await portalTrash(caio)
    assert.ok(ids(forCaio).has(caioDoc))
    assert.ok(!ids(forCaio).has(staffDoc) && !ids(forCaio).has(ceciliaDoc))
    assert.equal(forCaio.find((i) => i.id === caioDoc)?.deletedByName, 'Caio Contribuinte')
    assert.equal(forCaio.find((i) => i.id === caioDoc)?.canRestore, true)
    const forCeciliaItems = await portalTrash(cecilia)
    const forCecilia = ids(forCeciliaItems)
    assert.ok(forCecilia.has(ceciliaDoc), 'published by her, deleted by the Proprietário')
    assert.ok(!forCecilia.has(caioDoc) && !forCecilia.has(staffDoc))
    assert.equal(forCeciliaItems.find((i) => i.id === ceciliaDoc)?.canRestore, false)
    assert.ok((await portalTrash(paulo)).every((i) => i.canRestore))
    assert.deepEqual(await portalTrash(revisor), [])
    assert.ok(ids(await staffTrash(orgA.id)).has(hiddenDoc))

    // Refusals (403 by level, 404 for what is not theirs to see) change nothing.
    const audited = await auditCount()
    const byRevisor = await revisor.client.post(`${portalPrefix}/files/${caioDoc}/restore`)
    assert.equal(byRevisor.status, 403)
    assert.equal(byRevisor.body.code, 'LEVEL_READ_ONLY')
    const notHis = await caio.client.post(`${portalPrefix}/files/${staffDoc}/restore`)
    assert.equal(notHis.status, 403)
    assert.equal(notHis.body.code, 'LEVEL_NOT_OWNER')
    // Cecília sees her document, but the Proprietário deleted it: not hers to bring back.
    const overOwner = await cecilia.client.post(`${portalPrefix}/files/${ceciliaDoc}/restore`)
    assert.equal(overOwner.status, 403)
    assert.equal(overOwner.body.code, 'RESTORE_NOT_DELETER')
    assert.match(overOwner.body.message, /só pode restaurar o que você mesmo excluiu/)
    const hiddenRestore = await paulo.client.post(`${portalPrefix}/files/${hiddenDoc}/restore`)
    assert.equal(hiddenRestore.status, 404)
    assert.equal(await auditCount(), audited)
    for (const id of [caioDoc, ceciliaDoc, staffDoc, hiddenDoc]) assert.ok((await docRow(id)).deletedAt)
    // Staff routes stay closed to client users, and the portal's to staff.
    assert.equal((await caio.client.get(`/api/v1/client-orgs/${orgA.id}/documents/trash`)).status, 403)
    assert.equal((await t.admin.get(`${portalPrefix}/trash`)).status, 403)

    // Allowed: Caio what he deleted, the Proprietário the rest.
    assert.equal((await caio.client.post(`${portalPrefix}/files/${caioDoc}/restore`)).status, 200)
    assert.equal((await paulo.client.post(`${portalPrefix}/files/${ceciliaDoc}/restore`)).status, 200)
    assert.equal((await paulo.client.post(`${portalPrefix}/files/${staffDoc}/restore`)).status, 200)
    const fiscal = await revisor.client.get(`${portalPrefix}/folders/${fiscalA}`)
    const live = new Set(fiscal.body.documents.map((d: { id: string }) => d.id))
    assert.ok(live.has(caioDoc) && live.has(ceciliaDoc) && live.has(staffDoc))
    assert.equal((await audits(caioDoc, 'restore'))[0].actorName, 'Caio Contribuinte')
  })

  test('a folder goes to the trash with its content and comes back with what was deleted together with it', async () => {
    const p = paulo.client
    const rName = unique('Rascunhos')
    const r = await folderIn(p, portalPrefix, fiscalA, rName)
    const sub = await folderIn(p, portalPrefix, r, '2026')
    const d0 = await publish(p, portalPrefix, r, 'antes.pdf')
    const d1 = await publish(caio.client, portalPrefix, r, 'um.pdf')
    const d2 = await publish(p, portalPrefix, sub, 'dois.pdf')
    // d0 is deleted first, on its own.
    assert.equal((await p.delete(`${portalPrefix}/files/${d0}`)).status, 200)
    const deleted = await p.delete(`${portalPrefix}/folders/${r}`)
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
    for (const id of [d1, d2]) assert.equal((await p.get(`${portalPrefix}/files/${id}`)).status, 404)
    // Each item that went with the folder has the deletion in its own history.
    for (const id of [sub, d1, d2]) {
      const [entry] = await audits(id, 'delete')
      assert.ok(entry, `audit of ${id}`)
      assert.equal(entry.actorName, 'Paulo Proprietário')
      assert.deepEqual(entry.after, { withFolderId: r, withFolderName: rName })
    }
    assert.equal((await audits(d0, 'delete')).length, 1, 'd0: its own deletion only')

    const trash = await portalTrash(paulo)
    const folderItem = trash.find((i) => i.id === r)!
    assert.equal(folderItem.kind, 'folder')
    assert.equal(folderItem.location, 'Fiscal')
    assert.equal(folderItem.contentCount, 3, '2026, um.pdf and dois.pdf went with it')
    const earlier = trash.find((i) => i.id === d0)!
    assert.equal(earlier.location, `Fiscal / ${rName}`)
    assert.equal(earlier.isParentInTrash, true)
    for (const id of [sub, d1, d2])
      assert.ok(!trash.some((i) => i.id === id), 'what went with the folder is not listed apart')
    // Caio published um.pdf, but it went with the Proprietário's folder: listed under the folder only.
    assert.ok(!(await portalTrash(caio)).some((i) => i.id === d1))

    // d0's folder is in the trash: restore the folder first (409, nothing changed).
    const audited = await auditCount()
    const blocked = await p.post(`${portalPrefix}/files/${d0}/restore`)
    assert.equal(blocked.status, 409)
    assert.equal(blocked.body.code, 'PARENT_IN_TRASH')
    assert.match(blocked.body.message, new RegExp(`"${rName}".*restaure a pasta primeiro`))
    const subBlocked = await p.post(`${portalPrefix}/folders/${sub}/restore`)
    assert.equal(subBlocked.status, 409)
    assert.equal(subBlocked.body.code, 'PARENT_IN_TRASH')
    assert.equal(await auditCount(), audited)

    const restored = await p.post(`${portalPrefix}/folders/${r}/restore`)
    assert.equal(restored.status, 200, JSON.stringify(restored.body))
    assert.equal(restored.body.contentCount, 3)
    const view = await p.get(`${portalPrefix}/folders/${r}`)
    assert.deepEqual(
      view.body.documents.map((d: { name: string }) => d.name),
      ['um.pdf'],
    )
    assert.deepEqual(
      view.body.folders.map((f: { name: string }) => f.name),
      ['2026'],
    )
    assert.equal((await p.get(`${portalPrefix}/files/${d2}`)).status, 200)
    // d0 was deleted before: it stays in the trash and can now come back on its own.
    assert.ok((await portalTrash(paulo)).some((i) => i.id === d0))
    assert.equal((await p.post(`${portalPrefix}/files/${d0}/restore`)).status, 200)
    const logged = await audits(r, 'restore')
    assert.deepEqual((logged[0].after as { documents: string[] }).documents.sort(), ['dois.pdf', 'um.pdf'])

    // A Contribuinte cannot delete folders; a Proprietário cannot take office folders they do not see.
    assert.equal((await caio.client.delete(`${portalPrefix}/folders/${r}`)).status, 403)
    const office = await t.admin.post(`${staffPrefix}/folders/${r}/folders`, { name: 'Só do escritório' })
    assert.equal(office.status, 201)
    const refused = await p.delete(`${portalPrefix}/folders/${r}`)
    assert.equal(refused.status, 409)
    assert.equal(refused.body.code, 'FOLDER_HAS_HIDDEN_CONTENT')
    assert.equal((await p.get(`${portalPrefix}/folders/${r}`)).status, 200)
    assert.equal((await t.admin.get(`${staffPrefix}/folders/${office.body.id}`)).status, 200)
    // Staff can: the office folder goes along.
    assert.equal((await t.admin.delete(`${staffPrefix}/folders/${r}`)).status, 200)
    const staffItem = (await staffTrash(orgA.id)).find((i) => i.id === r)!
    assert.equal(staffItem.contentCount, 5)
    assert.equal((await t.admin.post(`${staffPrefix}/folders/${r}/restore`)).status, 200)
  })

  test('a name taken again meanwhile: restoring answers 409 and leaves the item in the trash', async () => {
    const name = `${unique('Contrato')}.pdf`
    const first = await publish(t.admin, staffPrefix, fiscalA, name)
    assert.equal((await t.admin.delete(`${staffPrefix}/files/${first}`)).status, 200)
    const second = await publish(t.admin, staffPrefix, fiscalA, name.toUpperCase().replace('.PDF', '.pdf'))
    const audited = await auditCount()
    const conflict = await t.admin.post(`${staffPrefix}/files/${first}/restore`)
    assert.equal(conflict.status, 409)
    assert.equal(conflict.body.code, 'RESTORE_DOCUMENT_NAME_TAKEN')
    assert.match(conflict.body.message, /Já existe um documento com este nome na pasta de origem/)
    assert.ok((await docRow(first)).deletedAt)
    assert.ok((await staffTrash(orgA.id)).some((i) => i.id === first))
    assert.equal(await auditCount(), audited)
    // Renaming the other one clears the way.
    assert.equal((await t.admin.patch(`${staffPrefix}/files/${second}`, { name: 'Outro nome' })).status, 200)
    assert.equal((await t.admin.post(`${staffPrefix}/files/${first}/restore`)).status, 200)

    const folderName = unique('Notas')
    const folder = await folderIn(paulo.client, portalPrefix, fiscalA, folderName)
    assert.equal((await paulo.client.delete(`${portalPrefix}/folders/${folder}`)).status, 200)
    await folderIn(paulo.client, portalPrefix, fiscalA, folderName.toUpperCase())
    const folderConflict = await paulo.client.post(`${portalPrefix}/folders/${folder}/restore`)
    assert.equal(folderConflict.status, 409)
    assert.equal(folderConflict.body.code, 'RESTORE_FOLDER_NAME_TAKEN')
    assert.ok((await portalTrash(paulo)).some((i) => i.id === folder))
  })

  test('Mover: staff always; a client user needs delete on the source and add on the target; conflicts and other companies refused', async () => {
    // An unshared staff folder and a shared subfolder clients see.
    const inbox = await t.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
      departmentId: dep('Fiscal'),
      name: unique('Entrada interna'),
    })
    const shared = await folderIn(paulo.client, portalPrefix, fiscalA, unique('Publicados'))
    const staffDoc = await publish(t.admin, staffPrefix, inbox.body.id, `${unique('Folha')}.pdf`)
    const notices = async () =>
      Number(
        (
          (await ctx.app.database.db.execute(
            sql`select (select count(*) from portal_notifications) + (select count(*) from mail_messages) as n`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0].n,
      )
    // Earlier publications' notices go out first: what follows is the move's alone.
    await ctx.app.jobs.drain()
    const before = await notices()
    const moved = await t.admin.post(`${staffPrefix}/files/${staffDoc}/move`, { folderId: shared })
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.equal(moved.body.folderId, shared)
    assert.equal(moved.body.version, 1)
    await ctx.app.jobs.drain()
    assert.equal(await notices(), before, 'a move is no publication: nobody is notified')
    const logged = await audits(staffDoc, 'move')
    assert.equal(logged.length, 1)
    assert.equal((logged[0].before as { folderId: string }).folderId, inbox.body.id)
    assert.equal((logged[0].after as { folderId: string }).folderId, shared)
    assert.match((logged[0].after as { folder: string }).folder, /^Fiscal \/ Publicados/)
    assert.equal((await revisor.client.get(`${portalPrefix}/files/${staffDoc}`)).status, 200)

    // Contribuinte: their own document, into a folder where they add documents (also another department).
    const mine = await publish(caio.client, portalPrefix, fiscalA, `${unique('Recibo')}.pdf`)
    const toShared = await caio.client.post(`${portalPrefix}/files/${mine}/move`, { folderId: shared })
    assert.equal(toShared.status, 200, JSON.stringify(toShared.body))
    assert.equal(toShared.body.isMine, true)
    const toContabil = await caio.client.post(`${portalPrefix}/files/${mine}/move`, { folderId: contabilA })
    assert.equal(toContabil.status, 200)

    const audited = await auditCount()
    const refusals: [TestClient, string, string, number, string][] = [
      // Not his document (Contribuinte deletes only what he published).
      [caio.client, staffDoc, fiscalA, 403, 'LEVEL_NOT_OWNER'],
      // Revisor: nothing to delete.
      [revisor.client, staffDoc, fiscalA, 403, 'LEVEL_READ_ONLY'],
      // Paulo owns Fiscal but is Revisor in Pessoal: he cannot add there.
      [paulo.client, staffDoc, pessoalA, 403, 'LEVEL_READ_ONLY'],
      // Caio is not in Pessoal: the folder does not exist for him.
      [caio.client, mine, pessoalA, 404, 'FOLDER_NOT_FOUND'],
      // Another company of the same tenant: 404 like a missing folder, for staff too.
      [t.admin, staffDoc, fiscalB, 404, 'FOLDER_NOT_FOUND'],
      [caio.client, mine, fiscalB, 404, 'FOLDER_NOT_FOUND'],
      [t.admin, staffDoc, shared, 400, 'MOVE_SAME_FOLDER'],
    ]
    for (const [client, doc, folderId, status, code] of refusals) {
      const prefix = client === t.admin ? staffPrefix : portalPrefix
      const res = await client.post(`${prefix}/files/${doc}/move`, { folderId })
      assert.equal(res.status, status, `${code}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.code, code)
    }
    // Paulo (Proprietário) moves anyone's document between Fiscal folders.
    const back = await paulo.client.post(`${portalPrefix}/files/${staffDoc}/move`, { folderId: fiscalA })
    assert.equal(back.status, 200, JSON.stringify(back.body))
    assert.equal(await auditCount(), audited + 1)

    // A document with the same name in the target: 409, nothing moved.
    const twinName = `${unique('Gêmeo')}.pdf`
    const twinA = await publish(t.admin, staffPrefix, fiscalA, twinName)
    await publish(t.admin, staffPrefix, shared, twinName)
    const conflict = await t.admin.post(`${staffPrefix}/files/${twinA}/move`, { folderId: shared })
    assert.equal(conflict.status, 409)
    assert.equal(conflict.body.code, 'MOVE_NAME_TAKEN')
    assert.equal((await docRow(twinA)).folderId, fiscalA)
    // A deleted document is not moved; an unknown body field is refused.
    assert.equal((await t.admin.delete(`${staffPrefix}/files/${twinA}`)).status, 200)
    assert.equal((await t.admin.post(`${staffPrefix}/files/${twinA}/move`, { folderId: shared })).status, 404)
    const bad = await t.admin.post(`${staffPrefix}/files/${staffDoc}/move`, { folderId: 'x' })
    assert.equal(bad.status, 400)
  })

  test('another tenant or company: the trash, restore and move answer 404', async () => {
    const docA = await publish(t.admin, staffPrefix, fiscalA, `${unique('Só da Aurora')}.pdf`)
    assert.equal((await t.admin.delete(`${staffPrefix}/files/${docA}`)).status, 200)
    const docB = await publish(t.admin, staffPrefix, fiscalB, `${unique('Só da Boa Vista')}.pdf`)
    assert.equal((await t.admin.delete(`${staffPrefix}/files/${docB}`)).status, 200)
    const folderB = await folderIn(t.admin, staffPrefix, fiscalB, unique('Pasta B'))
    assert.equal((await t.admin.delete(`${staffPrefix}/folders/${folderB}`)).status, 200)

    // Another tenant's staff and client users.
    assert.equal((await other.admin.get(`/api/v1/client-orgs/${orgA.id}/documents/trash`)).status, 404)
    assert.equal((await other.admin.post(`${staffPrefix}/files/${docA}/restore`)).status, 404)
    assert.equal((await other.admin.post(`${staffPrefix}/folders/${folderB}/restore`)).status, 404)
    const live = await publish(t.admin, staffPrefix, fiscalA, `${unique('Vivo')}.pdf`)
    assert.equal(
      (await other.admin.post(`${staffPrefix}/files/${live}/move`, { folderId: fiscalA })).status,
      404,
    )
    const otherOrg = await createOrg(other, 'Empresa do Outro')
    const otherFiscal = (
      (await other.admin.get(`/api/v1/client-orgs/${otherOrg.id}/documents`)).body.folders as {
        id: string
        name: string
      }[]
    ).find((f) => f.name === 'Fiscal')!.id
    assert.equal(
      (await t.admin.post(`${staffPrefix}/files/${live}/move`, { folderId: otherFiscal })).status,
      404,
    )
    assert.equal((await docRow(live)).folderId, fiscalA)

    // Rita works for A and B: the trash follows the company in use (Revisor: empty either way).
    assert.equal((await revisor.client.post(`${portalPrefix}/files/${docB}/restore`)).status, 404)
    // Caio works for A only: B's items do not exist for him.
    assert.equal((await caio.client.post(`${portalPrefix}/files/${docB}/restore`)).status, 404)
    assert.equal((await caio.client.post(`${portalPrefix}/folders/${folderB}/restore`)).status, 404)
    // Staff see each company's trash apart.
    assert.ok((await staffTrash(orgB.id)).some((i) => i.id === docB))
    assert.ok(!(await staffTrash(orgB.id)).some((i) => i.id === docA))
    assert.equal(
      (await t.admin.get('/api/v1/client-orgs/00000000-0000-4000-8000-000000000000/documents/trash')).status,
      404,
    )
  })

  test('after 30 days the purge deletes the rows and the stored files for good (audited); restored or recent items stay', async () => {
    const db = ctx.app.database.db
    const old = await publish(t.admin, staffPrefix, fiscalA, `${unique('Antigo')}.pdf`)
    const v2 = await t.admin.upload(
      'POST',
      `${staffPrefix}/files/${old}/versions`,
      'v2.pdf',
      pdf('v2'),
      'application/pdf',
    )
    assert.equal(v2.status, 201)
    const oldFolder = await folderIn(t.admin, staffPrefix, fiscalA, unique('Arquivo morto'))
    const oldSub = await folderIn(t.admin, staffPrefix, oldFolder, 'Sub')
    const inFolder = await publish(t.admin, staffPrefix, oldSub, 'dentro.pdf')
    const recent = await publish(t.admin, staffPrefix, fiscalA, `${unique('Recente')}.pdf`)
    const restored = await publish(t.admin, staffPrefix, fiscalA, `${unique('Restaurado')}.pdf`)
    for (const id of [old, recent, restored])
      assert.equal((await t.admin.delete(`${staffPrefix}/files/${id}`)).status, 200)
    assert.equal((await t.admin.delete(`${staffPrefix}/folders/${oldFolder}`)).status, 200)
    const keysOf = async (ids: string[]) =>
      (
        await db
          .select({ key: documentVersions.storageKey })
          .from(documentVersions)
          .where(sql`${documentVersions.documentId} in ${ids}`)
      ).map((r) => r.key)
    const purgedKeys = await keysOf([old, inFolder])
    assert.equal(purgedKeys.length, 3)
    for (const key of purgedKeys) assert.ok(await storage.exists(key))

    // 31 days pass for "old" and the folder; "restored" is restored (then also 31 days old).
    await db.execute(sql`update documents set deleted_at = deleted_at - interval '31 days'
      where id in (${old}, ${inFolder}, ${restored})`)
    await db.execute(sql`update document_folders set deleted_at = deleted_at - interval '31 days'
      where id in (${oldFolder}, ${oldSub})`)
    assert.equal((await t.admin.post(`${staffPrefix}/files/${restored}/restore`)).status, 200)
    await db.execute(sql`update jobs set run_at = now() where name = 'documents.purge' and status = 'queued'`)
    await ctx.app.jobs.drain()

    const gone = async (
      table: 'documents' | 'document_folders' | 'document_versions',
      column: string,
      ids: string[],
    ) =>
      Number(
        (
          (await db.execute(
            sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} in ${ids}`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0].n,
      ) === 0
    assert.ok(await gone('documents', 'id', [old, inFolder]))
    assert.ok(await gone('document_versions', 'document_id', [old, inFolder]))
    assert.ok(await gone('document_folders', 'id', [oldFolder, oldSub]))
    for (const key of purgedKeys) assert.equal(await storage.exists(key), false, `${key} still stored`)
    const trash = await staffTrash(orgA.id)
    for (const id of [old, oldFolder]) assert.ok(!trash.some((i) => i.id === id))
    // Audited by the system, one entry per item.
    for (const id of [old, inFolder, oldFolder, oldSub]) {
      const entries = await audits(id, 'purge')
      assert.equal(entries.length, 1, id)
      assert.equal(entries[0].actorName, 'Lixeira (exclusão definitiva)')
      assert.equal(entries[0].actorUserId, null)
    }
    const [oldPurge] = await audits(old, 'purge')
    assert.equal((oldPurge.before as { versions: number }).versions, 2)
    // The recent deletion waits (its job was looked at early and queued again for its date).
    assert.ok((await docRow(recent)).deletedAt)
    assert.ok(trash.some((i) => i.id === recent))
    const [requeued] = (
      (await db.execute(
        sql`select run_at from jobs where name = 'documents.purge' and payload->>'id' = ${recent} and status = 'queued'`,
      )) as unknown as { rows: { run_at: string | Date }[] }
    ).rows
    assert.ok((new Date(requeued.run_at).getTime() - Date.now()) / 86_400_000 > 29.9)
    // The restored one is live and untouched.
    assert.equal((await docRow(restored)).deletedAt, null)
    assert.equal((await audits(restored, 'purge')).length, 0)
    assert.equal(
      Number(
        (
          (await db.execute(
            sql`select count(*)::int as n from jobs where name = 'documents.purge' and status = 'failed'`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0].n,
      ),
      0,
    )
  })
})
