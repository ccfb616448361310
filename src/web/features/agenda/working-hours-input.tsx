import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconCopy } from '@tabler/icons-react'
import { rangesToText, textToRanges, WEEKDAYS } from './agenda-time.ts'
import type { WeekdayKey, WorkingHours } from './agenda.types.ts'

export type HoursTexts = Record<WeekdayKey, string>
export type HoursErrors = Partial<Record<WeekdayKey, string>>

export const DEFAULT_HOURS_TEXTS: HoursTexts = {
  '0': '',
  '1': '08:00–12:00, 13:00–18:00',
  '2': '08:00–12:00, 13:00–18:00',
  '3': '08:00–12:00, 13:00–18:00',
  '4': '08:00–12:00, 13:00–18:00',
  '5': '08:00–12:00, 13:00–18:00',
  '6': '',
}

export function hoursToTexts(wh: WorkingHours | null | undefined): HoursTexts {
  const out = { ...DEFAULT_HOURS_TEXTS }
  for (const day of WEEKDAYS) out[day.key] = rangesToText(wh?.[day.key])
  return out
}

/** The typed texts as working hours, or the message of every day that could not be read. */
export function textsToHours(texts: HoursTexts): { hours: WorkingHours } | { errors: HoursErrors } {
  const hours: WorkingHours = {}
  const errors: HoursErrors = {}
  for (const day of WEEKDAYS) {
    const parsed = textToRanges(texts[day.key])
    if ('error' in parsed) errors[day.key] = parsed.error
    else if (parsed.ranges.length > 0) hours[day.key] = parsed.ranges
  }
  return Object.keys(errors).length > 0 ? { errors } : { hours }
}

/** The API's 'workingHours.1.0' messages, per weekday. */
export function hoursErrorsFromApi(fields: Record<string, string>, prefix = 'workingHours'): HoursErrors {
  const out: HoursErrors = {}
  for (const [path, message] of Object.entries(fields)) {
    const m = new RegExp(`^${prefix}\\.([0-6])(\\.|$)`).exec(path)
    if (m && !out[m[1] as WeekdayKey]) out[m[1] as WeekdayKey] = message
  }
  return out
}

interface WorkingHoursInputProps {
  value: HoursTexts
  onChange: (next: HoursTexts) => void
  errors: HoursErrors
  disabled?: boolean
}

/** Working hours per weekday as simple text: "08:00–12:00, 13:00–18:00"; empty = day off. */
export function WorkingHoursInput({ value, onChange, errors, disabled }: WorkingHoursInputProps) {
  const set = (key: WeekdayKey, text: string) => onChange({ ...value, [key]: text })
  function copyMonday() {
    const monday = value['1']
    onChange({ ...value, '2': monday, '3': monday, '4': monday, '5': monday })
  }
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" fw={500}>
            Horário de trabalho
          </Text>
          <Text size="xs" c="dimmed">
            Períodos do dia separados por vírgula, de 15 em 15 minutos. Vazio: não trabalha.
          </Text>
        </div>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconCopy size={14} />}
          onClick={copyMonday}
          disabled={disabled}
        >
          Repetir segunda na semana
        </Button>
      </Group>
      {WEEKDAYS.map((day) => (
        <Group key={day.key} gap="sm" wrap="nowrap" align="flex-start">
          <Text size="sm" w={104} pt={6} style={{ flexShrink: 0 }} id={`wh-${day.key}`}>
            {day.label}
          </Text>
          <TextInput
            style={{ flex: 1 }}
            aria-labelledby={`wh-${day.key}`}
            placeholder="Não trabalha"
            value={value[day.key]}
            error={errors[day.key]}
            disabled={disabled}
            onChange={(e) => set(day.key, e.currentTarget.value)}
          />
        </Group>
      ))}
    </Stack>
  )
}
