/**
 * Every background job the server defines has a pt-BR name on "Tarefas em segundo plano" and says
 * whether "Tentar de novo" recovers it. The names are read from the server's source: the string
 * given to defineJob({ name }) directly or through a `…_JOB = '…'` constant.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import { TASK_NAMES, taskKind } from '#server/modules/tasks/tasks.catalog.ts'

const serverDir = path.resolve(import.meta.dirname, '../../src/server')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })
}

function jobNames(): Set<string> {
  const names = new Set<string>()
  for (const file of sources(serverDir)) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes('defineJob')) continue
    for (const m of text.matchAll(/\b[A-Z_]*JOB\s*=\s*'([a-z-]+\.[a-z-]+)'/g)) names.add(m[1])
    for (const m of text.matchAll(/defineJob\(\{\s*name:\s*'([a-z-]+\.[a-z-]+)'/g)) names.add(m[1])
  }
  return names
}

describe('tarefas em segundo plano: um nome em português para cada tarefa', () => {
  test('the collector finds the jobs of the modules (sanity)', () => {
    const names = jobNames()
    for (const known of ['mail.send', 'documents.announce', 'imports.run', 'events.certificates'])
      assert.ok(names.has(known), known)
  })

  test('every job the server defines is in the catalogue, and the catalogue names no other', () => {
    const names = jobNames()
    assert.deepEqual([...names].sort(), [...TASK_NAMES].sort())
    for (const name of names) assert.doesNotMatch(taskKind(name).label, /\./, `${name} has a pt-BR name`)
  })
})
