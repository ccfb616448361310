import { TIME_ZONE } from '#shared/format.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { CommonErrors, isExclusionViolation, isUniqueViolation } from '../../platform/errors.ts'
import { AgendaErrors } from './agenda.errors.ts'
import {
  type BookingWithNames,
  agendaRepository,
  type RoleRow,
  type TechnicianWithRole,
} from './agenda.repository.ts'
import type {
  BookingDto,
  BookSlotInput,
  CreateRoleBody,
  CreateTechnicianBody,
  DayQuery,
  DayView,
  ListBookingsQuery,
  RescheduleBody,
  Role,
  Technician,
  UpdateRoleBody,
  UpdateTechnicianBody,
} from './agenda.schemas.ts'
import {
  addDays,
  dayCells,
  describeDay,
  describeInterval,
  fitsIn,
  freeTime,
  type Interval,
  isCalendarDate,
  localTimeOf,
  MAX_BOOKING_HOURS,
  mergeIntervals,
  SLOT_MINUTES,
  WEEKDAY_NAMES,
  workingIntervals,
  zonedInstant,
} from './agenda.slots.ts'
import type { WorkingHours } from './agenda.tables.ts'

export type AgendaDeps = { db: Db; clock: Clock }

const NO_OVERLAP = 'agenda_bookings_no_overlap'
const MAX_LISTED_BOOKINGS = 500

// ---- DTOs --------------------------------------------------------------------------------------

function toRole(r: { role: RoleRow; technicianCount: number }): Role {
  return {
    id: r.role.id,
    name: r.role.name,
    workingHours: r.role.workingHours as Role['workingHours'],
    technicianCount: Number(r.technicianCount),
  }
}

function effectiveHours(t: TechnicianWithRole): WorkingHours {
  return t.technician.workingHours ?? t.roleWorkingHours
}

function toTechnician(t: TechnicianWithRole): Technician {
  return {
    id: t.technician.id,
    name: t.technician.name,
    phone: t.technician.phone,
    roleId: t.technician.roleId,
    roleName: t.roleName,
    workingHours: t.technician.workingHours as Technician['workingHours'],
    effectiveWorkingHours: effectiveHours(t) as Technician['effectiveWorkingHours'],
    isActive: t.technician.isActive,
  }
}

function toBooking(r: BookingWithNames): BookingDto {
  const b = r.booking
  return {
    id: b.id,
    technicianId: b.technicianId,
    technicianName: r.technicianName,
    roleId: b.roleId,
    roleName: r.roleName,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    clientOrgId: b.clientOrgId,
    clientOrgName: r.clientOrgName,
    clientPlanId: b.clientPlanId,
    clientPlanNumber: r.clientPlanNumber === null ? null : Number(r.clientPlanNumber),
    contactName: b.contactName,
    contactPhone: b.contactPhone,
    notes: b.notes,
    rescheduledToId: b.rescheduledToId,
    cancelReason: b.cancelReason,
    createdAt: b.createdAt,
  }
}

const period = (i: Interval) => ({ startsAt: new Date(i.start), endsAt: new Date(i.end) })

// ---- Roles -------------------------------------------------------------------------------------

export async function listRoles(deps: AgendaDeps, actor: Actor) {
  const rows = await agendaRepository(deps.db).roles(actor.tenantId)
  return { items: rows.map(toRole) }
}

const duplicateRole = (err: unknown) => (isUniqueViolation(err) ? AgendaErrors.AGENDA_ROLE_DUPLICATE() : err)

export async function createRole(deps: AgendaDeps, actor: Actor, body: CreateRoleBody): Promise<Role> {
  return deps.db.transaction(async (tx) => {
    const repo = agendaRepository(tx)
    const row = await repo
      .insertRole({ tenantId: actor.tenantId, name: body.name, workingHours: body.workingHours })
      .catch((err) => {
        throw duplicateRole(err)
      })
    await recordAudit(tx, actor, { entity: 'agenda_role', entityId: row.id, action: 'create', after: body })
    return toRole({ role: row, technicianCount: 0 })
  })
}

