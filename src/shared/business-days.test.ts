import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addBusinessDays,
  brazilianHolidays,
  businessDaysBetween,
  dueStatus,
  easterSunday,
  isBusinessDay,
  toCalendarDate,
} from './business-days.ts'

const NO_OPTIONAL = { includeOptional: false }

test('easterSunday matches the known dates', () => {
  assert.equal(easterSunday(2024), '2024-03-31')
  assert.equal(easterSunday(2025), '2025-04-20')
  assert.equal(easterSunday(2026), '2026-04-05')
  assert.equal(easterSunday(2027), '2027-03-28')
  // Extremes of the Gregorian range of Easter: 22/03 (1818, 2285) and 25/04 (1943, 2038).
  assert.equal(easterSunday(1818), '1818-03-22')
  assert.equal(easterSunday(2038), '2038-04-25')
  assert.throws(() => easterSunday(2026.5), RangeError)
})

test('2026 movable holidays are derived from Easter (05/04/2026)', () => {
  const byName = new Map(brazilianHolidays(2026).map((h) => [h.name, h]))
  // 05/04 − 48 days: Feb 2026 has 28 days; 16/02 → 16/03 is 28 days, 16/03 → 05/04 is 20 → 48.
  assert.deepEqual(byName.get('Carnaval (segunda-feira)'), {
    date: '2026-02-16',
    name: 'Carnaval (segunda-feira)',
    kind: 'ponto-facultativo',
  })
  assert.equal(byName.get('Carnaval (terça-feira)')?.date, '2026-02-17') // 05/04 − 47
  // 05/04 + 60: 05/04 → 05/05 is 30 days, 05/05 → 04/06 is 30 → 60.
  assert.equal(byName.get('Corpus Christi')?.date, '2026-06-04')
  assert.equal(byName.get('Sexta-feira Santa')?.date, '2026-04-03') // 05/04 − 2
  assert.equal(byName.get('Sexta-feira Santa')?.kind, 'nacional')
  // Quarta-feira de Cinzas (05/04 − 46 = 18/02) is a business day by default, so not listed…
  assert.equal(byName.has('Quarta-feira de Cinzas'), false)
  assert.equal(isBusinessDay('2026-02-18'), true)
  // …unless asked for.
  const withAsh = brazilianHolidays(2026, { includeAshWednesday: true })
  assert.equal(withAsh.find((h) => h.name === 'Quarta-feira de Cinzas')?.date, '2026-02-18')
  assert.equal(isBusinessDay('2026-02-18', { includeAshWednesday: true }), false)
})

test('holiday lists: counts, order and includeOptional', () => {
  const all = brazilianHolidays(2026)
  // 10 national (incl. 20/11) + Carnaval ×2 + Corpus Christi = 13.
  assert.equal(all.length, 13)
  assert.deepEqual(
    all.map((h) => h.date),
    [...all.map((h) => h.date)].sort(),
  )
  assert.equal(all[0].date, '2026-01-01')
  assert.equal(all[0].name, 'Confraternização Universal')
  // Without pontos facultativos: only the 10 national holidays.
  const national = brazilianHolidays(2026, NO_OPTIONAL)
  assert.equal(national.length, 10)
  assert.ok(national.every((h) => h.kind === 'nacional'))
})

test('20/11 is national only from 2024 (Lei 14.759/2023)', () => {
  // 20/11/2026 is a Friday and a holiday.
  assert.equal(new Date('2026-11-20T12:00:00Z').getUTCDay(), 5)
  assert.equal(isBusinessDay('2026-11-20'), false)
  assert.equal(
    brazilianHolidays(2026).find((h) => h.date === '2026-11-20')?.name,
    'Dia Nacional de Zumbi e da Consciência Negra',
  )
  // 20/11/2023 was a Monday and NOT a national holiday (the law is from 21/12/2023).
  assert.equal(isBusinessDay('2023-11-20'), true)
  assert.equal(brazilianHolidays(2023, NO_OPTIONAL).length, 9)
  // 20/11/2024 (Wednesday) was the first national one.
  assert.equal(isBusinessDay('2024-11-20'), false)
})

