import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { sha256Hex, signRequest } from '#server/platform/storage/sigv4.ts'

/**
 * A local stand-in for an S3-compatible server (path-style: `/bucket/key`), answering like S3's REST
 * API: PutObject, GetObject, HeadObject, DeleteObject and the multipart upload (CreateMultipartUpload,
 * UploadPart, CompleteMultipartUpload, AbortMultipartUpload) and HeadBucket, errors as S3's XML
 * `<Error><Code>`; a request signed for another region is refused with the bucket's region in
 * `x-amz-bucket-region`, as S3 does.
 * Every request must carry a valid Signature Version 4 for the known key pair and a body matching
 * its `x-amz-content-sha256`, as S3 checks; parts but the last must have at least 5 MiB.
 * `failNext` makes the next request of an operation fail with a status and code; `down` drops
 * every connection.
 */
export type S3Op =
  | 'HeadBucket'
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'

export type FakeS3 = {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  objects: Map<string, Buffer>
  /** Multipart uploads begun and neither completed nor aborted. */
  uploads: Map<string, { key: string; parts: Map<number, Buffer> }>
  requests: { op: S3Op; key: string; bytes: number }[]
  /** The next request of `op` (after letting `after` of them through) fails with this status and code. */
  failNext: { op: S3Op; status: number; code: string; after?: number }[]
  down: boolean
  /** Requests are read and never answered. */
  hang: boolean
  /** GetObject sends its body in this many pieces, this many ms apart. */
  slowBody: { pieces: number; delayMs: number } | null
  close(): Promise<void>
}

const MiB = 1024 * 1024

