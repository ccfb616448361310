import { isValidPhone, normalizePhone } from '#shared/documents.ts'
import { IsoDate, PersonName, Uuid, z } from '#shared/validation.ts'
import { isCalendarDate, MAX_BOOKING_HOURS, WEEKDAY_KEYS, workingHoursIssues } from './agenda.slots.ts'

export const BOOKING_STATUSES = ['agendado', 'cancelado', 'concluido'] as const

const IsoDateTime = z.iso.datetime({ offset: true, error: 'Data e hora inválidas (use ISO 8601 com fuso).' })
const CalendarDate = z
  .string({ error: 'Informe a data (AAAA-MM-DD).' })
  .refine(isCalendarDate, { error: 'Data inválida (use AAAA-MM-DD).' })
const OptText = (max: number) =>
  z
    .string({ error: 'Informe um texto.' })
    .trim()
    .max(max, { error: `Máximo de ${max} caracteres.` })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
const OptPhone = z
  .string({ error: 'Informe o telefone.' })
  .trim()
  .refine((v) => v === '' || isValidPhone(v), { error: 'Telefone inválido. Use DDD + número.' })
  .transform((v) => (v === '' ? null : normalizePhone(v)))
  .nullable()
  .optional()

// ---- Working hours -----------------------------------------------------------------------------

const Hm = z
  .string({ error: 'Informe o horário (HH:MM).' })
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'Horário inválido (use HH:MM).' })
const Range = z.tuple([Hm, Hm], { error: 'Informe cada período como ["HH:MM", "HH:MM"].' })
const DayRanges = z.array(Range, { error: 'Informe a lista de períodos do dia.' }).max(6, {
  error: 'No máximo 6 períodos por dia.',
})

/**
 * Working hours per weekday ('0' = domingo … '6' = sábado), each a list of ["HH:MM", "HH:MM"]
 * periods in São Paulo time: start before end, 15-minute grid, no overlap inside a day.
 */
export const WorkingHours = z
  .strictObject(
    Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, DayRanges.optional()])) as Record<
      (typeof WEEKDAY_KEYS)[number],
      z.ZodOptional<typeof DayRanges>
    >,
    { error: 'Informe o horário de trabalho por dia da semana.' },
  )
  .superRefine((wh, ctx) => {
    for (const issue of workingHoursIssues(wh)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    }
  })

// ---- Roles and technicians ---------------------------------------------------------------------

export const IdParams = z.strictObject({ id: Uuid })

const RoleName = z
  .string({ error: 'Informe o nome do cargo.' })
  .trim()
  .min(2, { error: 'Informe o nome do cargo.' })
  .max(80, { error: 'Nome do cargo longo demais (máximo de 80 caracteres).' })

export const CreateRoleBody = z.strictObject({ name: RoleName, workingHours: WorkingHours })
export type CreateRoleBody = z.infer<typeof CreateRoleBody>
export const UpdateRoleBody = CreateRoleBody.partial()
export type UpdateRoleBody = z.infer<typeof UpdateRoleBody>

const WorkingHoursOut = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])))

export const Role = z.object({
  id: z.uuid(),
  name: z.string(),
  workingHours: WorkingHoursOut,
  technicianCount: z.number().int(),
})
export type Role = z.infer<typeof Role>
export const RoleList = z.object({ items: z.array(Role) })

export const CreateTechnicianBody = z.strictObject({
  name: PersonName,
  phone: OptPhone,
  roleId: Uuid,
  /** Own working hours; null or absent: the role's. */
  workingHours: WorkingHours.nullable().optional(),
  isActive: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
})
export type CreateTechnicianBody = z.infer<typeof CreateTechnicianBody>
export const UpdateTechnicianBody = CreateTechnicianBody.partial()
export type UpdateTechnicianBody = z.infer<typeof UpdateTechnicianBody>

export const Technician = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  roleId: z.uuid(),
  roleName: z.string(),
  /** Own hours, or null when the technician follows the role's. */
  workingHours: WorkingHoursOut.nullable(),
  /** The hours that apply: own or the role's. */
  effectiveWorkingHours: WorkingHoursOut,
  isActive: z.boolean(),
})
export type Technician = z.infer<typeof Technician>
export const TechnicianList = z.object({ items: z.array(Technician) })

export const ListTechniciansQuery = z.strictObject({
  roleId: Uuid.optional(),
  active: z.enum(['true', 'false'], { error: 'Use true ou false.' }).optional(),
})

// ---- Bookings ----------------------------------------------------------------------------------

/** Cross-field rules of a booking period: ends after it starts, at most 12 h, whole minutes. */
function checkPeriod(b: { startsAt: string; endsAt: string }, ctx: z.RefinementCtx) {
  const start = new Date(b.startsAt).getTime()
  const end = new Date(b.endsAt).getTime()
  if (start % 60_000 !== 0)
    ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'Use minutos exatos.' })
  if (end % 60_000 !== 0) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Use minutos exatos.' })
  if (end <= start) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A hora final precisa ser depois da inicial.' })
  } else if (end - start > MAX_BOOKING_HOURS * 3_600_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['endsAt'],
      message: `Um agendamento pode durar no máximo ${MAX_BOOKING_HOURS} horas.`,
    })
  }
}

