import { TextInput, type TextInputProps } from '@mantine/core'
import { formatTime } from '../../../shared/format.ts'
import { formatLongDay, maskHm, parseHm } from './agenda-time.ts'
import type { Booking } from './agenda.types.ts'

/** The messages for "Hr. Ini" and "Hr. Fin" of a booking: both HH:MM, the end after the start. */
export function checkTimes(startTime: string, endTime: string): { startTime?: string; endTime?: string } {
  const found: { startTime?: string; endTime?: string } = {}
  const start = parseHm(startTime)
  const end = parseHm(endTime)
  if (start === null) found.startTime = 'Informe a hora inicial (HH:MM).'
  if (end === null) found.endTime = 'Informe a hora final (HH:MM).'
  if (start !== null && end !== null && end <= start)
    found.endTime = 'A hora final precisa ser depois da inicial.'
  return found
}

/** The toast after a booking was made or moved: the technician, the day and the hours. */
export function bookingToast(booking: Booking, date: string): string {
  return `${booking.technicianName}, ${formatLongDay(date)} das ${formatTime(booking.startsAt)} às ${formatTime(booking.endsAt)}.`
}

/** An HH:MM field ("Hr. Ini", "Hr. Fin"): digits only, the colon put in as they are typed. */
export function TimeInput({
  onChange,
  ...props
}: Omit<TextInputProps, 'onChange' | 'value'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput inputMode="numeric" onChange={(e) => onChange(maskHm(e.currentTarget.value))} {...props} />
  )
}
