import type { EventStatus, RegistrationStatus } from './types.ts'

/** pt-BR names and colours of the statuses on the public and portal screens. */
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  aberto: 'Aberto',
  confirmado: 'Confirmado',
  cancelado: 'Cancelado',
  realizado: 'Realizado',
}

export const EVENT_STATUS_COLORS: Record<EventStatus, string> = {
  aberto: 'blue',
  confirmado: 'teal',
  cancelado: 'red',
  realizado: 'gray',
}

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