export async function updateRole(
  deps: AgendaDeps,
  actor: Actor,
  id: string,
  body: UpdateRoleBody,
): Promise<Role> {
  return deps.db.transaction(async (tx) => {
    const repo = agendaRepository(tx)
    const before = await repo.role(actor.tenantId, id)
    if (!before) throw AgendaErrors.AGENDA_ROLE_NOT_FOUND()
    const changes: Partial<RoleRow> = {}
    if (body.name !== undefined) changes.name = body.name
    if (body.workingHours !== undefined) changes.workingHours = body.workingHours
    if (Object.keys(changes).length > 0) {
      await repo.updateRole(actor.tenantId, id, changes).catch((err) => {
        throw duplicateRole(err)
      })
    }
    const after = (await repo.role(actor.tenantId, id))!
    await recordAudit(tx, actor, {
      entity: 'agenda_role',
      entityId: id,
      action: 'update',
      before: toRole(before),
      after: toRole(after),
    })
    return toRole(after)
  })
}

// ---- Technicians -------------------------------------------------------------------------------

export async function listTechnicians(
  deps: AgendaDeps,
  actor: Actor,
  q: { roleId?: string; active?: 'true' | 'false' },
) {
  const rows = await agendaRepository(deps.db).technicians(actor.tenantId, {
    roleId: q.roleId,
    activeOnly: q.active === 'true',
  })
  return { items: rows.filter((r) => q.active !== 'false' || !r.technician.isActive).map(toTechnician) }
}

export async function createTechnician(
  deps: AgendaDeps,
  actor: Actor,
  body: CreateTechnicianBody,
): Promise<Technician> {
  return deps.db.transaction(async (tx) => {
    const repo = agendaRepository(tx)
    if (!(await repo.role(actor.tenantId, body.roleId))) throw AgendaErrors.AGENDA_ROLE_NOT_FOUND()
    const row = await repo.insertTechnician({
      tenantId: actor.tenantId,
      name: body.name,
      phone: body.phone ?? null,
      roleId: body.roleId,
      workingHours: body.workingHours ?? null,
      isActive: body.isActive ?? true,
    })
    const created = toTechnician((await repo.technician(actor.tenantId, row.id))!)
    await recordAudit(tx, actor, { entity: 'technician', entityId: row.id, action: 'create', after: created })
    return created
  })
}

export async function updateTechnician(
  deps: AgendaDeps,
  actor: Actor,
  id: string,
  body: UpdateTechnicianBody,
): Promise<Technician> {
  return deps.db.transaction(async (tx) => {
    const repo = agendaRepository(tx)
    await repo.lockTechnicians(actor.tenantId, [id])
    const before = await repo.technician(actor.tenantId, id)
    if (!before) throw AgendaErrors.AGENDA_TECHNICIAN_NOT_FOUND()
    if (body.roleId !== undefined && !(await repo.role(actor.tenantId, body.roleId))) {
      throw AgendaErrors.AGENDA_ROLE_NOT_FOUND()
    }
    const changes: Parameters<typeof repo.updateTechnician>[2] = {}
    if (body.name !== undefined) changes.name = body.name
    if (body.phone !== undefined) changes.phone = body.phone
    if (body.roleId !== undefined) changes.roleId = body.roleId
    if (body.workingHours !== undefined) changes.workingHours = body.workingHours
    if (body.isActive !== undefined) changes.isActive = body.isActive
    if (Object.keys(changes).length > 0) await repo.updateTechnician(actor.tenantId, id, changes)
    const after = toTechnician((await repo.technician(actor.tenantId, id))!)
    await recordAudit(tx, actor, {
      entity: 'technician',
      entityId: id,
      action: 'update',
      before: toTechnician(before),
      after,
    })
    return after
  })
}

// ---- Day view ----------------------------------------------------------------------------------

/**
 * One day of the agenda: for each technician (one, the role's, or every active one) the working
 * hours, the bookings and the free time; for a role also the merged free time (free when at least
 * one technician of the role is free). Times before `now` are never free.
 */
