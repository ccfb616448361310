import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'

type Operation = { method: string; path: string; hasBody: boolean; hasQuery: boolean; pathParams: string[] }

const PT_BR = /[ãáâçéêíóôõú]|Informe|inválid|Campo|JSON|esperava|permitido/i
const UUID = '3f1c2b9a-5d4e-4f6a-8b7c-1d2e3f4a5b6c'

/**
 * Walks the OpenAPI document and sends bad input to every operation: malformed JSON, wrong types,
 * unknown fields, wrong path parameters. Each must answer 400 with a pt-BR message, never 500.
 */
describe('todas as operações da API recusam entrada inválida com 400 em pt-BR', () => {
  let ctx: TestContext
  let t: TenantFixture
  let operations: Operation[]

  before(async () => {
    ctx = await startTestApp()
    t = await createTenant(ctx.app, ctx.config, { platformAdmin: true })
    const doc = (await t.admin.get('/api/openapi.json')).body
    operations = []
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue
        const params = (op.parameters ?? []) as { in: string; name: string }[]
        operations.push({
          method: method.toUpperCase(),
          path,
          hasBody: Boolean(op.requestBody),
          hasQuery: params.some((p) => p.in === 'query'),
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        })
      }
    }
  })
  after(() => ctx.close())

  function url(op: Operation, paramValue = UUID) {
    return op.path.replace(/\{(\w+)\}/g, () => paramValue)
  }

  function assertPtBr400(res: { status: number; body: any }, what: string) {
    assert.equal(res.status, 400, `${what}: status ${res.status} ${JSON.stringify(res.body)}`)
    assert.equal(typeof res.body.code, 'string', what)
    assert.match(res.body.message, PT_BR, `${what}: message "${res.body.message}"`)
    assert.ok(!/stack|at \w+ \(/.test(JSON.stringify(res.body)), `${what}: no stack trace`)
  }

  test('the document lists every route the server has', async () => {
    const paths = operations.map((o) => `${o.method} ${o.path}`)
    for (const expected of [
      'GET /api/health',
      'POST /api/v1/auth/login',
      'GET /api/v1/staff',
      'POST /api/v1/staff',
      'PATCH /api/v1/staff/{id}',
      'GET /api/v1/audit',
      'POST /api/v1/profiles',
      'DELETE /api/v1/profiles/{id}',
      'POST /api/v1/tenants',
      'GET /api/v1/outbox/{id}',
    ]) {
      assert.ok(paths.includes(expected), `${expected} missing from OpenAPI`)
    }
    const routes = ctx.app.printRoutes({ commonPrefix: false })
    assert.ok(operations.length >= 18, `only ${operations.length} operations documented`)
    assert.ok(routes.includes('staff'))
  })

  test('malformed JSON bodies', async () => {
    for (const op of operations.filter((o) => o.hasBody)) {
      const res = await t.admin.request(op.method as 'POST', url(op), '{"nome": "sem fim', {
        'content-type': 'application/json',
      })
      assertPtBr400(res, `${op.method} ${op.path} malformed JSON`)
      assert.equal(res.body.code, 'INVALID_JSON')
    }
  })

  test('wrong types in every body field', async () => {
    for (const op of operations.filter((o) => o.hasBody)) {
      const res = await t.admin.request(op.method as 'POST', url(op), {
        name: 12,
        email: true,
        password: [],
        permissions: 'todas',
        token: 5,
        tenantId: 7,
        profileId: {},
        isActive: 'sim',
      })
      assertPtBr400(res, `${op.method} ${op.path} wrong types`)
      assert.ok(res.body.fields && Object.keys(res.body.fields).length > 0, `${op.path}: field paths given`)
    }
  })

  test('a body that is not an object', async () => {
    for (const op of operations.filter((o) => o.hasBody)) {
      const res = await t.admin.request(op.method as 'POST', url(op), '[1,2,3]', {
        'content-type': 'application/json',
      })
      assertPtBr400(res, `${op.method} ${op.path} array body`)
    }
  })

  test('unknown fields in bodies and query strings', async () => {
    for (const op of operations.filter((o) => o.hasBody)) {
      const res = await t.admin.request(op.method as 'POST', url(op), { campoInventado: 'x' })
      assertPtBr400(res, `${op.method} ${op.path} unknown field`)
      assert.equal(res.body.fields?.campoInventado, 'Campo não permitido.', `${op.path}`)
    }
    for (const op of operations.filter((o) => o.hasQuery)) {
      const sep = url(op).includes('?') ? '&' : '?'
      const res = await t.admin.request(
        op.method as 'GET',
        `${url(op)}${sep}campoInventado=1`,
        op.method === 'GET' ? undefined : {},
      )
      assertPtBr400(res, `${op.method} ${op.path} unknown query field`)
    }
  })

  test('wrong types in query strings', async () => {
    for (const op of operations.filter((o) => o.hasQuery)) {
      const res = await t.admin.request(
        op.method as 'GET',
        `${url(op)}?page=abc&pageSize=-1&from=ontem&actorId=x&token=1&protocol=1`,
        op.method === 'GET' ? undefined : {},
      )
      assertPtBr400(res, `${op.method} ${op.path} bad query`)
    }
  })

  test('malformed path parameters', async () => {
    for (const op of operations.filter((o) => o.pathParams.length > 0)) {
      const res = await t.admin.request(
        op.method as 'GET',
        // Malformed for every kind of parameter: not a UUID, a slug, a token nor a code.
        url(op, encodeURIComponent('não é um id!')),
        op.hasBody ? {} : undefined,
      )
      assertPtBr400(res, `${op.method} ${op.path} bad path param`)
    }
  })

  test('unknown routes answer 404 in pt-BR', async () => {
    const res = await t.admin.get('/api/v1/nao-existe')
    assert.equal(res.status, 404)
    assert.equal(res.body.code, 'ROUTE_NOT_FOUND')
  })
})
