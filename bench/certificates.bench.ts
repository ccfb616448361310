/**
 * Certificates of a finished event with 10,000 present participants (each with a valid CPF), on PGlite
 * and on PostgreSQL:
 *   - our path: `issueCertificates(deps, tenantId, eventId, CERTIFICATES_PER_RUN)` called until it
 *     answers more=false, as the `events.certificates` job does run after run. Each certificate: a PDF
 *     drawn by renderCertificatePdf, then one transaction storing it and queueing its e-mail (the PDF
 *     is referenced, "certificate:<id>"). E-mail delivery is not part of it: the messages stay queued;
 *   - raw baseline: `renderCertificatePdf` alone (same specs, no database) on a sample of 300 of them
 *     (rates per certificate are compared);
 *   - and a bare pdf-lib loop (new document, one A4 page, one line in a standard font, save) to show
 *     what the layout, the fonts and the QR code cost.
 * The loops touch no database but run with each engine, right after our path, so that both see the
 * same load on a shared machine. Peak RSS is sampled during each timed run (the whole process: on
 * PGlite it includes the embedded database).
 *
 * BENCH_CERTIFICATES overrides the count (default 10,000) for quick runs.
 *
 * Checks (a mismatch fails the benchmark): issueCertificates issued exactly one certificate per
 * participant and asked nobody for a CPF; the certificates table has that many rows with distinct
 * codes; as many mail_messages are queued, each attaching its own certificate ("certificate:<id>"),
 * each logged in event_mails; one stored PDF is loaded back and names its code.
 */
import { randomBytes, randomInt } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { type Config, loadConfig } from '../src/server/config.ts'
import { type CertificateSpec, renderCertificatePdf } from '../src/server/modules/events/certificate.pdf.ts'
import {
  CERTIFICATES_PER_RUN,
  hideCpf,
  issueCertificates,
} from '../src/server/modules/events/events.certificates.ts'
import { verificationUrl } from '../src/server/modules/events/events.links.ts'
import { createEvent, listEventTypes } from '../src/server/modules/events/events.service.ts'
import { certificates, eventMails, eventRegistrations } from '../src/server/modules/events/events.tables.ts'
import { tenants } from '../src/server/modules/tenants/tenants.tables.ts'
import { isValidCpf, withCpfCheckDigits } from '../src/shared/documents.ts'
import { systemActor } from '../src/server/platform/actor.ts'
import { type Clock, createClock } from '../src/server/platform/clock.ts'
import type { Db } from '../src/server/platform/db/database.ts'
import { mailMessages } from '../src/server/platform/mail/mail.tables.ts'
import {
  type BenchEngine,
  defineBenchmark,
  forEachEngine,
  formatInt,
  formatMiB,
  pick,
  ResultTable,
  seededRandom,
  time,
  trackPeakRss,
} from './lib.ts'

const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES) || 10_000
const WARMUP = 20
/** The renderCertificatePdf loop draws this many (per-certificate rates are compared). */
const RENDER_SAMPLE = Math.min(CERTIFICATES, 300)
const INSERT_BATCH = 1_000

const TENANT_NAME = 'Contabilidade Ipê Amarelo Ltda'
const EVENT_DESCRIPTION = 'Workshop de integração contábil — eSocial e Reforma Tributária'
const WORKLOAD_HOURS = 3

const OURS = `issueCertificates (${CERTIFICATES_PER_RUN}/run) until more=false`
const RENDER = `renderCertificatePdf loop (no database, ${RENDER_SAMPLE} of them)`
const BARE = 'bare pdf-lib loop (1 page, 1 line, Helvetica)'

