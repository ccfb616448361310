import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { after, before, describe, test } from 'node:test'
import {
  checkS3Bucket,
  createS3Storage,
  type FileStorage,
  StorageNotFoundError,
  StorageUnavailableError,
} from '#server/platform/storage/index.ts'
import { type FakeS3, startFakeS3 } from '../helpers/fake-s3.ts'

const MiB = 1024 * 1024

/** A stream of `total` bytes in uneven chunks, as a socket or a multipart parser gives them. */
function chunked(bytes: Buffer, chunk = 300_001): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk)
    })(),
  )
}

describe('armazenamento S3: a API REST de um servidor compatível, com assinatura V4', () => {
  let s3: FakeS3
  let storage: FileStorage
  const options = () => ({
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    prefix: 'documents/',
    partBytes: 5 * MiB,
    timeoutMs: 2000,
  })

  before(async () => {
    s3 = await startFakeS3()
    storage = createS3Storage(options())
  })
  after(() => s3.close())

  test('put, get, exists and delete a buffer, under the prefix; a missing key is StorageNotFoundError', async () => {
    await storage.put('t1/d1/v1', Buffer.from('conteúdo ção'))
    assert.deepEqual([...s3.objects.keys()], ['documents/t1/d1/v1'])
    assert.equal((await buffer(await storage.get('t1/d1/v1'))).toString(), 'conteúdo ção')
    assert.equal(await storage.exists('t1/d1/v1'), true)
    assert.equal(await storage.exists('t1/d1/v9'), false)
    await storage.delete('t1/d1/v1')
    await storage.delete('t1/d1/v1')
    assert.equal(await storage.exists('t1/d1/v1'), false)
    await assert.rejects(storage.get('t1/d1/v1'), StorageNotFoundError)
    await assert.rejects(storage.put('../fora', Buffer.from('x')), /Chave de armazenamento inválida/)
  })

  test('a short stream is one PutObject; a long one goes up in 5 MiB parts and arrives whole', async () => {
    s3.requests.length = 0
    await storage.put('t1/d2/v1', chunked(Buffer.from('pequeno'), 3))
    assert.deepEqual(
      s3.requests.map((r) => r.op),
      ['PutObject'],
    )
    s3.requests.length = 0
    const exactlyOnePart = randomBytes(5 * MiB)
    await storage.put('t1/d2/v2', chunked(exactlyOnePart))
    assert.deepEqual(
      s3.requests.map((r) => `${r.op} ${r.bytes}`),
      [`PutObject ${5 * MiB}`],
    )
    assert.deepEqual(s3.objects.get('documents/t1/d2/v2'), exactlyOnePart)

    s3.requests.length = 0
    const big = randomBytes(12 * MiB + 123)
    await storage.put('t1/d2/v3', chunked(big))
    assert.deepEqual(
      s3.requests.map((r) => (r.op === 'UploadPart' ? `${r.op} ${r.bytes}` : r.op)),
      [
        'CreateMultipartUpload',
        `UploadPart ${5 * MiB}`,
        `UploadPart ${5 * MiB}`,
        `UploadPart ${2 * MiB + 123}`,
        'CompleteMultipartUpload',
      ],
    )
    assert.ok(
      (await buffer(await storage.get('t1/d2/v3'))).equals(big),
      'the object is the stream, byte for byte',
    )
    assert.equal(s3.uploads.size, 0)
  })

  test('a part refused midway aborts the upload: no object, no upload left open, the source let go', async () => {
    s3.failNext.push({ op: 'UploadPart', status: 500, code: 'InternalError', after: 1 })
    s3.requests.length = 0
    const source = chunked(randomBytes(11 * MiB))
    await assert.rejects(storage.put('t1/d3/v1', source), (err: Error) => {
      assert.ok(err instanceof StorageUnavailableError)
      assert.match(err.message, /UploadPart 2 t1\/d3\/v1\): InternalError \(HTTP 500\)/)
      return true
    })
    assert.deepEqual(
      s3.requests.map((r) => r.op),
      ['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'AbortMultipartUpload'],
    )
    assert.equal(s3.objects.has('documents/t1/d3/v1'), false)
    assert.equal(s3.uploads.size, 0)
    assert.equal(source.destroyed, true)

    // A stream that breaks after two parts went up: the same.
    let sent = 0
    const breaking = new Readable({
      read() {
        if (sent >= 12 * MiB) return this.destroy(new Error('conexão do navegador caiu'))
        sent += MiB
        this.push(randomBytes(MiB))
      },
    })
    s3.requests.length = 0
    await assert.rejects(storage.put('t1/d3/v2', breaking), /conexão do navegador caiu/)
    assert.deepEqual(
      s3.requests.map((r) => r.op),
      ['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'AbortMultipartUpload'],
    )
    assert.equal(s3.objects.has('documents/t1/d3/v2'), false)
    assert.equal(s3.uploads.size, 0)
  })

  test('the time-out waits for an answer, not for a long download; a download cut halfway fails as unavailable', async () => {
    const bytes = randomBytes(64 * 1024)
    await storage.put('t1/d5/v1', bytes)
    const quick = createS3Storage({ ...options(), timeoutMs: 300 })
    s3.slowBody = { pieces: 6, delayMs: 150 }
    try {
      const started = Date.now()
      const got = await buffer(await quick.get('t1/d5/v1'))
      assert.ok(Date.now() - started > 600, 'the body took longer than the time-out')
      assert.ok(got.equals(bytes))
    } finally {
      s3.slowBody = null
    }

    s3.hang = true
    try {
      await assert.rejects(quick.put('t1/d5/v2', Buffer.from('x')), /PUT .*sem resposta em 301 ms/)
      await assert.rejects(quick.get('t1/d5/v1'), (err: Error) => err instanceof StorageUnavailableError)
    } finally {
      s3.hang = false
    }

    // Another bucket server that goes away while a download is under way.
    const leaving = await startFakeS3()
    const there = createS3Storage({
      endpoint: leaving.endpoint,
      bucket: leaving.bucket,
      region: leaving.region,
      accessKeyId: leaving.accessKeyId,
      secretAccessKey: leaving.secretAccessKey,
    })
    await there.put('t1/d5/v3', randomBytes(64 * 1024))
    leaving.slowBody = { pieces: 8, delayMs: 100 }
    const stream = await there.get('t1/d5/v3')
    const read = buffer(stream)
    await new Promise((resolve) => setTimeout(resolve, 150))
    await leaving.close()
    await assert.rejects(read, (err: Error) => {
      assert.ok(err instanceof StorageUnavailableError, String(err))
      assert.match(err.message, /GetObject t1\/d5\/v3/)
      return true
    })
  })

  test('wrong credentials, a server error or no server: StorageUnavailableError, without the secret', async () => {
    const wrong = createS3Storage({ ...options(), secretAccessKey: 'outro-segredo-errado' })
    await assert.rejects(wrong.put('t1/d4/v1', Buffer.from('x')), (err: Error) => {
      assert.ok(err instanceof StorageUnavailableError)
      assert.match(err.message, /SignatureDoesNotMatch \(HTTP 403\)/)
      assert.doesNotMatch(err.message, /outro-segredo-errado/)
      return true
    })
    const otherKey = createS3Storage({ ...options(), accessKeyId: 'AKIAOUTRA' })
    await assert.rejects(otherKey.put('t1/d4/v1', Buffer.from('x')), /InvalidAccessKeyId \(HTTP 403\)/)
    await assert.rejects(otherKey.exists('t1/d4/v1'), /HeadObject t1\/d4\/v1\): HTTP 403$/)

    s3.failNext.push({ op: 'GetObject', status: 503, code: 'SlowDown' })
    await storage.put('t1/d4/v2', Buffer.from('y'))
    await assert.rejects(storage.get('t1/d4/v2'), /SlowDown \(HTTP 503\)/)

    s3.down = true
    try {
      await assert.rejects(storage.put('t1/d4/v3', Buffer.from('z')), StorageUnavailableError)
      await assert.rejects(storage.exists('t1/d4/v3'), StorageUnavailableError)
    } finally {
      s3.down = false
    }
    assert.equal(s3.objects.has('documents/t1/d4/v1'), false)
    assert.equal(s3.objects.has('documents/t1/d4/v3'), false)
  })

  test('the bucket check: ready; missing, refused or another region is a configuration to fix; no answer is an outage', async () => {
    assert.deepEqual(await checkS3Bucket(options()), { ok: true })
    assert.equal(s3.requests.at(-1)?.op, 'HeadBucket')

    const missing = await checkS3Bucket({ ...options(), bucket: 'nao-existe' })
    assert.equal(missing.ok, false)
    assert.ok(!missing.ok && missing.fatal)
    assert.match(
      !missing.ok ? missing.reason : '',
      /o bucket nao-existe não existe em http:\/\/127\.0\.0\.1:\d+/,
    )

    const refused = await checkS3Bucket({ ...options(), secretAccessKey: 'outro-segredo-errado' })
    assert.ok(!refused.ok && refused.fatal)
    assert.match(
      !refused.ok ? refused.reason : '',
      /acesso negado ao bucket cadastra-arquivos: confira S3_ACCESS_KEY_ID/,
    )
    assert.doesNotMatch(!refused.ok ? refused.reason : '', /outro-segredo-errado/)

    const region = await checkS3Bucket({ ...options(), region: 'us-east-1' })
    assert.ok(!region.ok && region.fatal)
    assert.match(
      !region.ok ? region.reason : '',
      /fica na região sa-east-1, não em us-east-1: corrija S3_REGION/,
    )

    s3.down = true
    try {
      const down = await checkS3Bucket(options())
      assert.ok(!down.ok && !down.fatal)
      assert.match(!down.ok ? down.reason : '', /^sem resposta de http:\/\/127\.0\.0\.1:\d+/)
    } finally {
      s3.down = false
    }
    s3.failNext.push({ op: 'HeadBucket', status: 503, code: 'SlowDown' })
    const busy = await checkS3Bucket(options())
    assert.ok(!busy.ok && !busy.fatal)
    assert.match(!busy.ok ? busy.reason : '', /respondeu HTTP 503$/)
  })
})
