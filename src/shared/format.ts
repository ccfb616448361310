/**
 * Display formatting helpers (pt-BR, America/Sao_Paulo).
 * Pure TypeScript: safe for both the server and the web app.
 */

export const TIME_ZONE = 'America/Sao_Paulo'

export type DateInput = Date | string | number | null | undefined

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Converts the input to a valid Date, or null.
 * A date-only string ('2026-11-22') is read as midnight in São Paulo, not UTC,
 * so it is displayed as the same calendar day.
 */
export function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null
  const date =
    typeof value === 'string' && DATE_ONLY.test(value) ? new Date(`${value}T00:00:00-03:00`) : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

const partsFormatter = new Intl.DateTimeFormat('pt-BR', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

interface LocalParts {
  year: string
  month: string
  day: string
  hour: string
  minute: string
}

/** Calendar fields of the instant as seen in São Paulo. */
function localParts(date: Date): LocalParts {
  const parts: Record<string, string> = {}
  for (const part of partsFormatter.formatToParts(date)) parts[part.type] = part.value
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute }
}

/** '22/11/2026 14:30' in São Paulo time; '' for null/undefined/invalid. */
export function formatDateTime(value: DateInput): string {
  const date = toDate(value)
  if (!date) return ''
  const p = localParts(date)
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
}

/** '22/11/2026' in São Paulo time; '' for null/undefined/invalid. */
export function formatDate(value: DateInput): string {
  const date = toDate(value)
  if (!date) return ''
  const p = localParts(date)
  return `${p.day}/${p.month}/${p.year}`
}

/** '14:30' in São Paulo time; '' for null/undefined/invalid. */
export function formatTime(value: DateInput): string {
  const date = toDate(value)
  if (!date) return ''
  const p = localParts(date)
  return `${p.hour}:${p.minute}`
}

const moneyFormatter = new Intl.NumberFormat('pt-BR', {
  style: 'currency',
  currency: 'BRL',
  signDisplay: 'negative',
})

/** 'R$ 1.234,56' (value in reais). Uses a normal space after 'R$'; '' for NaN/Infinity. */
export function formatMoney(value: number): string {
  if (!Number.isFinite(value)) return ''
  return moneyFormatter.format(value).replace(/[\u00a0\u202f]/g, ' ')
}

/** Same as formatMoney, from integer cents (12345 → 'R$ 123,45'). */
export function formatMoneyCents(cents: number): string {
  if (!Number.isFinite(cents)) return ''
  return formatMoney(Math.round(cents) / 100)
}

/**
 * Parses a money amount typed by a user: 'R$ 1.234,56', '1234,56', '1234.56', '-10', '1.234'.
 * With both separators, the last one is the decimal separator. A lone '.' followed by exactly
 * three digits is read as a thousands separator (pt-BR: '1.500' → 1500).
 * Returns null for empty or malformed input, or more than 2 decimal places.
 */
export function parseMoney(input: string): number | null {
  let s = String(input ?? '')
    .replace(/R\$/gi, '')
    .replace(/[\s\u00a0\u202f]/g, '')
  let negative = false
  if (s.startsWith('-')) {
    negative = true
    s = s.slice(1)
  }
  if (!/^[\d.,]+$/.test(s)) return null

  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  let decimalSep: ',' | '.' | null = null
  if (lastComma >= 0 && lastDot >= 0) decimalSep = lastComma > lastDot ? ',' : '.'
  else if (lastComma >= 0) decimalSep = ','
  else if (lastDot >= 0 && s.indexOf('.') === lastDot && !/^\d{1,3}\.\d{3}$/.test(s)) decimalSep = '.'

  let intPart = s
  let fracPart = ''
  if (decimalSep) {
    const idx = s.lastIndexOf(decimalSep)
    intPart = s.slice(0, idx)
    fracPart = s.slice(idx + 1)
  }
  // Integer part: plain digits, or digits grouped by the thousands separator.
  const grouped = decimalSep === '.' ? /^\d{1,3}(,\d{3})+$/ : /^\d{1,3}(\.\d{3})+$/
  if (!/^\d*$/.test(intPart) && !grouped.test(intPart)) return null
  if (!/^\d{0,2}$/.test(fracPart)) return null

  const digits = intPart.replace(/\D/g, '')
  if (digits === '' && fracPart === '') return null
  const cents = Number(digits || '0') * 100 + Number(fracPart.padEnd(2, '0'))
  const result = cents / 100
  return negative && result !== 0 ? -result : result
}

/** pt-BR number with a fixed number of decimals: formatNumber(1234) → '1.234'. */
export function formatNumber(value: number, fractionDigits = 0): string {
  if (!Number.isFinite(value)) return ''
  return new Intl.NumberFormat('pt-BR', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
    signDisplay: 'negative',
  }).format(value)
}

/**
 * A count with its noun in the right number (pt-BR: singular for 1 only):
 * formatCount(1, 'linha', 'linhas') → '1 linha'; formatCount(2500, 'linha', 'linhas') → '2.500 linhas'.
 */
export function formatCount(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Calendar day number (days since epoch) of the instant in São Paulo. */
function localDayNumber(date: Date): number {
  const p = localParts(date)
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / DAY_MS
}

/**
 * Due-date status by São Paulo calendar days: 'vence hoje', 'vence amanhã', 'vence em 3 dias',
 * 'atrasado há 1 dia', 'atrasado há 2 dias'. '' for invalid dates.
 */
export function formatRelativeDue(due: Date | string, now: Date = new Date()): string {
  const dueDate = toDate(due)
  const nowDate = toDate(now)
  if (!dueDate || !nowDate) return ''
  const diff = localDayNumber(dueDate) - localDayNumber(nowDate)
  if (diff === 0) return 'vence hoje'
  if (diff === 1) return 'vence amanhã'
  if (diff > 1) return `vence em ${diff} dias`
  const late = -diff
  return late === 1 ? 'atrasado há 1 dia' : `atrasado há ${late} dias`
}

const weekdayFormatter = new Intl.DateTimeFormat('pt-BR', { timeZone: TIME_ZONE, weekday: 'long' })

/**
 * An event's period in words: 'segunda-feira, 30/11/2026, das 14:00 às 16:00' on one day,
 * '30/11/2026 14:00 a 02/12/2026 18:00' across days (São Paulo time).
 */
export function formatPeriod(start: DateInput, end: DateInput): string {
  const s = toDate(start)
  const e = toDate(end)
  if (!s || !e) return ''
  if (formatDate(s) === formatDate(e)) {
    return `${weekdayFormatter.format(s)}, ${formatDate(s)}, das ${formatTime(s)} às ${formatTime(e)}`
  }
  return `${formatDateTime(s)} a ${formatDateTime(e)}`
}

/** Hours with a decimal comma, as workloads are written: 1,5 h; 8 h. */
export function formatHours(hours: number): string {
  return `${formatNumber(hours, Number.isInteger(hours) ? 0 : 1)} h`
}
