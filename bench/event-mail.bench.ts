/**
 * 10,000 participants' status e-mails (HTML + text + personal .ics invitation) delivered to a real
 * SMTP server on this machine, on PGlite and on PostgreSQL:
 *   - our path: `scheduleMassMailInTx` in a transaction (what a status change does), then a
 *     JobRunner with the real `events.notify` and `mail.send` jobs (SMTP transport from
 *     `createMailTransport`) drained until every message is sent. Split in two: fan-out (the
 *     notify job renders each mail and its .ics and queues mail_messages + jobs + event_mails rows,
 *     250 participants per transaction) and delivery (one `mail.send` job per message);
 *   - raw baseline: nodemailer `createTransport({ pool: true, maxConnections })` sending the same
 *     10,000 messages, already rendered (read back from mail_messages before the clock starts), with
 *     the same number of messages in flight as the runner's concurrency.
 * Both paths talk to the same in-process SMTP server, which only counts messages, bytes and
 * connections and checks each message carries a text/calendar part; it shares the cores with the
 * sender. By default it is a minimal ESMTP server on node:net that greets at once (like a local relay).
 * BENCH_SMTP_SERVER=smtp-server uses the smtp-server package instead (as the tests do): it waits 100 ms
 * before greeting every connection (our transport pools 4 connections, so it pays that 4 times).
 *
 * The runner runs with its default concurrency (4), which is what buildApp uses. It is drained
 * (claim 4, run 4, repeat), as tests do. Deployed, the runner is driven by its poll loop instead (every
 * JOBS_POLL_MS, and again as soon as a job finishes); a sample of 1,000 messages through that loop
 * shows what the running app delivers.
 *
 * Checks (a mismatch fails the benchmark): the SMTP server received exactly one message per
 * participant in each path, every one with a calendar part; event_mails has one row per participant,
 * every mail_messages row is 'sent' with a convite.ics attachment (one decoded and checked).
 *
 * BENCH_EVENT_PARTICIPANTS overrides the number of participants (default 10,000) for quick runs.
 */