export async function startFakeS3(): Promise<FakeS3> {
  const sockets = new Set<Socket>()
  const state: FakeS3 = {
    endpoint: '',
    bucket: 'cadastra-arquivos',
    region: 'sa-east-1',
    accessKeyId: 'AKIACADASTRATESTE',
    secretAccessKey: `segredo/${randomUUID()}`,
    objects: new Map(),
    uploads: new Map(),
    requests: [],
    failNext: [],
    down: false,
    hang: false,
    slowBody: null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }

  const server = createServer((req, res) => {
    if (state.down) {
      req.socket.destroy()
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handle(state, req, res, Buffer.concat(chunks)))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function error(res: ServerResponse, status: number, code: string, message = code) {
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  )
}

function xml(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'application/xml' })
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`)
}

const etagOf = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`

/** Checks the Authorization header the way S3 does, by signing the request again. */
function verify(state: FakeS3, req: IncomingMessage, url: URL, body: Buffer): string | null {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    )
  if (!auth) return 'AccessDenied'
  const [, accessKeyId, , region, signedHeaders, signature] = auth
  if (accessKeyId !== state.accessKeyId) return 'InvalidAccessKeyId'
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '')
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body))
    return 'XAmzContentSHA256Mismatch'
  const date = String(req.headers['x-amz-date'] ?? '')
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date)
  if (!when) return 'AccessDenied'
  const headers: Record<string, string> = {}
  for (const name of signedHeaders.split(';'))
    if (!['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name))
      headers[name] = String(req.headers[name] ?? '')
  const again = signRequest(
    {
      method: req.method ?? 'GET',
      url,
      headers,
      payloadHash,
      region,
      now: new Date(`${when[1]}-${when[2]}-${when[3]}T${when[4]}:${when[5]}:${when[6]}Z`),
    },
    { accessKeyId, secretAccessKey: state.secretAccessKey },
  )
  return again.authorization.endsWith(`Signature=${signature}`) ? null : 'SignatureDoesNotMatch'
}

function handle(state: FakeS3, req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
  const [, bucket, ...rest] = url.pathname.split('/')
  const key = rest.map(decodeURIComponent).join('/')
  const q = url.searchParams
  const method = req.method ?? 'GET'
  const op: S3Op =
    method === 'POST' && q.has('uploads')
      ? 'CreateMultipartUpload'
      : method === 'POST' && q.has('uploadId')
        ? 'CompleteMultipartUpload'
        : method === 'PUT' && q.has('uploadId')
          ? 'UploadPart'
          : method === 'DELETE' && q.has('uploadId')
            ? 'AbortMultipartUpload'
            : method === 'PUT'
              ? 'PutObject'
              : method === 'HEAD' && key === ''
                ? 'HeadBucket'
                : method === 'HEAD'
                  ? 'HeadObject'
                  : method === 'DELETE'
                    ? 'DeleteObject'
                    : 'GetObject'
  state.requests.push({ op, key, bytes: body.length })

  const signedRegion = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1]
  if (bucket === state.bucket && signedRegion && signedRegion !== state.region) {
    res.setHeader('x-amz-bucket-region', state.region)
    return error(res, 400, 'AuthorizationHeaderMalformed')
  }
  const refused = verify(state, req, url, body)
  if (refused) return error(res, refused === 'XAmzContentSHA256Mismatch' ? 400 : 403, refused)
  if (bucket !== state.bucket) return error(res, 404, 'NoSuchBucket')
  if (state.hang) return
  const failure = state.failNext.findIndex((f) => f.op === op)
  if (failure >= 0) {
    const f = state.failNext[failure]
    if (f.after) f.after--
    else {
      state.failNext.splice(failure, 1)
      return error(res, f.status, f.code)
    }
  }

  switch (op) {
    case 'PutObject':
      state.objects.set(key, body)
      res.writeHead(200, { etag: etagOf(body) })
      return res.end()
    case 'GetObject': {
      const found = state.objects.get(key)
      if (!found) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.')
      res.writeHead(200, { 'content-length': found.length, etag: etagOf(found) })
      if (!state.slowBody) return res.end(found)
      const { pieces, delayMs } = state.slowBody
      const size = Math.ceil(found.length / pieces)
      let at = 0
      const next = () => {
        res.write(found.subarray(at, at + size))
        at += size
        if (at >= found.length) res.end()
        else setTimeout(next, delayMs)
      }
      return next()
    }
    case 'HeadBucket':
      res.writeHead(200, { 'x-amz-bucket-region': state.region })
      return res.end()
    case 'HeadObject': {
      const found = state.objects.get(key)
      res.writeHead(found ? 200 : 404, found ? { 'content-length': found.length } : {})
      return res.end()
    }
    case 'DeleteObject':
      state.objects.delete(key)
      res.writeHead(204)
      return res.end()
    case 'CreateMultipartUpload': {
      const uploadId = randomUUID()
      state.uploads.set(uploadId, { key, parts: new Map() })
      return xml(
        res,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
      )
    }
    case 'UploadPart': {
      const upload = state.uploads.get(q.get('uploadId') ?? '')
      if (!upload) return error(res, 404, 'NoSuchUpload')
      upload.parts.set(Number(q.get('partNumber')), body)
      res.writeHead(200, { etag: etagOf(body) })
      return res.end()
    }
    case 'CompleteMultipartUpload': {
      const uploadId = q.get('uploadId') ?? ''
      const upload = state.uploads.get(uploadId)
      if (!upload) return error(res, 404, 'NoSuchUpload')
      const listed = [
        ...body.toString().matchAll(/<Part><PartNumber>(\d+)<\/PartNumber><ETag>([^<]+)<\/ETag><\/Part>/g),
      ].map((m) => ({ n: Number(m[1]), etag: m[2].replaceAll('&quot;', '"') }))
      const parts: Buffer[] = []
      for (const [i, p] of listed.entries()) {
        const bytes = upload.parts.get(p.n)
        if (!bytes || etagOf(bytes) !== p.etag) return error(res, 400, 'InvalidPart')
        if (i < listed.length - 1 && bytes.length < 5 * MiB) return error(res, 400, 'EntityTooSmall')
        parts.push(bytes)
      }
      state.objects.set(upload.key, Buffer.concat(parts))
      state.uploads.delete(uploadId)
      return xml(
        res,
        `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${upload.key}</Key></CompleteMultipartUploadResult>`,
      )
    }
    case 'AbortMultipartUpload':
      state.uploads.delete(q.get('uploadId') ?? '')
      res.writeHead(204)
      return res.end()
  }
}
