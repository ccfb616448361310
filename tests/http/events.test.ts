import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { withCpfCheckDigits } from '#shared/documents.ts'
import { eq, sql } from 'drizzle-orm'
import type { ParsedMail } from 'mailparser'
import { users } from '#server/modules/auth/auth.tables.ts'
import { issueCertificates, sendReminder } from '#server/modules/events/index.ts'
import { createClock } from '#server/platform/clock.ts'
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { createOrg, makeCnpj, portalClientUser } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'
import { TestClient } from '../helpers/client.ts'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'

const HOUR = 3_600_000
const clock = createClock()

/** An event period starting `inHours` from the test clock's now. */
function period(inHours: number, hours = 2) {
  const start = clock.now().getTime() + inHours * HOUR
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + hours * HOUR).toISOString() }
}

function recipients(m: ParsedMail): string[] {
  const to = m.to ? (Array.isArray(m.to) ? m.to : [m.to]) : []
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()))
}

function icsOf(m: ParsedMail): string | null {
  const a = m.attachments.find(
    (x) => x.contentType.startsWith('text/calendar') || x.filename?.endsWith('.ics'),
  )
  return a ? a.content.toString('utf8') : null
}

/** Valid CPFs (check digits computed) from a running number. */
let cpfSeq = 100
function makeCpf(): string {
  cpfSeq++
  const base = String(cpfSeq * 7919)
    .padStart(9, '1')
    .slice(-9)
  return withCpfCheckDigits(base)
}

