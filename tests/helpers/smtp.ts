import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type TestSmtp = {
  url: string
  received: ParsedMail[]
  /** The next n messages are refused with a temporary error (452). */
  rejectNextMessages(n: number): void
  close(): Promise<void>
}

/**
 * A real SMTP server on a random local port that keeps every message it accepts, parsed.
 * Recipients starting with "inexistente" are refused for good (550), like an unknown mailbox.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = []
  let rejectNext = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('inexistente')) {
        return callback(Object.assign(new Error('Caixa postal inexistente'), { responseCode: 550 }))
      }
      callback()
    },
    onData(stream, _session, callback) {
      if (rejectNext > 0) {
        rejectNext--
        stream.resume()
        stream.on('end', () => callback(Object.assign(new Error('Caixa cheia'), { responseCode: 452 })))
        return
      }
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejectNextMessages: (n) => {
      rejectNext = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
