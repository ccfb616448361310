import { useForm } from '@mantine/form'
import { formatDate, formatTime, formatNumber } from '../../../shared/format.ts'
import type { EventBody, EventDetail, EventStatus } from './events.types.ts'

/** Everything the event form edits, as typed (dates 'YYYY-MM-DD', times 'HH:mm', numbers as text). */
export interface EventFormValues {
  mainEventId: string | null
  description: string
  typeId: string | null
  responsibleUserId: string | null
  startDate: string | null
  startTime: string
  endDate: string | null
  endTime: string
  clientOrgId: string | null
  location: string
  onlineUrl: string
  publicRegistration: boolean
  capacity: string
  workloadHours: string
  status: EventStatus
}

export function useEventForm(initialValues: EventFormValues) {
  return useForm<EventFormValues>({ initialValues })
}

export type EventForm = ReturnType<typeof useEventForm>

/** São Paulo has had no daylight saving time since 2019: a fixed UTC−3 offset. */
const SAO_PAULO_OFFSET = '-03:00'

/** 'YYYY-MM-DD' + 'HH:mm' in São Paulo → ISO with offset ('2026-05-10T14:00:00-03:00'). */
export function toSaoPauloIso(date: string, time: string): string {
  return `${date}T${time}:00${SAO_PAULO_OFFSET}`
}

/** An instant → São Paulo 'YYYY-MM-DD'. */
export function saoPauloDay(value: string | Date): string {
  const [day, month, year] = formatDate(value).split('/')
  return `${year}-${month}-${day}`
}

/** Parses 'dd/mm/aaaa' typed in the date field into 'YYYY-MM-DD' (null when not a real date). */
export function parseBrazilianDate(input: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.trim())
  if (!match) return null
  const [, d, m, y] = match
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
}

/** Keeps 'HH:mm' while typing: digits only, colon added. */
export function maskTime(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 4)
  return digits.length > 2 ? `${digits.slice(0, 2)}:${digits.slice(2)}` : digits
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/

/** '1,5' or '1.5' → 1.5; null when not a number. */
export function parseDecimal(input: string): number | null {
  const text = input.trim().replace(/\s/g, '')
  if (!/^\d+([.,]\d+)?$/.test(text)) return null
  return Number(text.replace(',', '.'))
}

export function emptyValues(
  options: { mainEventId?: string | null; clientOrgId?: string | null } = {},
): EventFormValues {
  return {
    mainEventId: options.mainEventId ?? null,
    description: '',
    typeId: null,
    responsibleUserId: null,
    startDate: null,
    startTime: '',
    endDate: null,
    endTime: '',
    clientOrgId: options.clientOrgId ?? null,
    location: '',
    onlineUrl: '',
    publicRegistration: false,
    capacity: '',
    workloadHours: '',
    status: 'aberto',
  }
}

export function valuesFromEvent(event: EventDetail): EventFormValues {
  return {
    mainEventId: event.mainEventId,
    // A secondary whose description follows the main event's starts blank (keeps following it).
    description: event.mainEventId && !event.descriptionCustom ? '' : event.description,
    typeId: event.typeId,
    responsibleUserId: event.responsibleUserId,
    startDate: saoPauloDay(event.startsAt),
    startTime: formatTime(event.startsAt),
    endDate: saoPauloDay(event.endsAt),
    endTime: formatTime(event.endsAt),
    clientOrgId: event.clientOrgId,
    location: event.location ?? '',
    onlineUrl: event.onlineUrl ?? '',
    publicRegistration: event.publicRegistration,
    capacity: event.capacity === null ? '' : String(event.capacity),
    workloadHours: formatNumber(event.workloadHours, Number.isInteger(event.workloadHours) ? 0 : 1),
    status: event.status,
  }
}

/** Client-side checks, in pt-BR, before the request. */
export function validate(values: EventFormValues): Record<string, string> {
  const errors: Record<string, string> = {}
  const secondary = Boolean(values.mainEventId)
  if (!secondary && values.description.trim().length === 0) errors.description = 'Informe a descrição.'
  if (!secondary && !values.typeId) errors.typeId = 'Escolha o tipo do evento.'
  if (!values.startDate) errors.startDate = 'Informe a data de início.'
  if (!TIME_PATTERN.test(values.startTime)) errors.startTime = 'Hora inválida (use hh:mm).'
  if (!values.endDate) errors.endDate = 'Informe a data de término.'
  if (!TIME_PATTERN.test(values.endTime)) errors.endTime = 'Hora inválida (use hh:mm).'
  if (!errors.startDate && !errors.startTime && !errors.endDate && !errors.endTime) {
    const start = new Date(toSaoPauloIso(values.startDate ?? '', values.startTime))
    const end = new Date(toSaoPauloIso(values.endDate ?? '', values.endTime))
    if (end <= start) errors.endDate = 'O término precisa ser depois do início.'
  }
  if (!secondary) {
    const url = values.onlineUrl.trim()
    if (url && !/^https?:\/\/\S+$/i.test(url)) {
      errors.onlineUrl = 'Informe o endereço completo da conferência (https://…).'
    }
    const capacity = values.capacity.trim()
    if (capacity && (!/^\d+$/.test(capacity) || Number(capacity) < 1)) {
      errors.capacity = 'Informe um número inteiro de vagas (pelo menos 1).'
    }
    const hours = parseDecimal(values.workloadHours)
    if (values.workloadHours.trim() === '') errors.workloadHours = 'Informe a carga horária.'
    else if (hours === null) errors.workloadHours = 'Use um número, por exemplo 2 ou 1,5.'
    else if (hours < 0.5) errors.workloadHours = 'Carga horária mínima de 0,5 h.'
    else if (hours > 500) errors.workloadHours = 'Carga horária máxima de 500 h.'
  }
  return errors
}

/** The request body. A secondary event sends only what it does not inherit. */
export function toBody(values: EventFormValues, isNew: boolean): EventBody {
  const body: EventBody = {
    mainEventId: values.mainEventId,
    description: values.description.trim(),
    responsibleUserId: values.responsibleUserId,
    startsAt: toSaoPauloIso(values.startDate ?? '', values.startTime),
    endsAt: toSaoPauloIso(values.endDate ?? '', values.endTime),
  }
  if (!values.mainEventId) {
    body.typeId = values.typeId ?? undefined
    body.clientOrgId = values.clientOrgId
    body.location = values.location.trim()
    body.onlineUrl = values.onlineUrl.trim()
    body.publicRegistration = values.publicRegistration
    body.capacity = values.capacity.trim() ? Number(values.capacity.trim()) : null
    body.workloadHours = parseDecimal(values.workloadHours) ?? undefined
  }
  if (!isNew) body.status = values.status
  return body
}

/** Where the server's field paths land on the form. */
export const SERVER_FIELD_MAP: Record<string, keyof EventFormValues> = {
  startsAt: 'startDate',
  endsAt: 'endDate',
}
