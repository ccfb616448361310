import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { bookSlotInTx } from '#server/modules/agenda/index.ts'
import {
  parseHm,
  SLOT_MINUTES,
  todayIn,
  addDays,
  weekdayOf,
  zonedInstant,
} from '#server/modules/agenda/agenda.slots.ts'
import { agendaBookings } from '#server/modules/agenda/agenda.tables.ts'
import { systemActor } from '#server/platform/actor.ts'
import { createClock } from '#server/platform/clock.ts'
import { isExclusionViolation } from '#server/platform/errors.ts'
import { createOrg } from '../factories/client-users.ts'
import { createStaffClient, createTenant, type TenantFixture } from '../factories/tenants.ts'
import { startTestApp, type TestContext } from '../helpers/app.ts'

const WEEK = {
  '1': [
    ['08:00', '12:00'],
    ['13:00', '18:00'],
  ],
} as Record<string, [string, string][]>
for (const d of ['2', '3', '4', '5']) WEEK[d] = WEEK['1']

/** An instant (ISO) of a São Paulo wall-clock time. */
function at(date: string, hm: string): string {
  return new Date(zonedInstant(date, parseHm(hm)!)).toISOString()
}

/** The first Monday–Friday at least `days` days after today (São Paulo). */
function weekdayAfter(days: number): string {
  let d = addDays(todayIn(new Date()), days)
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d = addDays(d, 1)
  return d
}
function nextSunday(): string {
  let d = addDays(todayIn(new Date()), 1)
  while (weekdayOf(d) !== 0) d = addDays(d, 1)
  return d
}

type Booking = { id: string; technicianId: string; status: string; [k: string]: unknown }