import { randomBytes } from 'node:crypto'
import net, { type AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { and, eq, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { type Config, loadConfig } from '../src/server/config.ts'
import { eventsRepository } from '../src/server/modules/events/events.repository.ts'
import { createEvent, listEventTypes } from '../src/server/modules/events/events.service.ts'
import { createNotifyJob, scheduleMassMailInTx } from '../src/server/modules/events/events.notify.ts'
import { eventMails, eventRegistrations } from '../src/server/modules/events/events.tables.ts'
import { tenants } from '../src/server/modules/tenants/tenants.tables.ts'
import { systemActor } from '../src/server/platform/actor.ts'
import { createClock } from '../src/server/platform/clock.ts'
import type { Db } from '../src/server/platform/db/database.ts'
import { JobRunner } from '../src/server/platform/jobs/queue.ts'
import { createSendMailJob } from '../src/server/platform/mail/mailer.ts'
import { mailMessages } from '../src/server/platform/mail/mail.tables.ts'
import {
  createMailTransport,
  type MailTransport,
  type OutgoingMail,
} from '../src/server/platform/mail/transport.ts'
import {
  type BenchEngine,
  defineBenchmark,
  errorMessage,
  forEachEngine,
  formatInt,
  formatMiB,
  formatSeconds,
  pick,
  ResultTable,
  runConcurrently,
  seededRandom,
  time,
} from './lib.ts'

const PARTICIPANTS = Number(process.env.BENCH_EVENT_PARTICIPANTS) || 10_000
const WARMUP_PARTICIPANTS = 100
/** Mails sent through the deployed poll loop: a few polls' worth. */
const POLL_SAMPLE = 1_000
/** JobRunner's default concurrency; buildApp passes none, so this is what the app runs with. */
const CONCURRENCY = 4
const INSERT_BATCH = 1_000
/** BENCH_SMTP_SERVER=smtp-server runs the smtp-server package instead of the minimal server. */
const SMTP_SERVER = process.env.BENCH_SMTP_SERVER === 'smtp-server' ? 'smtp-server' : 'minimal'

const OURS = `status mailing: notify job + mail.send jobs (drain, concurrency ${CONCURRENCY})`
const OURS_DELIVERY = 'delivery only (mail.send jobs)'
const POLLED = `mail.send via poll loop as deployed (JOBS_POLL_MS=1000), ${POLL_SAMPLE}-mail sample`
const RAW = `raw nodemailer pool (maxConnections ${CONCURRENCY}), pre-rendered`

export default defineBenchmark({
  description:
    `${PARTICIPANTS.toLocaleString('en')} participants' status e-mails (.ics attached) to a local SMTP server: ` +
    `scheduleMassMailInTx + notify/mail.send jobs vs raw nodemailer pooled sending`,
  async run() {
    const table = new ResultTable('e-mails')
    const smtp = await startCountingSmtp()
    console.log(`SMTP server: ${smtp.label}`)
    try {
      await forEachEngine(async (engine) => {
        const config = benchConfig(smtp.url)
        const { value: fixture, seconds: setupSeconds } = await time(() =>
          createFixture(engine, config, [PARTICIPANTS, WARMUP_PARTICIPANTS, POLL_SAMPLE]),
        )
        const [main, warmup, pollSample] = fixture.eventIds
        console.log(
          `  setup: tenant, 3 events, ${formatInt(PARTICIPANTS + WARMUP_PARTICIPANTS + POLL_SAMPLE)} ` +
            `registrations in ${setupSeconds.toFixed(1)} s (untimed)`,
        )
        const mailer = new OurMailer(engine, config, smtp.url)
        try {
          // Untimed warm-up of both paths (JIT, plan caches, connections).
          await mailer.mailEvent(fixture.tenantId, warmup, WARMUP_PARTICIPANTS, smtp)
          await sendRaw(await renderedMessages(engine.database.db, warmup), smtp.url, config.mailFrom)

          // Our path.
          const ours = await mailer.mailEvent(fixture.tenantId, main, PARTICIPANTS, smtp)
          const total = ours.fanOutSeconds + ours.deliverySeconds
          table.add({
            engine: engine.name,
            method: OURS,
            rows: PARTICIPANTS,
            seconds: total,
            note:
              `fan-out (render + queue rows) ${formatSeconds(ours.fanOutSeconds)} s ` +
              `(${formatInt(PARTICIPANTS / ours.fanOutSeconds)}/s), delivery ${formatSeconds(ours.deliverySeconds)} s; ` +
              `${formatInt(ours.smtp.connections)} SMTP connections, ${formatMiB(ours.smtp.bytes)} received ` +
              `(${formatInt(ours.smtp.bytes / ours.smtp.messages)} B/message)`,
          })
          table.add({
            engine: engine.name,
            method: OURS_DELIVERY,
            rows: PARTICIPANTS,
            seconds: ours.deliverySeconds,
          })
          await verifyEventMails(engine, main, PARTICIPANTS)

          // Raw baseline: the same messages, rendered beforehand.
          const messages = await renderedMessages(engine.database.db, main)
          const before = smtp.snapshot()
          const raw = await time(() => sendRaw(messages, smtp.url, config.mailFrom))
          const received = smtp.since(before)
          checkReceived(engine, RAW, received, PARTICIPANTS)
          table.add({
            engine: engine.name,
            method: RAW,
            rows: PARTICIPANTS,
            seconds: raw.seconds,
            isBaseline: true,
            note:
              `${formatInt(received.connections)} SMTP connections, ${formatMiB(received.bytes)} received ` +
              `(${formatInt(received.bytes / received.messages)} B/message)`,
          })

          // The deployed poll loop, on a small sample.
          const polled = await mailer.mailEventPolled(fixture.tenantId, pollSample, POLL_SAMPLE, smtp)
          table.add({ engine: engine.name, method: POLLED, rows: POLL_SAMPLE, seconds: polled })
        } finally {
          mailer.close()
        }
      })
    } finally {
      await smtp.close()
    }

    table.print()
  },
})

// ---------------------------------------------------------------------------------------------
// The SMTP server: counts messages, bytes and connections and checks each message has a calendar
// part; it never parses a message.

type SmtpCounts = { messages: number; bytes: number; withCalendar: number; connections: number }

type CountingSmtp = {
  url: string
  /** Printed with the results. */
  label: string
  snapshot(): SmtpCounts
  /** What arrived since `snapshot`. */
  since(before: SmtpCounts): SmtpCounts
  close(): Promise<void>
}

const CALENDAR_PART = Buffer.from('Content-Type: text/calendar')
const DATA_END = Buffer.from('\r\n.\r\n')

function countMessage(counts: SmtpCounts, raw: Buffer) {
  counts.messages++
  counts.bytes += raw.length
  if (raw.includes(CALENDAR_PART)) counts.withCalendar++
}

async function startCountingSmtp(): Promise<CountingSmtp> {
  const counts: SmtpCounts = { messages: 0, bytes: 0, withCalendar: 0, connections: 0 }
  const server = SMTP_SERVER === 'smtp-server' ? smtpServerPackage(counts) : minimalSmtpServer(counts)
  const port = await server.listen()
  return {
    url: `smtp://127.0.0.1:${port}`,
    label:
      SMTP_SERVER === 'smtp-server'
        ? 'smtp-server package (it waits 100 ms before its greeting on every connection)'
        : 'minimal in-process SMTP server (net, ESMTP with PIPELINING, greets at once, no parsing)',
    snapshot: () => ({ ...counts }),
    since: (b) => ({
      messages: counts.messages - b.messages,
      bytes: counts.bytes - b.bytes,
      withCalendar: counts.withCalendar - b.withCalendar,
      connections: counts.connections - b.connections,
    }),
    close: server.close,
  }
}

type Listener = { listen(): Promise<number>; close(): Promise<void> }

async function listenLocal(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/**
 * Just enough ESMTP for nodemailer: EHLO/HELO, MAIL, RCPT, DATA (to the lone dot), RSET, NOOP, QUIT,
 * pipelined commands included. Every message is accepted.
 */
function minimalSmtpServer(counts: SmtpCounts): Listener {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.setNoDelay(true)
    counts.connections++
    let pending: Buffer = Buffer.alloc(0)
    let inData = false
    socket.write('220 cadastra.bench ESMTP\r\n')
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk
      const replies: string[] = []
      for (;;) {
        if (inData) {
          const end = pending.indexOf(DATA_END)
          if (end < 0) break
          countMessage(counts, pending.subarray(0, end + 2))
          pending = pending.subarray(end + DATA_END.length)
          inData = false
          replies.push('250 2.0.0 Ok: queued')
          continue
        }
        const eol = pending.indexOf('\r\n')
        if (eol < 0) break
        const verb = pending.subarray(0, Math.min(eol, 4)).toString('latin1').toUpperCase()
        pending = pending.subarray(eol + 2)
        if (verb === 'EHLO')
          replies.push('250-cadastra.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8')
        else if (verb === 'DATA') {
          replies.push('354 End data with <CR><LF>.<CR><LF>')
          inData = true
        } else if (verb === 'QUIT') {
          socket.end(`${[...replies, '221 2.0.0 Bye'].join('\r\n')}\r\n`)
          return
        } else if (['HELO', 'MAIL', 'RCPT', 'RSET', 'NOOP'].includes(verb)) replies.push('250 2.0.0 Ok')
        else replies.push('502 5.5.2 Command not implemented')
      }
      if (replies.length > 0) socket.write(`${replies.join('\r\n')}\r\n`)
    })
  })
  return {
    listen: () => listenLocal(server),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** The smtp-server package (as tests/helpers/smtp.ts uses it), counting instead of parsing. */
function smtpServerPackage(counts: SmtpCounts): Listener {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      counts.connections++
      callback()
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        countMessage(counts, Buffer.concat(chunks))
        callback()
      })
    },
  })
  return {
    listen: () => listenLocal(server.server),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function checkReceived(engine: BenchEngine, method: string, received: SmtpCounts, expected: number) {
  if (received.messages !== expected || received.withCalendar !== expected) {
    throw new Error(
      `${engine.name} · ${method}: the SMTP server received ${received.messages} messages ` +
        `(${received.withCalendar} with a calendar part), expected ${expected}`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Setup: a tenant, online events two days ahead, registrations inserted in batches.

function benchConfig(smtpUrl: string): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(36).toString('base64url'),
    APP_URL: 'https://cadastra.bench',
    SMTP_URL: smtpUrl,
  })
}

async function createFixture(
  engine: BenchEngine,
  config: Config,
  participants: number[],
): Promise<{ tenantId: string; eventIds: string[] }> {
  const db = engine.database.db
  const suffix = randomBytes(4).toString('hex')
  const [tenant] = await db
    .insert(tenants)
    .values({ name: 'Contabilidade Ipê Amarelo Ltda', slug: `bench-${suffix}` })
    .returning({ id: tenants.id })
  const deps = { db, config, clock: createClock() }
  const actor = systemActor(tenant.id, 'Benchmark')
  const { items: types } = await listEventTypes(deps, actor)
  const typeId = types.find((t) => t.isPublic && t.isTraining)?.id ?? types[0].id
  const startsAt = new Date(Date.now() + 2 * 86_400_000)
  const random = seededRandom(2026)
  const eventIds: string[] = []
  for (const [n, count] of participants.entries()) {
    const { event } = await createEvent(deps, actor, {
      description: `Workshop de integração contábil — eSocial e Reforma Tributária (turma ${n + 1})`,
      typeId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      onlineUrl: 'https://meet.exemplo.com.br/workshop-integracao',
      status: 'confirmado',
      workloadHours: 3,
    })
    await insertRegistrations(db, tenant.id, event.id, count, random, n)
    eventIds.push(event.id)
  }
  return { tenantId: tenant.id, eventIds }
}

const FIRST_NAMES = ['João', 'Maria', 'José', 'Antônio', 'Conceição', 'Inês', 'Sebastião', 'Cláudia', 'Fábio']
const LAST_NAMES = ['da Silva', 'Gonçalves', 'Araújo', 'Simões', 'Magalhães', "D'Ávila", 'Nóbrega', 'Brandão']

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z]+/g, '')
    .toLowerCase()
}

