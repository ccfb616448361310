import { PassThrough, Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { type S3Credentials, EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from './sigv4.ts'
import {
  assertStorageKey,
  type FileStorage,
  StorageNotFoundError,
  StorageUnavailableError,
} from './storage.ts'

export type S3StorageOptions = S3Credentials & {
  /** `https://s3.sa-east-1.amazonaws.com`, `http://minio:9000`, … */
  endpoint: string
  bucket: string
  region: string
  /** Put before every key, e.g. `documents/` (one bucket can hold both storages). */
  prefix?: string
  /** A stream longer than this goes up in parts of this size (S3's minimum part is 5 MiB). */
  partBytes?: number
  timeoutMs?: number
  now?: () => Date
}

const MiB = 1024 * 1024

/**
 * Files in an S3-compatible bucket, through its REST API signed with Signature Version 4. A buffer,
 * or a stream that ends within one part, is one PutObject; a longer stream is a multipart upload
 * (parts of `partBytes`, so memory stays bounded) that is aborted when anything fails — S3 shows an
 * object only once it is complete, so readers see all or nothing, as with the local disk.
 * A missing key is StorageNotFoundError; a bucket that cannot be reached or refuses the request
 * (network, time-out, 5xx, wrong credentials) is StorageUnavailableError, which the API answers
 * with 503. The secret never goes into an error or the log.
 */
export function createS3Storage(opts: S3StorageOptions): FileStorage {
  const endpoint = new URL(opts.endpoint)
  const prefix = opts.prefix ?? ''
  const partBytes = Math.max(opts.partBytes ?? 8 * MiB, 5 * MiB)
  const timeoutMs = opts.timeoutMs ?? 30_000
  const now = opts.now ?? (() => new Date())

  // Path-style addressing (`endpoint/bucket/key`): AWS S3, MinIO, Ceph, R2 and the others all take it.
  const base = `${endpoint.origin}${endpoint.pathname.replace(/\/$/, '')}/${uriEncode(opts.bucket)}`
  const urlOf = (key: string, query = '') => {
    assertStorageKey(key)
    const objectPath = `${prefix}${key}`.split('/').map(uriEncode).join('/')
    return new URL(`${base}/${objectPath}${query}`)
  }

  /**
   * One signed request. The time-out covers the answer's headers (a request with a body gets time
   * to send it too, at 64 KiB/s at worst); a download's body then streams as long as it keeps coming.
   */
  async function send(method: string, url: URL, body?: Buffer): Promise<Response> {
    const payloadHash = body ? sha256Hex(body) : EMPTY_SHA256
    const signed = signRequest({ method, url, payloadHash, region: opts.region, now: now() }, opts)
    const limit = timeoutMs + (body ? Math.ceil(body.length / 64) : 0)
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`sem resposta em ${limit} ms`)), limit)
    try {
      return await fetch(url, {
        method,
        headers: signed,
        body: body ? (body as unknown as BodyInit) : undefined,
        // A redirect would be sent again unsigned: it is an answer to report, not to follow.
        redirect: 'manual',
        signal: controller.signal,
      })
    } catch (err) {
      throw new StorageUnavailableError(`${method} ${url.pathname}`, describe(err))
    } finally {
      clearTimeout(timer)
    }
  }

  /** The answer's body as text; a connection lost while reading it is the storage being unavailable. */
  async function textOf(res: Response, what: string): Promise<string> {
    try {
      return await res.text()
    } catch (err) {
      throw new StorageUnavailableError(what, describe(err))
    }
  }

  /** A success, or the error S3 gave. Only a read (GET, HEAD) of a missing key is "not found". */
  async function expectOk(res: Response, what: string, key: string, read = false): Promise<Response> {
    if (res.ok) return res
    const text = await res.text().catch(() => '')
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1]
    if (read && res.status === 404 && (code === 'NoSuchKey' || !code)) throw new StorageNotFoundError(key)
    throw new StorageUnavailableError(what, code ? `${code} (HTTP ${res.status})` : `HTTP ${res.status}`)
  }

  async function putObject(key: string, bytes: Buffer) {
    await drain(await expectOk(await send('PUT', urlOf(key), bytes), `PutObject ${key}`, key))
  }

  async function putInParts(key: string, parts: PartReader) {
    const what = `CreateMultipartUpload ${key}`
    const created = await expectOk(await send('POST', urlOf(key, '?uploads')), what, key)
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await textOf(created, what))?.[1]
    if (!uploadId) throw new StorageUnavailableError(what, 'resposta sem UploadId')
    const upload = `uploadId=${encodeURIComponent(uploadId)}`
    const etags: string[] = []
    try {
      for (let part = await parts.next(); part; part = await parts.next()) {
        const n = etags.length + 1
        const partWhat = `UploadPart ${n} ${key}`
        const res = await expectOk(
          await send('PUT', urlOf(key, `?partNumber=${n}&${upload}`), part),
          partWhat,
          key,
        )
        await drain(res)
        const etag = res.headers.get('etag')
        if (!etag) throw new StorageUnavailableError(partWhat, 'resposta sem ETag')
        etags.push(etag)
      }
      const xml = `<CompleteMultipartUpload>${etags
        .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`)
        .join('')}</CompleteMultipartUpload>`
      const doneWhat = `CompleteMultipartUpload ${key}`
      const done = await expectOk(
        await send('POST', urlOf(key, `?${upload}`), Buffer.from(xml)),
        doneWhat,
        key,
      )
      // S3 may answer 200 and put the failure in the body.
      const text = await textOf(done, doneWhat)
      if (/<Error>/.test(text))
        throw new StorageUnavailableError(doneWhat, /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? 'erro')
    } catch (err) {
      await send('DELETE', urlOf(key, `?${upload}`))
        .then(drain)
        .catch(() => {})
      throw err
    }
  }

  return {
    kind: 's3',
    async put(key, content) {
      assertStorageKey(key)
      if (Buffer.isBuffer(content)) return putObject(key, content)
      try {
        const parts = partReader(content, partBytes)
        const first = (await parts.next()) ?? Buffer.alloc(0)
        if (first.length < partBytes) return await putObject(key, first)
        const second = await parts.next()
        if (!second) return await putObject(key, first)
        return await putInParts(key, parts.replay([first, second]))
      } catch (err) {
        // Whatever feeds the stream (an upload, another storage's download) is let go.
        content.destroy()
        throw err
      }
    },
    async get(key) {
      const what = `GetObject ${key}`
      const res = await expectOk(await send('GET', urlOf(key)), what, key, true)
      if (!res.body) return Readable.from([])
      // A connection lost halfway through is the storage being unavailable, like before the headers.
      const body = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>)
      const out = new PassThrough()
      body.on('error', (err) => out.destroy(new StorageUnavailableError(what, describe(err))))
      out.on('close', () => body.destroy())
      return body.pipe(out)
    },
    async delete(key) {
      // S3 answers 204 whether the key existed or not; a 404 means the bucket is not there.
      await drain(await expectOk(await send('DELETE', urlOf(key)), `DeleteObject ${key}`, key))
    },
    async exists(key) {
      const res = await send('HEAD', urlOf(key))
      await drain(res)
      if (res.status === 404) return false
      await expectOk(res, `HeadObject ${key}`, key, true)
      return true
    },
  }
}

export type BucketCheck =
  | { ok: true }
  /** `fatal`: the configuration is wrong (no such bucket, refused, another region), not a passing outage. */
  | { ok: false; fatal: boolean; reason: string }

/**
 * HeadBucket, as `npm start` and `npm run storage:to-s3` ask before relying on the bucket: a bucket
 * that does not exist, refuses these credentials (or lacks s3:ListBucket) or lives in another region
 * is a configuration to fix; no answer or a server error is an outage the server can start through
 * (documents answer 503 until it is back). The reason is pt-BR and never holds the secret.
 */
export async function checkS3Bucket(
  opts: Pick<
    S3StorageOptions,
    'endpoint' | 'bucket' | 'region' | 'accessKeyId' | 'secretAccessKey' | 'timeoutMs'
  >,
): Promise<BucketCheck> {
  const endpoint = new URL(opts.endpoint)
  const url = new URL(`${endpoint.origin}${endpoint.pathname.replace(/\/$/, '')}/${uriEncode(opts.bucket)}`)
  const signed = signRequest(
    { method: 'HEAD', url, payloadHash: EMPTY_SHA256, region: opts.region, now: new Date() },
    opts,
  )
  const limit = opts.timeoutMs ?? 30_000
  let res: Response
  try {
    res = await fetch(url, {
      method: 'HEAD',
      headers: signed,
      redirect: 'manual',
      signal: AbortSignal.timeout(limit),
    })
  } catch (err) {
    return { ok: false, fatal: false, reason: `sem resposta de ${endpoint.origin} (${describe(err)})` }
  }
  await drain(res)
  if (res.ok) return { ok: true }
  const region = res.headers.get('x-amz-bucket-region')
  if (region && region !== opts.region)
    return {
      ok: false,
      fatal: true,
      reason: `o bucket ${opts.bucket} fica na região ${region}, não em ${opts.region}: corrija S3_REGION`,
    }
  if (res.status === 404)
    return { ok: false, fatal: true, reason: `o bucket ${opts.bucket} não existe em ${endpoint.origin}` }
  if (res.status === 403 || res.status === 401)
    return {
      ok: false,
      fatal: true,
      reason: `acesso negado ao bucket ${opts.bucket}: confira S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY e as permissões (s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject)`,
    }
  if (res.status >= 300 && res.status < 500)
    return {
      ok: false,
      fatal: true,
      reason: `o servidor recusou o acesso ao bucket ${opts.bucket} (HTTP ${res.status}): confira S3_ENDPOINT e S3_REGION`,
    }
  return { ok: false, fatal: false, reason: `${endpoint.origin} respondeu HTTP ${res.status}` }
}

type PartReader = {
  /** The next part: `size` bytes, fewer only at the end of the stream; null once it has ended. */
  next(): Promise<Buffer | null>
  /** The same reader, giving `parts` (already read) first. */
  replay(parts: Buffer[]): PartReader
}

function partReader(stream: Readable, size: number): PartReader {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  let carry: Buffer = Buffer.alloc(0)
  let ended = false
  const reader: PartReader = {
    async next() {
      const chunks = [carry]
      let length = carry.length
      while (length < size && !ended) {
        const { value, done } = await it.next()
        if (done) ended = true
        else {
          const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value)
          chunks.push(chunk)
          length += chunk.length
        }
      }
      if (length === 0) return null
      const all = Buffer.concat(chunks, length)
      carry = all.subarray(Math.min(size, all.length))
      return all.subarray(0, Math.min(size, all.length))
    },
    replay(parts) {
      const queue = [...parts]
      return { next: async () => queue.shift() ?? reader.next(), replay: reader.replay }
    },
  }
  return reader
}

/** Frees the connection of a response whose body is not read. */
async function drain(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {})
}

function describe(err: unknown): string {
  if (err instanceof Error || err instanceof DOMException) {
    const cause = (err as { cause?: unknown }).cause
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message
  }
  return String(err)
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
