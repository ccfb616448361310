/**
 * `npm start` as a newcomer runs it: the server process (src/server/main.ts) on an empty data
 * folder creates the database (PGlite in the folder; with DATABASE_URL, that PostgreSQL), the demo
 * data, and prints the address and the demo logins; stopped and started again, it finds its data and
 * seeds nothing twice. (The web app's build is left to the browser tests: SKIP_WEB_BUILD.)
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { DEMO_LOGINS } from '#server/seed.ts'
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../helpers/database.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

type Started = { child: ChildProcess; output: string }

/** Starts the server and waits for the demo logins (the last lines it prints once listening). */
async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`o servidor não subiu em 90 s:\n${output}`)), 90_000)
    const check = () => {
      if (output.includes(DEMO_LOGINS[DEMO_LOGINS.length - 1].password)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`o servidor saiu (código ${code}) antes de subir:\n${output}`))
    })
  })
  return { child, output }
}

async function stop({ child }: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  return exited
}

describe('npm start: o servidor sobe numa pasta vazia com os dados de demonstração', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cadastra-start-'))
  let testDb: TestDatabase | null = null
  after(async () => {
    await testDb?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('first start: database and demo data created, address and logins printed, health ok; a second start seeds nothing again', async () => {
    const port = await freePort()
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SKIP_WEB_BUILD: 'true',
    }
    // The embedded default; under the PostgreSQL run, DATABASE_URL switches to a server database.
    if (TEST_ENGINE === 'postgres') {
      testDb = await createTestDatabase()
      env.DATABASE_URL = testDb.url!
    }
    const first = await start(env)
    try {
      assert.match(first.output, new RegExp(`Cadastra no ar: http://localhost:${port}`))
      assert.match(
        first.output,
        TEST_ENGINE === 'postgres'
          ? /Banco de dados: PostgreSQL \(DATABASE_URL\) — dados de demonstração criados/
          : /Banco de dados: PGlite embutido em .*cadastra-start-.* — dados de demonstração criados/,
      )
      for (const login of DEMO_LOGINS) assert.ok(first.output.includes(`${login.email} / ${login.password}`))
      const health = await fetch(`http://127.0.0.1:${port}/api/health`)
      assert.equal(health.status, 200)
      assert.deepEqual(await health.json(), { status: 'ok', database: TEST_ENGINE })
    } finally {
      assert.equal(await stop(first), 0, 'SIGTERM ends the server cleanly')
    }

    const second = await start(env)
    try {
      assert.doesNotMatch(second.output, /dados de demonstração criados/, 'the data is still there')
      assert.match(second.output, /Banco de dados: /)
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200)
    } finally {
      assert.equal(await stop(second), 0)
    }
  })
})