async function insertRegistrations(
  db: Db,
  tenantId: string,
  eventId: string,
  count: number,
  random: () => number,
  eventIndex: number,
) {
  const rows: (typeof eventRegistrations.$inferInsert)[] = []
  for (let i = 0; i < count; i++) {
    const first = pick(random, FIRST_NAMES)
    const last = pick(random, LAST_NAMES)
    rows.push({
      tenantId,
      eventId,
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}.${eventIndex}.${i}@exemplo.com.br`,
      status: 'inscrito',
      source: 'staff',
    })
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await tx.insert(eventRegistrations).values(rows.slice(i, i + INSERT_BATCH))
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Our path

type OurRun = { fanOutSeconds: number; deliverySeconds: number; smtp: SmtpCounts }

class OurMailer {
  private readonly errors: string[] = []
  private readonly transport: MailTransport
  private readonly runner: JobRunner
  private readonly db: Db

  constructor(
    private readonly engine: BenchEngine,
    private readonly config: Config,
    smtpUrl: string,
  ) {
    this.db = engine.database.db
    this.transport = createMailTransport({ mail: { transport: 'smtp', url: smtpUrl } })
    this.runner = this.newRunner(config.jobsPollMs)
  }

  private newRunner(pollMs: number): JobRunner {
    return new JobRunner(
      this.db,
      [
        createNotifyJob({ db: this.db, config: this.config }),
        createSendMailJob(this.db, this.transport, this.config.mailFrom),
      ],
      {
        pollMs,
        concurrency: CONCURRENCY,
        exclusive: this.engine.name === 'PGlite',
        onError: (err, job) => this.errors.push(`${job.name} #${job.id}: ${errorMessage(err)}`),
      },
    )
  }

  /** A status mailing to every participant of the event, drained; throws unless all were delivered. */
  async mailEvent(tenantId: string, eventId: string, expected: number, smtp: CountingSmtp): Promise<OurRun> {
    const before = smtp.snapshot()
    const fanOut = await time(async () => {
      const scheduled = await this.schedule(tenantId, eventId)
      // The only job due is the mailing's events.notify: one round runs it to the end.
      await this.runner.drain(1)
      return scheduled
    })
    if (fanOut.value !== expected) {
      throw new Error(
        `${this.engine.name}: scheduleMassMailInTx counted ${fanOut.value}, expected ${expected}`,
      )
    }
    await this.expectQueued(eventId, expected)
    const delivery = await time(() => this.runner.drain(Number.MAX_SAFE_INTEGER))
    this.throwOnErrors()
    if (delivery.value !== expected) {
      throw new Error(
        `${this.engine.name}: the runner ran ${delivery.value} mail.send jobs, expected ${expected}`,
      )
    }
    const received = smtp.since(before)
    checkReceived(this.engine, OURS, received, expected)
    return { fanOutSeconds: fanOut.seconds, deliverySeconds: delivery.seconds, smtp: received }
  }

  /** The same mailing through the runner's poll loop (start/stop), as the deployed app runs it. */
  async mailEventPolled(tenantId: string, eventId: string, expected: number, smtp: CountingSmtp) {
    const runner = this.newRunner(this.config.jobsPollMs)
    await this.schedule(tenantId, eventId)
    await runner.drain(1) // fan-out is not what this sample measures
    const before = smtp.snapshot()
    const start = performance.now()
    await runner.start()
    try {
      const deadline = start + 10 * 60_000
      while (smtp.since(before).messages < expected) {
        if (performance.now() > deadline) throw new Error(`${this.engine.name}: poll loop sample timed out`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    } finally {
      await runner.stop()
    }
    const seconds = (performance.now() - start) / 1000
    this.throwOnErrors()
    checkReceived(this.engine, POLLED, smtp.since(before), expected)
    return seconds
  }

  close() {
    this.transport.close()
  }

  private schedule(tenantId: string, eventId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const e = await eventsRepository(tx).findById(tenantId, eventId)
      if (!e) throw new Error(`event ${eventId} not found`)
      return scheduleMassMailInTx(tx, e, 'status')
    })
  }

  private async expectQueued(eventId: string, expected: number) {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventMails)
      .where(eq(eventMails.eventId, eventId))
    if (Number(row.n) !== expected) {
      throw new Error(`${this.engine.name}: fan-out logged ${row.n} event_mails rows, expected ${expected}`)
    }
  }

  private throwOnErrors() {
    if (this.errors.length > 0) {
      throw new Error(`${this.errors.length} job failure(s); first: ${this.errors[0]}`)
    }
  }
}