describe('agenda de instalações', () => {
  const clock = createClock()
  let ctx: TestContext
  let t: TenantFixture
  let other: TenantFixture
  let roleId: string
  let techId: string
  let clientOrgId: string
  const day = weekdayAfter(10)

  before(async () => {
    ctx = await startTestApp({ deps: { clock } })
    t = await createTenant(ctx.app, ctx.config)
    other = await createTenant(ctx.app, ctx.config)
    clientOrgId = (await createOrg(t, 'Padaria Pão Quente Ltda')).id
  })
  after(() => ctx.close())

  async function book(body: Record<string, unknown>, client = t.admin) {
    return client.post<Booking & { code?: string; message?: string }>('/api/v1/agenda/bookings', body)
  }

  test('cargos: criação, lista, alteração, nome repetido e horário inválido em pt-BR', async () => {
    const created = await t.admin.post('/api/v1/agenda/roles', { name: 'Instalador', workingHours: WEEK })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    roleId = created.body.id
    assert.deepEqual(created.body.workingHours['1'], [
      ['08:00', '12:00'],
      ['13:00', '18:00'],
    ])
    assert.equal(created.body.technicianCount, 0)

    const dup = await t.admin.post('/api/v1/agenda/roles', { name: 'instalador', workingHours: {} })
    assert.equal(dup.status, 409)
    assert.equal(dup.body.code, 'AGENDA_ROLE_DUPLICATE')
    assert.equal(dup.body.message, 'Já existe um cargo com este nome.')

    const bad = await t.admin.post('/api/v1/agenda/roles', {
      name: 'X',
      workingHours: {
        '1': [
          ['10:00', '09:00'],
          ['08:00', '12:00'],
          ['11:00', '13:00'],
        ],
        '2': [['08:10', '12:00']],
        '3': [['8h', '12:00']],
        '7': [],
      },
    })
    assert.equal(bad.status, 400)
    assert.equal(bad.body.code, 'VALIDATION_ERROR')
    assert.equal(bad.body.fields.name, 'Informe o nome do cargo.')
    assert.equal(bad.body.fields['workingHours.3.0.0'], 'Horário inválido (use HH:MM).')
    assert.equal(bad.body.fields['workingHours.7'], 'Campo não permitido.')
    const again = await t.admin.post('/api/v1/agenda/roles', {
      name: 'Outro',
      workingHours: {
        '1': [
          ['10:00', '09:00'],
          ['08:00', '12:00'],
          ['11:00', '13:00'],
        ],
        '2': [['08:10', '12:00']],
      },
    })
    assert.equal(again.status, 400)
    assert.equal(again.body.fields['workingHours.1.0'], 'O fim precisa ser depois do início (10:00–09:00).')
    assert.equal(again.body.fields['workingHours.1.2'], 'Os períodos 08:00–12:00 e 11:00–13:00 se sobrepõem.')
    assert.equal(again.body.fields['workingHours.2.0'], 'Use horários de 15 em 15 minutos (08:10–12:00).')

    const renamed = await t.admin.patch(`/api/v1/agenda/roles/${roleId}`, { name: 'Instalador de fibra' })
    assert.equal(renamed.status, 200)
    assert.equal(renamed.body.name, 'Instalador de fibra')
    const list = await t.admin.get('/api/v1/agenda/roles')
    assert.deepEqual(
      list.body.items.map((r: { name: string }) => r.name),
      ['Instalador de fibra'],
    )
  })

  test('técnicos: criação com o horário do cargo, telefone e cargo validados, alteração', async () => {
    const created = await t.admin.post('/api/v1/agenda/technicians', {
      name: 'Carlos Técnico',
      phone: '(27) 99999-1234',
      roleId,
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    techId = created.body.id
    assert.equal(created.body.phone, '+5527999991234')
    assert.equal(created.body.roleName, 'Instalador de fibra')
    assert.equal(created.body.workingHours, null)
    assert.deepEqual(created.body.effectiveWorkingHours['1'], WEEK['1'])
    assert.equal(created.body.isActive, true)

    const badPhone = await t.admin.post('/api/v1/agenda/technicians', { name: 'Z', phone: '123', roleId })
    assert.equal(badPhone.status, 400)
    assert.equal(badPhone.body.fields.phone, 'Telefone inválido. Use DDD + número.')
    assert.equal(badPhone.body.fields.name, 'Informe o nome completo.')
    const noRole = await t.admin.post('/api/v1/agenda/technicians', {
      name: 'Sem Cargo',
      roleId: '3f1c2b9a-5d4e-4f6a-8b7c-1d2e3f4a5b6c',
    })
    assert.equal(noRole.status, 404)
    assert.equal(noRole.body.code, 'AGENDA_ROLE_NOT_FOUND')

    const own = await t.admin.post('/api/v1/agenda/technicians', {
      name: 'Diana Meio Período',
      roleId,
      workingHours: { '1': [['08:00', '12:00']] },
    })
    assert.equal(own.status, 201)
    const off = await t.admin.patch(`/api/v1/agenda/technicians/${own.body.id}`, { isActive: false })
    assert.equal(off.status, 200)
    assert.equal(off.body.isActive, false)
    assert.deepEqual(off.body.workingHours, { '1': [['08:00', '12:00']] })
    const back = await t.admin.patch(`/api/v1/agenda/technicians/${own.body.id}`, { workingHours: null })
    assert.equal(back.body.workingHours, null)
    const refused = await book({
      technicianId: own.body.id,
      startsAt: at(day, '08:00'),
      endsAt: at(day, '09:00'),
    })
    assert.equal(refused.status, 409)
    assert.equal(refused.body.code, 'AGENDA_TECHNICIAN_INACTIVE')

    const list = await t.admin.get(`/api/v1/agenda/technicians?roleId=${roleId}&active=true`)
    assert.deepEqual(
      list.body.items.map((x: { name: string }) => x.name),
      ['Carlos Técnico'],
    )
    const role = await t.admin.get('/api/v1/agenda/roles')
    assert.equal(role.body.items[0].technicianCount, 1)
  })

  test('agendamento no expediente; dia com ocupado e livres; fora do horário recusado com o horário', async () => {
    const res = await book({
      technicianId: techId,
      startsAt: at(day, '09:00'),
      endsAt: at(day, '10:00'),
      clientOrgId,
      contactName: 'Maria da Padaria',
      contactPhone: '27 3333-4444',
      notes: 'Portão azul',
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.status, 'agendado')
    assert.equal(res.body.clientOrgName, 'Padaria Pão Quente Ltda')
    assert.equal(res.body.contactPhone, '+552733334444')
    assert.equal(res.body.technicianName, 'Carlos Técnico')

    const view = await t.admin.get(`/api/v1/agenda/day?date=${day}&technicianId=${techId}`)
    assert.equal(view.status, 200, JSON.stringify(view.body))
    assert.equal(view.body.slotMinutes, SLOT_MINUTES)
    assert.equal(view.body.role, null)
    const [col] = view.body.technicians
    assert.deepEqual(col.working, [
      { startsAt: at(day, '08:00'), endsAt: at(day, '12:00') },
      { startsAt: at(day, '13:00'), endsAt: at(day, '18:00') },
    ])
    assert.equal(col.bookings.length, 1)
    assert.equal(col.bookings[0].contactName, 'Maria da Padaria')
    assert.equal(col.bookings[0].clientOrgName, 'Padaria Pão Quente Ltda')
    assert.deepEqual(col.free, [
      { startsAt: at(day, '08:00'), endsAt: at(day, '09:00') },
      { startsAt: at(day, '10:00'), endsAt: at(day, '12:00') },
      { startsAt: at(day, '13:00'), endsAt: at(day, '18:00') },
    ])
    const starts = col.slots.map((s: { startsAt: string }) => s.startsAt)
    assert.ok(starts.includes(at(day, '08:30')))
    assert.ok(!starts.includes(at(day, '09:00')))
    assert.ok(!starts.includes(at(day, '09:30')))
    assert.ok(starts.includes(at(day, '10:00')))
    assert.ok(!starts.includes(at(day, '12:00')), 'almoço não é livre')
    assert.equal(starts.length, 2 + 4 + 10)

    // Every active technician when neither is given.
    const all = await t.admin.get(`/api/v1/agenda/day?date=${day}`)
    assert.deepEqual(
      all.body.technicians.map((x: { name: string }) => x.name),
      ['Carlos Técnico'],
    )

    const lunch = await book({ technicianId: techId, startsAt: at(day, '11:30'), endsAt: at(day, '13:00') })
    assert.equal(lunch.status, 400)
    assert.equal(lunch.body.code, 'AGENDA_OUTSIDE_HOURS')
    assert.match(String(lunch.body.message), /08:00–12:00, 13:00–18:00/)
    assert.match(String(lunch.body.message), /Carlos Técnico/)
    const sunday = nextSunday()
    const closed = await book({
      technicianId: techId,
      startsAt: at(sunday, '09:00'),
      endsAt: at(sunday, '10:00'),
    })
    assert.equal(closed.status, 400)
    assert.equal(closed.body.code, 'AGENDA_OUTSIDE_HOURS')
    assert.match(String(closed.body.message), /não atende neste dia \(domingo\)/)

    const taken = await book({ technicianId: techId, startsAt: at(day, '09:30'), endsAt: at(day, '10:30') })
    assert.equal(taken.status, 409)
    assert.equal(taken.body.code, 'AGENDA_SLOT_TAKEN')
    assert.equal(
      taken.body.message,
      'Este horário acabou de ser reservado para o técnico. Escolha outro horário.',
    )
    // Touching the end of another booking is fine ([start, end)).
    const touching = await book({
      technicianId: techId,
      startsAt: at(day, '10:00'),
      endsAt: at(day, '10:30'),
    })
    assert.equal(touching.status, 201)
    await t.admin.post(`/api/v1/agenda/bookings/${touching.body.id}/cancel`, { reason: 'Teste de borda' })
  })

  test('validação do agendamento em pt-BR: técnico ou cargo, fim depois do início, no máximo 12 h', async () => {
    const none = await book({ startsAt: at(day, '09:00'), endsAt: at(day, '10:00') })
    assert.equal(none.status, 400)
    assert.equal((none.body as any).fields.technicianId, 'Escolha o técnico ou o cargo.')
    const both = await book({
      technicianId: techId,
      roleId,
      startsAt: at(day, '09:00'),
      endsAt: at(day, '10:00'),
    })
    assert.equal((both.body as any).fields.roleId, 'Escolha o técnico ou o cargo, não os dois.')
    const reversed = await book({
      technicianId: techId,
      startsAt: at(day, '10:00'),
      endsAt: at(day, '09:00'),
    })
    assert.equal((reversed.body as any).fields.endsAt, 'A hora final precisa ser depois da inicial.')
    const long = await book({ technicianId: techId, startsAt: at(day, '06:00'), endsAt: at(day, '18:30') })
    assert.equal((long.body as any).fields.endsAt, 'Um agendamento pode durar no máximo 12 horas.')
    const noZone = await book({ technicianId: techId, startsAt: `${day}T09:00:00`, endsAt: at(day, '10:00') })
    assert.equal(noZone.status, 400)
    assert.match((noZone.body as any).fields.startsAt, /Data e hora inválidas/)
    const badDay = await t.admin.get('/api/v1/agenda/day?date=2026-02-30')
    assert.equal(badDay.status, 400)
    assert.equal(badDay.body.fields.date, 'Data inválida (use AAAA-MM-DD).')
    const twoResources = await t.admin.get(
      `/api/v1/agenda/day?date=${day}&technicianId=${techId}&roleId=${roleId}`,
    )
    assert.equal(twoResources.status, 400)
  })

  test('horários que já passaram hoje não estão livres nem podem ser agendados', async () => {
    const today = weekdayAfter(20)
    // 10:04:30 there: free time starts at the next whole minute, 10:05.
    clock.setOffset(zonedInstant(today, parseHm('10:04')!) + 30_000 - Date.now())
    try {
      const view = await t.admin.get(`/api/v1/agenda/day?date=${today}&technicianId=${techId}`)
      const [col] = view.body.technicians
      assert.equal(col.slots[0].startsAt, at(today, '10:30'))
      assert.equal(col.free[0].startsAt, at(today, '10:05'))
      const past = await book({
        technicianId: techId,
        startsAt: at(today, '09:00'),
        endsAt: at(today, '09:30'),
      })
      assert.equal(past.status, 400)
      assert.equal(past.body.code, 'AGENDA_IN_PAST')
      const later = await book({
        technicianId: techId,
        startsAt: at(today, '10:30'),
        endsAt: at(today, '11:00'),
      })
      assert.equal(later.status, 201)
    } finally {
      clock.setOffset(0)
    }
  })

  test('8 pedidos simultâneos do mesmo horário do mesmo técnico: exatamente um agenda', async () => {
    const body = { technicianId: techId, startsAt: at(day, '14:00'), endsAt: at(day, '15:00') }
    const results = await Promise.all(Array.from({ length: 8 }, () => book(body)))
    const created = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status === 409)
    assert.equal(created.length, 1, JSON.stringify(results.map((r) => [r.status, r.body.code])))
    assert.equal(refused.length, 7)
    for (const r of refused) assert.equal(r.body.code, 'AGENDA_SLOT_TAKEN')
    const rows = await ctx.app.database.db
      .select()
      .from(agendaBookings)
      .where(
        and(eq(agendaBookings.technicianId, techId), eq(agendaBookings.startsAt, new Date(body.startsAt))),
      )
    assert.equal(rows.length, 1)
  })

  test('a restrição do banco sozinha impede dois agendamentos sobrepostos em transações paralelas', async () => {
    const db = ctx.app.database.db
    const insertAndHold = (from: string, to: string) =>
      db.transaction(async (tx) => {
        // No application check at all: straight to the table.
        await tx.insert(agendaBookings).values({
          tenantId: t.tenantId,
          technicianId: techId,
          startsAt: new Date(at(day, from)),
          endsAt: new Date(at(day, to)),
        })
        await new Promise((r) => setTimeout(r, 100))
      })
    const results = await Promise.allSettled([
      insertAndHold('16:00', '17:00'),
      insertAndHold('16:30', '17:30'),
    ])
    const ok = results.filter((r) => r.status === 'fulfilled')
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.equal(ok.length, 1)
    assert.equal(failed.length, 1)
    assert.ok(isExclusionViolation(failed[0].reason, 'agenda_bookings_no_overlap'), String(failed[0].reason))

    // A cancelled booking does not block the period.
    await db.transaction(async (tx) => {
      await tx.insert(agendaBookings).values({
        tenantId: t.tenantId,
        technicianId: techId,
        startsAt: new Date(at(day, '16:00')),
        endsAt: new Date(at(day, '17:00')),
        status: 'cancelado',
      })
    })
  })

  test('por cargo: o primeiro técnico livre; dois pedidos simultâneos ficam com técnicos diferentes; o terceiro recebe AGENDA_ROLE_FULL', async () => {
    const role = await t.admin.post('/api/v1/agenda/roles', { name: 'Suporte de campo', workingHours: WEEK })
    const rid = role.body.id
    const bruno = await t.admin.post('/api/v1/agenda/technicians', { name: 'Bruno Campo', roleId: rid })
    const ana = await t.admin.post('/api/v1/agenda/technicians', { name: 'Ana Campo', roleId: rid })

    const first = await book({ roleId: rid, startsAt: at(day, '08:00'), endsAt: at(day, '09:00') })
    assert.equal(first.status, 201, JSON.stringify(first.body))
    assert.equal(first.body.technicianId, ana.body.id, 'Ana vem antes de Bruno por nome')
    assert.equal(first.body.roleId, rid)
    assert.equal(first.body.roleName, 'Suporte de campo')
    const second = await book({ roleId: rid, startsAt: at(day, '08:30'), endsAt: at(day, '09:30') })
    assert.equal(second.body.technicianId, bruno.body.id, 'Ana está ocupada: Bruno')

    const slot = { roleId: rid, startsAt: at(day, '15:00'), endsAt: at(day, '16:00') }
    const pair = await Promise.all([book(slot), book(slot)])
    assert.deepEqual(
      pair.map((r) => r.status),
      [201, 201],
      JSON.stringify(pair.map((r) => r.body)),
    )
    assert.deepEqual(new Set(pair.map((r) => r.body.technicianId)), new Set([ana.body.id, bruno.body.id]))
    const third = await book(slot)
    assert.equal(third.status, 409)
    assert.equal(third.body.code, 'AGENDA_ROLE_FULL')
    assert.match(third.body.message as string, /Suporte de campo/)

    const view = await t.admin.get(`/api/v1/agenda/day?date=${day}&roleId=${rid}`)
    assert.equal(view.status, 200)
    assert.equal(view.body.role.name, 'Suporte de campo')
    assert.deepEqual(
      view.body.technicians.map((x: { name: string }) => x.name),
      ['Ana Campo', 'Bruno Campo'],
    )
    const merged = new Map<string, string[]>(
      view.body.role.slots.map((s: { startsAt: string; technicianIds: string[] }) => [
        s.startsAt,
        s.technicianIds,
      ]),
    )
    assert.ok(!merged.has(at(day, '15:00')), 'os dois ocupados: não é livre')
    assert.ok(!merged.has(at(day, '08:30')))
    assert.deepEqual(merged.get(at(day, '09:00')), [ana.body.id], 'só Ana está livre às 09:00')
    assert.deepEqual(merged.get(at(day, '10:00'))?.length, 2)
    assert.deepEqual(view.body.role.free.slice(0, 2), [
      { startsAt: at(day, '08:00'), endsAt: at(day, '08:30') },
      { startsAt: at(day, '09:00'), endsAt: at(day, '12:00') },
    ])

    const outside = await book({ roleId: rid, startsAt: at(day, '19:00'), endsAt: at(day, '20:00') })
    assert.equal(outside.status, 400)
    assert.equal(outside.body.code, 'AGENDA_OUTSIDE_HOURS')
  })

  test('reagendar e cancelar liberam o horário', async () => {
    const first = await book({
      technicianId: techId,
      startsAt: at(day, '13:00'),
      endsAt: at(day, '13:30'),
      clientOrgId,
      contactName: 'Seu Jorge',
    })
    assert.equal(first.status, 201)
    // Extending over its own period works: the old booking is cancelled in the same transaction.
    const moved = await t.admin.post(`/api/v1/agenda/bookings/${first.body.id}/reschedule`, {
      startsAt: at(day, '13:00'),
      endsAt: at(day, '14:00'),
    })
    assert.equal(moved.status, 200, JSON.stringify(moved.body))
    assert.equal(moved.body.previous.status, 'cancelado')
    assert.equal(moved.body.previous.rescheduledToId, moved.body.booking.id)
    assert.equal(moved.body.booking.contactName, 'Seu Jorge')
    assert.equal(moved.body.booking.clientOrgId, clientOrgId)

    // 15:00–16:00: free whichever of the two parallel inserts of the constraint test won (16:00 or 16:30).
    const later = await t.admin.post(`/api/v1/agenda/bookings/${moved.body.booking.id}/reschedule`, {
      startsAt: at(day, '15:00'),
      endsAt: at(day, '16:00'),
    })
    assert.equal(later.status, 200, JSON.stringify(later.body))
    const newId = later.body.booking.id
    let view = await t.admin.get(`/api/v1/agenda/day?date=${day}&technicianId=${techId}`)
    let starts = view.body.technicians[0].slots.map((s: { startsAt: string }) => s.startsAt)
    assert.ok(starts.includes(at(day, '13:00')), 'o horário antigo ficou livre')
    assert.ok(!starts.includes(at(day, '15:00')))

    const stale = await t.admin.post(`/api/v1/agenda/bookings/${first.body.id}/cancel`, {
      reason: 'Tarde demais',
    })
    assert.equal(stale.status, 409)
    assert.equal(stale.body.code, 'AGENDA_BOOKING_NOT_ACTIVE')
    const noReason = await t.admin.post(`/api/v1/agenda/bookings/${newId}/cancel`, { reason: '' })
    assert.equal(noReason.status, 400)
    assert.equal(noReason.body.fields.reason, 'Informe o motivo do cancelamento.')
    const cancelled = await t.admin.post(`/api/v1/agenda/bookings/${newId}/cancel`, {
      reason: 'Cliente viajou',
    })
    assert.equal(cancelled.status, 200)
    assert.equal(cancelled.body.status, 'cancelado')
    assert.equal(cancelled.body.cancelReason, 'Cliente viajou')
    view = await t.admin.get(`/api/v1/agenda/day?date=${day}&technicianId=${techId}`)
    starts = view.body.technicians[0].slots.map((s: { startsAt: string }) => s.startsAt)
    assert.ok(starts.includes(at(day, '15:00')), 'cancelado: livre de novo')
    const again = await book({ technicianId: techId, startsAt: at(day, '15:00'), endsAt: at(day, '16:00') })
    assert.equal(again.status, 201)

    const listed = await t.admin.get(
      `/api/v1/agenda/bookings?clientOrgId=${clientOrgId}&from=${day}&to=${day}`,
    )
    assert.equal(listed.status, 200)
    assert.deepEqual(
      listed.body.items.map((b: Booking) => b.status),
      ['agendado', 'cancelado', 'cancelado', 'cancelado'],
    )
    const active = await t.admin.get(`/api/v1/agenda/bookings?clientOrgId=${clientOrgId}&status=agendado`)
    assert.equal(active.body.items.length, 1)
    const one = await t.admin.get(`/api/v1/agenda/bookings/${newId}`)
    assert.equal(one.body.status, 'cancelado')
  })

  test('bookSlotInTx agenda dentro da transação de quem chama e desfaz junto', async () => {
    const actor = systemActor(t.tenantId)
    const input = { technicianId: techId, startsAt: at(day, '11:00'), endsAt: at(day, '12:00') }
    await assert.rejects(
      ctx.app.database.db.transaction(async (tx) => {
        const b = await bookSlotInTx(tx, actor, input)
        assert.equal(b.status, 'agendado')
        throw new Error('plano recusado')
      }),
      /plano recusado/,
    )
    const rows = await ctx.app.database.db
      .select()
      .from(agendaBookings)
      .where(eq(agendaBookings.startsAt, new Date(input.startsAt)))
    assert.equal(rows.length, 0, 'desfeito com a transação')
    const b = await ctx.app.database.db.transaction((tx) => bookSlotInTx(tx, actor, input))
    assert.equal(b.technicianName, 'Carlos Técnico')
  })

  test('permissões: sem agenda:manage nem plans:manage não lê; o perfil Técnico agenda', async () => {
    const operator = await createStaffClient(ctx.app, t, 'Operador')
    const denied = await operator.client.get('/api/v1/agenda/roles')
    assert.equal(denied.status, 403)
    const tech = await createStaffClient(ctx.app, t, 'Técnico')
    const allowed = await tech.client.get(`/api/v1/agenda/day?date=${day}`)
    assert.equal(allowed.status, 200)
  })

  test('outro inquilino não vê nem altera cargos, técnicos e agendamentos, nem agenda o técnico', async () => {
    const [booking] = (await t.admin.get(`/api/v1/agenda/bookings?technicianId=${techId}&status=agendado`))
      .body.items as Booking[]
    const o = other.admin
    assert.equal((await o.patch(`/api/v1/agenda/roles/${roleId}`, { name: 'Invasor' })).status, 404)
    assert.equal((await o.patch(`/api/v1/agenda/technicians/${techId}`, { name: 'Invasor' })).status, 404)
    assert.equal((await o.get(`/api/v1/agenda/bookings/${booking.id}`)).status, 404)
    assert.equal(
      (await o.post(`/api/v1/agenda/bookings/${booking.id}/cancel`, { reason: 'invasão' })).status,
      404,
    )
    const res = await o.post(`/api/v1/agenda/bookings/${booking.id}/reschedule`, {
      startsAt: at(day, '08:00'),
      endsAt: at(day, '08:30'),
    })
    assert.equal(res.status, 404)
    assert.equal(res.body.code, 'AGENDA_BOOKING_NOT_FOUND')
    const viaTech = await book(
      { technicianId: techId, startsAt: at(day, '08:00'), endsAt: at(day, '08:30') },
      o,
    )
    assert.equal(viaTech.status, 404)
    assert.equal(viaTech.body.code, 'AGENDA_TECHNICIAN_NOT_FOUND')
    const viaRole = await book({ roleId, startsAt: at(day, '08:00'), endsAt: at(day, '08:30') }, o)
    assert.equal(viaRole.status, 404)
    assert.equal(viaRole.body.code, 'AGENDA_ROLE_NOT_FOUND')
    assert.equal((await o.get(`/api/v1/agenda/day?date=${day}&technicianId=${techId}`)).status, 404)
    assert.equal((await o.get(`/api/v1/agenda/day?date=${day}&roleId=${roleId}`)).status, 404)
    // Its own role cannot take the first tenant's technician either.
    const ownRole = await o.post('/api/v1/agenda/roles', { name: 'Instalador', workingHours: WEEK })
    assert.equal(ownRole.status, 201, 'o mesmo nome é livre em outro inquilino')
    const hijack = await o.post('/api/v1/agenda/technicians', { name: 'Ninguém Aqui', roleId })
    assert.equal(hijack.status, 404)
    const withClient = await book(
      { roleId: ownRole.body.id, startsAt: at(day, '08:00'), endsAt: at(day, '08:30'), clientOrgId },
      o,
    )
    assert.equal(withClient.status, 404)
    assert.equal(withClient.body.code, 'AGENDA_CLIENT_NOT_FOUND')
    assert.deepEqual((await o.get('/api/v1/agenda/roles')).body.items.length, 1)
    assert.deepEqual((await o.get('/api/v1/agenda/technicians')).body.items, [])
    assert.deepEqual((await o.get(`/api/v1/agenda/bookings?technicianId=${techId}`)).body.items, [])
    assert.deepEqual((await o.get(`/api/v1/agenda/day?date=${day}`)).body.technicians, [])
  })
})
