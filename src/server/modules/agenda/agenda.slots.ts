/**
 * Pure time arithmetic of the agenda: working hours, São Paulo wall-clock times, free intervals and
 * the 30-minute grid. No I/O; instants are epoch milliseconds.
 *
 * Working hours are wall-clock "HH:MM" in America/Sao_Paulo; they become instants through the time
 * zone's real offset (Intl), never a hard-coded -03:00.
 */
import { TIME_ZONE } from '#shared/format.ts'
import type { WorkingHours } from './agenda.tables.ts'

/** The agenda grid: one row (and the smallest bookable cell) every 30 minutes. */
export const SLOT_MINUTES = 30
/** Working hours are given on a 15-minute grid. */
export const WORKING_HOURS_STEP_MINUTES = 15
/** The longest single booking. */
export const MAX_BOOKING_HOURS = 12

export const WEEKDAY_KEYS = ['0', '1', '2', '3', '4', '5', '6'] as const
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number]
export const WEEKDAY_NAMES = [
  'domingo',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
] as const

/** [start, end) in epoch milliseconds. */
export type Interval = { start: number; end: number }

const MINUTE = 60_000
const DAY_MINUTES = 24 * 60
const HM = /^(\d{2}):(\d{2})$/
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

// ---- Wall-clock parsing ------------------------------------------------------------------------

/** 'HH:MM' → minutes since midnight ('24:00' = 1440), or null when not a time of day. */
export function parseHm(value: string): number | null {
  const m = HM.exec(value)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}

export function formatHm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Whether 'YYYY-MM-DD' is a real calendar date. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

/** 0 = domingo … 6 = sábado of a calendar date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

// ---- Working hours -----------------------------------------------------------------------------

export type WorkingHoursIssue = { path: (string | number)[]; message: string }

/**
 * What is wrong with a working-hours value: every range must be 'HH:MM'–'HH:MM' on the 15-minute
 * grid with the start before the end, and the ranges of one day must not overlap.
 */
export function workingHoursIssues(wh: Record<string, [string, string][] | undefined>): WorkingHoursIssue[] {
  const issues: WorkingHoursIssue[] = []
  for (const [day, ranges] of Object.entries(wh)) {
    if (!ranges) continue
    const parsed: { start: number; end: number; index: number }[] = []
    ranges.forEach(([a, b], index) => {
      const start = parseHm(a)
      const end = parseHm(b)
      if (start === null || end === null) {
        issues.push({ path: [day, index], message: 'Horário inválido (use HH:MM).' })
        return
      }
      if (start % WORKING_HOURS_STEP_MINUTES !== 0 || end % WORKING_HOURS_STEP_MINUTES !== 0) {
        issues.push({
          path: [day, index],
          message: `Use horários de ${WORKING_HOURS_STEP_MINUTES} em ${WORKING_HOURS_STEP_MINUTES} minutos (${a}–${b}).`,
        })
        return
      }
      if (end <= start) {
        issues.push({ path: [day, index], message: `O fim precisa ser depois do início (${a}–${b}).` })
        return
      }
      parsed.push({ start, end, index })
    })
    parsed.sort((x, y) => x.start - y.start)
    for (let i = 1; i < parsed.length; i++) {
      const prev = parsed[i - 1]
      const cur = parsed[i]
      if (cur.start < prev.end) {
        issues.push({
          path: [day, cur.index],
          message: `Os períodos ${formatHm(prev.start)}–${formatHm(prev.end)} e ${formatHm(cur.start)}–${formatHm(cur.end)} se sobrepõem.`,
        })
      }
    }
  }
  return issues
}

/** The ranges of one weekday as minutes, sorted ('08:00–12:00' → {480, 720}). */
export function dayRanges(
  wh: WorkingHours | null | undefined,
  weekday: number,
): { start: number; end: number }[] {
  const ranges = wh?.[String(weekday) as WeekdayKey] ?? []
  return ranges
    .map(([a, b]) => ({ start: parseHm(a) ?? 0, end: parseHm(b) ?? 0 }))
    .filter((r) => r.end > r.start)
    .sort((x, y) => x.start - y.start)
}

/** '08:00–12:00, 13:00–18:00' of one weekday; '' when the day is off. */
export function describeDay(wh: WorkingHours | null | undefined, weekday: number): string {
  return dayRanges(wh, weekday)
    .map((r) => `${formatHm(r.start)}–${formatHm(r.end)}`)
    .join(', ')
}

