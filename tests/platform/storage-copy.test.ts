import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { buffer } from 'node:stream/consumers'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import { copyFiles, localKeys } from '#server/platform/storage/copy.ts'
import { createLocalStorage } from '#server/platform/storage/index.ts'
import { type FakeS3, startFakeS3 } from '../helpers/fake-s3.ts'

const run = promisify(execFile)

describe('npm run storage:to-s3: os arquivos de DATA_DIR vão para o bucket, sem repetir nem perder', () => {
  let s3: FakeS3
  let dataDir: string
  const files: Record<string, string> = {
    'documents/t1/d1/v1': 'balanço v1',
    'documents/t1/d1/v2': 'balanço v2',
    'documents/t2/d9/v1': 'contrato',
    'imports/t1/r1': 'Nome;E-mail\nAna;ana@exemplo.com.br\n',
  }

  before(async () => {
    s3 = await startFakeS3()
    dataDir = mkdtempSync(path.join(tmpdir(), 'cadastra-copy-'))
    for (const [key, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dataDir, key)), { recursive: true })
      writeFileSync(path.join(dataDir, key), text)
    }
    // A write that was in progress when the server stopped is not a file to copy.
    writeFileSync(path.join(dataDir, 'documents/t1/d1/v3.1234.tmp'), 'meio arquivo')
  })
  after(async () => {
    await s3.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  // Asynchronous: the fake bucket answers from this process while the command runs.
  const copy = (env: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', 'src/server/cli/storage-to-s3.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_PREFIX: 'cadastra/',
        ...env,
      },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    )

  test('copies every file once, under the same keys; a second run copies nothing', async () => {
    const first = await copy()
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /documents: 3 copiados, 0 já estavam no bucket\./)
    assert.match(first.stdout, /imports: 1 copiados, 0 já estavam no bucket\./)
    assert.deepEqual(
      [...s3.objects.keys()].sort(),
      Object.keys(files).map((k) => `cadastra/${k}`),
    )
    for (const [key, text] of Object.entries(files))
      assert.equal(s3.objects.get(`cadastra/${key}`)?.toString(), text)

    s3.requests.length = 0
    const again = await copy()
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /documents: 0 copiados, 3 já estavam no bucket\./)
    assert.equal(s3.requests.filter((r) => r.op === 'PutObject').length, 0)
  })

  test('a bucket that fails midway stops the copy with a pt-BR message; running again finishes it', async () => {
    s3.objects.delete('cadastra/documents/t1/d1/v2')
    s3.objects.delete('cadastra/imports/t1/r1')
    s3.failNext.push({ op: 'PutObject', status: 500, code: 'InternalError' })
    const failed = await copy()
    assert.equal(failed.code, 1)
    assert.match(
      failed.stderr,
      /A cópia parou: armazenamento indisponível \(PutObject t1\/d1\/v2\): InternalError \(HTTP 500\)/,
    )
    assert.match(failed.stderr, /Rode de novo para continuar/)
    assert.doesNotMatch(failed.stderr + failed.stdout, new RegExp(s3.secretAccessKey.replace(/[/]/g, '\\/')))
    assert.equal(s3.objects.has('cadastra/documents/t1/d1/v2'), false)

    const resumed = await copy()
    assert.equal(resumed.code, 0, resumed.stderr)
    assert.match(resumed.stdout, /documents: 1 copiados, 2 já estavam no bucket\./)
    assert.match(resumed.stdout, /imports: 1 copiados, 0 já estavam no bucket\./)
    assert.equal(s3.objects.get('cadastra/documents/t1/d1/v2')?.toString(), 'balanço v2')
  })

  test('copyFiles between two disks: every byte arrives, and the count is of bytes written', async () => {
    const from = createLocalStorage(path.join(dataDir, 'documents'))
    const to = createLocalStorage(mkdtempSync(path.join(tmpdir(), 'cadastra-copy-to-')))
    const big = randomBytes(3 * 1024 * 1024 + 7)
    await from.put('t3/d1/v1', big)
    const keys = await localKeys(path.join(dataDir, 'documents'))
    assert.deepEqual(keys, ['t1/d1/v1', 't1/d1/v2', 't2/d9/v1', 't3/d1/v1'])
    const result = await copyFiles(from, to, keys)
    assert.deepEqual({ copied: result.copied, skipped: result.skipped }, { copied: 4, skipped: 0 })
    assert.ok((await buffer(await to.get('t3/d1/v1'))).equals(big))
    const small = ['balanço v1', 'balanço v2', 'contrato'].reduce((n, t) => n + Buffer.byteLength(t), 0)
    assert.equal(result.bytes, big.length + small)
  })

  test('without S3_BUCKET it says what to set; a bucket that does not exist is named before any copy', async () => {
    const res = await copy({ S3_BUCKET: '' })
    assert.equal(res.code, 2)
    assert.match(res.stderr, /Defina S3_BUCKET/)
    s3.requests.length = 0
    const missing = await copy({ S3_BUCKET: 'sem-bucket' })
    assert.equal(missing.code, 2)
    assert.match(
      missing.stderr,
      /O bucket não está pronto: o bucket sem-bucket não existe em http:\/\/127\.0\.0\.1:\d+\./,
    )
    assert.deepEqual(
      s3.requests.map((r) => r.op),
      ['HeadBucket'],
    )
  })
})