export async function getDay(deps: AgendaDeps, actor: Actor, q: DayQuery): Promise<DayView> {
  const repo = agendaRepository(deps.db)
  const now = deps.clock.now()
  let techs: TechnicianWithRole[]
  let role: RoleRow | null = null
  if (q.technicianId) {
    const t = await repo.technician(actor.tenantId, q.technicianId)
    if (!t) throw AgendaErrors.AGENDA_TECHNICIAN_NOT_FOUND()
    techs = [t]
  } else if (q.roleId) {
    const r = await repo.role(actor.tenantId, q.roleId)
    if (!r) throw AgendaErrors.AGENDA_ROLE_NOT_FOUND()
    role = r.role
    techs = await repo.technicians(actor.tenantId, { roleId: q.roleId, activeOnly: true })
  } else {
    techs = await repo.technicians(actor.tenantId, { activeOnly: true })
  }

  const dayStart = new Date(zonedInstant(q.date, 0))
  const dayEnd = new Date(zonedInstant(addDays(q.date, 1), 0))
  const bookings = await repo.activeBetween(
    actor.tenantId,
    techs.map((t) => t.technician.id),
    dayStart,
    dayEnd,
  )
  const cells = dayCells(q.date, SLOT_MINUTES)
  // Free time starts at the next whole minute.
  const from = Math.ceil(now.getTime() / 60_000) * 60_000
  const columns = techs.map((t) => {
    const own = bookings.filter((b) => b.booking.technicianId === t.technician.id)
    const working = workingIntervals(effectiveHours(t), q.date)
    const busy = own.map((b) => ({ start: b.booking.startsAt.getTime(), end: b.booking.endsAt.getTime() }))
    const time = t.technician.isActive
      ? freeTime(working, busy, from, cells)
      : { free: [] as Interval[], slots: [] as Interval[] }
    return { t, working, own, ...time }
  })

  return {
    date: q.date,
    timeZone: TIME_ZONE,
    slotMinutes: SLOT_MINUTES,
    now,
    technicians: columns.map((c) => ({
      id: c.t.technician.id,
      name: c.t.technician.name,
      phone: c.t.technician.phone,
      roleId: c.t.technician.roleId,
      roleName: c.t.roleName,
      isActive: c.t.technician.isActive,
      working: c.working.map(period),
      bookings: c.own.map(toBooking),
      free: c.free.map(period),
      slots: c.slots.map(period),
    })),
    role: role
      ? {
          id: role.id,
          name: role.name,
          free: mergeIntervals(columns.flatMap((c) => c.free)).map(period),
          slots: cells.flatMap((cell) => {
            const ids = columns.filter((c) => fitsIn(c.free, cell)).map((c) => c.t.technician.id)
            return ids.length > 0 ? [{ ...period(cell), technicianIds: ids }] : []
          }),
        }
      : null,
  }
}

// ---- Bookings ----------------------------------------------------------------------------------

export async function getBooking(deps: AgendaDeps, actor: Actor, id: string): Promise<BookingDto> {
  const row = await agendaRepository(deps.db).booking(actor.tenantId, id)
  if (!row) throw AgendaErrors.AGENDA_BOOKING_NOT_FOUND()
  return toBooking(row)
}

/** A day ('AAAA-MM-DD', São Paulo) or an instant; `end` turns a day into the next day's start. */
function boundary(value: string | undefined, field: string, end: boolean): Date | undefined {
  if (!value) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isCalendarDate(value)) {
      throw CommonErrors.VALIDATION_ERROR({ fields: { [field]: 'Data inválida (use AAAA-MM-DD).' } })
    }
    return new Date(zonedInstant(end ? addDays(value, 1) : value, 0))
  }
  const d = new Date(value)
  if (Number.isNaN(d.getTime()))
    throw CommonErrors.VALIDATION_ERROR({ fields: { [field]: 'Data inválida.' } })
  return d
}

export async function listBookings(deps: AgendaDeps, actor: Actor, q: ListBookingsQuery) {
  const rows = await agendaRepository(deps.db).list(
    actor.tenantId,
    {
      clientOrgId: q.clientOrgId,
      clientPlanId: q.clientPlanId,
      technicianId: q.technicianId,
      status: q.status,
      from: boundary(q.from, 'from', false),
      to: boundary(q.to, 'to', true),
    },
    MAX_LISTED_BOOKINGS,
  )
  return { items: rows.map(toBooking) }
}