/** One event_mails row per participant, each message sent with a well-formed convite.ics. */
async function verifyEventMails(engine: BenchEngine, eventId: string, expected: number) {
  const db = engine.database.db
  const [row] = await db
    .select({
      logged: sql<number>`count(*)::int`,
      participants: sql<number>`count(distinct ${eventMails.registrationId})::int`,
      sent: sql<number>`count(*) filter (where ${mailMessages.status} = 'sent')::int`,
      withIcs: sql<number>`count(*) filter (where ${mailMessages.attachments}->0->>'filename' = 'convite.ics')::int`,
    })
    .from(eventMails)
    .innerJoin(mailMessages, eq(mailMessages.id, eventMails.mailMessageId))
    .where(and(eq(eventMails.eventId, eventId), eq(eventMails.kind, 'status')))
  const counts = [row.logged, row.participants, row.sent, row.withIcs].map(Number)
  if (counts.some((n) => n !== expected)) {
    throw new Error(
      `${engine.name}: event_mails rows ${row.logged}, participants ${row.participants}, sent ${row.sent}, ` +
        `with convite.ics ${row.withIcs}; expected ${expected} each`,
    )
  }
  const [one] = await db
    .select({ to: mailMessages.toAddress, attachments: mailMessages.attachments })
    .from(eventMails)
    .innerJoin(mailMessages, eq(mailMessages.id, eventMails.mailMessageId))
    .where(eq(eventMails.eventId, eventId))
    .limit(1)
  const ics = one.attachments?.[0]
  const text = ics && 'contentBase64' in ics ? Buffer.from(ics.contentBase64, 'base64').toString('utf8') : ''
  const unfolded = text.replace(/\r\n[ \t]/g, '')
  if (
    !text.startsWith('BEGIN:VCALENDAR') ||
    !text.trimEnd().endsWith('END:VCALENDAR') ||
    !unfolded.includes(`mailto:${one.to}`)
  ) {
    throw new Error(`${engine.name}: the .ics sent to ${one.to} is not its calendar invitation`)
  }
}

