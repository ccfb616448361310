/**
 * The client portal's inbox ("Sistema" channel): a document the office publishes in a folder clients
 * see becomes one notification for each client user of that company and department who chose
 * "Sistema" or "Ambos", written in the publishing transaction; the inbox lists, counts and marks as
 * read only the signed-in client user's own notifications.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import { enqueueAnnouncement } from '#server/modules/documents/documents.queue.ts'
import { documentNotices, documents } from '#server/modules/documents/documents.tables.ts'
import { portalNotifications } from '#server/modules/notifications/index.ts'
import { createOrg, portalClientUser } from '../factories/client-users.ts'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import type { TestClient } from '../helpers/client.ts'

const PASSWORD = 'Portal#Seguro2026'
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

type Notification = {
  id: string
  kind: string
  title: string
  body: string
  link: string
  clientOrgId: string | null
  readAt: string | null
  createdAt: string
}
type Inbox = { items: Notification[]; total: number; unread: number; page: number; pageSize: number }
type Person = { id: string; email: string; client: TestClient }

describe('notificações do portal: a caixa "Sistema" do usuário de cliente', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture
  let orgA: { id: string; name: string }
  let orgB: { id: string; name: string }
  let fiscalA = ''
  let pessoalA = ''
  let fiscalB = ''
  /** Fiscal of Padaria: "Sistema", "Ambos", "E-mail"; Pessoal of Padaria; Fiscal of Mercado. */
  let sofia: Person
  let bruno: Person
  let elisa: Person
  let pedro: Person
  let marta: Person
  /** Fiscal of Padaria, "Sistema", sends documents to the office. */
  let caio: Person
  /** Another tenant's client user with "Sistema". */
  let olga: Person
  let otherFiscal = ''

  async function makeClientUser(
    tenant: TenantFixture,
    name: string,
    email: string,
    departmentId: string,
    companyId: string,
    channel: string,
  ): Promise<Person> {
    const { id, client } = await portalClientUser(
      ctx.app,
      tenant,
      {
        name,
        email,
        departments: [{ departmentId, level: 'contribuinte' }],
        companyIds: [companyId],
        permissions: ['documents:upload'],
        notifications: { documents: channel },
      },
      PASSWORD,
    )
    return { id, email, client }
  }

  async function systemFolder(tenant: TenantFixture, orgId: string, department: string) {
    const res = await tenant.admin.get(`/api/v1/client-orgs/${orgId}/documents`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const dep = res.body.departments.find((d: { name: string }) => d.name === department)
    return res.body.folders.find(
      (f: { isSystem: boolean; departmentId: string }) => f.isSystem && f.departmentId === dep.id,
    ).id as string
  }

  async function publish(client: TestClient, url: string, name: string) {
    const res = await client.upload('POST', url, name, pdf(name), 'application/pdf')
    await ctx.app.jobs.drain()
    return res
  }
  const staffPublish = (tenant: TenantFixture, folderId: string, name: string) =>
    publish(tenant.admin, `/api/v1/documents/folders/${folderId}/documents`, name)

  async function inbox(p: Person, query = ''): Promise<Inbox> {
    const res = await p.client.get(`/api/v1/portal/notifications${query}`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body
  }
  async function documentMails(email: string) {
    const res = await ctx.app.inject({ url: `/api/dev/mail?to=${encodeURIComponent(email)}` })
    return (JSON.parse(res.body) as { subject: string }[]).filter((m) => /documento/i.test(m.subject))
  }
  async function rowsOf(clientUserId: string) {
    return ctx.app.database.db
      .select()
      .from(portalNotifications)
      .where(eq(portalNotifications.clientUserId, clientUserId))
  }

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { name: 'Contabilidade Avisos' })
    other = await createTenant(ctx.app, ctx.config, { name: 'Outro Escritório' })
    orgA = await createOrg(t, 'Padaria Aurora Ltda')
    orgB = await createOrg(t, 'Mercado Boa Vista Ltda')
    fiscalA = await systemFolder(t, orgA.id, 'Fiscal')
    pessoalA = await systemFolder(t, orgA.id, 'Pessoal')
    fiscalB = await systemFolder(t, orgB.id, 'Fiscal')
    const deps = (await t.admin.get('/api/v1/departments')).body.items as { id: string; name: string }[]
    const dep = (name: string) => deps.find((d) => d.name === name)!.id
    sofia = await makeClientUser(t, 'Sofia Sistema', 'sofia@exemplo.com.br', dep('Fiscal'), orgA.id, 'system')
    bruno = await makeClientUser(t, 'Bruno Ambos', 'bruno@exemplo.com.br', dep('Fiscal'), orgA.id, 'both')
    elisa = await makeClientUser(t, 'Elisa Email', 'elisa@exemplo.com.br', dep('Fiscal'), orgA.id, 'email')
    pedro = await makeClientUser(
      t,
      'Pedro Pessoal',
      'pedro@exemplo.com.br',
      dep('Pessoal'),
      orgA.id,
      'system',
    )
    marta = await makeClientUser(t, 'Marta Mercado', 'marta@exemplo.com.br', dep('Fiscal'), orgB.id, 'system')
    caio = await makeClientUser(t, 'Caio Cliente', 'caio@exemplo.com.br', dep('Fiscal'), orgA.id, 'system')

    const otherOrg = await createOrg(other, 'Oficina Outra Ltda')
    otherFiscal = await systemFolder(other, otherOrg.id, 'Fiscal')
    const otherDeps = (await other.admin.get('/api/v1/departments')).body.items as {
      id: string
      name: string
    }[]
    olga = await makeClientUser(
      other,
      'Olga Outra',
      'olga@exemplo.com.br',
      otherDeps.find((d) => d.name === 'Fiscal')!.id,
      otherOrg.id,
      'system',
    )
  })
  after(async () => {
    await ctx?.close()
  })

  test('a publication reaches the inbox of "Sistema" and "Ambos", the e-mail of "E-mail" and "Ambos"', async () => {
    const mailsBefore = {
      sofia: (await documentMails(sofia.email)).length,
      bruno: (await documentMails(bruno.email)).length,
      elisa: (await documentMails(elisa.email)).length,
    }
    const res = await staffPublish(t, fiscalA, 'Balancete.pdf')
    assert.equal(res.status, 201, JSON.stringify(res.body))

    const s = await inbox(sofia)
    assert.equal(s.unread, 1)
    assert.equal(s.total, 1)
    assert.equal(s.items.length, 1)
    const [n] = s.items
    assert.equal(n.kind, 'documents.published')
    assert.equal(n.title, 'Novo documento: Balancete.pdf')
    assert.equal(
      n.body,
      'Contabilidade Avisos publicou "Balancete.pdf" na pasta Fiscal de Padaria Aurora Ltda.',
    )
    assert.equal(n.link, '/portal/documentos')
    assert.equal(n.clientOrgId, orgA.id)
    assert.equal(n.readAt, null)
    assert.ok(!Number.isNaN(Date.parse(n.createdAt)))
    assert.equal((await documentMails(sofia.email)).length, mailsBefore.sofia, '"Sistema": no e-mail')

    assert.equal((await inbox(bruno)).unread, 1, '"Ambos": the notification')
    assert.equal((await documentMails(bruno.email)).length, mailsBefore.bruno + 1, '"Ambos": the e-mail')

    assert.equal((await inbox(elisa)).total, 0, '"E-mail": no notification')
    const elisaMails = await documentMails(elisa.email)
    assert.equal(elisaMails.length, mailsBefore.elisa + 1)
    assert.equal(elisaMails[0].subject, 'Novo documento: Balancete.pdf')

    assert.equal((await inbox(pedro)).total, 0, 'another department hears nothing')
    assert.equal((await inbox(marta)).total, 0, 'another company hears nothing')
    assert.equal((await inbox(olga)).total, 0, 'another tenant hears nothing')
    assert.equal((await inbox(caio)).total, 1, 'Caio chose "Sistema" in Fiscal too')
  })

  test('a new version is news; a folder of another department or company reaches only its people', async () => {
    const doc = (
      await ctx.app.database.db
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.tenantId, t.tenantId), eq(documents.name, 'Balancete.pdf')))
    )[0]
    const v2 = await t.admin.upload(
      'POST',
      `/api/v1/documents/files/${doc.id}/versions`,
      'Balancete revisado.pdf',
      pdf('v2'),
      'application/pdf',
    )
    assert.equal(v2.status, 201, JSON.stringify(v2.body))
    await ctx.app.jobs.drain()
    const s = await inbox(sofia)
    assert.equal(s.unread, 2)
    assert.equal(s.items[0].title, 'Nova versão de documento: Balancete.pdf')
    assert.match(s.items[0].body, /publicou uma nova versão \(2\) de "Balancete\.pdf" na pasta Fiscal/)

    assert.equal((await staffPublish(t, pessoalA, 'Folha dezembro.pdf')).status, 201)
    assert.equal((await staffPublish(t, fiscalB, 'Guia ICMS.pdf')).status, 201)
    const p = await inbox(pedro)
    assert.deepEqual(
      p.items.map((i) => i.title),
      ['Novo documento: Folha dezembro.pdf'],
    )
    const m = await inbox(marta)
    assert.deepEqual(
      m.items.map((i) => [i.title, i.clientOrgId]),
      [['Novo documento: Guia ICMS.pdf', orgB.id]],
    )
    assert.equal((await inbox(sofia)).unread, 2, 'Sofia is in neither')
  })

  test('a document a client user sends notifies nobody', async () => {
    const before = { sofia: (await inbox(sofia)).total, caio: (await inbox(caio)).total }
    const res = await publish(
      caio.client,
      `/api/v1/portal/documents/folders/${fiscalA}/documents`,
      'Notas de entrada.pdf',
    )
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal((await inbox(sofia)).total, before.sofia)
    assert.equal((await inbox(caio)).total, before.caio)
    assert.equal(
      (await documentMails(bruno.email)).filter((m) => /Notas de entrada/.test(m.subject)).length,
      0,
    )
  })

  test('documents in a folder the office shares later reach the department once, with how many', async () => {
    const made = await t.admin.post(`/api/v1/documents/folders/${pessoalA}/folders`, { name: 'Holerites' })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    assert.equal(made.body.isShared, false)
    const inside = await t.admin.post(`/api/v1/documents/folders/${made.body.id}/folders`, {
      name: '2026',
      share: true,
    })
    for (const [folder, name] of [
      [made.body.id, 'Holerite novembro.pdf'],
      [inside.body.id, 'Holerite dezembro.pdf'],
    ])
      assert.equal((await staffPublish(t, folder, name)).status, 201)
    const before = (await inbox(pedro)).total
    assert.equal(before, 1, "nothing while the folder is the office's own")

    const shared = await t.admin.patch(`/api/v1/documents/folders/${made.body.id}`, { isShared: true })
    assert.equal(shared.status, 200, JSON.stringify(shared.body))
    const p = await inbox(pedro)
    assert.equal(p.total, before + 1)
    assert.equal(p.items[0].title, 'Documentos disponíveis: Holerites')
    assert.equal(
      p.items[0].body,
      'Contabilidade Avisos compartilhou a pasta Pessoal / Holerites, com 2 documentos, de Padaria Aurora Ltda.',
    )
    // Renaming a shared folder is no news; nor is a folder shared with nothing in it.
    await t.admin.patch(`/api/v1/documents/folders/${made.body.id}`, { name: 'Holerites 2026' })
    const empty = await t.admin.post(`/api/v1/documents/folders/${pessoalA}/folders`, { name: 'Vazia' })
    await t.admin.patch(`/api/v1/documents/folders/${empty.body.id}`, { isShared: true })
    assert.equal((await inbox(pedro)).total, before + 1)
    assert.equal((await inbox(sofia)).total, 2, 'another department hears nothing')
  })

  test('list newest first, paged, only unread; mark one read, then all', async () => {
    const all = await inbox(sofia)
    assert.deepEqual(
      all.items.map((i) => i.title),
      ['Nova versão de documento: Balancete.pdf', 'Novo documento: Balancete.pdf'],
    )
    const page2 = await inbox(sofia, '?page=2&pageSize=1')
    assert.equal(page2.total, 2)
    assert.equal(page2.items.length, 1)
    assert.equal(page2.items[0].title, 'Novo documento: Balancete.pdf')

    const [newest, oldest] = all.items
    const read = await sofia.client.post(`/api/v1/portal/notifications/${oldest.id}/read`)
    assert.equal(read.status, 200, JSON.stringify(read.body))
    assert.deepEqual(read.body, { unread: 1 })
    const firstReadAt = (await rowsOf(sofia.id)).find((r) => r.id === oldest.id)!.readAt
    assert.ok(firstReadAt)
    // Reading it again keeps the first reading time.
    assert.deepEqual((await sofia.client.post(`/api/v1/portal/notifications/${oldest.id}/read`)).body, {
      unread: 1,
    })
    assert.equal(
      (await rowsOf(sofia.id)).find((r) => r.id === oldest.id)!.readAt?.getTime(),
      firstReadAt.getTime(),
    )

    const unreadOnly = await inbox(sofia, '?unread=true')
    assert.equal(unreadOnly.total, 1)
    assert.equal(unreadOnly.unread, 1)
    assert.deepEqual(
      unreadOnly.items.map((i) => i.id),
      [newest.id],
    )
    const listed = await inbox(sofia)
    assert.ok(listed.items.find((i) => i.id === oldest.id)!.readAt)
    assert.equal(listed.items.find((i) => i.id === newest.id)!.readAt, null)

    assert.equal((await inbox(bruno)).unread, 2)
    const all2 = await sofia.client.post('/api/v1/portal/notifications/read-all')
    assert.equal(all2.status, 200, JSON.stringify(all2.body))
    assert.deepEqual(all2.body, { unread: 0 })
    const after = await inbox(sofia)
    assert.equal(after.unread, 0)
    assert.equal(after.total, 2)
    assert.equal((await inbox(sofia, '?unread=true')).items.length, 0)
    assert.equal((await inbox(bruno)).unread, 2, "Sofia's read-all does not touch Bruno's inbox")

    const bad = await sofia.client.get('/api/v1/portal/notifications?pageSize=500')
    assert.equal(bad.status, 400)
    assert.equal(bad.body.code, 'VALIDATION_ERROR')
  })

  test("another client user of the tenant or of another tenant cannot see nor mark someone's notification", async () => {
    const brunoNotice = (await inbox(bruno)).items[0]
    assert.equal(brunoNotice.readAt, null)
    for (const intruder of [sofia, olga]) {
      const res = await intruder.client.post(`/api/v1/portal/notifications/${brunoNotice.id}/read`)
      assert.equal(res.status, 404, JSON.stringify(res.body))
      assert.equal(res.body.code, 'NOTIFICATION_NOT_FOUND')
      assert.equal(res.body.message, 'Notificação não encontrada.')
      assert.ok(!(await inbox(intruder)).items.some((i) => i.id === brunoNotice.id))
    }
    // Olga's own notification (from her office) is hers alone; "read-all" of others leaves it.
    assert.equal((await staffPublish(other, otherFiscal, 'Contrato social.pdf')).status, 201)
    const olgaNotice = (await inbox(olga)).items[0]
    assert.equal(olgaNotice.title, 'Novo documento: Contrato social.pdf')
    assert.equal((await bruno.client.post(`/api/v1/portal/notifications/${olgaNotice.id}/read`)).status, 404)
    await bruno.client.post('/api/v1/portal/notifications/read-all')
    assert.equal((await inbox(olga)).unread, 1)
    assert.equal((await rowsOf(bruno.id)).filter((r) => r.readAt === null).length, 0)
    assert.equal((await rowsOf(olga.id)).filter((r) => r.readAt === null).length, 1)

    // Staff have no inbox here; a missing id is the same 404.
    assert.equal((await t.admin.get('/api/v1/portal/notifications')).status, 403)
    const missing = await olga.client.post(
      '/api/v1/portal/notifications/00000000-0000-4000-8000-000000000000/read',
    )
    assert.equal(missing.status, 404)
    assert.equal(missing.body.code, 'NOTIFICATION_NOT_FOUND')
  })

  test('marking as read needs the CSRF token like every portal POST', async () => {
    const notice = (await inbox(olga)).items[0]
    const token = olga.client.csrfToken
    olga.client.csrfToken = null
    try {
      const res = await olga.client.post(`/api/v1/portal/notifications/${notice.id}/read`)
      assert.equal(res.status, 403)
      assert.equal(res.body.code, 'CSRF_INVALID')
      assert.equal((await olga.client.post('/api/v1/portal/notifications/read-all')).status, 403)
    } finally {
      olga.client.csrfToken = token
    }
    assert.equal((await inbox(olga)).unread, 1)
  })

  test('publications made before the notice goes out make one notice, with their names', async () => {
    const before = { sofia: (await inbox(sofia)).total, elisa: (await documentMails(elisa.email)).length }
    const url = `/api/v1/documents/folders/${fiscalA}/documents`
    for (const name of ['Holerite Ana.pdf', 'Holerite Bruno.pdf', 'Holerite Caio.pdf', 'Rascunho.pdf']) {
      const res = await t.admin.upload('POST', url, name, pdf(name), 'application/pdf')
      assert.equal(res.status, 201, JSON.stringify(res.body))
      // Deleted before the notice went out: not announced.
      if (name === 'Rascunho.pdf')
        assert.equal((await t.admin.delete(`/api/v1/documents/files/${res.body.id}`)).status, 200)
    }
    await ctx.app.jobs.drain()
    const s = await inbox(sofia)
    assert.equal(s.total, before.sofia + 1)
    assert.equal(s.items[0].title, 'Novos documentos em Fiscal')
    assert.equal(
      s.items[0].body,
      'Contabilidade Avisos publicou 3 documentos na pasta Fiscal (Holerite Ana.pdf, Holerite Bruno.pdf e Holerite Caio.pdf) de Padaria Aurora Ltda.',
    )
    const mails = await documentMails(elisa.email)
    assert.equal(mails.length, before.elisa + 1)
    assert.equal(mails[0].subject, 'Novos documentos em Fiscal')
    assert.equal((await ctx.app.database.db.select().from(documentNotices)).length, 0, 'announced, then gone')
  })

  test("a folder's publications wait for the end of their window: one job per folder and window", async () => {
    const folderId = '00000000-0000-4000-8000-0000000000f1'
    const windowMs = 120_000
    const start = Math.floor(Date.parse('2026-12-07T12:00:00Z') / windowMs) * windowMs
    const db = ctx.app.database.db
    await db.transaction(async (tx) => {
      for (const at of [start + 10_000, start + 100_000, start + windowMs + 5_000])
        await enqueueAnnouncement(tx, { tenantId: t.tenantId, folderId }, windowMs, at)
    })
    const queued = await db.execute<{ run_at: Date }>(
      sql`select run_at from jobs where name = 'documents.announce' and payload->>'folderId' = ${folderId} order by run_at`,
    )
    const rows = (queued as unknown as { rows: { run_at: Date | string }[] }).rows
    assert.deepEqual(
      rows.map((r) => new Date(r.run_at).toISOString()),
      [new Date(start + windowMs).toISOString(), new Date(start + 2 * windowMs).toISOString()],
    )
    await db.execute(
      sql`delete from jobs where name = 'documents.announce' and payload->>'folderId' = ${folderId}`,
    )
  })

  test('nothing is lost: a publication that fails leaves no notice; a notice that fails is sent later', async () => {
    const db = ctx.app.database.db
    // The publishing transaction fails after writing its notice: neither stays.
    await db.execute(sql`
      create function refuse_test_notice() returns trigger language plpgsql as $$
      begin
        if new.name like '%Falha proposital%' then raise exception 'aviso recusado pelo teste'; end if;
        return new;
      end $$`)
    await db.execute(sql`
      create trigger refuse_test_notice after insert on document_notices
      for each row execute function refuse_test_notice()`)
    try {
      const res = await staffPublish(t, fiscalA, 'Falha proposital.pdf')
      assert.equal(res.status, 500, JSON.stringify(res.body))
      const docs = await db
        .select()
        .from(documents)
        .where(and(eq(documents.tenantId, t.tenantId), eq(documents.name, 'Falha proposital.pdf')))
      assert.equal(docs.length, 0)
      assert.equal((await db.select().from(documentNotices)).length, 0)
    } finally {
      await db.execute(sql`drop trigger refuse_test_notice on document_notices`)
      await db.execute(sql`drop function refuse_test_notice()`)
    }

    // The notice fails (its e-mail is refused): the inbox is untouched and the publication waits.
    const before = { sofia: (await rowsOf(sofia.id)).length, bruno: (await rowsOf(bruno.id)).length }
    await db.execute(sql`
      create function refuse_test_mail() returns trigger language plpgsql as $$
      begin raise exception 'e-mail recusado pelo teste'; end $$`)
    await db.execute(sql`
      create trigger refuse_test_mail before insert on mail_messages
      for each row execute function refuse_test_mail()`)
    try {
      assert.equal((await staffPublish(t, fiscalA, 'Aviso adiado.pdf')).status, 201)
      assert.equal((await rowsOf(sofia.id)).length, before.sofia)
      assert.equal((await rowsOf(bruno.id)).length, before.bruno)
      assert.deepEqual(
        (await db.select().from(documentNotices)).map((n) => n.name),
        ['Aviso adiado.pdf'],
      )
    } finally {
      await db.execute(sql`drop trigger refuse_test_mail on mail_messages`)
      await db.execute(sql`drop function refuse_test_mail()`)
    }
    // The next publication in the folder takes it along.
    assert.equal((await staffPublish(t, fiscalA, 'Depois da falha.pdf')).status, 201)
    const s = await inbox(sofia)
    assert.equal(s.total, before.sofia + 1)
    assert.equal(s.items[0].title, 'Novos documentos em Fiscal')
    assert.match(
      s.items[0].body,
      /publicou 2 documentos na pasta Fiscal \(Aviso adiado\.pdf e Depois da falha\.pdf\)/,
    )
    assert.equal((await db.select().from(documentNotices)).length, 0)
  })
})
