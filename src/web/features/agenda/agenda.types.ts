/**
 * Shapes of the agenda API as the web app receives them (instants as ISO strings). They mirror
 * `src/server/modules/agenda/agenda.schemas.ts`.
 */

export type WeekdayKey = '0' | '1' | '2' | '3' | '4' | '5' | '6'
/** Per weekday ('0' = domingo), a list of ["HH:MM", "HH:MM"] periods in São Paulo time. */
export type WorkingHours = Partial<Record<WeekdayKey, [string, string][]>>

export type BookingStatus = 'agendado' | 'cancelado' | 'concluido'

export interface AgendaRole {
  id: string
  name: string
  workingHours: WorkingHours
  technicianCount: number
}

export interface Technician {
  id: string
  name: string
  phone: string | null
  roleId: string
  roleName: string
  /** Own hours, or null when the technician follows the role's. */
  workingHours: WorkingHours | null
  effectiveWorkingHours: WorkingHours
  isActive: boolean
}

export interface Booking {
  id: string
  technicianId: string
  technicianName: string
  roleId: string | null
  roleName: string | null
  startsAt: string
  endsAt: string
  status: BookingStatus
  clientOrgId: string | null
  clientOrgName: string | null
  clientPlanId: string | null
  clientPlanNumber: number | null
  contactName: string | null
  contactPhone: string | null
  notes: string | null
  rescheduledToId: string | null
  cancelReason: string | null
  createdAt: string
}

export interface Period {
  startsAt: string
  endsAt: string
}

export interface DayTechnician {
  id: string
  name: string
  phone: string | null
  roleId: string
  roleName: string
  isActive: boolean
  working: Period[]
  bookings: Booking[]
  free: Period[]
  slots: Period[]
}

export interface DayView {
  date: string
  timeZone: string
  slotMinutes: number
  now: string
  technicians: DayTechnician[]
  role: { id: string; name: string; free: Period[]; slots: (Period & { technicianIds: string[] })[] } | null
}

/** Whose agenda: one technician, a role (any of its technicians), or every active technician. */
export type AgendaResource = { technicianId: string } | { roleId: string } | null

/** What a double click on a free cell hands back. */
export interface PickedSlot {
  startsAt: string
  endsAt: string
  technicianId?: string
  roleId?: string
}

export interface BookingBody {
  technicianId?: string
  roleId?: string
  startsAt: string
  endsAt: string
  clientOrgId?: string | null
  contactName?: string
  contactPhone?: string
  notes?: string
}