test('weekends and ordinary days', () => {
  assert.equal(isBusinessDay('2026-11-21'), false) // Saturday
  assert.equal(isBusinessDay('2026-11-22'), false) // Sunday
  assert.equal(isBusinessDay('2026-11-23'), true) // Monday
  assert.equal(isBusinessDay('2026-02-16'), false) // Carnaval Monday (default includeOptional)
  assert.equal(isBusinessDay('2026-02-16', NO_OPTIONAL), true)
  assert.equal(isBusinessDay('2026-06-04', NO_OPTIONAL), true) // Corpus Christi as business day
  assert.equal(isBusinessDay('2026-04-03', NO_OPTIONAL), false) // Sexta-feira Santa is always national
})

test('5 business days from Friday 13/02/2026 across Carnaval', () => {
  // includeOptional (default): 13 Fri = start (not counted);
  // 14 Sat, 15 Sun weekend; 16 Mon, 17 Tue Carnaval excluded;
  // 18 Wed (1), 19 Thu (2), 20 Fri (3), [21–22 weekend], 23 Mon (4), 24 Tue (5) → 24/02/2026.
  assert.equal(addBusinessDays('2026-02-13', 5), '2026-02-24')
  // includeOptional: false: Carnaval counts as business days:
  // 16 Mon (1), 17 Tue (2), 18 Wed (3), 19 Thu (4), 20 Fri (5) → 20/02/2026.
  assert.equal(addBusinessDays('2026-02-13', 5, NO_OPTIONAL), '2026-02-20')
  // And back: (13/02, 24/02] holds 18, 19, 20, 23, 24 = 5; without the option also 16, 17 = 7.
  assert.equal(businessDaysBetween('2026-02-13', '2026-02-24'), 5)
  assert.equal(businessDaysBetween('2026-02-13', '2026-02-24', NO_OPTIONAL), 7)
  assert.equal(businessDaysBetween('2026-02-24', '2026-02-13'), -5) // signed
  assert.equal(businessDaysBetween('2026-02-24', '2026-02-24'), 0)
})

test('around 20/11/2026 (Friday holiday)', () => {
  // Start Wed 18/11: 19 Thu (1), 20 Fri holiday, 21–22 weekend, 23 Mon (2), 24 Tue (3) → 24/11/2026.
  assert.equal(addBusinessDays('2026-11-18', 3), '2026-11-24')
  // (13/11, 23/11]: 16 Mon, 17, 18, 19, [20 holiday, 21–22 weekend], 23 → 5.
  assert.equal(businessDaysBetween('2026-11-13', '2026-11-23'), 5)
  // Backwards: day −1 from Mon 23/11 is the last business day before it: Thu 19/11 (20 is a holiday).
  assert.equal(addBusinessDays('2026-11-23', -1), '2026-11-19')
})

test('around Christmas and New Year 2026/2027', () => {
  // 25/12/2026 and 01/01/2027 are Fridays. 24/12 and 31/12 count as business days.
  // Start Wed 23/12: 24 Thu (1), 25 Fri Natal, 26–27 weekend, 28 Mon (2), 29 Tue (3) → 29/12/2026.
  assert.equal(addBusinessDays('2026-12-23', 3), '2026-12-29')
  // Start Wed 30/12: 31 Thu (1), 01/01 Fri Confraternização, 02–03 weekend, 04/01 Mon (2) → 04/01/2027.
  assert.equal(addBusinessDays('2026-12-30', 2), '2027-01-04')
  // (24/12/2026, 04/01/2027]: 28, 29, 30, 31/12 and 04/01 → 5.
  assert.equal(businessDaysBetween('2026-12-24', '2027-01-04'), 5)
})

test('a start on a non-business day: day 1 is the first business day after it', () => {
  // Sunday 22/11/2026: 23 Mon (1) → 23/11.
  assert.equal(addBusinessDays('2026-11-22', 1), '2026-11-23')
  // Carnaval Sunday 15/02/2026: 16, 17 Carnaval excluded, 18 Wed (1) → 18/02.
  assert.equal(addBusinessDays('2026-02-15', 1), '2026-02-18')
  // n = 0 rolls a non-business start forward to the next business day; a business start stays put.
  assert.equal(addBusinessDays('2026-11-20', 0), '2026-11-23') // Fri holiday → Mon
  assert.equal(addBusinessDays('2026-11-19', 0), '2026-11-19')
  assert.throws(() => addBusinessDays('2026-11-19', 1.5), RangeError)
})

