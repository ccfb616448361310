/**
 * Contractual-deadline calendar ("prazos contratuais em dias úteis").
 * Pure TypeScript, no dependencies, no Node-only or DOM APIs: safe for the server and the web app.
 *
 * Representation
 * - A calendar date is a `CalendarDate`: a 'YYYY-MM-DD' string (São Paulo calendar day). Every function
 *   returns dates in that form; they compare correctly as strings.
 * - Inputs (`DateLike`) may be:
 *   - a 'YYYY-MM-DD' string: taken as that calendar day, as is (must be a real date);
 *   - a Date, an epoch-milliseconds number or any other date string (ISO instant): an instant, converted
 *     with Intl to the calendar day it is in America/Sao_Paulo. So 2026-11-21T02:00:00Z is 2026-11-20.
 *   Invalid input throws a RangeError.
 * - Arithmetic is done on whole days in UTC (Date.UTC), never on local time, so it is DST-proof.
 *
 * Business day: Monday–Friday that is not a holiday of the calendar defined by `BusinessDayOptions`
 * (national holidays always; Carnaval Monday/Tuesday and Corpus Christi unless `includeOptional: false`;
 * Quarta-feira de Cinzas only with `includeAshWednesday: true`; plus the tenant's `extraHolidays`).
 * 24/12 and 31/12 (federal pontos facultativos after 14h in some years) are business days.
 */
import { TIME_ZONE } from './format.ts'

/** A São Paulo calendar day as 'YYYY-MM-DD'. */
export type CalendarDate = string

/** A calendar date ('YYYY-MM-DD') or an instant (Date, epoch ms, ISO date-time string). */
export type DateLike = CalendarDate | Date | number

export type HolidayKind = 'nacional' | 'ponto-facultativo'

export interface Holiday {
  date: CalendarDate
  /** pt-BR name. */
  name: string
  kind: HolidayKind
}

export interface BusinessDayOptions {
  /**
   * Whether the federal pontos facultativos Carnaval (Monday and Tuesday) and Corpus Christi are
   * non-working days. Default **true**: public bodies, banks' clients, notaries and most offices stop on
   * them, so a deadline should not expire on them. Pass false to count them as business days.
   */
  includeOptional?: boolean
  /**
   * Whether Quarta-feira de Cinzas (ponto facultativo until 14h) is a non-working day.
   * Default **false**: it is a business day.
   */
  includeAshWednesday?: boolean
  /** The tenant's own non-working dates ('YYYY-MM-DD'), e.g. state or municipal holidays. */
  extraHolidays?: readonly CalendarDate[]
}

export type DueStatusKind = 'em-dia' | 'vence-hoje' | 'atrasado'

export interface DueStatus {
  status: DueStatusKind
  /**
   * Business days remaining ('em-dia': business days in (today, due]) or overdue
   * ('atrasado': business days in (due, today]); 0 for 'vence-hoje'. Never negative.
   * May be 0 while 'atrasado' (due Friday, today Saturday) or 'em-dia' (today Friday, due Sunday).
   */
  businessDays: number
  /** Calendar days between today and the due date, as a magnitude (never negative). */
  calendarDays: number
}

const MS_PER_DAY = 86_400_000
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

// ---------------------------------------------------------------------------------------------------
// Day numbers (days since 1970-01-01, UTC) and conversion

function dayNumberOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function formatDayNumber(dayNumber: number): CalendarDate {
  const d = new Date(dayNumber * MS_PER_DAY)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

function parseCalendarDate(value: string): number | null {
  const m = DATE_ONLY.exec(value)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const n = dayNumberOf(year, month, day)
  // Rejects 2026-02-30 and the like (Date.UTC would roll it over).
  return formatDayNumber(n) === value ? n : null
}

const saoPauloDate = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
})

function instantToDayNumber(instant: Date): number {
  let year = 0
  let month = 0
  let day = 0
  for (const part of saoPauloDate.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value)
    else if (part.type === 'month') month = Number(part.value)
    else if (part.type === 'day') day = Number(part.value)
  }
  return dayNumberOf(year, month, day)
}