describe('eventos e treinamentos', () => {
  let ctx: TestContext
  let smtp: TestSmtp
  let t: TenantFixture
  let other: TenantFixture
  let typeTraining: string
  let typeMeeting: string

  const mailsTo = (email: string) => smtp.received.filter((m) => recipients(m).includes(email.toLowerCase()))

  /** A client user of this company (Revisor of the first department), invited through this file's real SMTP. */
  async function portalUser(
    name: string,
    email: string,
    orgId: string,
    notifications: Record<string, string>,
  ) {
    const deptos = (await t.admin.get('/api/v1/departments')).body.items as { id: string }[]
    return portalClientUser(
      ctx.app,
      t,
      {
        name,
        email,
        departments: [{ departmentId: deptos[0].id, level: 'revisor' }],
        companyIds: [orgId],
        notifications,
      },
      'Portal#Seguro2026',
      (to) => mailsTo(to).at(-1)!.text ?? '',
    )
  }

  async function createEvent(client: TestClient, body: Record<string, unknown>) {
    const res = await client.post('/api/v1/events', {
      typeId: typeMeeting,
      workloadHours: 2,
      ...period(48),
      ...body,
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    return res.body.event as { id: string; slug: string; code: number; [k: string]: unknown }
  }
  async function register(eventId: string, name: string, email: string, cpf?: string) {
    const res = await t.admin.post(`/api/v1/events/${eventId}/registrations`, { name, email, cpf: cpf ?? '' })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    return res.body as { id: string; status: string }
  }
  const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body)

  before(async () => {
    smtp = await startSmtp()
    ctx = await startTestApp({
      config: { mail: { transport: 'smtp', url: smtp.url } },
      deps: { clock },
    })
    t = await createTenant(ctx.app, ctx.config, { name: 'Prestadora Eventos' })
    other = await createTenant(ctx.app, ctx.config)
    const types = (await t.admin.get('/api/v1/event-types')).body.items as {
      id: string
      name: string
      isTraining: boolean
    }[]
    typeTraining = types.find((x) => x.name === 'Treinamento interno')!.id
    typeMeeting = types.find((x) => x.name === 'Reunião')!.id
  })
  after(async () => {
    await ctx.close()
    await smtp.close()
  })

  test('only the responsible person (or an administrator) edits the event; other tenants see nothing', async () => {
    const owner = await createStaffClient(ctx.app, t)
    const intruder = await createStaffClient(ctx.app, t)
    const [ownerUser] = await ctx.app.database.db.select().from(users).where(eq(users.email, owner.email))
    const e = await createEvent(t.admin, {
      description: 'Reunião de alinhamento',
      responsibleUserId: ownerUser.id,
    })
    assert.equal(e.responsibleName, 'Pessoa de Teste')

    const body = { description: 'Reunião de alinhamento (nova pauta)', typeId: typeMeeting, ...period(50) }
    const refused = await put(intruder.client, `/api/v1/events/${e.id}`, body)
    assert.equal(refused.status, 403)
    assert.equal(refused.body.code, 'EVENT_NOT_RESPONSIBLE')
    assert.match(refused.body.message, /Só o responsável/)
    assert.equal((await intruder.client.get(`/api/v1/events/${e.id}`)).body.canEdit, false)
    assert.equal((await put(owner.client, `/api/v1/events/${e.id}`, body)).status, 200)
    assert.equal(
      (await put(t.admin, `/api/v1/events/${e.id}`, { ...body, description: 'Pela administração' })).status,
      200,
    )
    const unchanged = await ctx.app.database.db.execute(
      sql`select description from events where id = ${e.id}`,
    )
    assert.equal(
      (unchanged as unknown as { rows: { description: string }[] }).rows[0].description,
      'Pela administração',
    )

    // Tenant isolation: another tenant's administrator gets 404 everywhere.
    assert.equal((await other.admin.get(`/api/v1/events/${e.id}`)).status, 404)
    assert.equal((await put(other.admin, `/api/v1/events/${e.id}`, body)).status, 404)
    assert.equal((await other.admin.get(`/api/v1/events/${e.id}/registrations`)).status, 404)
    assert.equal(
      (
        await other.admin.post(`/api/v1/events/${e.id}/registrations`, {
          name: 'Fulano de Tal',
          email: 'f@x.com.br',
        })
      ).status,
      404,
    )
    assert.equal((await other.admin.get('/api/v1/events')).body.items.length, 0)
  })

  test('a registration in the main event is replicated to every secondary, also to one added later; cancelling cascades; waitlist promotes', async () => {
    const main = await createEvent(t.admin, {
      description: 'Formação de gestores',
      capacity: 2,
      ...period(72, 8),
    })
    const s1 = await createEvent(t.admin, { mainEventId: main.id, ...period(72, 4) })
    const s2 = await createEvent(t.admin, {
      mainEventId: main.id,
      description: 'Oficina prática',
      ...period(76, 4),
    })
    assert.equal(
      s1.description,
      'Formação de gestores — sessão 1',
      'automatic description from the main event',
    )
    assert.equal(s2.description, 'Oficina prática')
    assert.equal(s1.capacity, 2, 'inherited')

    const ana = await register(main.id, 'Ana Souza', 'ana@cliente.com.br')
    const bia = await register(main.id, 'Beatriz Lima', 'bia@cliente.com.br')
    const caio = await register(main.id, 'Caio Prado', 'caio@cliente.com.br')
    assert.deepEqual([ana.status, bia.status, caio.status], ['inscrito', 'inscrito', 'espera'])
    for (const s of [s1, s2]) {
      const regs = (await t.admin.get(`/api/v1/events/${s.id}/registrations`)).body.items
      assert.deepEqual(
        regs.map((r: { email: string; viaMain: boolean; status: string }) => [r.email, r.viaMain, r.status]),
        [
          ['ana@cliente.com.br', true, 'inscrito'],
          ['bia@cliente.com.br', true, 'inscrito'],
          ['caio@cliente.com.br', true, 'espera'],
        ],
      )
    }
    const s3 = await createEvent(t.admin, { mainEventId: main.id, ...period(80, 2) })
    assert.equal(
      (await t.admin.get(`/api/v1/events/${s3.id}/registrations`)).body.total,
      3,
      'added later, enrolled',
    )
    assert.equal((await t.admin.get(`/api/v1/events/${main.id}`)).body.secondaries.length, 3)

    const direct = await t.admin.post(`/api/v1/events/${s1.id}/registrations`, {
      name: 'Davi Rocha',
      email: 'davi@x.com.br',
    })
    assert.equal(direct.body.code, 'EVENT_SECONDARY_REGISTRATION')
    const dup = await t.admin.post(`/api/v1/events/${main.id}/registrations`, {
      name: 'Ana',
      email: 'ANA@cliente.com.br',
    })
    assert.equal(dup.body.code, 'REGISTRATION_DUPLICATE')

    const replica = (await t.admin.get(`/api/v1/events/${s1.id}/registrations`)).body.items[0]
    const fromReplica = await t.admin.post(`/api/v1/events/${s1.id}/registrations/${replica.id}/cancel`)
    assert.equal(fromReplica.body.code, 'REGISTRATION_FROM_MAIN')

    const cancelled = await t.admin.post(`/api/v1/events/${main.id}/registrations/${ana.id}/cancel`)
    assert.equal(cancelled.body.status, 'cancelado')
    for (const s of [s1, s2, s3]) {
      const regs = (await t.admin.get(`/api/v1/events/${s.id}/registrations`)).body.items
      const byEmail = Object.fromEntries(
        regs.map((r: { email: string; status: string }) => [r.email, r.status]),
      )
      assert.deepEqual(byEmail, {
        'ana@cliente.com.br': 'cancelado',
        'bia@cliente.com.br': 'inscrito',
        'caio@cliente.com.br': 'inscrito',
      })
    }
    await ctx.app.jobs.drain()
    assert.ok(mailsTo('caio@cliente.com.br').some((m) => /Vaga confirmada/.test(m.subject ?? '')))
    assert.ok(mailsTo('ana@cliente.com.br').some((m) => /Inscrição cancelada/.test(m.subject ?? '')))
  })

  test('status changes e-mail each participant individually with an .ics; SEQUENCE goes up; cancelling sends METHOD:CANCEL', async () => {
    const e = await createEvent(t.admin, {
      description: 'Webinar de boas-vindas',
      onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
    })
    await register(e.id, 'Eva Nunes', 'eva@cliente.com.br')
    await register(e.id, 'Fábio Reis', 'fabio@cliente.com.br')
    await ctx.app.jobs.drain()
    const welcome = mailsTo('eva@cliente.com.br')
    assert.equal(welcome.length, 1)
    assert.match(icsOf(welcome[0])!, /METHOD:REQUEST[\s\S]*SEQUENCE:0/)

    const base = {
      description: 'Webinar de boas-vindas',
      typeId: typeMeeting,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
    }
    const quiet = await put(t.admin, `/api/v1/events/${e.id}`, {
      ...base,
      status: 'confirmado',
      notifyParticipants: false,
    })
    assert.equal(quiet.body.mailsQueued, 0)
    await ctx.app.jobs.drain()
    assert.equal(mailsTo('eva@cliente.com.br').length, 1, '"Não": nobody is e-mailed')

    const reopened = await put(t.admin, `/api/v1/events/${e.id}`, { ...base, status: 'aberto' })
    assert.equal(reopened.status, 200)
    const confirmed = await put(t.admin, `/api/v1/events/${e.id}`, {
      ...base,
      status: 'confirmado',
      notifyParticipants: true,
    })
    assert.equal(confirmed.body.mailsQueued, 2)
    await ctx.app.jobs.drain()
    const eva = mailsTo('eva@cliente.com.br').at(-1)!
    assert.match(eva.subject ?? '', /Evento confirmado: Webinar de boas-vindas/)
    assert.deepEqual(recipients(eva), ['eva@cliente.com.br'], 'one recipient per message, never BCC')
    assert.equal(eva.bcc, undefined)
    const ics = icsOf(eva)!
    assert.match(ics, /METHOD:REQUEST/)
    assert.match(ics, /SEQUENCE:3/)
    assert.match(eva.text ?? '', /\/entrar\/[0-9a-f]{32}\.[A-Za-z0-9_-]{24}/, 'a personal join link')
    assert.doesNotMatch(eva.text ?? '', /teams\.microsoft\.com/, 'never the raw conference link')

    const resend = await t.admin.post(`/api/v1/events/${e.id}/resend-mail`)
    assert.equal(resend.body.queued, 2)
    await ctx.app.jobs.drain()
    assert.equal(mailsTo('fabio@cliente.com.br').length, 3)

    const cancel = await put(t.admin, `/api/v1/events/${e.id}`, {
      ...base,
      status: 'cancelado',
      notifyParticipants: true,
    })
    assert.equal(cancel.body.mailsQueued, 2)
    await ctx.app.jobs.drain()
    const last = mailsTo('fabio@cliente.com.br').at(-1)!
    assert.match(last.subject ?? '', /Evento cancelado/)
    const cancelIcs = icsOf(last)!
    assert.match(cancelIcs, /METHOD:CANCEL/)
    assert.match(cancelIcs, /STATUS:CANCELLED/)
    assert.match(cancelIcs, /SEQUENCE:4/)
    assert.match(cancelIcs, new RegExp(`UID:${e.id}@cadastra`))

    const log = (await t.admin.get(`/api/v1/events/${e.id}/mails`)).body
    assert.equal(log.total, 8)
    assert.ok(log.items.every((m: { status: string }) => m.status === 'sent'))
    assert.deepEqual([...new Set(log.items.map((m: { kind: string }) => m.kind))].sort(), [
      'cancel',
      'registration',
      'resend',
      'status',
    ])
  })

  test("the eve's reminder: scheduled 24 h before; never for late registrations nor cancelled events", async () => {
    const later = await createEvent(t.admin, { description: 'Reunião mensal', ...period(48) })
    const job = await ctx.app.database.db.execute(
      sql`select run_at from jobs where name = 'events.reminder' and payload->>'eventId' = ${later.id}`,
    )
    const runAt = new Date((job as unknown as { rows: { run_at: string }[] }).rows[0].run_at)
    assert.equal(runAt.getTime(), new Date(later.startsAt as string).getTime() - 24 * HOUR)

    const soon = await createEvent(t.admin, { description: 'Reunião de amanhã', ...period(20) })
    const early = await register(soon.id, 'Gil Antunes', 'gil@cliente.com.br')
    await register(soon.id, 'Hugo Tavares', 'hugo@cliente.com.br')
    // Gil registered before the reminder time (20 h before the start = 4 h ago); Hugo just now.
    await ctx.app.database.db.execute(
      sql`update event_registrations set created_at = now() - interval '5 hours' where id = ${early.id}`,
    )
    const deps = { db: ctx.app.database.db, config: ctx.config, clock }
    assert.equal(await sendReminder(deps, t.tenantId, soon.id), 1)
    assert.equal(await sendReminder(deps, t.tenantId, soon.id), 0, 'once per participant')
    await ctx.app.jobs.drain()
    assert.ok(mailsTo('gil@cliente.com.br').some((m) => /^Lembrete/.test(m.subject ?? '')))
    assert.ok(!mailsTo('hugo@cliente.com.br').some((m) => /^Lembrete/.test(m.subject ?? '')))

    const cancelled = await createEvent(t.admin, { description: 'Reunião cancelada', ...period(20) })
    const r = await register(cancelled.id, 'Iara Melo', 'iara@cliente.com.br')
    await ctx.app.database.db.execute(
      sql`update event_registrations set created_at = now() - interval '5 hours' where id = ${r.id}`,
    )
    await put(t.admin, `/api/v1/events/${cancelled.id}`, {
      description: 'Reunião cancelada',
      typeId: typeMeeting,
      startsAt: cancelled.startsAt,
      endsAt: cancelled.endsAt,
      status: 'cancelado',
    })
    assert.equal(await sendReminder(deps, t.tenantId, cancelled.id), 0)
  })

  test('the personal join link: countdown before the window, conference + attendance inside it, closed after the end', async () => {
    const e = await createEvent(t.admin, {
      description: 'Treinamento online',
      onlineUrl: 'https://meet.google.com/abc-defg-hij',
      ...period(3, 2),
    })
    await register(e.id, 'Joana Dias', 'joana@cliente.com.br')
    await ctx.app.jobs.drain()
    const link = /(https?:\/\/\S+\/entrar\/\S+)/.exec(mailsTo('joana@cliente.com.br')[0].text ?? '')![1]
    const token = link.split('/entrar/')[1]
    const anon = new TestClient(ctx.app)

    const early = await anon.get(`/entrar/${token}`)
    assert.equal(early.status, 302)
    assert.equal(early.headers.location, `/evento/entrar/${token}`)
    const state = await anon.get(`/api/v1/public/join/${token}`)
    assert.equal(state.body.state, 'early')
    assert.equal(new Date(state.body.opensAt).getTime(), new Date(e.startsAt as string).getTime() - HOUR)

    clock.setOffset(2.5 * HOUR)
    try {
      const open = await anon.get(`/entrar/${token}`)
      assert.equal(open.status, 302)
      assert.equal(open.headers.location, 'https://meet.google.com/abc-defg-hij')
      const regs = (await t.admin.get(`/api/v1/events/${e.id}/registrations`)).body.items
      assert.equal(regs[0].attendanceSource, 'link')
      assert.ok(regs[0].attendedAt)
      assert.equal((await anon.get(`/entrar/${token}`)).status, 302, 'a second use is fine')
      const trail = await ctx.app.database.db.execute(
        sql`select count(*)::int as n from event_attendance where registration_id = ${regs[0].id}`,
      )
      assert.equal((trail as unknown as { rows: { n: number }[] }).rows[0].n, 2, 'each use is recorded')
      clock.setOffset(6 * HOUR)
      assert.equal((await anon.get(`/entrar/${token}`)).headers.location, `/evento/entrar/${token}`)
      assert.equal((await anon.get(`/api/v1/public/join/${token}`)).body.state, 'ended')
    } finally {
      clock.setOffset(0)
    }
    const forged = `${token.slice(0, 33)}${'A'.repeat(24)}`
    assert.equal((await anon.get(`/api/v1/public/join/${forged}`)).status, 404)
    assert.equal((await anon.get(`/entrar/${forged}`)).headers.location, `/evento/entrar/${forged}`)
  })

  test('certificates: only with attendance and CPF; a CPF registered later gets one; issuing is idempotent, also after a crash midway', async () => {
    const e = await createEvent(t.admin, {
      description: 'Curso de atendimento',
      workloadHours: 3.5,
      ...period(1, 2),
    })
    const people = ['Lia Campos', 'Rui Barros', 'Sara Prates', 'Téo Lopes'].map((name, i) => ({
      name,
      email: `cert${i}@cliente.com.br`,
      cpf: makeCpf(),
    }))
    const regs = []
    for (const p of people) regs.push(await register(e.id, p.name, p.email, p.cpf))
    const noCpf = await register(e.id, 'Ugo Sem Cpf', 'ugo@cliente.com.br')
    const absent = await register(e.id, 'Vera Ausente', 'vera@cliente.com.br', makeCpf())
    for (const r of [...regs, noCpf]) {
      const res = await t.admin.post(`/api/v1/events/${e.id}/registrations/${r.id}/attendance`, {
        present: true,
      })
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    const notYet = await t.admin.post(`/api/v1/events/${e.id}/certificates/issue`)
    assert.equal(notYet.body.code, 'EVENT_NOT_ENDED')

    clock.setOffset(4 * HOUR)
    const db = ctx.app.database.db
    const deps = { db, config: ctx.config, clock }
    try {
      // A crash in the middle: the third certificate's transaction fails.
      await db.execute(sql`create sequence crash_seq`)
      await db.execute(sql`create function crash_third() returns trigger language plpgsql as $$
        begin if nextval('crash_seq') = 3 then raise exception 'queda simulada'; end if; return new; end $$`)
      await db.execute(
        sql`create trigger crash_third before insert on certificates for each row execute function crash_third()`,
      )
      await assert.rejects(issueCertificates(deps, t.tenantId, e.id), (err: Error) =>
        /queda simulada/.test(String((err.cause as Error | undefined)?.message ?? err.message)),
      )
      await db.execute(sql`drop trigger crash_third on certificates`)
      await db.execute(sql`drop function crash_third()`)
      await db.execute(sql`drop sequence crash_seq`)
      const count = async (q: ReturnType<typeof sql>) =>
        Number(((await db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n)
      assert.equal(await count(sql`select count(*)::int as n from certificates where event_id = ${e.id}`), 2)

      const again = await issueCertificates(deps, t.tenantId, e.id)
      assert.deepEqual(again, { issued: 2, cpfRequested: 1, more: false })
      const twice = await issueCertificates(deps, t.tenantId, e.id)
      assert.deepEqual(twice, { issued: 0, cpfRequested: 0, more: false }, 'running again changes nothing')
      const issue = await t.admin.post(`/api/v1/events/${e.id}/certificates/issue`)
      assert.equal(issue.status, 200)
      await ctx.app.jobs.drain()
      assert.equal(await count(sql`select count(*)::int as n from certificates where event_id = ${e.id}`), 4)
      assert.equal(
        await count(
          sql`select count(*)::int as n from mail_messages where template = 'event.certificate' and tenant_id = ${t.tenantId}`,
        ),
        4,
        'one e-mail per certificate',
      )
      for (const p of people) {
        const mails = mailsTo(p.email).filter((m) => /^Certificado/.test(m.subject ?? ''))
        assert.equal(mails.length, 1, p.email)
        const pdf = mails[0].attachments.find((a) => a.contentType === 'application/pdf')
        assert.ok(pdf, 'the PDF is attached')
      }
      assert.equal(
        mailsTo('vera@cliente.com.br').filter((m) => /^Certificado/.test(m.subject ?? '')).length,
        0,
      )

      // The PDF's text: name, masked CPF, event, workload, verification code.
      const lia = mailsTo(people[0].email).find((m) => /^Certificado/.test(m.subject ?? ''))!
      const dir = mkdtempSync(path.join(tmpdir(), 'cert-'))
      const file = path.join(dir, 'c.pdf')
      writeFileSync(file, lia.attachments.find((a) => a.contentType === 'application/pdf')!.content)
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' ')
      const code = /Código de verificação: ([A-Z0-9-]{14})/.exec(text)![1]
      assert.match(text, /CERTIFICADO/)
      assert.match(text, /Lia Campos/)
      assert.match(
        text,
        new RegExp(`\\*\\*\\*\\.${people[0].cpf.slice(3, 6)}\\.${people[0].cpf.slice(6, 9)}-\\*\\*`),
      )
      assert.match(text, /Curso de atendimento/)
      assert.match(text, /3,5 h/)

      const verify = await new TestClient(ctx.app).get(`/api/v1/public/certificates/${code}`)
      assert.equal(verify.body.status, 'valid')
      assert.equal(verify.body.participantName, 'Lia Campos')

      // The participant without a CPF was asked for it once, with a personal link.
      const ask = mailsTo('ugo@cliente.com.br').filter((m) => /Informe seu CPF/.test(m.subject ?? ''))
      assert.equal(ask.length, 1)
      const cpfToken = /\/evento\/cpf\/(\S+)/.exec(ask[0].text ?? '')![1]
      const anon = new TestClient(ctx.app)
      await anon.get('/api/v1/auth/session')
      assert.equal((await anon.get(`/api/v1/public/cpf/${cpfToken}`)).body.hasCpf, false)
      const bad = await anon.post(`/api/v1/public/cpf/${cpfToken}`, { cpf: '123.456.789-00' })
      assert.equal(bad.status, 400)
      const ok = await anon.post(`/api/v1/public/cpf/${cpfToken}`, { cpf: makeCpf() })
      assert.equal(ok.body.hasCpf, true, JSON.stringify(ok.body))
      await ctx.app.jobs.drain()
      assert.equal(
        mailsTo('ugo@cliente.com.br').filter((m) => /^Certificado/.test(m.subject ?? '')).length,
        1,
      )

      // Revoke and re-issue: versioned, the old code says "revogado".
      const list = (await t.admin.get(`/api/v1/events/${e.id}/registrations?search=lia`)).body.items[0]
      const revoked = await t.admin.post(`/api/v1/certificates/${list.certificate.id}/revoke`, {
        reason: 'Nome digitado errado',
      })
      assert.equal(revoked.body.status, 'revoked')
      assert.equal((await anon.get(`/api/v1/public/certificates/${code}`)).body.status, 'revoked')
      assert.equal(
        (await t.admin.post(`/api/v1/certificates/${list.certificate.id}/revoke`, { reason: 'de novo' })).body
          .code,
        'CERTIFICATE_REVOKED',
      )
      const reissued = await t.admin.post(`/api/v1/certificates/${list.certificate.id}/reissue`)
      assert.equal(reissued.body.version, 2)
      assert.notEqual(reissued.body.code, code)
      assert.equal(
        (await t.admin.post(`/api/v1/certificates/${list.certificate.id}/reissue`)).body.code,
        'CERTIFICATE_STILL_VALID',
      )
      assert.equal(
        (await other.admin.post(`/api/v1/certificates/${reissued.body.id}/revoke`, { reason: 'alheio' }))
          .status,
        404,
      )
      void absent
    } finally {
      clock.setOffset(0)
    }
  })

  test("training gate: an untrained unit's invitations are held until its attendance is recorded; a trained unit's go at once", async () => {
    const cnpj = makeCnpj()
    const ficha = (email: string) => ({
      senderName: 'Marta Secretária',
      senderEmail: 'marta@orgao.gov.br',
      data: {
        organization: { name: 'Secretaria de Treinos', document: cnpj },
        unit: { name: 'Unidade Centro' },
        responsible: { name: 'Marta Secretária', email: 'marta@orgao.gov.br', phone: '(27) 3636-1000' },
        users: [{ name: 'Paula Usuária', email, profile: 'Solicitante' }],
      },
    })
    async function registerFicha(email: string) {
      const created = await t.admin.post('/api/v1/fichas', ficha(email))
      assert.equal(created.status, 201, JSON.stringify(created.body))
      const id = created.body.id
      for (const to of ['em_verificacao', 'completa']) {
        assert.equal((await t.admin.post(`/api/v1/fichas/${id}/transition`, { to })).status, 200, to)
      }
      await t.admin.post(`/api/v1/fichas/${id}/transition`, {
        to: 'encaminhada',
        forwardTo: 'cadastro@parceiro.com.br',
      })
      const registered = await t.admin.post(`/api/v1/fichas/${id}/register`)
      assert.equal(registered.status, 200, JSON.stringify(registered.body))
      return registered.body as { id: string; status: string }
    }

    const first = await registerFicha('paula@orgao.gov.br')
    assert.equal(first.status, 'aguardando_treinamento')
    await ctx.app.jobs.drain()
    assert.equal(mailsTo('paula@orgao.gov.br').length, 0, 'held: no invitation yet')
    const org = (await t.admin.get(`/api/v1/client-orgs?search=${cnpj}`)).body.items[0]
    let held = (await t.admin.get('/api/v1/training/held-invitations')).body.items
    assert.deepEqual(
      held.map((u: { clientOrgName: string; heldCount: number; training: unknown }) => [
        u.clientOrgName,
        u.heldCount,
        u.training,
      ]),
      [['Secretaria de Treinos', 1, null]],
    )

    const training = await createEvent(t.admin, {
      description: 'Treinamento da Unidade Centro',
      typeId: typeTraining,
      clientOrgId: org.id,
      ...period(2, 2),
    })
    held = (await t.admin.get('/api/v1/training/held-invitations')).body.items
    assert.equal(held[0].training.eventId, training.id)
    const paula = (await t.admin.get('/api/v1/client-users?search=paula')).body.items[0]
    const reg = await t.admin.post(`/api/v1/events/${training.id}/registrations`, { clientUserId: paula.id })
    assert.equal(reg.status, 201, JSON.stringify(reg.body))
    assert.equal(reg.body.clientOrgName, 'Secretaria de Treinos')

    const marked = await t.admin.post(
      `/api/v1/events/${training.id}/registrations/${reg.body.id}/attendance`,
      {
        present: true,
      },
    )
    assert.equal(marked.status, 200)
    await ctx.app.jobs.drain()
    const invitation = mailsTo('paula@orgao.gov.br').find((m) => /convidou você/.test(m.subject ?? ''))
    assert.ok(invitation, 'the held invitation went out when the attendance was recorded')
    assert.ok((await t.admin.get(`/api/v1/client-orgs/${org.id}`)).body.trainedAt, 'the unit is "Treinada"')
    assert.equal((await t.admin.get('/api/v1/training/held-invitations')).body.items.length, 0)
    assert.equal((await t.admin.get(`/api/v1/fichas/${first.id}`)).body.status, 'cadastrada')
    assert.equal(
      (await t.admin.get('/api/v1/client-users?search=paula')).body.items[0].invitation.status,
      'sent',
    )

    // The unit is trained now: a new ficha's users are invited at once.
    const second = await registerFicha('quintino@orgao.gov.br')
    assert.equal(second.status, 'cadastrada')
    await ctx.app.jobs.drain()
    assert.equal(mailsTo('quintino@orgao.gov.br').length, 1)

    // With the tenant's gate on, "Enviar agora" in the users wizard also waits for an untrained company.
    assert.equal((await t.admin.patch('/api/v1/settings', { invitationsAwaitTraining: true })).status, 200)
    const fresh = await createOrg(t, 'Unidade Nova Ltda')
    const deptos = (await t.admin.get('/api/v1/departments')).body.items as { id: string }[]
    const wizard = (email: string, companyIds: string[]) => ({
      name: 'Rita Nova',
      email,
      cpf: '',
      phone: '',
      portalActive: true,
      isDemo: false,
      departments: [{ departmentId: deptos[0].id, level: 'revisor' }],
      companyIds,
      permissions: [],
      notifications: { documents: 'email', billing: 'email' },
      send: 'now',
    })
    assert.equal(
      (await t.admin.post('/api/v1/client-users', wizard('rita@nova.com.br', [fresh.id]))).status,
      201,
    )
    assert.equal(
      (await t.admin.post('/api/v1/client-users', wizard('sol@treinada.com.br', [org.id]))).status,
      201,
    )
    await ctx.app.jobs.drain()
    assert.equal(mailsTo('rita@nova.com.br').length, 0, 'untrained company: held')
    assert.equal(mailsTo('sol@treinada.com.br').length, 1, 'trained company: at once')
    held = (await t.admin.get('/api/v1/training/held-invitations')).body.items
    assert.deepEqual(
      held.map((u: { clientOrgName: string }) => u.clientOrgName),
      ['Unidade Nova Ltda'],
    )
    await t.admin.patch('/api/v1/settings', { invitationsAwaitTraining: false })
  })

  test('client users who chose "Sistema" for events find the status change in the portal inbox; everyone still gets the e-mail', async () => {
    const org = await createOrg(t, 'Empresa dos Avisos Ltda')
    const nina = await portalUser('Nina Sistema', 'nina@avisos.com.br', org.id, { events: 'system' })
    const edu = await portalUser('Edu Email', 'edu@avisos.com.br', org.id, { events: 'email' })
    const e = await createEvent(t.admin, {
      description: 'Treinamento de avisos',
      publicRegistration: true,
      ...period(48),
    })
    for (const c of [nina.client, edu.client])
      assert.equal((await c.post(`/api/v1/portal/events/${e.id}/register`)).status, 200)
    await ctx.app.jobs.drain()
    const changed = await put(t.admin, `/api/v1/events/${e.id}`, {
      description: e.description,
      typeId: typeMeeting,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      publicRegistration: true,
      status: 'confirmado',
      notifyParticipants: true,
    })
    assert.equal(changed.status, 200, JSON.stringify(changed.body))
    await ctx.app.jobs.drain()
    const inbox = (await nina.client.get('/api/v1/portal/notifications')).body
    assert.equal(inbox.unread, 1)
    assert.equal(inbox.items[0].title, 'Evento confirmado: Treinamento de avisos')
    assert.equal(inbox.items[0].body, 'O evento "Treinamento de avisos" está confirmado.')
    assert.equal(inbox.items[0].link, '/portal/eventos')
    assert.equal((await edu.client.get('/api/v1/portal/notifications')).body.total, 0, '"E-mail": no notice')
    for (const email of ['nina@avisos.com.br', 'edu@avisos.com.br'])
      assert.ok(mailsTo(email).some((m) => m.subject === 'Evento confirmado: Treinamento de avisos'))
  })

  test('the portal: a client user registers, joins, registers the CPF and downloads the certificate; exports neutralise formulas', async () => {
    const org = await createOrg(t, 'Empresa do Portal Ltda')
    const { client: wanda } = await portalUser('Wanda Portal', 'wanda@portal.com.br', org.id, {
      documents: 'email',
      billing: 'email',
    })

    const open = await createEvent(t.admin, {
      description: '=HYPERLINK("http://mal.example") Oficina aberta',
      publicRegistration: true,
      onlineUrl: 'https://zoom.us/j/123',
      ...period(1, 1),
    })
    const closed = await createEvent(t.admin, {
      description: 'Reunião interna de outra empresa',
      ...period(30),
    })
    const before = (await wanda.get('/api/v1/portal/events')).body
    assert.equal(before.hasCpf, false)
    assert.ok(before.open.some((e: { eventId: string }) => e.eventId === open.id))
    assert.ok(
      !before.open.some((e: { eventId: string }) => e.eventId === closed.id),
      'not open to this company',
    )
    assert.equal((await wanda.post(`/api/v1/portal/events/${closed.id}/register`)).status, 403)
    const mine = await wanda.post(`/api/v1/portal/events/${open.id}/register`)
    assert.equal(mine.status, 200, JSON.stringify(mine.body))
    assert.equal(mine.body.registrationStatus, 'inscrito')
    assert.match(mine.body.joinUrl, /\/entrar\//)
    assert.equal(mine.body.certificatesDueOn.length, 10)
    // Staff cannot read it through another tenant; the portal user cannot use staff endpoints.
    assert.equal((await wanda.get(`/api/v1/events/${open.id}`)).status, 403)

    clock.setOffset(0.5 * HOUR)
    try {
      const joined = await new TestClient(ctx.app).get(new URL(mine.body.joinUrl).pathname)
      assert.equal(joined.headers.location, 'https://zoom.us/j/123')
      clock.setOffset(2 * HOUR)
      const after = (await wanda.get('/api/v1/portal/events')).body.mine.find(
        (e: { eventId: string }) => e.eventId === open.id,
      )
      assert.ok(after.attendedAt)
      assert.equal(after.needsCpf, true, 'attended, no CPF: the portal asks for it')
      const deps = { db: ctx.app.database.db, config: ctx.config, clock }
      assert.deepEqual(await issueCertificates(deps, t.tenantId, open.id), {
        issued: 0,
        cpfRequested: 1,
        more: false,
      })
      const badCpf = await wanda.request('PUT', '/api/v1/portal/cpf', { cpf: '111.111.111-11' })
      assert.equal(badCpf.status, 400)
      assert.equal((await wanda.request('PUT', '/api/v1/portal/cpf', { cpf: makeCpf() })).status, 200)
      await ctx.app.jobs.drain()
      const done = (await wanda.get('/api/v1/portal/events')).body
      assert.equal(done.hasCpf, true)
      const item = done.mine.find((e: { eventId: string }) => e.eventId === open.id)
      assert.ok(item.certificate, 'the certificate shows in the portal')
      const pdf = await wanda.get(item.certificate.pdfUrl)
      assert.equal(pdf.status, 200)
      assert.equal(pdf.headers['content-type'], 'application/pdf')
      assert.equal((await other.admin.get(`/api/v1/certificates/${item.certificate.id}/pdf`)).status, 404)

      // Exports: a cell that starts with = + - @ is prefixed with an apostrophe, never run as a formula.
      await ctx.app.database.db.execute(
        sql`insert into event_registrations (tenant_id, event_id, name, email, status, source)
            values (${t.tenantId}, ${open.id}, '=2+3 Planilha', 'formula@x.com.br', 'espera', 'staff')`,
      )
      const csv = await t.admin.get(`/api/v1/events/${open.id}/attendance.csv`)
      assert.equal(csv.status, 200)
      assert.match(String(csv.body), /^\uFEFFNome;E-mail;CPF;Empresa;Situação/)
      assert.match(String(csv.body), /\r\n'=2\+3 Planilha;formula@x\.com\.br;/)
      assert.match(
        String(csv.body),
        /Wanda Portal;wanda@portal\.com\.br;\*\*\*\.\d{3}\.\d{3}-\*\*;Empresa do Portal Ltda;Inscrito/,
      )
      const xlsxRes = await ctx.app.inject({
        url: `/api/v1/events/${open.id}/attendance.xlsx`,
        headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      })
      assert.equal(xlsxRes.statusCode, 200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(xlsxRes.rawPayload as unknown as ArrayBuffer)
      const ws = wb.getWorksheet('Presença')!
      assert.match(String(ws.getCell('A1').value), /^'?\d+ — =HYPERLINK/)
      assert.equal(ws.getCell('A3').value, 'Wanda Portal')
      assert.equal(ws.getCell('A4').value, "'=2+3 Planilha")
      assert.equal(ws.getCell('A4').formula, undefined)
      assert.ok(ws.getCell('G3').value, 'attendance time exported')
      assert.equal(typeof ws.getCell('A1').value, 'string', 'a string, never a formula')

      // The sheet respects the list's filters: a search, a status, an unknown status refused.
      const searched = String(
        (await t.admin.get(`/api/v1/events/${open.id}/attendance.csv?search=WANDA`)).body,
      )
      assert.match(searched, /Wanda Portal/)
      assert.doesNotMatch(searched, /Planilha/)
      const byStatus = await ctx.app.inject({
        url: `/api/v1/events/${open.id}/attendance.xlsx?status=espera`,
        headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      })
      const filtered = new ExcelJS.Workbook()
      await filtered.xlsx.load(byStatus.rawPayload as unknown as ArrayBuffer)
      const names: string[] = []
      filtered.getWorksheet('Presença')!.eachRow((r, n) => {
        if (n > 2) names.push(String(r.getCell(1).value))
      })
      assert.deepEqual(names, ["'=2+3 Planilha"], 'only the participant on the waiting list')
      const badStatus = await t.admin.get(`/api/v1/events/${open.id}/attendance.csv?status=fantasma`)
      assert.equal(badStatus.status, 400)
    } finally {
      clock.setOffset(0)
    }
  })

  test('the art: a real image, shrunk to 1600 px, metadata dropped, served on the public page; anything else refused', async () => {
    const e = await createEvent(t.admin, { description: 'Evento com arte', publicRegistration: true })
    const upload = (bytes: Buffer, filename: string, type: string) =>
      t.admin.upload('PUT', `/api/v1/events/${e.id}/art`, filename, bytes, type)
    const photo = await sharp({ create: { width: 3200, height: 1800, channels: 3, background: '#1c7ed6' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'Fotógrafo' } } })
      .toBuffer()
    const saved = await upload(photo, 'arte.jpg', 'image/jpeg')
    assert.equal(saved.status, 200, JSON.stringify(saved.body))
    assert.ok(saved.body.artUrl)
    const pub = await new TestClient(ctx.app).get(`/api/v1/public/events/${e.slug}`)
    assert.equal(pub.body.artUrl, saved.body.artUrl)
    const img = await ctx.app.inject({ url: saved.body.artUrl })
    assert.equal(img.statusCode, 200)
    assert.equal(img.headers['content-type'], 'image/jpeg')
    const meta = await sharp(img.rawPayload).metadata()
    assert.deepEqual([meta.width, meta.height], [1600, 900])
    assert.equal(meta.exif, undefined, 'metadata dropped')

    const fake = await upload(Buffer.from('não sou uma imagem'), 'arte.png', 'image/png')
    assert.equal(fake.status, 400)
    assert.equal(fake.body.code, 'ART_INVALID')
    const broken = await upload(
      Buffer.concat([photo.subarray(0, 200), Buffer.alloc(500)]),
      'arte.jpg',
      'image/jpeg',
    )
    assert.equal(broken.status, 400)
    assert.match(broken.body.message, /corrompida|PNG, JPEG ou WebP/)
  })

  test("the tenant's logo is printed on the certificates", async () => {
    const logo = await sharp({ create: { width: 1200, height: 400, channels: 4, background: '#e8590c' } })
      .png()
      .toBuffer()
    const put = await t.admin.upload('PUT', '/api/v1/settings/logo', 'logo.png', logo, 'image/png')
    assert.equal(put.status, 200, JSON.stringify(put.body))
    const stored = await ctx.app.inject({
      url: '/api/v1/settings/logo',
      headers: { cookie: [...t.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    const meta = await sharp(stored.rawPayload).metadata()
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 600, 200], 'shrunk to 600 px')
    assert.equal(
      (await other.admin.get('/api/v1/settings/logo')).status,
      404,
      "another tenant's logo is not shared",
    )

    const e = await createEvent(t.admin, { description: 'Evento com logotipo', ...period(1, 1) })
    const r = await register(e.id, 'Yara Logo', 'yara@cliente.com.br', makeCpf())
    await t.admin.post(`/api/v1/events/${e.id}/registrations/${r.id}/attendance`, { present: true })
    clock.setOffset(3 * HOUR)
    try {
      await issueCertificates({ db: ctx.app.database.db, config: ctx.config, clock }, t.tenantId, e.id)
    } finally {
      clock.setOffset(0)
    }
    await ctx.app.jobs.drain()
    const mail = mailsTo('yara@cliente.com.br').find((m) => /^Certificado/.test(m.subject ?? ''))!
    const dir = mkdtempSync(path.join(tmpdir(), 'logo-'))
    const file = path.join(dir, 'c.pdf')
    writeFileSync(file, mail.attachments.find((a) => a.contentType === 'application/pdf')!.content)
    const images = execFileSync('pdfimages', ['-list', file]).toString('utf8')
    assert.match(images, /\b600\s+200\b/, 'the logo is drawn on the page')
    assert.equal((await t.admin.delete('/api/v1/settings/logo')).body.hasLogo, false)
  })
})
