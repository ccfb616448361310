/**
 * Every audit code the server writes has a pt-BR label on the audit screens. The codes are read from
 * the server's source: `entity:` / `action:` values (ternaries, SQL `case … then 'x'` included),
 * `const action = …` choices, `openSession(…, 'login')`, and template actions such as
 * `status:${…}` (checked by their prefix). A new entity or action without a label fails here.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import { actionLabel, entityLabel, fieldLabel, valueLabel } from '#web/features/audit/audit-labels.ts'

const serverDir = path.resolve(import.meta.dirname, '../../src/server')
const AUDIT_WRITER = /recordAudit(Many)?\(|auditInsertSql\(|openSession\(/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })
}

/** String literals in a result position of an expression: first, after ? : | then else. */
function results(line: string): string[] {
  // `{ entity: 'event', action: 'create' }` on one line: the value ends at the next `, key:`.
  const expr = line.split(/,\s*[a-zA-Z]+\??\s*:/)[0]
  // A parameter typed as a union of literals (`entity: 'clients' | 'plans'`) is no audit code.
  if (/^\s*'[^']*'\s*\|/.test(expr)) return []
  return [...expr.matchAll(/(?:^\s*|[?:]\s*|\b(?:then|else)\s+)'([a-z][a-z_]*)'/g)].map((m) => m[1])
}

type Found = Map<string, Set<string>>
function add(found: Found, code: string, file: string) {
  const files = found.get(code) ?? new Set<string>()
  files.add(path.relative(serverDir, file))
  found.set(code, files)
}

function collectAuditCodes() {
  const entities: Found = new Map()
  const actions: Found = new Map()
  const actionPrefixes: Found = new Map()
  for (const file of sources(serverDir)) {
    const rel = path.relative(serverDir, file)
    // The audit module itself only reads and filters codes.
    if (rel.startsWith(`platform${path.sep}audit`) || rel.startsWith(`modules${path.sep}audit`)) continue
    const text = readFileSync(file, 'utf8')
    if (!AUDIT_WRITER.test(text)) continue
    for (const m of text.matchAll(/\bentity:\s*([^\n]*)/g))
      for (const c of results(m[1])) add(entities, c, file)
    for (const m of text.matchAll(/\baction:\s*([^\n{][^\n]*)/g)) {
      for (const c of results(m[1])) add(actions, c, file)
      for (const t of m[1].matchAll(/`([a-z][a-z_]*):\$\{/g)) add(actionPrefixes, t[1], file)
    }
    for (const m of text.matchAll(/\bconst action =([\s\S]*?)\n\s*(?:await|return|const|let|if)\b/g))
      for (const c of results(m[1])) add(actions, c, file)
    for (const m of text.matchAll(/\bopenSession\([^()]*?'([a-z][a-z_]*)'/g)) add(actions, m[1], file)
  }
  return { entities, actions, actionPrefixes }
}

const missing = (found: Found, label: (code: string) => string) =>
  [...found]
    .filter(([code]) => label(code) === code)
    .map(([code, files]) => `${code} (${[...files].join(', ')})`)
    .sort()

describe('auditoria: rótulos em português para todos os códigos gravados', () => {
  const { entities, actions, actionPrefixes } = collectAuditCodes()

  test('the collector finds the codes of the modules (sanity)', () => {
    for (const code of ['document', 'document_folder', 'import_run', 'client_user', 'client_plan', 'session'])
      assert.ok(entities.has(code), `entity ${code} not found`)
    for (const code of ['upload', 'download', 'new_version', 'login', 'share', 'scheduled', 'deactivate'])
      assert.ok(actions.has(code), `action ${code} not found`)
    assert.ok(actionPrefixes.has('status'))
    assert.ok(entities.size >= 30, `only ${entities.size} entities found`)
  })

  test('every entity has a label', () => {
    assert.deepEqual(missing(entities, entityLabel), [])
  })

  test('every action has a label', () => {
    assert.deepEqual(missing(actions, actionLabel), [])
  })

  test('template actions ("status:confirmado") are labelled by their prefix', () => {
    for (const prefix of actionPrefixes.keys()) {
      const label = actionLabel(`${prefix}:confirmado`)
      assert.doesNotMatch(label, new RegExp(`^${prefix}:`), `${prefix}:… has no label`)
    }
    assert.equal(actionLabel('status:confirmado'), 'Situação: Confirmado')
  })

  test('imported rows name their import run and row', () => {
    assert.equal(fieldLabel('importRunId'), 'Importação (id)')
    assert.equal(fieldLabel('importRow'), 'Linha da importação')
  })

  test('the kind and stage of a session and the KEYPASS method read as words, not codes', () => {
    assert.equal(valueLabel('kind', 'staff'), 'Equipe')
    assert.equal(valueLabel('stage', 'full'), 'Acesso completo')
    assert.equal(valueLabel('method', 'totp'), 'Aplicativo autenticador')
    assert.equal(valueLabel('name', 'full'), 'full', 'other fields keep their value')
  })
})