function toDayNumber(value: DateLike): number {
  if (typeof value === 'string') {
    const n = parseCalendarDate(value)
    if (n !== null) return n
    if (DATE_ONLY.test(value)) throw new RangeError(`Data inválida: ${value}`)
  }
  const instant = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Data inválida: ${String(value)}`)
  return instantToDayNumber(instant)
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7
}

/**
 * The São Paulo calendar date of the input ('YYYY-MM-DD' strings pass through, instants are converted).
 * Throws RangeError on invalid input.
 */
export function toCalendarDate(value: DateLike): CalendarDate {
  return formatDayNumber(toDayNumber(value))
}

// ---------------------------------------------------------------------------------------------------
// Holidays

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Ano inválido: ${year}`)
  }
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  assertYear(year)
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

/**
 * The non-working federal days of a year, sorted by date:
 * - 'nacional' (federal law), always: 01/01 Confraternização Universal, Sexta-feira Santa (Páscoa − 2),
 *   21/04 Tiradentes, 01/05 Dia do Trabalho, 07/09 Independência do Brasil, 12/10 Nossa Senhora Aparecida,
 *   02/11 Finados, 15/11 Proclamação da República, 20/11 Dia Nacional de Zumbi e da Consciência Negra
 *   (Lei 14.759/2023, from 2024 on), 25/12 Natal;
 * - 'ponto-facultativo', when `includeOptional` (default true): Carnaval Monday and Tuesday
 *   (Páscoa − 48, − 47) and Corpus Christi (Páscoa + 60);
 * - 'ponto-facultativo', only when `includeAshWednesday` (default false): Quarta-feira de Cinzas (Páscoa − 46).
 * `extraHolidays` are not listed here (they have no name); they only affect the business-day functions.
 * Holidays that fall on a weekend are listed too. Coinciding holidays are each listed.
 */
export function brazilianHolidays(year: number, opts: BusinessDayOptions = {}): Holiday[] {
  assertYear(year)
  const includeOptional = opts.includeOptional ?? true
  const includeAshWednesday = opts.includeAshWednesday ?? false
  const easter = parseCalendarDate(easterSunday(year))!
  const fixed = (month: number, day: number, name: string): Holiday => ({
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    name,
    kind: 'nacional',
  })
  const movable = (offset: number, name: string, kind: HolidayKind): Holiday => ({
    date: formatDayNumber(easter + offset),
    name,
    kind,
  })

  const list: Holiday[] = [
    fixed(1, 1, 'Confraternização Universal'),
    movable(-2, 'Sexta-feira Santa', 'nacional'),
    fixed(4, 21, 'Tiradentes'),
    fixed(5, 1, 'Dia do Trabalho'),
    fixed(9, 7, 'Independência do Brasil'),
    fixed(10, 12, 'Nossa Senhora Aparecida'),
    fixed(11, 2, 'Finados'),
    fixed(11, 15, 'Proclamação da República'),
    fixed(12, 25, 'Natal'),
  ]
  if (year >= 2024) list.push(fixed(11, 20, 'Dia Nacional de Zumbi e da Consciência Negra'))
  if (includeOptional) {
    list.push(
      movable(-48, 'Carnaval (segunda-feira)', 'ponto-facultativo'),
      movable(-47, 'Carnaval (terça-feira)', 'ponto-facultativo'),
      movable(60, 'Corpus Christi', 'ponto-facultativo'),
    )
  }
  if (includeAshWednesday) list.push(movable(-46, 'Quarta-feira de Cinzas', 'ponto-facultativo'))
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
}

const holidayCache = new Map<string, ReadonlySet<number>>()

function federalHolidaySet(year: number, includeOptional: boolean, includeAshWednesday: boolean) {
  const key = `${year}|${includeOptional}|${includeAshWednesday}`
  let set = holidayCache.get(key)
  if (!set) {
    set = new Set(
      brazilianHolidays(year, { includeOptional, includeAshWednesday }).map(
        (h) => parseCalendarDate(h.date)!,
      ),
    )
    holidayCache.set(key, set)
  }
  return set
}

