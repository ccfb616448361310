import { type DateInput, formatDate, formatNumber, formatTime, toDate } from '../../../shared/format.ts'

const WEEKDAYS = ['Domingo', 'Segunda', 'Terça', 'Quarta', 'Quinta', 'Sexta', 'Sábado']

/** 'Segunda' for the São Paulo calendar day of the instant; '' for invalid input. */
export function weekday(value: DateInput): string {
  const [day, month, year] = formatDate(value).split('/').map(Number)
  if (!day) return ''
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]
}

/** '14h00' in São Paulo time. */
export function hour(value: DateInput): string {
  return formatTime(value).replace(':', 'h')
}

/**
 * 'Segunda, 30/11/2026, 14h00 às 16h00'; over several days
 * 'Segunda, 30/11/2026, 14h00 até terça, 01/12/2026, 16h00'.
 */
export function formatEventDates(startsAt: DateInput, endsAt: DateInput): string {
  const start = `${weekday(startsAt)}, ${formatDate(startsAt)}, ${hour(startsAt)}`
  if (formatDate(startsAt) === formatDate(endsAt)) return `${start} às ${hour(endsAt)}`
  return `${start} até ${weekday(endsAt).toLowerCase()}, ${formatDate(endsAt)}, ${hour(endsAt)}`
}

/** '4 horas', '1 hora', '1,5 hora'. */
export function formatWorkload(hours: number): string {
  const text = formatNumber(hours, Number.isInteger(hours) ? 0 : 1)
  return `${text} ${hours >= 2 ? 'horas' : 'hora'}`
}

/** '12 vagas restantes', '1 vaga restante', 'Lista de espera' (full), null without a limit. */
export function formatSpots(spotsLeft: number | null): string | null {
  if (spotsLeft === null) return null
  if (spotsLeft <= 0) return 'Vagas esgotadas: lista de espera'
  return spotsLeft === 1 ? '1 vaga restante' : `${formatNumber(spotsLeft)} vagas restantes`
}

/** 'Faltam 2 h 14 min 05 s' ('Faltam 3 dias, 2 h 14 min 05 s' when more than a day away). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const days = Math.floor(total / 86_400)
  const hours = Math.floor((total % 86_400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  const clock =
    days > 0 || hours > 0
      ? `${hours} h ${pad(minutes)} min ${pad(seconds)} s`
      : minutes > 0
        ? `${minutes} min ${pad(seconds)} s`
        : `${seconds} s`
  if (days === 0) return `Faltam ${clock}`
  return `Faltam ${days} ${days === 1 ? 'dia' : 'dias'}, ${clock}`
}

/** True once the event's end has passed. */
export function hasEnded(endsAt: DateInput, now = Date.now()): boolean {
  const end = toDate(endsAt)
  return end !== null && end.getTime() <= now
}