/** The period of a booking request, checked again here for callers that skip the HTTP schema. */
function requestedPeriod(startsAt: string | Date, endsAt: string | Date, now: Date): Interval {
  const iv = { start: new Date(startsAt).getTime(), end: new Date(endsAt).getTime() }
  if (Number.isNaN(iv.start) || Number.isNaN(iv.end)) {
    throw CommonErrors.VALIDATION_ERROR({ fields: { startsAt: 'Data e hora inválidas.' } })
  }
  if (iv.end <= iv.start) {
    throw CommonErrors.VALIDATION_ERROR({ fields: { endsAt: 'A hora final precisa ser depois da inicial.' } })
  }
  if (iv.end - iv.start > MAX_BOOKING_HOURS * 3_600_000) {
    throw CommonErrors.VALIDATION_ERROR({
      fields: { endsAt: `Um agendamento pode durar no máximo ${MAX_BOOKING_HOURS} horas.` },
    })
  }
  if (iv.start < now.getTime())
    throw AgendaErrors.AGENDA_IN_PAST({ fields: { startsAt: 'Horário já passou.' } })
  return iv
}

function outsideHours(t: TechnicianWithRole, iv: Interval) {
  const { weekday } = localTimeOf(iv.start)
  const hours = describeDay(effectiveHours(t), weekday)
  const message = hours
    ? `O horário escolhido (${describeInterval(iv)}) está fora do expediente de ${t.technician.name}, que na ${WEEKDAY_NAMES[weekday]} é ${hours}.`
    : `${t.technician.name} não atende neste dia (${WEEKDAY_NAMES[weekday]}). Escolha outro dia.`
  return AgendaErrors.AGENDA_OUTSIDE_HOURS({ message, fields: { startsAt: message } })
}

/**
 * The first candidate (in the given order) whose working hours hold the whole interval and who has
 * no active booking overlapping it. Call with the candidates' rows locked.
 */
async function pickTechnician(
  repo: ReturnType<typeof agendaRepository>,
  tenantId: string,
  candidates: TechnicianWithRole[],
  iv: Interval,
  role: { name: string } | null,
): Promise<TechnicianWithRole> {
  const date = localTimeOf(iv.start).date
  const working = candidates.filter((t) => fitsIn(workingIntervals(effectiveHours(t), date), iv))
  if (working.length === 0) {
    if (!role) throw outsideHours(candidates[0], iv)
    const message = `Nenhum técnico do cargo ${role.name} atende neste horário (${describeInterval(iv)}).`
    throw AgendaErrors.AGENDA_OUTSIDE_HOURS({ message, fields: { startsAt: message } })
  }
  const busy = await repo.activeBetween(
    tenantId,
    working.map((t) => t.technician.id),
    new Date(iv.start),
    new Date(iv.end),
  )
  const taken = new Set(busy.map((b) => b.booking.technicianId))
  const free = working.find((t) => !taken.has(t.technician.id))
  if (free) return free
  if (!role) throw AgendaErrors.AGENDA_SLOT_TAKEN()
  throw AgendaErrors.AGENDA_ROLE_FULL({
    message: `Nenhum técnico do cargo ${role.name} está livre ${describeInterval(iv)}. Escolha outro horário.`,
  })
}

/** The client and plan a booking is for, both of the actor's tenant (the plan's client when only the plan is given). */
async function checkReferences(
  repo: ReturnType<typeof agendaRepository>,
  tenantId: string,
  clientOrgId: string | null | undefined,
  clientPlanId: string | null | undefined,
) {
  if (clientOrgId && !(await repo.clientOrgExists(tenantId, clientOrgId))) {
    throw AgendaErrors.AGENDA_CLIENT_NOT_FOUND()
  }
  if (!clientPlanId) return { clientOrgId: clientOrgId ?? null, clientPlanId: null }
  const planOrg = await repo.clientPlanOrg(tenantId, clientPlanId)
  if (!planOrg || (clientOrgId && planOrg !== clientOrgId)) throw AgendaErrors.AGENDA_PLAN_NOT_FOUND()
  return { clientOrgId: planOrg, clientPlanId }
}

