import { type AddressInfo, createServer, type Socket } from 'node:net'
import { EICAR_SIGNATURE } from '#server/platform/storage/index.ts'

/**
 * A local stand-in for ClamAV's daemon speaking its INSTREAM protocol over TCP: "zINSTREAM\0", then
 * chunks each after a 4-byte big-endian length, a zero length to end; it answers
 * "stream: OK\0" or "stream: Eicar-Test-Signature FOUND\0" like clamd with its test signature.
 * It can be switched to misbehave: an ERROR reply (clamd's size limit), closing without a word,
 * or never answering.
 */
export type FakeClamdMode = 'normal' | 'size-limit' | 'close' | 'hang'

export type FakeClamd = {
  url: string
  mode: FakeClamdMode
  /** Byte counts of the streams received, in order, and the chunks each came in. */
  streams: { bytes: number; chunks: number }[]
  close(): Promise<void>
}

export async function startFakeClamd(): Promise<FakeClamd> {
  const sockets = new Set<Socket>()
  const state: FakeClamd = {
    url: '',
    mode: 'normal',
    streams: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let buffer = Buffer.alloc(0)
    let commandRead = false
    const parts: Buffer[] = []
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data])
      if (!commandRead) {
        const end = buffer.indexOf(0)
        if (end < 0) return
        const command = buffer.subarray(0, end).toString()
        buffer = buffer.subarray(end + 1)
        commandRead = true
        if (command !== 'zINSTREAM') {
          socket.end(`UNKNOWN COMMAND\0`)
          return
        }
      }
      while (buffer.length >= 4) {
        const size = buffer.readUInt32BE(0)
        if (size === 0) {
          buffer = buffer.subarray(4)
          const bytes = Buffer.concat(parts)
          state.streams.push({ bytes: bytes.length, chunks: parts.length })
          reply(socket, state.mode, bytes)
          return
        }
        if (buffer.length < 4 + size) return
        parts.push(buffer.subarray(4, 4 + size))
        buffer = buffer.subarray(4 + size)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function reply(socket: Socket, mode: FakeClamdMode, bytes: Buffer) {
  if (mode === 'hang') return
  if (mode === 'close') return socket.destroy()
  if (mode === 'size-limit') return socket.end('INSTREAM size limit exceeded. ERROR\0')
  socket.end(
    bytes.includes(EICAR_SIGNATURE, 0, 'latin1') ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0',
  )
}
