/**
 * pt-BR labels and colours of the events module. No React here: the public and portal screens
 * (src/web/features/events-public) import this file too.
 */
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../../shared/format.ts'
import type { EventStatus, MailKind, MailStatus, RegistrationStatus } from './events.types.ts'

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  aberto: 'Aberto',
  confirmado: 'Confirmado',
  cancelado: 'Cancelado',
  realizado: 'Realizado',
}

/** Mantine colours of the status badges. */
export const EVENT_STATUS_COLORS: Record<EventStatus, string> = {
  aberto: 'blue',
  confirmado: 'green',
  cancelado: 'red',
  realizado: 'gray',
}

export const EVENT_STATUS_OPTIONS = (Object.keys(EVENT_STATUS_LABELS) as EventStatus[]).map((value) => ({
  value,
  label: EVENT_STATUS_LABELS[value],
}))

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  inscrito: 'Inscrito',
  espera: 'Lista de espera',
  cancelado: 'Cancelado',
}

export const REGISTRATION_STATUS_COLORS: Record<RegistrationStatus, string> = {
  inscrito: 'teal',
  espera: 'yellow',
  cancelado: 'gray',
}

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  registration: 'Confirmação de inscrição',
  status: 'Mudança de status',
  resend: 'Reenvio',
  reminder: 'Lembrete',
  cancel: 'Cancelamento',
  certificate: 'Certificado',
  cpf_required: 'Pedido de CPF',
}

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  queued: 'Na fila',
  sent: 'Enviado',
  failed: 'Falhou',
  cancelled: 'Cancelado',
}

export const MAIL_STATUS_COLORS: Record<MailStatus, string> = {
  queued: 'yellow',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
}

export function eventStatusLabel(status: string): string {
  return EVENT_STATUS_LABELS[status as EventStatus] ?? status
}

export function eventStatusColor(status: string): string {
  return EVENT_STATUS_COLORS[status as EventStatus] ?? 'gray'
}

export function registrationStatusLabel(status: string): string {
  return REGISTRATION_STATUS_LABELS[status as RegistrationStatus] ?? status
}

export function mailKindLabel(kind: string): string {
  return MAIL_KIND_LABELS[kind as MailKind] ?? kind
}

export function mailStatusLabel(status: string): string {
  return MAIL_STATUS_LABELS[status as MailStatus] ?? status
}

export function mailStatusColor(status: string): string {
  return MAIL_STATUS_COLORS[status as MailStatus] ?? 'gray'
}

/**
 * '22/11/2026 14:00–16:00' on one day, '22/11/2026 14:00 – 23/11/2026 12:00' across days
 * (São Paulo time).
 */
export function formatEventRange(startsAt: string | Date, endsAt: string | Date): string {
  const sameDay = formatDate(startsAt) === formatDate(endsAt)
  if (sameDay) return `${formatDateTime(startsAt)}–${formatTime(endsAt)}`
  return `${formatDateTime(startsAt)} – ${formatDateTime(endsAt)}`
}

/** '2 h', '1,5 h'. */
export function formatHours(hours: number): string {
  return `${formatNumber(hours, Number.isInteger(hours) ? 0 : hours * 10 === Math.round(hours * 10) ? 1 : 2)} h`
}

/** '+1 sessão', '+3 sessões' (the secondary events of a main event). */
export function secondaryCountLabel(count: number): string {
  return count === 1 ? '+1 sessão' : `+${formatNumber(count)} sessões`
}

/** '12/30 inscritos' or '12 inscritos' without a capacity. */
export function seatsLabel(registered: number, capacity: number | null): string {
  const noun = registered === 1 ? 'inscrito' : 'inscritos'
  return capacity === null
    ? `${formatNumber(registered)} ${noun}`
    : `${formatNumber(registered)}/${formatNumber(capacity)} ${noun}`
}
