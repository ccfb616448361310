import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { openPglite } from '#server/platform/db/database.ts'

describe('PGlite embutido: um processo por pasta de dados', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cadastra-lock-'))
  const dataDir = path.join(root, 'pglite')
  const lockFile = path.join(root, 'pglite.lock')
  after(() => rmSync(root, { recursive: true, force: true }))

  test('a folder held by another live process is refused with a pt-BR message', async () => {
    writeFileSync(lockFile, String(process.ppid))
    await assert.rejects(openPglite(dataDir), /já está aberto por outro processo \(PID \d+\)/)
  })

  test('a lock left by a dead process is taken over, and released on close', async () => {
    writeFileSync(lockFile, '2147483646')
    const db = await openPglite(dataDir)
    assert.ok(existsSync(lockFile))
    await db.close()
    assert.ok(!existsSync(lockFile))
  })
})