/** Builds the "is this day number a business day?" predicate for a set of options (validated once). */
function businessDayPredicate(opts: BusinessDayOptions): (dayNumber: number) => boolean {
  const includeOptional = opts.includeOptional ?? true
  const includeAshWednesday = opts.includeAshWednesday ?? false
  const extra = new Set<number>()
  for (const date of opts.extraHolidays ?? []) {
    const n = parseCalendarDate(date)
    if (n === null) throw new RangeError(`Feriado extra inválido (use AAAA-MM-DD): ${date}`)
    extra.add(n)
  }
  return (dayNumber) => {
    const weekday = weekdayOf(dayNumber)
    if (weekday === 0 || weekday === 6) return false
    if (extra.has(dayNumber)) return false
    const year = new Date(dayNumber * MS_PER_DAY).getUTCFullYear()
    return !federalHolidaySet(year, includeOptional, includeAshWednesday).has(dayNumber)
  }
}

// ---------------------------------------------------------------------------------------------------
// Business-day arithmetic

/** Whether the (São Paulo calendar) date is a business day: Mon–Fri and not a holiday under `opts`. */
export function isBusinessDay(date: DateLike, opts: BusinessDayOptions = {}): boolean {
  return businessDayPredicate(opts)(toDayNumber(date))
}

/**
 * The deadline `n` business days after `start`.
 *
 * Rule: the start date itself is never counted; **day 1 is the first business day after the start
 * date**, day 2 the next one, and so on. So when the start is a non-business day (weekend, holiday),
 * counting simply begins at the next business day: from Sunday, 1 business day is Monday (if Monday is a
 * business day). The result is always a business day.
 * - n = 0: the start date if it is a business day, otherwise the next business day.
 * - n < 0: counts backwards; day −1 is the last business day before the start date.
 * `n` must be an integer (RangeError otherwise).
 */
export function addBusinessDays(start: DateLike, n: number, opts: BusinessDayOptions = {}): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`Número de dias úteis inválido: ${n}`)
  const isBusiness = businessDayPredicate(opts)
  let day = toDayNumber(start)
  if (n === 0) {
    while (!isBusiness(day)) day++
    return formatDayNumber(day)
  }
  const step = n > 0 ? 1 : -1
  let remaining = Math.abs(n)
  while (remaining > 0) {
    day += step
    if (isBusiness(day)) remaining--
  }
  return formatDayNumber(day)
}

/**
 * Signed count of business days from `a` to `b`:
 * - a < b: the business days in (a, b] — `a` excluded, `b` included;
 * - a > b: minus the business days in (b, a];
 * - same day: 0.
 * So businessDaysBetween(a, b) === −businessDaysBetween(b, a), and for n ≥ 1
 * businessDaysBetween(a, addBusinessDays(a, n)) === n.
 */
export function businessDaysBetween(a: DateLike, b: DateLike, opts: BusinessDayOptions = {}): number {
  const isBusiness = businessDayPredicate(opts)
  const from = toDayNumber(a)
  const to = toDayNumber(b)
  const lo = Math.min(from, to)
  const hi = Math.max(from, to)
  let count = 0
  for (let day = lo + 1; day <= hi; day++) if (isBusiness(day)) count++
  return to >= from ? count : -count
}

/**
 * Status of a deadline `due` (a calendar date, or an instant read as its São Paulo day) at `now`
 * (default: the current instant), comparing São Paulo calendar days:
 * - 'em-dia': due after today; `businessDays` = business days in (today, due];
 * - 'vence-hoje': due today (the whole São Paulo day, until 23:59); `businessDays` = 0;
 * - 'atrasado': due before today; `businessDays` = business days in (due, today] (can be 0 over a
 *   weekend right after the due date — `calendarDays` is then ≥ 1).
 */
export function dueStatus(
  due: DateLike,
  now: DateLike = new Date(),
  opts: BusinessDayOptions = {},
): DueStatus {
  const dueDay = toDayNumber(due)
  const today = toDayNumber(now)
  const calendarDays = Math.abs(dueDay - today)
  if (dueDay === today) return { status: 'vence-hoje', businessDays: 0, calendarDays: 0 }
  const businessDays = Math.abs(businessDaysBetween(formatDayNumber(today), formatDayNumber(dueDay), opts))
  return { status: dueDay > today ? 'em-dia' : 'atrasado', businessDays, calendarDays }
}
