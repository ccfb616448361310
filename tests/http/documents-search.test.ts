/**
 * "Buscar documentos": a part of the name finds a company's documents, case and accents aside, in
 * the folders the person sees — staff all of the company's, a client user the shared folders of
 * their departments in the company in use, with what their level allows — never another company's,
 * another tenant's or a deleted one; LIKE's wildcards are taken literally; the list is capped.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createOrg, portalClientUser } from '../factories/client-users.ts'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import type { TestClient } from '../helpers/client.ts'

const PASSWORD = 'Portal#Seguro2026'
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

type Hit = {
  id: string
  name: string
  folderId: string
  folderPath: string
  departmentName: string
  can: { delete: boolean; rename: boolean }
}

describe('documentos: buscar pelo nome nas pastas que a pessoa vê', () => {
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture
  let orgA: { id: string }
  let orgB: { id: string }
  let rita: TestClient
  let paulo: TestClient
  const ids: Record<string, string> = {}
  const staffPrefix = '/api/v1/documents'

  async function publish(folderId: string, name: string, client: TestClient = t.admin) {
    const res = await client.upload(
      'POST',
      `${staffPrefix}/folders/${folderId}/documents`,
      name,
      pdf(name),
      'application/pdf',
    )
    assert.equal(res.status, 201, JSON.stringify(res.body))
    ids[name] = res.body.id
    return res.body.id as string
  }
  async function search(
    client: TestClient,
    url: string,
    q: string,
  ): Promise<{ folders: { id: string; name: string; path: string }[]; items: Hit[]; hasMore: boolean }> {
    const res = await client.get(`${url}?q=${encodeURIComponent(q)}`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body
  }
  const staffSearch = (orgId: string, q: string) =>
    search(t.admin, `/api/v1/client-orgs/${orgId}/documents/search`, q)
  const portalSearch = (client: TestClient, q: string) => search(client, '/api/v1/portal/documents/search', q)
  const names = (r: { items: Hit[] }) => r.items.map((i) => i.name)

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { name: 'Contabilidade Busca' })
    other = await createTenant(ctx.app, ctx.config, { name: 'Outro Escritório Busca' })
    orgA = await createOrg(t, 'Padaria Aurora Ltda')
    orgB = await createOrg(t, 'Mercado Boa Vista Ltda')
    const departments = (await t.admin.get('/api/v1/departments')).body.items as {
      id: string
      name: string
    }[]
    const dep = (name: string) => departments.find((d) => d.name === name)!.id
    const systemOf = async (orgId: string, department: string) => {
      const tree = (await t.admin.get(`/api/v1/client-orgs/${orgId}/documents`)).body.folders as {
        id: string
        isSystem: boolean
        departmentId: string
      }[]
      return tree.find((f) => f.isSystem && f.departmentId === dep(department))!.id
    }
    const fiscalA = await systemOf(orgA.id, 'Fiscal')
    const pessoalA = await systemOf(orgA.id, 'Pessoal')
    const contabilA = await systemOf(orgA.id, 'Contábil')
    const fiscalB = await systemOf(orgB.id, 'Fiscal')
    const sub = await t.admin.post(`${staffPrefix}/folders/${fiscalA}/folders`, { name: '2026', share: true })
    assert.equal(sub.status, 201)
    const internal = await t.admin.post(`/api/v1/client-orgs/${orgA.id}/documents/folders`, {
      departmentId: dep('Fiscal'),
      name: 'Interno',
    })
    assert.equal(internal.status, 201)

    await publish(fiscalA, 'Holerite Março 2026.pdf')
    await publish(fiscalA, 'holerite fevereiro 2026.pdf')
    await publish(fiscalA, 'relatorio_final.pdf')
    await publish(sub.body.id, 'HOLERITE ABRIL.pdf')
    await publish(internal.body.id, 'Holerite interno março.pdf')
    await publish(pessoalA, 'Holerite pessoal marco.pdf')
    await publish(contabilA, 'Balancete março.pdf')
    await publish(fiscalB, 'Holerite março B.pdf')
    const gone = await publish(fiscalA, 'Holerite excluído março.pdf')
    assert.equal((await t.admin.delete(`${staffPrefix}/files/${gone}`)).status, 200)
    // Another office with a company and a document of the same name.
    const otherOrg = await createOrg(other, 'Padaria Aurora Ltda')
    const otherTree = (await other.admin.get(`/api/v1/client-orgs/${otherOrg.id}/documents`)).body.folders
    const otherUpload = await other.admin.upload(
      'POST',
      `${staffPrefix}/folders/${otherTree[0].id}/documents`,
      'Holerite Março 2026.pdf',
      pdf('outro'),
      'application/pdf',
    )
    assert.equal(otherUpload.status, 201)

    rita = (
      await portalClientUser(
        ctx.app,
        t,
        {
          name: 'Rita Revisora',
          email: 'rita@busca.com.br',
          departments: [{ departmentId: dep('Fiscal'), level: 'revisor' }],
          companyIds: [orgA.id, orgB.id],
        },
        PASSWORD,
      )
    ).client
    await rita.post('/api/v1/portal/switch-company', { companyId: orgA.id })
    paulo = (
      await portalClientUser(
        ctx.app,
        t,
        {
          name: 'Paulo Proprietário',
          email: 'paulo@busca.com.br',
          departments: [
            { departmentId: dep('Fiscal'), level: 'proprietario' },
            { departmentId: dep('Pessoal'), level: 'revisor' },
          ],
          companyIds: [orgA.id],
        },
        PASSWORD,
      )
    ).client
  })
  after(() => ctx.close())

  test('a Revisor finds, without accents or capitals, only the shared folders of their departments in the company in use', async () => {
    const marco = await portalSearch(rita, 'MARCO')
    assert.deepEqual(names(marco), ['Holerite Março 2026.pdf'])
    const [hit] = marco.items
    assert.equal(hit.folderPath, 'Fiscal')
    assert.equal(hit.departmentName, 'Fiscal')
    assert.equal(hit.can.delete, false, 'a Revisor only views')

    // Newest first; a shared subfolder's document comes with its path.
    const all = await portalSearch(rita, 'holerite')
    assert.deepEqual(names(all), [
      'HOLERITE ABRIL.pdf',
      'holerite fevereiro 2026.pdf',
      'Holerite Março 2026.pdf',
    ])
    assert.equal(all.items[0].folderPath, 'Fiscal / 2026')
    assert.equal(all.hasMore, false)

    // The other company in use: its documents, not these.
    assert.equal((await rita.post('/api/v1/portal/switch-company', { companyId: orgB.id })).status, 200)
    assert.deepEqual(names(await portalSearch(rita, 'março')), ['Holerite março B.pdf'])
    assert.equal((await rita.post('/api/v1/portal/switch-company', { companyId: orgA.id })).status, 200)
  })

  test("a Proprietário's results carry the rights of each department's level", async () => {
    const found = await portalSearch(paulo, 'marco')
    assert.deepEqual(
      new Set(names(found)),
      new Set(['Holerite Março 2026.pdf', 'Holerite pessoal marco.pdf']),
    )
    const byName = new Map(found.items.map((i) => [i.name, i]))
    assert.equal(byName.get('Holerite Março 2026.pdf')?.can.delete, true, 'Proprietário in Fiscal')
    assert.equal(byName.get('Holerite pessoal marco.pdf')?.can.delete, false, 'Revisor in Pessoal')
    assert.equal(byName.get('Holerite pessoal marco.pdf')?.departmentName, 'Pessoal')
  })

  test("staff find every live document of the company, shared or not, and none of another's", async () => {
    assert.deepEqual(
      new Set(names(await staffSearch(orgA.id, 'Março'))),
      new Set([
        'Balancete março.pdf',
        'Holerite interno março.pdf',
        'Holerite Março 2026.pdf',
        'Holerite pessoal marco.pdf',
      ]),
    )
    // Folders by name too: staff find the unshared one, a client user does not.
    const byFolder = await staffSearch(orgA.id, 'INTERNO')
    assert.deepEqual(
      byFolder.folders.map((f) => f.path),
      ['Interno'],
    )
    assert.deepEqual((await portalSearch(rita, 'interno')).folders, [])
    assert.deepEqual(
      (await portalSearch(rita, '2026')).folders.map((f) => f.path),
      ['Fiscal / 2026'],
    )
    const internal = (await staffSearch(orgA.id, 'interno')).items[0]
    assert.equal(internal.folderPath, 'Interno')
    assert.equal(internal.can.delete, true)
    // Another tenant's staff: the company does not exist for them.
    const foreign = await other.admin.get(`/api/v1/client-orgs/${orgA.id}/documents/search?q=marco`)
    assert.equal(foreign.status, 404)
    assert.equal(foreign.body.code, 'CLIENT_ORG_NOT_FOUND')
    // Each audience has its own route.
    assert.equal((await rita.get(`/api/v1/client-orgs/${orgA.id}/documents/search?q=marco`)).status, 403)
    assert.equal((await t.admin.get('/api/v1/portal/documents/search?q=marco')).status, 403)
  })

  test("LIKE's wildcards are letters like any other; too short or too long a search is a pt-BR 400", async () => {
    assert.deepEqual(names(await staffSearch(orgA.id, 'o_f')), ['relatorio_final.pdf'])
    assert.deepEqual(names(await staffSearch(orgA.id, 'o%f')), [])
    assert.deepEqual(names(await staffSearch(orgA.id, 'e_f')), [])
    const short = await rita.get('/api/v1/portal/documents/search?q=%20a%20')
    assert.equal(short.status, 400)
    assert.equal(short.body.fields.q, 'Digite ao menos 2 letras para buscar.')
    const missing = await rita.get('/api/v1/portal/documents/search')
    assert.equal(missing.status, 400)
    assert.equal(missing.body.fields.q, 'Digite o que procura.')
    const long = await rita.get(`/api/v1/portal/documents/search?q=${'a'.repeat(101)}`)
    assert.equal(long.status, 400)
    assert.equal(long.body.fields.q, 'Busca longa demais (máximo de 100 caracteres).')
  })

  test('at most 50 documents, the newest, and a sign that there are more', async () => {
    const folder = await t.admin.post(`/api/v1/client-orgs/${orgB.id}/documents/folders`, {
      departmentId: (await t.admin.get('/api/v1/departments')).body.items[0].id,
      name: 'Lote',
    })
    assert.equal(folder.status, 201)
    for (let i = 1; i <= 51; i++) await publish(folder.body.id, `Nota ${String(i).padStart(2, '0')}.pdf`)
    const found = await staffSearch(orgB.id, 'nota')
    assert.equal(found.items.length, 50)
    assert.equal(found.hasMore, true)
    assert.equal(found.items[0].name, 'Nota 51.pdf')
    assert.ok(!names(found).includes('Nota 01.pdf'), 'the oldest is left out')
  })
})