/** The fields of a booking, without the cross-field rules (for modules that compose their own body). */
export const BookSlotFields = {
  /** Book this technician… */
  technicianId: Uuid.optional(),
  /** …or the first free technician of this role (by name). Exactly one of the two. */
  roleId: Uuid.optional(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  clientOrgId: Uuid.nullable().optional(),
  clientPlanId: Uuid.nullable().optional(),
  /** Who follows the installation at the client (seed 003 5.3 "Nome da Pessoa"). */
  contactName: OptText(200),
  contactPhone: OptPhone,
  notes: OptText(1000),
}

/** POST /agenda/bookings, also embedded by the plans module's "Agendar instalação". */
export const BookSlotBody = z.strictObject(BookSlotFields).superRefine((b, ctx) => {
  if (!b.technicianId && !b.roleId) {
    ctx.addIssue({ code: 'custom', path: ['technicianId'], message: 'Escolha o técnico ou o cargo.' })
  } else if (b.technicianId && b.roleId) {
    ctx.addIssue({
      code: 'custom',
      path: ['roleId'],
      message: 'Escolha o técnico ou o cargo, não os dois.',
    })
  }
  checkPeriod(b, ctx)
})
export type BookSlotInput = z.infer<typeof BookSlotBody>

export const RescheduleBody = z
  .strictObject({ startsAt: IsoDateTime, endsAt: IsoDateTime, technicianId: Uuid.optional() })
  .superRefine(checkPeriod)
export type RescheduleBody = z.infer<typeof RescheduleBody>

export const CancelBody = z.strictObject({
  reason: z
    .string({ error: 'Informe o motivo do cancelamento.' })
    .trim()
    .min(3, { error: 'Informe o motivo do cancelamento.' })
    .max(500, { error: 'Motivo longo demais (máximo de 500 caracteres).' }),
})

export const Booking = z.object({
  id: z.uuid(),
  technicianId: z.uuid(),
  technicianName: z.string(),
  /** The role it was booked through (any technician of the role), or null. */
  roleId: z.uuid().nullable(),
  roleName: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: z.enum(BOOKING_STATUSES),
  clientOrgId: z.uuid().nullable(),
  clientOrgName: z.string().nullable(),
  clientPlanId: z.uuid().nullable(),
  clientPlanNumber: z.number().int().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  notes: z.string().nullable(),
  rescheduledToId: z.uuid().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.date(),
})
export type BookingDto = z.infer<typeof Booking>
export const BookingList = z.object({ items: z.array(Booking) })
export const RescheduleResult = z.object({ previous: Booking, booking: Booking })

export const ListBookingsQuery = z.strictObject({
  clientOrgId: Uuid.optional(),
  clientPlanId: Uuid.optional(),
  technicianId: Uuid.optional(),
  status: z.enum(BOOKING_STATUSES, { error: 'Situação inválida.' }).optional(),
  /** From this day (AAAA-MM-DD, São Paulo) or instant on. */
  from: IsoDate.optional(),
  /** Until this day (inclusive) or instant. */
  to: IsoDate.optional(),
})
export type ListBookingsQuery = z.infer<typeof ListBookingsQuery>

// ---- Day view ----------------------------------------------------------------------------------

export const DayQuery = z
  .strictObject({ date: CalendarDate, technicianId: Uuid.optional(), roleId: Uuid.optional() })
  .refine((q) => !(q.technicianId && q.roleId), {
    error: 'Escolha o técnico ou o cargo, não os dois.',
    path: ['roleId'],
  })
export type DayQuery = z.infer<typeof DayQuery>

const Period = z.object({ startsAt: z.date(), endsAt: z.date() })

export const DayTechnician = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  roleId: z.uuid(),
  roleName: z.string(),
  isActive: z.boolean(),
  /** Working hours of the day as instants. */
  working: z.array(Period),
  /** Bookings of the day that are not cancelled. */
  bookings: z.array(Booking),
  /** Free time from now on, to the minute. */
  free: z.array(Period),
  /** Grid cells (slotMinutes long) that are entirely free. */
  slots: z.array(Period),
})

export const DayView = z.object({
  date: z.string(),
  timeZone: z.string(),
  slotMinutes: z.number().int(),
  now: z.date(),
  technicians: z.array(DayTechnician),
  /** For a role: free when at least one technician of the role is free. */
  role: z
    .object({
      id: z.uuid(),
      name: z.string(),
      free: z.array(Period),
      slots: z.array(Period.extend({ technicianIds: z.array(z.uuid()) })),
    })
    .nullable(),
})
export type DayView = z.infer<typeof DayView>