// ---- São Paulo wall clock <-> instants ---------------------------------------------------------

const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
})

function partsOf(instant: number) {
  const p: Record<string, number> = {}
  for (const part of zoneParts.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value)
  }
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

/** The zone's offset from UTC at an instant, in minutes (São Paulo: -180). */
function offsetMinutes(instant: number): number {
  const p = partsOf(instant)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - (instant - (((instant % 1000) + 1000) % 1000))) / MINUTE)
}

/** The instant of a São Paulo wall-clock time: `date` at `minutes` after its midnight. */
export function zonedInstant(date: string, minutes: number): number {
  const m = DATE_ONLY.exec(date)
  if (!m) throw new RangeError(`Data inválida: ${date}`)
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + minutes * MINUTE
  const first = wall - offsetMinutes(wall) * MINUTE
  const second = wall - offsetMinutes(first) * MINUTE
  return second
}

/** The São Paulo calendar date, minutes since its midnight and weekday of an instant. */
export function localTimeOf(instant: number): { date: string; minutes: number; weekday: number } {
  const p = partsOf(instant)
  const date = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
  return { date, minutes: p.hour * 60 + p.minute, weekday: weekdayOf(date) }
}

/** Today's São Paulo calendar date. */
export function todayIn(now: Date): string {
  return localTimeOf(now.getTime()).date
}

/** 'sexta-feira, 10/05 das 08:00 às 09:30'. */
export function describeInterval(iv: Interval): string {
  const a = localTimeOf(iv.start)
  const b = localTimeOf(iv.end)
  const [, mm, dd] = a.date.split('-')
  const end = b.date === a.date ? formatHm(b.minutes) : `${formatHm(b.minutes)} do dia seguinte`
  return `${WEEKDAY_NAMES[a.weekday]}, ${dd}/${mm} das ${formatHm(a.minutes)} às ${end}`
}

// ---- Intervals ---------------------------------------------------------------------------------

/** The technician's working intervals on a São Paulo calendar date. */
export function workingIntervals(wh: WorkingHours | null | undefined, date: string): Interval[] {
  return mergeIntervals(
    dayRanges(wh, weekdayOf(date)).map((r) => ({
      start: zonedInstant(date, r.start),
      end: zonedInstant(date, r.end),
    })),
  )
}

/** Sorted, with touching and overlapping intervals joined. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start)
  const out: Interval[] = []
  for (const iv of sorted) {
    const last = out[out.length - 1]
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end)
    else out.push({ ...iv })
  }
  return out
}

/** `base` minus every interval of `cut`. */
export function subtractIntervals(base: readonly Interval[], cut: readonly Interval[]): Interval[] {
  let rest = mergeIntervals(base)
  for (const c of mergeIntervals(cut)) {
    const next: Interval[] = []
    for (const r of rest) {
      if (c.end <= r.start || c.start >= r.end) {
        next.push(r)
        continue
      }
      if (c.start > r.start) next.push({ start: r.start, end: c.start })
      if (c.end < r.end) next.push({ start: c.end, end: r.end })
    }
    rest = next
  }
  return rest
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end
}

/** Whether `iv` lies entirely inside one interval of `list`. */
export function fitsIn(list: readonly Interval[], iv: Interval): boolean {
  return list.some((w) => w.start <= iv.start && iv.end <= w.end)
}

/** The cells of a day's grid (every `slotMinutes` from São Paulo midnight). */
export function dayCells(date: string, slotMinutes = SLOT_MINUTES): Interval[] {
  const cells: Interval[] = []
  for (let m = 0; m < DAY_MINUTES; m += slotMinutes) {
    cells.push({
      start: zonedInstant(date, m),
      end: zonedInstant(date, Math.min(m + slotMinutes, DAY_MINUTES)),
    })
  }
  return cells
}

/**
 * A technician's free time on a day: working hours minus busy intervals, from `now` on.
 * `free` is exact (to the minute); `slots` are the grid cells that are entirely free.
 */
export function freeTime(
  working: readonly Interval[],
  busy: readonly Interval[],
  now: number,
  cells: readonly Interval[],
): { free: Interval[]; slots: Interval[] } {
  const free = subtractIntervals(working, [...busy, { start: Number.MIN_SAFE_INTEGER, end: now }])
  return { free, slots: cells.filter((c) => fitsIn(free, c)) }
}