/** Inserts the booking; the exclusion constraint is the last guard against a concurrent one. */
async function insertBooking(
  repo: ReturnType<typeof agendaRepository>,
  values: Parameters<ReturnType<typeof agendaRepository>['insertBooking']>[0],
) {
  return repo.insertBooking(values).catch((err) => {
    throw isExclusionViolation(err, NO_OVERLAP) ? AgendaErrors.AGENDA_SLOT_TAKEN() : err
  })
}

/**
 * Books a slot inside the caller's transaction (the plans module calls it while finishing a plan
 * with "Agendar instalação"). For a role, the first technician of the role (by name) free for the
 * whole interval is picked. The candidates' rows are locked (in id order) before checking, so
 * concurrent bookings of the same technicians queue up; the exclusion constraint backs that up.
 * `now` is the business clock's time (past slots are refused).
 */
export async function bookSlotInTx(
  tx: Db,
  actor: Actor,
  input: BookSlotInput,
  now: Date = new Date(),
): Promise<BookingDto> {
  const repo = agendaRepository(tx)
  const tenantId = actor.tenantId
  const iv = requestedPeriod(input.startsAt, input.endsAt, now)
  const refs = await checkReferences(repo, tenantId, input.clientOrgId, input.clientPlanId)

  let role: RoleRow | null = null
  let ids: string[]
  if (input.technicianId) {
    ids = [input.technicianId]
  } else if (input.roleId) {
    const r = await repo.role(tenantId, input.roleId)
    if (!r) throw AgendaErrors.AGENDA_ROLE_NOT_FOUND()
    role = r.role
    ids = (await repo.technicians(tenantId, { roleId: role.id, activeOnly: true })).map(
      (t) => t.technician.id,
    )
    if (ids.length === 0) throw AgendaErrors.AGENDA_ROLE_NO_TECHNICIANS()
  } else {
    throw CommonErrors.VALIDATION_ERROR({ fields: { technicianId: 'Escolha o técnico ou o cargo.' } })
  }

  await repo.lockTechnicians(tenantId, ids)
  // Read again under the lock: a concurrent change of role or of the active flag has committed.
  const candidates = (await repo.technicians(tenantId, { ids })).filter(
    (t) => !role || (t.technician.roleId === role.id && t.technician.isActive),
  )
  if (input.technicianId) {
    if (candidates.length === 0) throw AgendaErrors.AGENDA_TECHNICIAN_NOT_FOUND()
    if (!candidates[0].technician.isActive) throw AgendaErrors.AGENDA_TECHNICIAN_INACTIVE()
  } else if (candidates.length === 0) {
    throw AgendaErrors.AGENDA_ROLE_NO_TECHNICIANS()
  }
  const chosen = await pickTechnician(repo, tenantId, candidates, iv, role)

  const row = await insertBooking(repo, {
    tenantId,
    technicianId: chosen.technician.id,
    roleId: role?.id ?? null,
    startsAt: new Date(iv.start),
    endsAt: new Date(iv.end),
    clientOrgId: refs.clientOrgId,
    clientPlanId: refs.clientPlanId,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    notes: input.notes ?? null,
    createdBy: actor.kind === 'staff' ? actor.userId : null,
  })
  const booking = toBooking((await repo.booking(tenantId, row.id))!)
  await recordAudit(tx, actor, {
    entity: 'agenda_booking',
    entityId: row.id,
    action: 'create',
    after: booking,
  })
  return booking
}

export async function bookSlot(deps: AgendaDeps, actor: Actor, input: BookSlotInput): Promise<BookingDto> {
  return deps.db.transaction((tx) => bookSlotInTx(tx, actor, input, deps.clock.now()))
}

