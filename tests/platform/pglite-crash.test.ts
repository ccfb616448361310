/**
 * The embedded database survives a killed process: PGlite keeps PostgreSQL's write-ahead log in its
 * folder, so a process killed with SIGKILL in the middle of a transaction leaves, once the folder is
 * opened again, every committed transaction and nothing of the one in flight. The import's batches
 * (and every other transaction of the product) rely on this when `npm start` is killed.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { openPglite } from '#server/platform/db/database.ts'
import { TEST_ENGINE } from '../helpers/database.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/** Starts the writer, lets it commit for `ms` after it is ready, kills it; the last total it reported. */
async function writeAndKill(dir: string, ms: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/pglite-writer.ts', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let reported = 0
  let ready = false
  child.stdout.on('data', (d) => {
    for (const line of String(d).split('\n'))
      if (line === 'ready') ready = true
      else if (line) reported = Number(line)
  })
  const deadline = Date.now() + 60_000
  while (!ready && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  assert.ok(ready, 'the writer opened the folder')
  await new Promise((r) => setTimeout(r, ms))
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_c, sig) => resolve(sig)),
  )
  child.kill('SIGKILL')
  assert.equal(await exited, 'SIGKILL')
  return reported
}

describe('PGlite embutido: um processo morto no meio de uma transação', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cadastra-crash-'))
  const dir = path.join(root, 'pglite')
  after(() => rmSync(root, { recursive: true, force: true }))

  test('killed with SIGKILL while committing batches: reopened, every reported commit is there and no half batch', {
    skip: TEST_ENGINE === 'postgres' && 'PGlite itself: runs in the PGlite pass',
  }, async () => {
    for (const ms of [400, 900]) {
      const reported = await writeAndKill(dir, ms)
      assert.ok(reported > 0, 'some batches were committed before the kill')
      const database = await openPglite(dir)
      try {
        if (database.raw.kind !== 'pglite') throw new Error('unreachable')
        const { n, max } = (
          await database.raw.client.query<{ n: number; max: number }>(
            'select count(*)::int as n, coalesce(max(id), 0)::int as max from writes',
          )
        ).rows[0]
        // The batch whose commit was on its way when the process died may be in; nothing partial.
        assert.ok(n === reported || n === reported + 1000, `${n} rows after ${reported} reported`)
        assert.equal(n % 1000, 0, 'whole transactions only')
        assert.equal(max, n, 'ids without gaps')
      } finally {
        await database.close()
      }
    }
  })
})
