import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { crc32 } from 'node:zlib'
import { and, asc, eq, like } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { clientUsers } from '#server/modules/client-users/client-users.tables.ts'
import { clientOrgs } from '#server/modules/clients/clients.tables.ts'
import { documents } from '#server/modules/documents/documents.tables.ts'
import { portalNotifications } from '#server/modules/notifications/notifications.tables.ts'
import { auditLog } from '#server/platform/audit/audit.tables.ts'
import { createLocalStorage, EICAR_SIGNATURE, eicarScanner } from '#server/platform/storage/index.ts'
import { createOrg, portalClientUser } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import type { TestClient } from '../helpers/client.ts'

const PASSWORD = 'Portal#Seguro2026'
const MAX_BYTES = 64 * 1024

const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

/** A stored (uncompressed) zip with these entries: enough to look like a .docx to the server. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text)
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}
const docx = () => zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })

type Tree = {
  company: { id: string; name: string } | null
  departments: { id: string; name: string; level: string | null }[]
  folders: {
    id: string
    name: string
    parentId: string | null
    departmentId: string
    isSystem: boolean
    isShared: boolean
    isVisibleToClients: boolean
    documentCount: number
  }[]
}

describe('documentos do portal: pastas por departamento e níveis de acesso', () => {
  let ctx: TestContext
  let storageDir: string
  let t: TenantFixture
  let other: TenantFixture
  let orgA: { id: string; name: string }
  let orgB: { id: string; name: string }
  let deps: { id: string; name: string }[]
  const dep = (name: string) => deps.find((d) => d.name === name)!.id
  let fiscalA: string
  let pessoalA: string
  let fiscalB: string
  let revisor: { id: string; client: TestClient }
  let contribuinte: { id: string; client: TestClient }
  let contribuinte2: { id: string; client: TestClient }
  let proprietario: { id: string; client: TestClient }
  /** Contribuinte in Fiscal and Proprietária in Contábil, without "Envia documentos ao escritório". */
  let semEnvio: { id: string; client: TestClient }

  async function makeClientUser(
    tenant: TenantFixture,
    name: string,
    email: string,
    departments: { departmentId: string; level: string }[],
    companyIds: string[],
    // "Envia documentos ao escritório", as the wizard's Permissões step ticks it.
    permissions: string[] = ['documents:upload'],
  ) {
    return portalClientUser(ctx.app, tenant, { name, email, departments, companyIds, permissions }, PASSWORD)
  }

  async function tree(client: TestClient, url: string): Promise<Tree> {
    const res = await client.get(url)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body
  }
  const systemFolder = (tr: Tree, department: string) =>
    tr.folders.find((f) => f.isSystem && f.departmentId === dep(department))!.id

  async function upload(
    client: TestClient,
    url: string,
    filename: string,
    bytes: Buffer,
    type = 'application/pdf',
  ) {
    return client.upload('POST', url, filename, bytes, type)
  }
  async function audits(entityId: string, action: string) {
    return ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)))
  }

  before(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'cadastra-docs-'))
    ctx = await startTestApp({
      deps: {
        documents: { storage: createLocalStorage(storageDir), scanner: eicarScanner, maxBytes: MAX_BYTES },
      },
    })
    t = await createTenant(ctx.app, ctx.config, { name: 'Contabilidade Documentos' })
    other = await createTenant(ctx.app, ctx.config, { name: 'Outro Escritório' })
    orgA = await createOrg(t, 'Padaria Aurora Ltda')
    orgB = await createOrg(t, 'Mercado Boa Vista Ltda')
    deps = (await t.admin.get('/api/v1/departments')).body.items
    const treeA = await tree(t.admin, `/api/v1/client-orgs/${orgA.id}/documents`)
    fiscalA = systemFolder(treeA, 'Fiscal')
    pessoalA = systemFolder(treeA, 'Pessoal')
    fiscalB = systemFolder(await tree(t.admin, `/api/v1/client-orgs/${orgB.id}/documents`), 'Fiscal')
    revisor = await makeClientUser(
      t,
      'Rita Revisora',
      'rita@exemplo.com.br',
      [{ departmentId: dep('Fiscal'), level: 'revisor' }],
      [orgA.id, orgB.id],
    )
    // The portal opens on the first company by name (Mercado…): Rita starts in Padaria Aurora.
    assert.equal(
      (await revisor.client.post('/api/v1/portal/switch-company', { companyId: orgA.id })).status,
      200,
    )
    contribuinte = await makeClientUser(
      t,
      'Caio Contribuinte',
      'caio@exemplo.com.br',
      [{ departmentId: dep('Fiscal'), level: 'contribuinte' }],
      [orgA.id],
    )
    contribuinte2 = await makeClientUser(
      t,
      'Cecília Contribuinte',
      'cecilia@exemplo.com.br',
      [{ departmentId: dep('Fiscal'), level: 'contribuinte' }],
      [orgA.id],
    )
    proprietario = await makeClientUser(
      t,
      'Paulo Proprietário',
      'paulo@exemplo.com.br',
      [
        { departmentId: dep('Fiscal'), level: 'proprietario' },
        { departmentId: dep('Pessoal'), level: 'revisor' },
      ],
      [orgA.id],
    )
    semEnvio = await makeClientUser(
      t,
      'Sara Sem Envio',
      'sara@exemplo.com.br',
      [
        { departmentId: dep('Fiscal'), level: 'contribuinte' },
        { departmentId: dep('Contábil'), level: 'proprietario' },
      ],
      [orgA.id],
      [],
    )
  })
  after(async () => {
    await ctx.close()
    rmSync(storageDir, { recursive: true, force: true })
  })

  test('default departments share their folders automatically; folders staff create start unshared', async () => {
    const staffTree = await tree(t.admin, `/api/v1/client-orgs/${orgA.id}/documents`)
    const system = staffTree.folders.filter((f) => f.isSystem)
    assert.deepEqual(system.map((f) => f.name).sort(), ['Contábil', 'Fiscal', 'Pessoal', 'Societário'])
    assert.ok(system.every((f) => f.isShared && f.isVisibleToClients && f.parentId === null))
    // Asking again creates nothing new.
    assert.equal(
      (await tree(t.admin, `/api/v1/client-orgs/${orgA.id}/documents`)).folders.length,
      staffTree.folders.length,
    )

    const manual = await t.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
      departmentId: dep('Fiscal'),
      name: 'Auditoria interna',
    })
    assert.equal(manual.status, 201, JSON.stringify(manual.body))
    assert.equal(manual.body.isShared, false)
    assert.equal(manual.body.isVisibleToClients, false)
    const dup = await t.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
      departmentId: dep('Fiscal'),
      name: 'auditoria INTERNA',
    })
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'FOLDER_NAME_TAKEN')

    // The portal shows the user's departments only, and only shared folders.
    const portal = await tree(revisor.client, '/api/v1/portal/documents')
    assert.equal(portal.company?.id, orgA.id)
    assert.deepEqual(
      portal.departments.map((d) => [d.name, d.level]),
      [['Fiscal', 'revisor']],
    )
    assert.deepEqual(
      portal.folders.map((f) => f.name),
      ['Fiscal'],
    )
    assert.equal((await revisor.client.get(`/api/v1/portal/documents/folders/${manual.body.id}`)).status, 404)

    // Staff share it: now the department sees it.
    const shared = await t.admin.patch(`/api/v1/documents/folders/${manual.body.id}`, { isShared: true })
    assert.equal(shared.status, 200, JSON.stringify(shared.body))
    assert.equal(shared.body.isVisibleToClients, true)
    const after = await tree(revisor.client, '/api/v1/portal/documents')
    assert.ok(after.folders.some((f) => f.id === manual.body.id))
    assert.equal((await revisor.client.get(`/api/v1/portal/documents/folders/${manual.body.id}`)).status, 200)
    // A Revisor sees it but can neither rename nor delete it.
    const revRename = await revisor.client.patch(`/api/v1/portal/documents/folders/${manual.body.id}`, {
      name: 'Renomeada pela revisora',
    })
    assert.equal(revRename.status, 403)
    assert.equal(revRename.body.code, 'LEVEL_READ_ONLY')
    assert.equal(
      (await revisor.client.delete(`/api/v1/portal/documents/folders/${manual.body.id}`)).status,
      403,
    )

    // Unshared again: the folder, a shared subfolder under it and their documents are gone for clients.
    const sub = await t.admin.post(`/api/v1/documents/folders/${manual.body.id}/folders`, {
      name: 'Relatórios',
      share: true,
    })
    assert.equal(sub.status, 201, JSON.stringify(sub.body))
    assert.equal(sub.body.isVisibleToClients, true)
    const inside = await upload(
      t.admin,
      `/api/v1/documents/folders/${sub.body.id}/documents`,
      'Relatório.pdf',
      pdf('relatorio'),
    )
    assert.equal(inside.status, 201, JSON.stringify(inside.body))
    const insideUrl = `/api/v1/portal/documents/files/${inside.body.id}/download`
    assert.equal((await revisor.client.get(insideUrl)).status, 200)
    const unshared = await t.admin.patch(`/api/v1/documents/folders/${manual.body.id}`, { isShared: false })
    assert.equal(unshared.status, 200, JSON.stringify(unshared.body))
    assert.equal(unshared.body.isVisibleToClients, false)
    const hiddenTree = await tree(revisor.client, '/api/v1/portal/documents')
    assert.ok(!hiddenTree.folders.some((f) => f.id === manual.body.id || f.id === sub.body.id))
    for (const url of [
      `/api/v1/portal/documents/folders/${manual.body.id}`,
      `/api/v1/portal/documents/folders/${sub.body.id}`,
      `/api/v1/portal/documents/files/${inside.body.id}`,
      insideUrl,
    ])
      assert.equal((await revisor.client.get(url)).status, 404, url)
    const staffView = await tree(t.admin, `/api/v1/client-orgs/${orgA.id}/documents`)
    const subNow = staffView.folders.find((f) => f.id === sub.body.id)!
    assert.equal(subNow.isShared, true, 'the subfolder keeps its own setting…')
    assert.equal(subNow.isVisibleToClients, false, '…but nobody sees it under an unshared folder')
    const shares = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, manual.body.id), eq(auditLog.entity, 'document_folder')))
      .orderBy(asc(auditLog.createdAt))
    assert.deepEqual(
      shares.map((a) => (a.after as { isShared?: boolean } | null)?.isShared).filter((v) => v !== undefined),
      [false, true, false],
      'created unshared, shared, unshared: each audited',
    )
    // Shared again for the tests that follow.
    await t.admin.patch(`/api/v1/documents/folders/${manual.body.id}`, { isShared: true })

    // The department's own folder can be neither renamed nor unshared.
    const sys = await t.admin.patch(`/api/v1/documents/folders/${fiscalA}`, { name: 'Outro nome' })
    assert.equal(sys.status, 409)
    assert.equal(sys.body.code, 'FOLDER_SYSTEM')
  })

  test('Revisor lists, views and downloads (audited) but cannot upload, create, rename or delete', async () => {
    const published = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalA}/documents`,
      'DAS março.pdf',
      pdf('DAS'),
    )
    assert.equal(published.status, 201, JSON.stringify(published.body))
    assert.equal(published.body.name, 'DAS março.pdf')
    assert.equal(published.body.version, 1)
    assert.equal(published.body.mime, 'application/pdf')
    const docId = published.body.id as string

    const view = await revisor.client.get(`/api/v1/portal/documents/folders/${fiscalA}`)
    assert.equal(view.status, 200)
    assert.equal(view.body.level, 'revisor')
    assert.equal(view.body.levelLabel, 'Revisor')
    assert.deepEqual(view.body.can, {
      upload: false,
      createFolder: false,
      rename: false,
      delete: false,
      move: false,
      share: false,
    })
    const row = view.body.documents.find((d: { id: string }) => d.id === docId)
    assert.equal(row.updatedByName, published.body.updatedByName)
    assert.deepEqual(row.can, { newVersion: false, rename: false, delete: false })

    const detail = await revisor.client.get(`/api/v1/portal/documents/files/${docId}`)
    assert.equal(detail.status, 200)
    assert.equal(detail.body.versions.length, 1)

    const download = await revisor.client.get(`/api/v1/portal/documents/files/${docId}/download`)
    assert.equal(download.status, 200)
    assert.equal(download.headers['content-type'], 'application/pdf')
    assert.equal(download.headers['x-content-type-options'], 'nosniff')
    assert.match(
      String(download.headers['content-disposition']),
      /attachment; .*filename\*=UTF-8''DAS%20mar%C3%A7o\.pdf/,
    )
    assert.equal(download.body, pdf('DAS').toString())
    const logged = await audits(docId, 'download')
    assert.equal(logged.length, 1)
    assert.equal(logged[0].actorName, 'Rita Revisora')
    assert.equal((logged[0].after as { version: number }).version, 1)

    const refusedUpload = await upload(
      revisor.client,
      `/api/v1/portal/documents/folders/${fiscalA}/documents`,
      'x.pdf',
      pdf('x'),
    )
    assert.equal(refusedUpload.status, 403)
    assert.equal(refusedUpload.body.code, 'LEVEL_READ_ONLY')
    assert.match(refusedUpload.body.message, /Revisor/)
    const refusedFolder = await revisor.client.post(`/api/v1/portal/documents/folders/${fiscalA}/folders`, {
      name: 'Minha',
    })
    assert.equal(refusedFolder.status, 403)
    const refusedRename = await revisor.client.patch(`/api/v1/portal/documents/files/${docId}`, {
      name: 'Outro.pdf',
    })
    assert.equal(refusedRename.status, 403)
    const refusedDelete = await revisor.client.delete(`/api/v1/portal/documents/files/${docId}`)
    assert.equal(refusedDelete.status, 403)
    const refusedVersion = await revisor.client.upload(
      'POST',
      `/api/v1/portal/documents/files/${docId}/versions`,
      'DAS.pdf',
      pdf('v2'),
      'application/pdf',
    )
    assert.equal(refusedVersion.status, 403)
    // Portal folders cannot be shared: the field does not exist there.
    const share = await revisor.client.patch(`/api/v1/portal/documents/folders/${fiscalA}`, {
      isShared: false,
    })
    assert.equal(share.status, 400)
  })

  test('Contribuinte creates folders, uploads, sends new versions of and deletes only what they published', async () => {
    const c = contribuinte.client
    const folder = await c.post(`/api/v1/portal/documents/folders/${fiscalA}/folders`, {
      name: 'Notas de entrada',
    })
    assert.equal(folder.status, 201, JSON.stringify(folder.body))
    assert.equal(folder.body.isShared, true, 'folders made in the portal are shared at once')
    assert.equal(folder.body.isVisibleToClients, true)

    const mine = await upload(
      c,
      `/api/v1/portal/documents/folders/${folder.body.id}/documents`,
      'nota 123.pdf',
      pdf('nota'),
    )
    assert.equal(mine.status, 201, JSON.stringify(mine.body))
    assert.equal(mine.body.isMine, true)
    assert.deepEqual(mine.body.can, { newVersion: true, rename: false, delete: true })
    assert.equal(mine.body.publishedByName, 'Caio Contribuinte')

    const theirs = await upload(
      contribuinte2.client,
      `/api/v1/portal/documents/folders/${folder.body.id}/documents`,
      'nota 456.pdf',
      pdf('outra'),
    )
    assert.equal(theirs.status, 201)
    const staffDoc = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalA}/documents`,
      'Guia ICMS.pdf',
      pdf('icms'),
    )

    const view = await c.get(`/api/v1/portal/documents/folders/${folder.body.id}`)
    // Their own folder: deleted while all in it is theirs, never renamed.
    assert.deepEqual(view.body.can, {
      upload: true,
      createFolder: true,
      rename: false,
      delete: true,
      move: false,
      share: false,
    })
    const ofAnother = await contribuinte2.client.get(`/api/v1/portal/documents/folders/${folder.body.id}`)
    assert.equal(ofAnother.body.can.delete, false)
    const refusedToAnother = await contribuinte2.client.delete(
      `/api/v1/portal/documents/folders/${folder.body.id}`,
    )
    assert.equal(refusedToAnother.status, 403)
    assert.equal(refusedToAnother.body.code, 'LEVEL_OWNER_ONLY')
    const other = view.body.documents.find((d: { id: string }) => d.id === theirs.body.id)
    assert.deepEqual(other.can, { newVersion: false, rename: false, delete: false })

    const version = await c.upload(
      'POST',
      `/api/v1/portal/documents/files/${mine.body.id}/versions`,
      'nota 123 corrigida.pdf',
      pdf('nota v2'),
      'application/pdf',
    )
    assert.equal(version.status, 201, JSON.stringify(version.body))
    assert.equal(version.body.version, 2)
    const notMine = await c.upload(
      'POST',
      `/api/v1/portal/documents/files/${theirs.body.id}/versions`,
      'x.pdf',
      pdf('x'),
      'application/pdf',
    )
    assert.equal(notMine.status, 403)
    assert.equal(notMine.body.code, 'LEVEL_NOT_OWNER')

    for (const id of [theirs.body.id, staffDoc.body.id]) {
      const refused = await c.delete(`/api/v1/portal/documents/files/${id}`)
      assert.equal(refused.status, 403)
      assert.equal(refused.body.code, 'LEVEL_NOT_OWNER')
    }
    const rename = await c.patch(`/api/v1/portal/documents/files/${mine.body.id}`, { name: 'outro nome' })
    assert.equal(rename.status, 403)
    assert.equal(
      (await c.patch(`/api/v1/portal/documents/folders/${folder.body.id}`, { name: 'Outro' })).status,
      403,
    )
    const holdsTheirs = await c.delete(`/api/v1/portal/documents/folders/${folder.body.id}`)
    assert.equal(holdsTheirs.status, 403)
    assert.equal(holdsTheirs.body.code, 'FOLDER_HAS_OTHERS_CONTENT')
    assert.match(holdsTheirs.body.message, /outras pessoas/)

    const deleted = await c.delete(`/api/v1/portal/documents/files/${mine.body.id}`)
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
    const logged = await audits(mine.body.id, 'delete')
    assert.equal(logged.length, 1)
    assert.equal(logged[0].actorName, 'Caio Contribuinte')
    assert.equal((await c.get(`/api/v1/portal/documents/files/${mine.body.id}`)).status, 404)
    const listed = await c.get(`/api/v1/portal/documents/folders/${folder.body.id}`)
    assert.deepEqual(
      listed.body.documents.map((d: { name: string }) => d.name),
      ['nota 456.pdf'],
    )
    // The name is free again once the document is deleted.
    const again = await upload(
      c,
      `/api/v1/portal/documents/folders/${folder.body.id}/documents`,
      'nota 123.pdf',
      pdf('de novo'),
    )
    assert.equal(again.status, 201)

    // A folder of theirs holding only what they published goes to the trash whole, and comes back.
    const own = await c.post(`/api/v1/portal/documents/folders/${fiscalA}/folders`, { name: 'Minhas notas' })
    const sub = await c.post(`/api/v1/portal/documents/folders/${own.body.id}/folders`, { name: 'Antigos' })
    const draft = await upload(
      c,
      `/api/v1/portal/documents/folders/${sub.body.id}/documents`,
      'r.pdf',
      pdf('r'),
    )
    assert.equal(draft.status, 201)
    const gone = await c.delete(`/api/v1/portal/documents/folders/${own.body.id}`)
    assert.equal(gone.status, 200, JSON.stringify(gone.body))
    assert.equal((await audits(own.body.id, 'delete')).length, 1)
    assert.equal((await audits(draft.body.id, 'delete')).length, 1)
    assert.equal((await c.get(`/api/v1/portal/documents/folders/${sub.body.id}`)).status, 404)
    const restored = await c.post(`/api/v1/portal/documents/folders/${own.body.id}/restore`)
    assert.equal(restored.status, 200, JSON.stringify(restored.body))
    assert.equal((await c.get(`/api/v1/portal/documents/files/${draft.body.id}`)).status, 200)
  })

  test('Proprietário renames and deletes anything and manages subfolders; the department folder stays', async () => {
    const p = proprietario.client
    const folder = await p.post(`/api/v1/portal/documents/folders/${fiscalA}/folders`, { name: 'Rascunhos' })
    assert.equal(folder.status, 201)
    const sub = await p.post(`/api/v1/portal/documents/folders/${folder.body.id}/folders`, { name: '2026' })
    assert.equal(sub.status, 201)
    const byOther = await upload(
      contribuinte.client,
      `/api/v1/portal/documents/folders/${sub.body.id}/documents`,
      'rascunho.pdf',
      pdf('r'),
    )
    assert.equal(byOther.status, 201)

    const view = await p.get(`/api/v1/portal/documents/folders/${sub.body.id}`)
    assert.deepEqual(view.body.can, {
      upload: true,
      createFolder: true,
      rename: true,
      delete: true,
      move: true,
      share: false,
    })
    assert.deepEqual(view.body.documents[0].can, { newVersion: true, rename: true, delete: true })
    assert.deepEqual(
      view.body.path.map((x: { name: string }) => x.name),
      ['Fiscal', 'Rascunhos', '2026'],
    )

    const renamed = await p.patch(`/api/v1/portal/documents/files/${byOther.body.id}`, {
      name: 'Rascunho final',
    })
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body))
    assert.equal(renamed.body.name, 'Rascunho final.pdf', 'the extension of the content is kept')
    const folderRenamed = await p.patch(`/api/v1/portal/documents/folders/${sub.body.id}`, {
      name: 'Ano 2026',
    })
    assert.equal(folderRenamed.status, 200)
    assert.equal(folderRenamed.body.name, 'Ano 2026')

    // A folder goes to the trash with everything in it (documents-trash.test.ts restores it).
    assert.equal((await p.delete(`/api/v1/portal/documents/folders/${folder.body.id}`)).status, 200)
    assert.equal((await audits(folder.body.id, 'delete')).length, 1)
    assert.equal((await p.get(`/api/v1/portal/documents/folders/${sub.body.id}`)).status, 404)
    assert.equal((await p.get(`/api/v1/portal/documents/files/${byOther.body.id}`)).status, 404)

    const system = await p.delete(`/api/v1/portal/documents/folders/${fiscalA}`)
    assert.equal(system.status, 409)
    assert.equal(system.body.code, 'FOLDER_SYSTEM')
    assert.equal((await p.patch(`/api/v1/portal/documents/folders/${fiscalA}`, { name: 'X' })).status, 409)

    // Revisor in Pessoal: the same person reads there and nothing more.
    const pessoal = await p.get(`/api/v1/portal/documents/folders/${pessoalA}`)
    assert.equal(pessoal.status, 200)
    assert.equal(pessoal.body.level, 'revisor')
    assert.equal(
      (await p.post(`/api/v1/portal/documents/folders/${pessoalA}/folders`, { name: 'Férias' })).status,
      403,
    )
  })

  test('"Mover" a folder: with what it holds, inside its department, by staff and the Proprietário only', async () => {
    const p = proprietario.client
    const mk = async (c: TestClient, parent: string, name: string) => {
      const res = await c.post(`/api/v1/portal/documents/folders/${parent}/folders`, { name })
      assert.equal(res.status, 201, JSON.stringify(res.body))
      return res.body.id as string
    }
    const arquivo = await mk(p, fiscalA, 'Arquivo morto')
    const notas = await mk(p, fiscalA, 'Notas antigas')
    const ano = await mk(p, notas, '2025')
    const doc = await upload(
      contribuinte.client,
      `/api/v1/portal/documents/folders/${ano}/documents`,
      'nf.pdf',
      pdf('nf'),
    )
    assert.equal(doc.status, 201)
    const move = (c: TestClient, id: string, folderId: string, prefix = '/api/v1/portal/documents') =>
      c.post(`${prefix}/folders/${id}/move`, { folderId })

    const moved = await move(p, notas, arquivo)
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.equal(moved.body.parentId, arquivo)
    const view = await p.get(`/api/v1/portal/documents/folders/${ano}`)
    assert.deepEqual(
      view.body.path.map((x: { name: string }) => x.name),
      ['Fiscal', 'Arquivo morto', 'Notas antigas', '2025'],
    )
    assert.deepEqual(
      view.body.documents.map((d: { name: string }) => d.name),
      ['nf.pdf'],
    )
    const [audit] = await audits(notas, 'move')
    assert.equal(audit.actorName, 'Paulo Proprietário')
    assert.deepEqual(
      [(audit.before as { folder: string }).folder, (audit.after as { folder: string }).folder],
      ['Fiscal / Notas antigas', 'Fiscal / Arquivo morto / Notas antigas'],
    )

    const refusals: [TestClient, string, string, number, string][] = [
      [p, arquivo, ano, 400, 'MOVE_INTO_ITSELF'],
      [p, arquivo, arquivo, 400, 'MOVE_INTO_ITSELF'],
      [p, notas, arquivo, 400, 'MOVE_FOLDER_SAME_PLACE'],
      [p, fiscalA, arquivo, 409, 'FOLDER_SYSTEM_MOVE'],
      [contribuinte.client, ano, fiscalA, 403, 'LEVEL_OWNER_ONLY'],
      [revisor.client, ano, fiscalA, 403, 'LEVEL_READ_ONLY'],
      // Another company's folder, even of a department the user has, is not there.
      [p, ano, fiscalB, 404, 'FOLDER_NOT_FOUND'],
      [other.admin, ano, fiscalA, 404, 'FOLDER_NOT_FOUND'],
    ]
    for (const [c, id, target, status, code] of refusals) {
      const prefix = c === other.admin ? '/api/v1/documents' : '/api/v1/portal/documents'
      const res = await move(c, id, target, prefix)
      assert.equal(res.status, status, `${code}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.code, code)
    }
    assert.equal((await p.get(`/api/v1/portal/documents/folders/${ano}`)).body.can.move, true)
    assert.equal(
      (await contribuinte.client.get(`/api/v1/portal/documents/folders/${ano}`)).body.can.move,
      false,
    )

    // A sibling of the same name at the target; another department; too deep.
    const twin = await mk(p, fiscalA, 'Notas Antigas')
    const taken = await move(p, twin, arquivo)
    assert.equal(taken.status, 409)
    assert.equal(taken.body.code, 'MOVE_FOLDER_NAME_TAKEN')
    const otherDepartment = await move(t.admin, twin, pessoalA, '/api/v1/documents')
    assert.equal(otherDepartment.status, 400)
    assert.equal(otherDepartment.body.code, 'MOVE_OTHER_DEPARTMENT')
    let deepest = ano // level 4
    for (const name of ['n5', 'n6', 'n7']) deepest = await mk(p, deepest, name)
    await mk(p, twin, 'filha') // twin: level 2, with one level below it
    const tooDeep = await move(p, twin, deepest) // would be 8 and 9
    assert.equal(tooDeep.status, 400)
    assert.equal(tooDeep.body.code, 'FOLDER_TOO_DEEP')
    assert.match(tooDeep.body.message, /passariam do limite de 8 níveis/)
    const parentOfDeepest = (await p.get(`/api/v1/portal/documents/folders/${deepest}`)).body.folder.parentId
    assert.equal((await move(p, twin, parentOfDeepest)).status, 200, 'levels 7 and 8 are allowed')
    assert.equal((await audits(twin, 'move')).length, 1, 'refusals leave no audit entry')

    // Staff move a shared folder out of the office's unshared one: it reaches the portal, announced.
    const interno = await t.admin.post(`/api/v1/documents/folders/${fiscalA}/folders`, { name: 'Interno' })
    const guias = await t.admin.post(`/api/v1/documents/folders/${interno.body.id}/folders`, {
      name: 'Guias',
      share: true,
    })
    await upload(t.admin, `/api/v1/documents/folders/${guias.body.id}/documents`, 'DAS.pdf', pdf('das'))
    assert.equal(
      (await contribuinte.client.get(`/api/v1/portal/documents/folders/${guias.body.id}`)).status,
      404,
    )
    const notices = () =>
      ctx.app.database.db
        .select()
        .from(portalNotifications)
        .where(
          and(
            eq(portalNotifications.clientUserId, contribuinte.id),
            like(portalNotifications.body, '%Guias%'),
          ),
        )
    assert.equal((await notices()).length, 0)
    // Caio chose to hear of new documents in the portal's inbox.
    const prefs = await t.admin.patch(`/api/v1/client-users/${contribuinte.id}`, {
      notifications: { documents: 'system' },
    })
    assert.equal(prefs.status, 200, JSON.stringify(prefs.body))
    const out = await move(t.admin, guias.body.id, fiscalA, '/api/v1/documents')
    assert.equal(out.status, 200, JSON.stringify(out.body))
    assert.equal(out.body.isVisibleToClients, true)
    const seen = await contribuinte.client.get(`/api/v1/portal/documents/folders/${guias.body.id}`)
    assert.equal(seen.status, 200)
    assert.deepEqual(
      seen.body.documents.map((d: { name: string }) => d.name),
      ['DAS.pdf'],
    )
    const [notice] = await notices()
    assert.match(notice.body, /compartilhou a pasta Fiscal \/ Guias, com 1 documento,/)
  })

  test('versions: each upload is kept with size, type, sha256 and who sent it; old versions download', async () => {
    const first = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalA}/documents`,
      'Contrato social.docx',
      docx(),
      'application/octet-stream',
    )
    assert.equal(first.status, 201, JSON.stringify(first.body))
    assert.equal(first.body.mime, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const id = first.body.id as string
    const second = await proprietario.client.upload(
      'POST',
      `/api/v1/portal/documents/files/${id}/versions`,
      'contrato assinado.pdf',
      pdf('assinado'),
      'application/pdf',
    )
    assert.equal(second.status, 201, JSON.stringify(second.body))
    assert.equal(second.body.version, 2)
    assert.equal(second.body.name, 'Contrato social.pdf', 'the name follows the new content type')
    assert.equal(second.body.updatedByName, 'Paulo Proprietário')

    const detail = await t.admin.get(`/api/v1/documents/files/${id}`)
    assert.deepEqual(
      detail.body.versions.map((v: { version: number; mime: string; uploadedByName: string }) => [
        v.version,
        v.mime,
        v.uploadedByName,
      ]),
      [
        [2, 'application/pdf', 'Paulo Proprietário'],
        [1, first.body.mime, first.body.updatedByName],
      ],
    )
    assert.match(detail.body.versions[0].sha256, /^[0-9a-f]{64}$/)
    assert.equal(detail.body.versions[0].sizeBytes, pdf('assinado').length)

    const old = await revisor.client.get(`/api/v1/portal/documents/files/${id}/download?version=1`)
    assert.equal(old.status, 200)
    assert.match(String(old.headers['content-disposition']), /Contrato%20social%20%28v1%29\.docx/)
    const current = await revisor.client.get(`/api/v1/portal/documents/files/${id}/download`)
    assert.equal(current.body, pdf('assinado').toString())
    assert.equal(
      (await revisor.client.get(`/api/v1/portal/documents/files/${id}/download?version=9`)).status,
      404,
    )

    // Names are unique per folder: the same name again must be a new version.
    const same = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalA}/documents`,
      'contrato SOCIAL.pdf',
      pdf('x'),
    )
    assert.equal(same.status, 409)
    assert.equal(same.body.code, 'DOCUMENT_NAME_TAKEN')
  })

  test('uploads are checked: type by content, size limit, safe names, and the virus scan refuses EICAR', async () => {
    const url = `/api/v1/documents/folders/${fiscalA}/documents`
    const exe = await upload(
      t.admin,
      url,
      'programa.pdf',
      Buffer.from('MZ\x90\x00\x03binario'),
      'application/pdf',
    )
    assert.equal(exe.status, 415)
    assert.equal(exe.body.code, 'FILE_TYPE_NOT_ALLOWED')
    const html = await upload(
      t.admin,
      url,
      'pagina.html',
      Buffer.from('<script>alert(1)</script>'),
      'text/html',
    )
    assert.equal(html.status, 415)
    const empty = await upload(t.admin, url, 'vazio.pdf', Buffer.alloc(0))
    assert.equal(empty.status, 400)
    const macro = await upload(
      t.admin,
      url,
      'planilha.xlsx',
      zip({ '[Content_Types].xml': '<T/>', 'xl/workbook.xml': '<w/>', 'xl/vbaProject.bin': 'x' }),
    )
    assert.equal(macro.status, 415)
    assert.equal(macro.body.code, 'FILE_MACRO')
    const big = await upload(t.admin, url, 'grande.pdf', Buffer.concat([pdf('g'), Buffer.alloc(MAX_BYTES)]))
    assert.equal(big.status, 413)
    assert.equal(big.body.code, 'FILE_TOO_LARGE')
    assert.equal(big.body.message, 'O arquivo passa do limite de 0,06 MB.', 'the limit in force')

    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Folha').addRow(['Funcionário', 'Salário'])
    const xlsx = await upload(
      t.admin,
      url,
      'folha.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/octet-stream',
    )
    assert.equal(xlsx.status, 201, JSON.stringify(xlsx.body))
    assert.equal(xlsx.body.mime, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const csv = await upload(
      t.admin,
      url,
      'clientes.csv',
      Buffer.from('nome;cidade\nJoão;Vitória\n'),
      'text/csv',
    )
    assert.equal(csv.status, 201)
    assert.equal(csv.body.mime, 'text/csv')
    const image = await upload(t.admin, url, 'logo.jpg', png, 'image/jpeg')
    assert.equal(image.status, 201)
    assert.equal(image.body.name, 'logo.jpg.png', 'the extension follows the content')

    const sneaky = await upload(t.admin, url, '../../etc/Relatório\u202Efdp.exe', pdf('r'))
    assert.equal(sneaky.status, 201, JSON.stringify(sneaky.body))
    assert.equal(sneaky.body.name, 'Relatóriofdp.exe.pdf')
    for (const file of walk(storageDir))
      assert.match(path.relative(storageDir, file), /^[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/)

    const eicar = await upload(
      contribuinte.client,
      `/api/v1/portal/documents/folders/${fiscalA}/documents`,
      'eicar.txt',
      Buffer.from(EICAR_SIGNATURE),
    )
    assert.equal(eicar.status, 422)
    assert.equal(eicar.body.code, 'FILE_INFECTED')
    assert.match(eicar.body.message, /antivírus encontrou uma ameaça \(EICAR-Test-File\)/)
    const refused = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'upload_refused'))
    assert.equal(refused.length, 1)
    assert.equal(refused[0].actorName, 'Caio Contribuinte')
    const names = (await t.admin.get(`/api/v1/documents/folders/${fiscalA}`)).body.documents.map(
      (d: { name: string }) => d.name,
    )
    assert.ok(!names.includes('eicar.txt'))
  })

  test("another company's or tenant's folders and documents answer 404; switching company switches the tree", async () => {
    const docA = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalA}/documents`,
      'Só da Aurora.pdf',
      pdf('a'),
    )
    const docB = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalB}/documents`,
      'Só da Boa Vista.pdf',
      pdf('b'),
    )
    assert.equal(docB.status, 201)

    // Caio works for company A only.
    for (const url of [
      `/api/v1/portal/documents/folders/${fiscalB}`,
      `/api/v1/portal/documents/files/${docB.body.id}`,
      `/api/v1/portal/documents/files/${docB.body.id}/download`,
    ]) {
      const res = await contribuinte.client.get(url)
      assert.equal(res.status, 404, url)
    }
    assert.equal(
      (
        await upload(
          contribuinte.client,
          `/api/v1/portal/documents/folders/${fiscalB}/documents`,
          'x.pdf',
          pdf('x'),
        )
      ).status,
      404,
    )
    assert.equal(
      (await contribuinte.client.delete(`/api/v1/portal/documents/files/${docB.body.id}`)).status,
      404,
    )
    // A department the user is not in: 404 as well.
    assert.equal((await revisor.client.get(`/api/v1/portal/documents/folders/${pessoalA}`)).status, 404)

    // Rita works for A and B: the tree follows the company in use.
    const inA = await tree(revisor.client, '/api/v1/portal/documents')
    assert.equal(inA.company?.id, orgA.id)
    assert.ok(inA.folders.some((f) => f.id === fiscalA))
    assert.equal((await revisor.client.get(`/api/v1/portal/documents/folders/${fiscalB}`)).status, 404)
    const switched = await revisor.client.post('/api/v1/portal/switch-company', { companyId: orgB.id })
    assert.equal(switched.status, 200, JSON.stringify(switched.body))
    const inB = await tree(revisor.client, '/api/v1/portal/documents')
    assert.equal(inB.company?.id, orgB.id)
    assert.deepEqual(
      inB.folders.map((f) => f.id),
      [fiscalB],
    )
    assert.equal((await revisor.client.get(`/api/v1/portal/documents/folders/${fiscalA}`)).status, 404)
    assert.equal(
      (await revisor.client.get(`/api/v1/portal/documents/files/${docA.body.id}/download`)).status,
      404,
    )
    const listB = await revisor.client.get(`/api/v1/portal/documents/folders/${fiscalB}`)
    assert.deepEqual(
      listB.body.documents.map((d: { name: string }) => d.name),
      ['Só da Boa Vista.pdf'],
    )
    await revisor.client.post('/api/v1/portal/switch-company', { companyId: orgA.id })

    // Another tenant: its staff and its client users get 404 for everything here.
    for (const url of [
      `/api/v1/client-orgs/${orgA.id}/documents`,
      `/api/v1/documents/folders/${fiscalA}`,
      `/api/v1/documents/files/${docA.body.id}`,
      `/api/v1/documents/files/${docA.body.id}/download`,
      `/api/v1/documents/folders/${fiscalA}/why?clientUserId=${revisor.id}`,
    ]) {
      const res = await other.admin.get(url)
      assert.equal(res.status, 404, url)
    }
    assert.equal((await other.admin.delete(`/api/v1/documents/files/${docA.body.id}`)).status, 404)
    assert.equal(
      (await upload(other.admin, `/api/v1/documents/folders/${fiscalA}/documents`, 'x.pdf', pdf('x'))).status,
      404,
    )
    const otherOrg = await createOrg(other, 'Empresa do Outro')
    const outsider = await makeClientUser(
      other,
      'Otto de Fora',
      'otto@exemplo.com.br',
      [
        {
          departmentId: (await other.admin.get('/api/v1/departments')).body.items.find(
            (d: { name: string }) => d.name === 'Fiscal',
          ).id,
          level: 'proprietario',
        },
      ],
      [otherOrg.id],
    )
    assert.equal((await outsider.client.get(`/api/v1/portal/documents/folders/${fiscalA}`)).status, 404)
    assert.equal(
      (await outsider.client.get(`/api/v1/portal/documents/files/${docA.body.id}/download`)).status,
      404,
    )
    assert.equal((await outsider.client.delete(`/api/v1/portal/documents/files/${docA.body.id}`)).status, 404)

    // Every other write, by another tenant's staff, by its Proprietário, and by Rita while she uses
    // company B (A's ids): 404 like a missing item, and nothing changes.
    const writes = (prefix: string) =>
      [
        ['POST', `${prefix}/folders/${fiscalA}/folders`, { name: 'Intrusa' }],
        ['PATCH', `${prefix}/folders/${fiscalA}`, { name: 'Renomeada' }],
        ['DELETE', `${prefix}/folders/${fiscalA}`, undefined],
        ['PATCH', `${prefix}/files/${docA.body.id}`, { name: 'Renomeado.pdf' }],
        ['POST', `${prefix}/files/${docA.body.id}/move`, { folderId: fiscalA }],
        ['POST', `${prefix}/files/${docA.body.id}/restore`, undefined],
        ['POST', `${prefix}/folders/${fiscalA}/restore`, undefined],
      ] as const
    const auditRows = async () => (await ctx.app.database.db.select().from(auditLog)).length
    const auditedBefore = await auditRows()
    await revisor.client.post('/api/v1/portal/switch-company', { companyId: orgB.id })
    try {
      for (const [who, client, prefix] of [
        ['other tenant staff', other.admin, '/api/v1/documents'],
        ['other tenant client', outsider.client, '/api/v1/portal/documents'],
        ['Rita in company B', revisor.client, '/api/v1/portal/documents'],
      ] as const) {
        for (const [method, url, body] of writes(prefix)) {
          const res = await client.request(method, url, body ?? (method === 'DELETE' ? undefined : {}))
          assert.equal(
            res.status,
            404,
            `${who}: ${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`,
          )
        }
        const version = await client.upload(
          'POST',
          `${prefix}/files/${docA.body.id}/versions`,
          'v2.pdf',
          pdf('v2'),
          'application/pdf',
        )
        assert.equal(version.status, 404, `${who}: new version`)
        const uploaded = await upload(client, `${prefix}/folders/${fiscalA}/documents`, 'x.pdf', pdf('x'))
        assert.equal(uploaded.status, 404, `${who}: upload`)
      }
    } finally {
      await revisor.client.post('/api/v1/portal/switch-company', { companyId: orgA.id })
    }
    for (const url of [
      `/api/v1/client-orgs/${orgA.id}/documents/people`,
      `/api/v1/client-orgs/${orgA.id}/documents/trash`,
    ])
      assert.equal((await other.admin.get(url)).status, 404, url)
    assert.equal(
      (
        await other.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
          name: 'X',
          departmentId: dep('Fiscal'),
        })
      ).status,
      404,
    )
    assert.equal(await auditRows(), auditedBefore, 'no refused write left a trace')
    const still = await t.admin.get(`/api/v1/documents/files/${docA.body.id}`)
    assert.equal(still.body.name, docA.body.name)
  })

  test('"Envia documentos ao escritório": without it no upload nor new version, whatever the level', async () => {
    const s = semEnvio.client
    const treeA = await tree(t.admin, `/api/v1/client-orgs/${orgA.id}/documents`)
    const contabilA = systemFolder(treeA, 'Contábil')
    const staffDoc = await upload(
      t.admin,
      `/api/v1/documents/folders/${contabilA}/documents`,
      'Balancete.pdf',
      pdf('balancete'),
    )
    assert.equal(staffDoc.status, 201, JSON.stringify(staffDoc.body))
    const docs = () => ctx.app.database.db.select().from(documents).where(eq(documents.clientOrgId, orgA.id))
    const before = { files: walk(storageDir).length, documents: (await docs()).length }

    // The level would allow it (Contribuinte, Proprietária): the screen offers no upload and says why.
    for (const [folderId, level] of [
      [fiscalA, 'contribuinte'],
      [contabilA, 'proprietario'],
    ] as const) {
      const view = await s.get(`/api/v1/portal/documents/folders/${folderId}`)
      assert.equal(view.status, 200, JSON.stringify(view.body))
      assert.equal(view.body.level, level)
      assert.equal(view.body.canSendDocuments, false)
      assert.equal(view.body.can.upload, false)
      assert.equal(view.body.can.createFolder, true, 'folders are not documents')
    }
    const listed = await s.get(`/api/v1/portal/documents/folders/${contabilA}`)
    const row = listed.body.documents.find((d: { id: string }) => d.id === staffDoc.body.id)
    assert.deepEqual(row.can, { newVersion: false, rename: true, delete: true })

    for (const folderId of [fiscalA, contabilA]) {
      const refused = await upload(
        s,
        `/api/v1/portal/documents/folders/${folderId}/documents`,
        'nota.pdf',
        pdf('n'),
      )
      assert.equal(refused.status, 403)
      assert.equal(refused.body.code, 'UPLOAD_NOT_PERMITTED')
      assert.equal(
        refused.body.message,
        'Seu usuário não tem permissão para enviar documentos ao escritório. Peça ao administrador.',
      )
    }
    const version = await s.upload(
      'POST',
      `/api/v1/portal/documents/files/${staffDoc.body.id}/versions`,
      'Balancete corrigido.pdf',
      pdf('v2'),
      'application/pdf',
    )
    assert.equal(version.status, 403)
    assert.equal(version.body.code, 'UPLOAD_NOT_PERMITTED')
    // Nothing stored: no file, no document, no new version, no upload in the audit log.
    assert.equal(walk(storageDir).length, before.files)
    assert.equal((await docs()).length, before.documents)
    const detail = await t.admin.get(`/api/v1/documents/files/${staffDoc.body.id}`)
    assert.equal(detail.body.versions.length, 1)
    const uploads = await ctx.app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorName, 'Sara Sem Envio'), eq(auditLog.entity, 'document')))
    assert.deepEqual(uploads, [])

    // "Por que vê?" still answers yes: seeing does not need the permission; the level says it.
    const why = await t.admin.get(`/api/v1/documents/folders/${fiscalA}/why?clientUserId=${semEnvio.id}`)
    assert.equal(why.status, 200, JSON.stringify(why.body))
    assert.equal(why.body.canSee, true)
    assert.equal(why.body.reason, null)
    assert.equal(why.body.canSendDocuments, false)
    const levelStep = why.body.chain.find((c: { kind: string }) => c.kind === 'level')
    assert.equal(levelStep.ok, true)
    assert.match(levelStep.detail, /Sem a permissão "Envia documentos ao escritório"/)
    assert.match(
      why.body.summary,
      /Sara Sem Envio vê a pasta "Fiscal" porque participa do departamento Fiscal como Contribuinte/,
    )

    // Staff are unaffected; once the administrator ticks the permission, she sends (no new login).
    const staffView = await t.admin.get(`/api/v1/documents/folders/${fiscalA}`)
    assert.equal(staffView.body.canSendDocuments, true)
    assert.equal(staffView.body.can.upload, true)
    const granted = await t.admin.patch(`/api/v1/client-users/${semEnvio.id}`, {
      permissions: ['documents:upload'],
    })
    assert.equal(granted.status, 200, JSON.stringify(granted.body))
    const sent = await upload(
      s,
      `/api/v1/portal/documents/folders/${fiscalA}/documents`,
      'nota de Sara.pdf',
      pdf('n'),
    )
    assert.equal(sent.status, 201, JSON.stringify(sent.body))
    assert.equal(sent.body.isMine, true)
    const newVersion = await s.upload(
      'POST',
      `/api/v1/portal/documents/files/${staffDoc.body.id}/versions`,
      'Balancete corrigido.pdf',
      pdf('v2'),
      'application/pdf',
    )
    assert.equal(newVersion.status, 201, JSON.stringify(newVersion.body))
    assert.equal(newVersion.body.version, 2)
    assert.equal((await s.get(`/api/v1/portal/documents/folders/${fiscalA}`)).body.canSendDocuments, true)
    const whyNow = await t.admin.get(`/api/v1/documents/folders/${fiscalA}/why?clientUserId=${semEnvio.id}`)
    assert.equal(whyNow.body.canSendDocuments, true)
    assert.doesNotMatch(
      whyNow.body.chain.find((c: { kind: string }) => c.kind === 'level').detail,
      /Sem a permissão/,
    )
  })

  test('"Novos documentos publicados": staff publishing in a folder clients see e-mails those who chose e-mail', async () => {
    const mailsTo = async (email: string) => {
      const res = await ctx.app.inject({ url: `/api/dev/mail?to=${encodeURIComponent(email)}` })
      return (JSON.parse(res.body) as { subject: string; text: string; links: string[] }[]).filter((m) =>
        /documento/i.test(m.subject),
      )
    }
    const prefer = async (id: string, channel: string) => {
      const res = await t.admin.patch(`/api/v1/client-users/${id}`, { notifications: { documents: channel } })
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    await prefer(revisor.id, 'email') // Fiscal, both companies
    await prefer(contribuinte.id, 'system') // Fiscal: no e-mail
    await prefer(proprietario.id, 'both') // Fiscal and Pessoal
    const before = {
      rita: (await mailsTo('rita@exemplo.com.br')).length,
      caio: (await mailsTo('caio@exemplo.com.br')).length,
      paulo: (await mailsTo('paulo@exemplo.com.br')).length,
    }

    const published = await upload(
      t.admin,
      `/api/v1/documents/folders/${fiscalA}/documents`,
      'Aviso ICMS dezembro.pdf',
      pdf('icms'),
    )
    assert.equal(published.status, 201, JSON.stringify(published.body))
    await ctx.app.jobs.drain()
    const rita = await mailsTo('rita@exemplo.com.br')
    assert.equal(rita.length, before.rita + 1)
    assert.equal(rita[0].subject, 'Novo documento: Aviso ICMS dezembro.pdf')
    assert.match(rita[0].text, /publicou "Aviso ICMS dezembro\.pdf" na pasta Fiscal de Padaria Aurora Ltda/)
    assert.ok(rita[0].links.some((l) => l.endsWith('/portal/documentos')))
    assert.equal((await mailsTo('paulo@exemplo.com.br')).length, before.paulo + 1, '"E-mail e sistema"')
    assert.equal((await mailsTo('caio@exemplo.com.br')).length, before.caio, '"Sistema" only: no e-mail')

    // A new version from the office is news too.
    const v2 = await t.admin.upload(
      'POST',
      `/api/v1/documents/files/${published.body.id}/versions`,
      'Aviso ICMS dezembro v2.pdf',
      pdf('icms 2'),
      'application/pdf',
    )
    assert.equal(v2.status, 201, JSON.stringify(v2.body))
    await ctx.app.jobs.drain()
    assert.match(
      (await mailsTo('rita@exemplo.com.br'))[0].subject,
      /^Nova versão de documento: Aviso ICMS dezembro/,
    )

    // Nobody hears of: a folder clients do not see, a department they are not in, nor what a client sends.
    const hidden = await t.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
      departmentId: dep('Fiscal'),
      name: 'Rascunhos do escritório',
    })
    assert.equal(hidden.status, 201, JSON.stringify(hidden.body))
    await upload(
      t.admin,
      `/api/v1/documents/folders/${hidden.body.id}/documents`,
      'Rascunho aviso.pdf',
      pdf('r'),
    )
    await upload(
      t.admin,
      `/api/v1/documents/folders/${pessoalA}/documents`,
      'Folha aviso dezembro.pdf',
      pdf('f'),
    )
    const fromClient = await upload(
      contribuinte.client,
      `/api/v1/portal/documents/folders/${fiscalA}/documents`,
      'Nota aviso do cliente.pdf',
      pdf('n'),
    )
    assert.equal(fromClient.status, 201, JSON.stringify(fromClient.body))
    await ctx.app.jobs.drain()
    assert.equal((await mailsTo('rita@exemplo.com.br')).length, before.rita + 2)
    const paulo = await mailsTo('paulo@exemplo.com.br')
    assert.equal(paulo.length, before.paulo + 3, 'Paulo is in Pessoal too: the Folha is his news')
    assert.equal(paulo[0].subject, 'Novo documento: Folha aviso dezembro.pdf')
  })

  test('"Por que vê?": the chain user → department → level → company, or the reason why not', async () => {
    const yes = await t.admin.get(`/api/v1/documents/folders/${fiscalA}/why?clientUserId=${contribuinte.id}`)
    assert.equal(yes.status, 200, JSON.stringify(yes.body))
    assert.equal(yes.body.canSee, true)
    assert.equal(yes.body.level, 'contribuinte')
    assert.deepEqual(
      yes.body.chain.map((s: { kind: string; label: string; ok: boolean }) => [s.kind, s.label, s.ok]),
      [
        ['user', 'Caio Contribuinte <caio@exemplo.com.br>', true],
        ['department', 'Fiscal', true],
        ['level', 'Contribuinte', true],
        ['company', 'Padaria Aurora Ltda', true],
        ['folder', 'Fiscal', true],
      ],
    )
    assert.match(
      yes.body.summary,
      /vê a pasta "Fiscal" porque participa do departamento Fiscal como Contribuinte na empresa Padaria Aurora Ltda/,
    )

    const noDept = await t.admin.get(
      `/api/v1/documents/folders/${pessoalA}/why?clientUserId=${contribuinte.id}`,
    )
    assert.equal(noDept.body.canSee, false)
    assert.equal(noDept.body.reason, 'Não participa do departamento Pessoal, dono desta pasta.')

    const noCompany = await t.admin.get(
      `/api/v1/documents/folders/${fiscalB}/why?clientUserId=${contribuinte.id}`,
    )
    assert.equal(noCompany.body.canSee, false)
    assert.equal(noCompany.body.reason, 'Não está vinculado à empresa Mercado Boa Vista Ltda.')

    const hidden = await t.admin.post(`/api/v1/documents/folders/${fiscalA}/folders`, {
      name: 'Interno do escritório',
    })
    assert.equal(hidden.status, 201)
    assert.equal(hidden.body.isShared, false)
    const notShared = await t.admin.get(
      `/api/v1/documents/folders/${hidden.body.id}/why?clientUserId=${contribuinte.id}`,
    )
    assert.equal(notShared.body.canSee, false)
    assert.match(
      notShared.body.reason,
      /"Interno do escritório" foi criada pelo escritório e ainda não foi compartilhada/,
    )

    // Every other reason the chain can break, each named on its link (restored afterwards).
    const whyNot = async () =>
      (await t.admin.get(`/api/v1/documents/folders/${fiscalA}/why?clientUserId=${contribuinte.id}`)).body
    const broken = [
      {
        set: { portalActive: false },
        reason: 'O acesso deste usuário ao Portal do Cliente está desativado.',
      },
      { set: { isDemo: true }, reason: 'Usuário demonstrativo: não entra no Portal do Cliente.' },
      {
        set: { acceptedAt: null },
        reason: 'O usuário ainda não aceitou o convite: verá as pastas depois de criar a senha.',
      },
    ]
    const [before] = await ctx.app.database.db
      .select()
      .from(clientUsers)
      .where(eq(clientUsers.id, contribuinte.id))
    for (const { set, reason } of broken) {
      await ctx.app.database.db.update(clientUsers).set(set).where(eq(clientUsers.id, contribuinte.id))
      try {
        const body = await whyNot()
        assert.equal(body.canSee, false, reason)
        assert.equal(body.reason, reason)
        assert.equal(body.chain[0].ok, false)
      } finally {
        await ctx.app.database.db
          .update(clientUsers)
          .set({ portalActive: before.portalActive, isDemo: before.isDemo, acceptedAt: before.acceptedAt })
          .where(eq(clientUsers.id, contribuinte.id))
      }
    }
    for (const [set, reason] of [
      [{ portalEnabled: false }, 'O Portal do Cliente está desabilitado para a empresa Padaria Aurora Ltda.'],
      [{ isActive: false }, 'A empresa Padaria Aurora Ltda está inativa.'],
    ] as const) {
      await ctx.app.database.db.update(clientOrgs).set(set).where(eq(clientOrgs.id, orgA.id))
      try {
        const body = await whyNot()
        assert.equal(body.canSee, false, reason)
        assert.equal(body.reason, reason)
      } finally {
        await ctx.app.database.db
          .update(clientOrgs)
          .set({ portalEnabled: true, isActive: true })
          .where(eq(clientOrgs.id, orgA.id))
      }
    }
    assert.equal((await whyNot()).canSee, true, 'all restored')

    const people = await t.admin.get(`/api/v1/client-orgs/${orgB.id}/documents/people`)
    assert.deepEqual(
      people.body.items.map((p: { name: string }) => p.name),
      ['Rita Revisora'],
    )
    const search = await t.admin.get(`/api/v1/client-orgs/${orgB.id}/documents/people?search=caio`)
    assert.deepEqual(
      search.body.items.map((p: { name: string; linked: boolean }) => [p.name, p.linked]),
      [['Caio Contribuinte', false]],
    )
    assert.equal(
      (
        await t.admin.get(
          `/api/v1/documents/folders/${fiscalA}/why?clientUserId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
        )
      ).status,
      404,
    )
  })

  test('staff need documents:manage; client users cannot use the staff routes nor staff the portal ones', async () => {
    const tech = await createStaffClient(ctx.app, t, 'Técnico')
    assert.equal((await tech.client.get(`/api/v1/client-orgs/${orgA.id}/documents`)).status, 403)
    assert.equal((await tech.client.get(`/api/v1/documents/folders/${fiscalA}`)).status, 403)
    const operator = await createStaffClient(ctx.app, t, 'Operador')
    assert.equal((await operator.client.get(`/api/v1/documents/folders/${fiscalA}`)).status, 200)
    assert.equal((await proprietario.client.get(`/api/v1/documents/folders/${fiscalA}`)).status, 403)
    assert.equal((await proprietario.client.get(`/api/v1/client-orgs/${orgA.id}/documents`)).status, 403)
    assert.equal((await t.admin.get('/api/v1/portal/documents')).status, 403)
  })
})

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  )
}