export default defineBenchmark({
  description:
    `${CERTIFICATES.toLocaleString('en')} certificates of a finished event: issueCertificates (PDF + row + ` +
    'queued e-mail) vs a raw renderCertificatePdf loop and a bare pdf-lib loop',
  async run() {
    const table = new ResultTable('certificates')
    const config = benchConfig()

    // The raw loops draw the same certificates as the main event's (the render loop a sample of them).
    const specs = makeParticipants(CERTIFICATES, 2026).map((p) => certificateSpec(config, p))
    const renderSpecs = specs.slice(0, RENDER_SAMPLE)

    await forEachEngine(async (engine) => {
      const clock = createClock()
      const { value: fixture, seconds: setupSeconds } = await time(() =>
        createFixture(engine, config, clock, [
          makeParticipants(WARMUP, 7),
          makeParticipants(CERTIFICATES, 2026),
        ]),
      )
      console.log(
        `  setup: tenant, 2 finished events, ${formatInt(WARMUP + CERTIFICATES)} present participants with ` +
          `valid CPFs in ${setupSeconds.toFixed(1)} s (untimed)`,
      )
      const deps = { db: engine.database.db, config, clock }
      const [warmup, main] = fixture.eventIds

      // Untimed warm-up (JIT, plan caches).
      await issueAll(deps, fixture.tenantId, warmup)

      const rssBefore = process.memoryUsage.rss()
      const rss = trackPeakRss()
      const { seconds, value: run } = await time(() => issueAll(deps, fixture.tenantId, main))
      const peak = rss.stop()
      if (run.issued !== CERTIFICATES || run.cpfRequested !== 0) {
        throw new Error(
          `${engine.name}: issueCertificates issued ${run.issued} and asked ${run.cpfRequested} for a CPF; ` +
            `expected ${CERTIFICATES} issued, none asked`,
        )
      }
      const stored = await verify(engine, main, CERTIFICATES)
      table.add({
        engine: engine.name,
        method: OURS,
        rows: CERTIFICATES,
        seconds,
        note:
          `${run.runs} runs; ${formatMiB(stored.bytes)} of PDF stored, ${formatInt(stored.bytes / CERTIFICATES)} B ` +
          `average; RSS ${formatMiB(rssBefore)} before, peak ${formatMiB(peak)}` +
          (CERTIFICATES < 10_000
            ? `; 10,000 at this rate ≈ ${(((seconds / CERTIFICATES) * 10_000) / 60).toFixed(1)} min`
            : ''),
      })

      // The raw loops right after, under the same machine load (they touch no database).
      await renderLoop(specs.slice(0, WARMUP))
      await bareLoop(specs.slice(0, WARMUP))
      for (const [method, loop, list] of [
        [RENDER, renderLoop, renderSpecs],
        [BARE, bareLoop, specs],
      ] as const) {
        const rss = trackPeakRss()
        const { seconds, value: bytes } = await time(() => loop(list))
        table.add({
          engine: engine.name,
          method,
          rows: list.length,
          seconds,
          isBaseline: method === RENDER,
          note: `${formatMiB(bytes)} of PDF, ${formatInt(bytes / list.length)} B average; peak RSS ${formatMiB(rss.stop())}`,
        })
      }
    })

    table.print()
    console.log(`(${BARE} against ${RENDER}: what the layout, the fonts and the QR code cost)`)
  },
})

// ---------------------------------------------------------------------------------------------
// Participants and their certificates' content

type Participant = { name: string; email: string; cpf: string }

const FIRST_NAMES = ['João', 'Maria', 'José', 'Antônio', 'Conceição', 'Inês', 'Sebastião', 'Cláudia', 'Fábio']
const LAST_NAMES = [
  'da Silva',
  'Gonçalves',
  'Araújo',
  'Simões',
  'Magalhães',
  "D'Ávila",
  'Nóbrega',
  'Brandão Guimarães',
]

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z]+/g, '')
    .toLowerCase()
}

/** A valid CPF (digits only) from nine random digits. */
function validCpf(random: () => number): string {
  for (;;) {
    let base = ''
    for (let i = 0; i < 9; i++) base += Math.floor(random() * 10)
    const cpf = withCpfCheckDigits(base)
    if (isValidCpf(cpf)) return cpf
  }
}

function makeParticipants(count: number, seed: number): Participant[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => {
    const first = pick(random, FIRST_NAMES)
    const last = pick(random, LAST_NAMES)
    return {
      name: `${first} ${pick(random, LAST_NAMES)} ${last}`,
      email: `${slug(first)}.${slug(last)}.${seed}.${i}@exemplo.com.br`,
      cpf: validCpf(random),
    }
  })
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** The spec issueCertificates draws for this participant (same shape, its own verification code). */
function certificateSpec(config: Config, p: Participant): CertificateSpec {
  let s = ''
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  const code = `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`
  const startsAt = new Date(Date.now() - 5 * 3_600_000)
  return {
    tenantName: TENANT_NAME,
    participantName: p.name,
    cpfMasked: hideCpf(p.cpf),
    eventDescription: EVENT_DESCRIPTION,
    startsAt,
    endsAt: new Date(startsAt.getTime() + WORKLOAD_HOURS * 3_600_000),
    workloadHours: WORKLOAD_HOURS,
    signerName: TENANT_NAME,
    code,
    verifyUrl: verificationUrl(config, code),
    issuedAt: new Date(),
    version: 1,
  }
}

// ---------------------------------------------------------------------------------------------
// Raw loops

/** renderCertificatePdf for every spec, one at a time; returns the PDF bytes drawn. */
async function renderLoop(specs: CertificateSpec[]): Promise<number> {
  let bytes = 0
  for (const spec of specs) bytes += (await renderCertificatePdf(spec)).length
  return bytes
}

/** The least pdf-lib can do per certificate: one page, one line of text in a standard font. */
async function bareLoop(specs: CertificateSpec[]): Promise<number> {
  let bytes = 0
  for (const spec of specs) {
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    const page = doc.addPage([841.89, 595.28])
    page.drawText(`Certificamos que ${spec.participantName} participou de ${spec.eventDescription}.`, {
      x: 56,
      y: 400,
      size: 12,
      font,
    })
    bytes += (await doc.save()).length
  }
  return bytes
}

// ---------------------------------------------------------------------------------------------
// Setup: a tenant and events that ended (the clock is moved past their end), participants present.

function benchConfig(): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(36).toString('base64url'),
    APP_URL: 'https://cadastra.bench',
  })
}

