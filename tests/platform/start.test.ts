/**
 * `npm start` as a newcomer runs it: the server process (src/server/main.ts) on an empty data
 * folder creates the database (PGlite in the folder; with DATABASE_URL, that PostgreSQL), the demo
 * data, and prints the address and the demo logins; stopped and started again, it finds its data and
 * seeds nothing twice. With S3_BUCKET, a bucket that does not answer is reported and the server starts;
 * one that does not exist stops the start with the reason. (The web app's build is left to the
 * browser tests: SKIP_WEB_BUILD.)
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
import { startFakeS3 } from '../helpers/fake-s3.ts'

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

  test('first start: database and demo data created, address and logins printed, health ok; a second start seeds nothing again; a bucket down is reported, a missing one stops the start', async () => {
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

    // Again, now with an S3 bucket that is down: the server starts and says the files are unavailable.
    const s3 = await startFakeS3()
    const withS3 = {
      ...env,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    }
    try {
      s3.down = true
      const second = await start(withS3)
      try {
        assert.doesNotMatch(second.output, /dados de demonstração criados/, 'the data is still there')
        assert.match(second.output, /Banco de dados: /)
        assert.match(
          second.output,
          new RegExp(`Arquivos \\(documentos e importações\\): bucket S3 ${s3.bucket}`),
        )
        assert.match(
          second.output,
          /ATENÇÃO: o bucket não respondeu \(sem resposta de http:\/\/127\.0\.0\.1:\d+/,
        )
        assert.doesNotMatch(second.output, new RegExp(s3.secretAccessKey))
        assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200)
      } finally {
        assert.equal(await stop(second), 0)
      }

      // A bucket that does not exist is a configuration to fix: no start, the reason said plainly.
      s3.down = false
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? os.tmpdir(),
          ...withS3,
          S3_BUCKET: 'sem-bucket',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout?.on('data', (d) => (output += d))
      child.stderr?.on('data', (d) => (output += d))
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      assert.equal(code, 1)
      assert.match(
        output,
        /Armazenamento de arquivos \(S3_BUCKET\): o bucket sem-bucket não existe em http:\/\/127\.0\.0\.1:\d+\./,
      )
      assert.doesNotMatch(output, /Cadastra no ar/)
    } finally {
      await s3.close()
    }
  })
})