// ---------------------------------------------------------------------------------------------
// Raw baseline

/** The event's messages as stored by the fan-out, ready for nodemailer (attachments decoded). */
async function renderedMessages(db: Db, eventId: string): Promise<Omit<OutgoingMail, 'from'>[]> {
  const rows = await db
    .select({
      to: mailMessages.toAddress,
      subject: mailMessages.subject,
      text: mailMessages.textBody,
      html: mailMessages.htmlBody,
      attachments: mailMessages.attachments,
    })
    .from(eventMails)
    .innerJoin(mailMessages, eq(mailMessages.id, eventMails.mailMessageId))
    .where(eq(eventMails.eventId, eventId))
  return rows.map((r) => ({
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    attachments: (r.attachments ?? []).map((a) => {
      if (!('contentBase64' in a)) throw new Error(`unexpected attachment reference ${a.source}`)
      return {
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      }
    }),
  }))
}

/** Sends every message through one pooled transporter, CONCURRENCY messages in flight. */
async function sendRaw(messages: Omit<OutgoingMail, 'from'>[], smtpUrl: string, from: string): Promise<void> {
  const url = new URL(smtpUrl)
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: CONCURRENCY,
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    ignoreTLS: true,
  })
  try {
    await runConcurrently(messages.length, CONCURRENCY, async (i) => {
      await transporter.sendMail({ from, ...messages[i] })
    })
  } finally {
    transporter.close()
  }
}
