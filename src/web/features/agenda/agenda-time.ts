/**
 * Wall-clock arithmetic of the agenda in the browser: São Paulo 'HH:MM' ⇄ instants (through the
 * time zone's real offset, not a fixed -03:00), the grid rows and the working-hours text inputs.
 */
import { TIME_ZONE, formatDate } from '../../../shared/format.ts'
import type { WeekdayKey, WorkingHours } from './agenda.types.ts'

export const WEEKDAYS: { key: WeekdayKey; label: string; short: string }[] = [
  { key: '1', label: 'Segunda-feira', short: 'Seg' },
  { key: '2', label: 'Terça-feira', short: 'Ter' },
  { key: '3', label: 'Quarta-feira', short: 'Qua' },
  { key: '4', label: 'Quinta-feira', short: 'Qui' },
  { key: '5', label: 'Sexta-feira', short: 'Sex' },
  { key: '6', label: 'Sábado', short: 'Sáb' },
  { key: '0', label: 'Domingo', short: 'Dom' },
]

/** The grid shows at least 07:00–20:00 (more when someone works earlier or later). */
export const GRID_START_MINUTES = 7 * 60
export const GRID_END_MINUTES = 20 * 60
export const DEFAULT_SLOT_MINUTES = 30

const MINUTE = 60_000
const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
})

function partsOf(instant: number) {
  const p: Record<string, number> = {}
  for (const part of zoneParts.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value)
  }
  return p as { year: number; month: number; day: number; hour: number; minute: number }
}

function offsetMinutes(instant: number): number {
  const p = partsOf(instant)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
  return Math.round((asUtc - Math.floor(instant / MINUTE) * MINUTE) / MINUTE)
}

/** Epoch ms of `date` ('YYYY-MM-DD') at `minutes` after midnight, São Paulo time. */
export function zonedInstant(date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number)
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE
  const first = wall - offsetMinutes(wall) * MINUTE
  return wall - offsetMinutes(first) * MINUTE
}

/** ISO instant of a São Paulo day and 'HH:MM'. */
export function toIso(date: string, hm: string): string {
  return new Date(zonedInstant(date, parseHm(hm) ?? 0)).toISOString()
}

/** Minutes after São Paulo midnight of an instant. */
export function minutesOfDay(value: string | number): number {
  const p = partsOf(typeof value === 'number' ? value : new Date(value).getTime())
  return p.hour * 60 + p.minute
}

/** The São Paulo calendar day ('YYYY-MM-DD') of an instant. */
export function dayOf(value: string | number | Date): string {
  const [dd, mm, yyyy] = formatDate(new Date(value)).split('/')
  return `${yyyy}-${mm}-${dd}`
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

const WEEKDAY_LONG = [
  'domingo',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
]

/** 'sexta-feira, 12/12/2026'. */
export function formatLongDay(date: string): string {
  return `${WEEKDAY_LONG[weekdayOf(date)]}, ${formatDate(date)}`
}

export function parseHm(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim())
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null
  return h * 60 + min
}

export function formatHm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Keeps 'HH:MM' while typing: digits only, colon added. */
export function maskHm(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 4)
  return digits.length > 2 ? `${digits.slice(0, 2)}:${digits.slice(2)}` : digits
}

// ---- Working hours as text ---------------------------------------------------------------------

/** [["08:00","12:00"],["13:00","18:00"]] → '08:00–12:00, 13:00–18:00'. */
export function rangesToText(ranges: [string, string][] | undefined): string {
  return (ranges ?? []).map(([a, b]) => `${a}–${b}`).join(', ')
}

/**
 * '08:00-12:00, 13:00–18:00' (dash or en dash, comma or semicolon) → ranges; '' → [] (day off).
 * Returns an error message for text that is not a list of periods.
 */
export function textToRanges(text: string): { ranges: [string, string][] } | { error: string } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)
  const ranges: [string, string][] = []
  for (const part of parts) {
    const m = /^(\d{1,2}:\d{2})\s*(?:-|–|—|a|às|até)\s*(\d{1,2}:\d{2})$/i.exec(part)
    const start = m ? parseHm(m[1]) : null
    const end = m ? parseHm(m[2]) : null
    if (start === null || end === null)
      return { error: `Não entendi "${part}". Use 08:00–12:00, 13:00–18:00.` }
    ranges.push([formatHm(start), formatHm(end)])
  }
  return { ranges }
}

/** A short summary: 'Seg–Sex 08:00–12:00, 13:00–18:00 · Sáb 08:00–12:00'. */
export function summarizeHours(wh: WorkingHours | null | undefined): string {
  if (!wh) return ''
  const groups: { days: string[]; text: string }[] = []
  for (const day of WEEKDAYS) {
    const text = rangesToText(wh[day.key])
    if (!text) continue
    const last = groups[groups.length - 1]
    const prevIndex = WEEKDAYS.findIndex((d) => d.short === last?.days[last.days.length - 1])
    const isNext = last && prevIndex === WEEKDAYS.indexOf(day) - 1
    if (last && last.text === text && isNext) last.days.push(day.short)
    else groups.push({ days: [day.short], text })
  }
  if (groups.length === 0) return 'Sem expediente'
  return groups
    .map(
      (g) =>
        `${g.days.length > 2 ? `${g.days[0]}–${g.days[g.days.length - 1]}` : g.days.join(', ')} ${g.text}`,
    )
    .join(' · ')
}