async function createFixture(
  engine: BenchEngine,
  config: Config,
  clock: Clock,
  groups: Participant[][],
): Promise<{ tenantId: string; eventIds: string[] }> {
  const db = engine.database.db
  const [tenant] = await db
    .insert(tenants)
    .values({ name: TENANT_NAME, slug: `bench-${randomBytes(4).toString('hex')}` })
    .returning({ id: tenants.id })
  const deps = { db, config, clock }
  const actor = systemActor(tenant.id, 'Benchmark')
  const { items: types } = await listEventTypes(deps, actor)
  const typeId = types.find((t) => t.isTraining && !t.isPublic)?.id ?? types[0].id
  // Created for an hour from now (the form takes future dates); the clock then moves past the end.
  const startsAt = new Date(clock.now().getTime() + 3_600_000)
  const endsAt = new Date(startsAt.getTime() + WORKLOAD_HOURS * 3_600_000)
  const eventIds: string[] = []
  for (const [n, participants] of groups.entries()) {
    const { event } = await createEvent(deps, actor, {
      description: n === 0 ? `${EVENT_DESCRIPTION} (aquecimento)` : EVENT_DESCRIPTION,
      typeId,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      location: 'Auditório da Associação Comercial — Rua XV de Novembro, 1000, Curitiba (PR)',
      status: 'confirmado',
      workloadHours: WORKLOAD_HOURS,
    })
    await insertPresent(db, tenant.id, event.id, participants, new Date(startsAt.getTime() + 10 * 60_000))
    eventIds.push(event.id)
  }
  clock.setOffset(endsAt.getTime() + 3_600_000 - Date.now())
  return { tenantId: tenant.id, eventIds }
}

async function insertPresent(
  db: Db,
  tenantId: string,
  eventId: string,
  participants: Participant[],
  attendedAt: Date,
) {
  const rows = participants.map((p): typeof eventRegistrations.$inferInsert => ({
    tenantId,
    eventId,
    name: p.name,
    email: p.email,
    cpf: p.cpf,
    status: 'inscrito',
    source: 'staff',
    attendedAt,
    attendanceSource: 'manual',
  }))
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await tx.insert(eventRegistrations).values(rows.slice(i, i + INSERT_BATCH))
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Our path and its checks

async function issueAll(
  deps: { db: Db; config: Config; clock: Clock },
  tenantId: string,
  eventId: string,
): Promise<{ issued: number; cpfRequested: number; runs: number }> {
  const total = { issued: 0, cpfRequested: 0, runs: 0 }
  for (;;) {
    const r = await issueCertificates(deps, tenantId, eventId, CERTIFICATES_PER_RUN)
    total.issued += r.issued
    total.cpfRequested += r.cpfRequested
    total.runs++
    if (!r.more) return total
  }
}

async function verify(engine: BenchEngine, eventId: string, expected: number): Promise<{ bytes: number }> {
  const db = engine.database.db
  const [certs] = await db
    .select({
      n: sql<number>`count(*)::int`,
      codes: sql<number>`count(distinct ${certificates.code})::int`,
      registrations: sql<number>`count(distinct ${certificates.registrationId})::int`,
      bytes: sql<number>`coalesce(sum(length(${certificates.pdf})), 0)::bigint`,
    })
    .from(certificates)
    .where(eq(certificates.eventId, eventId))
  const [mails] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${mailMessages.status} = 'queued')::int`,
      ownPdf: sql<number>`count(*) filter (where ${mailMessages.attachments}->0->>'source' = 'certificate:' || ${certificates.id}::text)::int`,
    })
    .from(certificates)
    .innerJoin(mailMessages, eq(mailMessages.id, certificates.mailMessageId))
    .where(eq(certificates.eventId, eventId))
  const [logged] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventMails)
    .where(and(eq(eventMails.eventId, eventId), eq(eventMails.kind, 'certificate')))
  const [templates] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mailMessages)
    .where(
      sql`${mailMessages.template} = 'event.certificate' and ${mailMessages.id} in (select ${eventMails.mailMessageId} from ${eventMails} where ${eventMails.eventId} = ${eventId})`,
    )
  const found = {
    certificates: certs.n,
    'distinct codes': certs.codes,
    registrations: certs.registrations,
    'queued mails': mails.queued,
    'mails attaching their own certificate': mails.ownPdf,
    'certificate mails logged in event_mails': logged.n,
    'event.certificate mail_messages': templates.n,
  }
  const wrong = Object.entries(found).filter(([, n]) => Number(n) !== expected)
  if (wrong.length > 0) {
    throw new Error(
      `${engine.name}: expected ${expected} of each, found ${wrong.map(([k, n]) => `${k} ${n}`).join(', ')}`,
    )
  }
  const [one] = await db
    .select({ code: certificates.code, pdf: certificates.pdf })
    .from(certificates)
    .where(eq(certificates.eventId, eventId))
    .limit(1)
  const doc = await PDFDocument.load(one.pdf)
  if (doc.getPageCount() !== 1 || !doc.getSubject()?.includes(one.code)) {
    throw new Error(`${engine.name}: the stored PDF of certificate ${one.code} does not name its code`)
  }
  return { bytes: Number(certs.bytes) }
}
