import { connect } from 'node:net'
import type { ScanResult, VirusScanner } from './virus-scan.ts'

/** The antivirus could not give an answer (down, slow, or an error): the upload is not stored. */
export class ScannerUnavailableError extends Error {
  constructor(reason: string) {
    super(`antivírus indisponível: ${reason}`)
    this.name = 'ScannerUnavailableError'
  }
}

/** clamd accepts a stream in chunks, each after its length as a 4-byte big-endian number. */
const CHUNK = 64 * 1024

/**
 * ClamAV's daemon over TCP (`CLAMAV_URL=tcp://host:3310`), with the INSTREAM command: the bytes go
 * in chunks and clamd answers `stream: OK`, `stream: <threat> FOUND` or `<reason> ERROR`. Anything
 * but a clean or infected verdict — refused connection, time-out, size limit, a garbled answer —
 * throws ScannerUnavailableError: an unscanned file is never stored.
 */
export function createClamdScanner(opts: { host: string; port: number; timeoutMs: number }): VirusScanner {
  return {
    name: 'clamav',
    scan: (bytes) =>
      new Promise<ScanResult>((resolve, reject) => {
        const socket = connect({ host: opts.host, port: opts.port })
        const answer: Buffer[] = []
        let settled = false
        const finish = (fn: () => void) => {
          if (settled) return
          settled = true
          socket.destroy()
          fn()
        }
        const fail = (reason: string) => finish(() => reject(new ScannerUnavailableError(reason)))
        socket.setTimeout(opts.timeoutMs, () => fail(`sem resposta em ${opts.timeoutMs} ms`))
        socket.on('error', (err) => fail(err.message))
        socket.on('connect', () => {
          socket.write('zINSTREAM\0')
          for (let at = 0; at < bytes.length; at += CHUNK) {
            const chunk = bytes.subarray(at, at + CHUNK)
            const size = Buffer.alloc(4)
            size.writeUInt32BE(chunk.length)
            socket.write(size)
            socket.write(chunk)
          }
          socket.write(Buffer.alloc(4))
        })
        socket.on('data', (data) => {
          answer.push(data)
          const text = Buffer.concat(answer).toString('utf8')
          const end = text.indexOf('\0')
          if (end >= 0) finish(() => settle(text.slice(0, end).trim(), resolve, reject))
        })
        socket.on('end', () => {
          const text = Buffer.concat(answer).toString('utf8').replace(/\0+$/, '').trim()
          if (text) finish(() => settle(text, resolve, reject))
          else fail('a conexão terminou sem resposta')
        })
      }),
  }
}

function settle(reply: string, resolve: (r: ScanResult) => void, reject: (e: Error) => void) {
  const verdict = reply.replace(/^stream:\s*/, '')
  if (verdict === 'OK') return resolve({ clean: true })
  const found = /^(.+) FOUND$/.exec(verdict)
  if (found) return resolve({ clean: false, infected: true, name: found[1] })
  reject(new ScannerUnavailableError(`resposta do clamd: ${reply.slice(0, 200)}`))
}

/** `tcp://host:port` → host and port (clamd's default port 3310 when none is given). */
export function parseClamdUrl(url: string): { host: string; port: number } {
  const u = new URL(url)
  if (u.protocol !== 'tcp:') throw new Error('CLAMAV_URL deve ser tcp://host:porta')
  return { host: u.hostname, port: u.port ? Number(u.port) : 3310 }
}