test('extraHolidays (tenant state/municipal dates)', () => {
  // 09/07/2026 (Thursday) is Revolução Constitucionalista in the state of São Paulo.
  const sp = { extraHolidays: ['2026-07-09'] }
  assert.equal(isBusinessDay('2026-07-09'), true)
  assert.equal(isBusinessDay('2026-07-09', sp), false)
  // Start Wed 08/07: without it 09 Thu (1); with it 09 excluded, 10 Fri (1).
  assert.equal(addBusinessDays('2026-07-08', 1), '2026-07-09')
  assert.equal(addBusinessDays('2026-07-08', 1, sp), '2026-07-10')
  // Combined with includeOptional: false the Carnaval is back, the extra date still excluded.
  // From Fri 13/02/2026 with 18/02 extra: 16 (1), 17 (2), [18 extra], 19 (3), 20 (4), 23 (5) → 23/02.
  assert.equal(
    addBusinessDays('2026-02-13', 5, { includeOptional: false, extraHolidays: ['2026-02-18'] }),
    '2026-02-23',
  )
  assert.throws(() => isBusinessDay('2026-07-10', { extraHolidays: ['09/07/2026'] }), RangeError)
})

test('instants are read as the São Paulo calendar day', () => {
  // 2026-11-21T02:00:00Z is 20/11/2026 23:00 in São Paulo (UTC−3): the holiday, not Saturday 21.
  assert.equal(toCalendarDate('2026-11-21T02:00:00Z'), '2026-11-20')
  assert.equal(toCalendarDate(new Date('2026-11-21T02:00:00Z')), '2026-11-20')
  assert.equal(toCalendarDate(Date.parse('2026-11-21T03:00:00Z')), '2026-11-21') // 00:00 in SP
  // 2026-11-20T02:00:00Z is Thu 19/11 23:00 in SP: a business day, though the UTC date is the holiday.
  assert.equal(isBusinessDay(new Date('2026-11-20T02:00:00Z')), true)
  // So 1 business day from it: 20 holiday, 21–22 weekend, 23 Mon (1).
  assert.equal(addBusinessDays(new Date('2026-11-20T02:00:00Z'), 1), '2026-11-23')
  // Date-only strings are calendar days as is; invalid dates throw.
  assert.equal(toCalendarDate('2026-02-28'), '2026-02-28')
  assert.throws(() => toCalendarDate('2026-02-30'), RangeError)
  assert.throws(() => toCalendarDate('not a date'), RangeError)
})

test('dueStatus', () => {
  // Now Wed 18/11/2026 12:00 SP, due Tue 24/11: (18, 24] = 19, 23, 24 → 3 business days, 6 calendar days.
  assert.deepEqual(dueStatus('2026-11-24', new Date('2026-11-18T15:00:00Z')), {
    status: 'em-dia',
    businessDays: 3,
    calendarDays: 6,
  })
  // 24/11 23:59 in SP (= 25/11 02:59 UTC) is still the due day.
  assert.deepEqual(dueStatus('2026-11-24', '2026-11-25T02:59:00Z'), {
    status: 'vence-hoje',
    businessDays: 0,
    calendarDays: 0,
  })
  // 25/11 00:00 in SP: one business day late.
  assert.deepEqual(dueStatus('2026-11-24', '2026-11-25T03:00:00Z'), {
    status: 'atrasado',
    businessDays: 1,
    calendarDays: 1,
  })
  // Due Thu 19/11, now Mon 23/11: (19, 23] = [20 holiday, 21–22 weekend], 23 → 1 business day late.
  assert.equal(dueStatus('2026-11-19', '2026-11-23T15:00:00Z').businessDays, 1)
  // Due Fri 13/11, now Sun 15/11: late, but no business day has elapsed yet.
  assert.deepEqual(dueStatus('2026-11-13', '2026-11-15T15:00:00Z'), {
    status: 'atrasado',
    businessDays: 0,
    calendarDays: 2,
  })
  // Options apply: due Fri 20/02/2026, now Fri 13/02: 18, 19, 20 = 3 (Carnaval off), 5 without.
  assert.equal(dueStatus('2026-02-20', '2026-02-13').businessDays, 3)
  assert.equal(dueStatus('2026-02-20', '2026-02-13', NO_OPTIONAL).businessDays, 5)
})

test('addBusinessDays and businessDaysBetween are inverse for n ≥ 1', () => {
  const starts = ['2026-02-13', '2026-02-15', '2026-11-20', '2026-12-24', '2023-11-17']
  for (const start of starts) {
    for (const n of [1, 2, 5, 10, 30]) {
      const due = addBusinessDays(start, n)
      assert.equal(isBusinessDay(due), true)
      assert.equal(businessDaysBetween(start, due), n, `${start} + ${n}`)
    }
  }
})