/** Moves a booking: the old one is cancelled (pointing at the new one) and a new one created, atomically. */
export async function rescheduleBooking(
  deps: AgendaDeps,
  actor: Actor,
  id: string,
  body: RescheduleBody,
): Promise<{ previous: BookingDto; booking: BookingDto }> {
  return deps.db.transaction(async (tx) => {
    const repo = agendaRepository(tx)
    const tenantId = actor.tenantId
    const old = await repo.lockBooking(tenantId, id)
    if (!old) throw AgendaErrors.AGENDA_BOOKING_NOT_FOUND()
    if (old.status !== 'agendado') throw AgendaErrors.AGENDA_BOOKING_NOT_ACTIVE()
    const iv = requestedPeriod(body.startsAt, body.endsAt, deps.clock.now())
    const targetId = body.technicianId ?? old.technicianId
    await repo.lockTechnicians(tenantId, [...new Set([old.technicianId, targetId])])
    const target = await repo.technician(tenantId, targetId)
    if (!target) throw AgendaErrors.AGENDA_TECHNICIAN_NOT_FOUND()
    if (!target.technician.isActive) throw AgendaErrors.AGENDA_TECHNICIAN_INACTIVE()

    const before = toBooking((await repo.booking(tenantId, id))!)
    // Cancelled first, so the new period may overlap the old one (e.g. extending it).
    await repo.updateBooking(tenantId, id, { status: 'cancelado', cancelReason: 'Reagendado' })
    const chosen = await pickTechnician(repo, tenantId, [target], iv, null)
    const row = await insertBooking(repo, {
      tenantId,
      technicianId: chosen.technician.id,
      roleId: old.roleId && old.roleId === chosen.technician.roleId ? old.roleId : null,
      startsAt: new Date(iv.start),
      endsAt: new Date(iv.end),
      clientOrgId: old.clientOrgId,
      clientPlanId: old.clientPlanId,
      contactName: old.contactName,
      contactPhone: old.contactPhone,
      notes: old.notes,
      sequence: old.sequence + 1,
      createdBy: actor.kind === 'staff' ? actor.userId : null,
    })
    await repo.updateBooking(tenantId, id, { rescheduledToId: row.id })
    const previous = toBooking((await repo.booking(tenantId, id))!)
    const booking = toBooking((await repo.booking(tenantId, row.id))!)
    await recordAudit(tx, actor, {
      entity: 'agenda_booking',
      entityId: id,
      action: 'reschedule',
      before,
      after: booking,
    })
    return { previous, booking }
  })
}

export async function cancelBooking(
  deps: AgendaDeps,
  actor: Actor,
  id: string,
  body: { reason: string },
): Promise<BookingDto> {
  return deps.db.transaction(async (tx) => {
    const repo = agendaRepository(tx)
    const old = await repo.lockBooking(actor.tenantId, id)
    if (!old) throw AgendaErrors.AGENDA_BOOKING_NOT_FOUND()
    if (old.status !== 'agendado') throw AgendaErrors.AGENDA_BOOKING_NOT_ACTIVE()
    await repo.updateBooking(actor.tenantId, id, { status: 'cancelado', cancelReason: body.reason })
    const booking = toBooking((await repo.booking(actor.tenantId, id))!)
    await recordAudit(tx, actor, {
      entity: 'agenda_booking',
      entityId: id,
      action: 'cancel',
      before: { status: old.status },
      after: { status: booking.status, cancelReason: body.reason },
    })
    return booking
  })
}

/** For the plans module: a cancelled plan frees its installation slots still to come. */
export async function cancelPlanBookingsInTx(
  tx: Db,
  actor: Actor,
  clientPlanId: string,
  reason: string,
  now: Date,
): Promise<number> {
  const cancelled = await agendaRepository(tx).cancelFutureOfPlan(actor.tenantId, clientPlanId, now, reason)
  for (const b of cancelled)
    await recordAudit(tx, actor, {
      entity: 'agenda_booking',
      entityId: b.id,
      action: 'cancel',
      before: { status: 'agendado' },
      after: { status: 'cancelado', cancelReason: reason },
    })
  return cancelled.length
}

/** For the plans module: the next installation booked for each plan (absent when none). */
export async function nextBookingsOfPlans(
  db: Db,
  tenantId: string,
  clientPlanIds: string[],
  now: Date,
): Promise<
  Map<string, { id: string; startsAt: string; endsAt: string; technicianName: string; roleName: string }>
> {
  const rows = await agendaRepository(db).nextOfPlans(tenantId, clientPlanIds, now)
  return new Map(
    rows.map((r) => [
      r.clientPlanId!,
      {
        id: r.id,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        technicianName: r.technicianName,
        roleName: r.roleName,
      },
    ]),
  )
}
