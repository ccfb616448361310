import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  TIME_ZONE,
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyCents,
  formatNumber,
  formatRelativeDue,
  formatTime,
  parseMoney,
} from './format.ts'

test('TIME_ZONE is São Paulo', () => {
  assert.equal(TIME_ZONE, 'America/Sao_Paulo')
})

test('formatDateTime renders São Paulo local time', () => {
  assert.equal(formatDateTime(new Date('2026-11-22T17:30:00Z')), '22/11/2026 14:30')
  assert.equal(formatDateTime('2026-11-22T17:30:00.000Z'), '22/11/2026 14:30')
  assert.equal(formatDateTime(Date.parse('2026-11-22T17:30:00Z')), '22/11/2026 14:30')
  assert.equal(formatDateTime('2026-11-22T14:30:00-03:00'), '22/11/2026 14:30')
})

test('dates around midnight UTC keep the São Paulo calendar day', () => {
  const instant = '2026-11-23T02:30:00Z'
  assert.equal(formatDateTime(instant), '22/11/2026 23:30')
  assert.equal(formatDate(instant), '22/11/2026')
  assert.equal(formatTime(instant), '23:30')
  assert.equal(formatDateTime('2026-11-23T03:00:00Z'), '23/11/2026 00:00')
  assert.equal(formatDateTime('2026-01-01T02:59:00Z'), '31/12/2025 23:59')
})

test('date-only strings are calendar days, not UTC midnight', () => {
  assert.equal(formatDate('2026-11-22'), '22/11/2026')
  assert.equal(formatDateTime('2026-11-22'), '22/11/2026 00:00')
})

test('formatDate and formatTime', () => {
  assert.equal(formatDate(new Date('2026-03-05T12:00:00Z')), '05/03/2026')
  assert.equal(formatTime(new Date('2026-03-05T12:07:00Z')), '09:07')
  assert.equal(formatTime(new Date('2026-03-05T03:00:00Z')), '00:00')
})

test('date formatters return empty string for missing or invalid values', () => {
  for (const fn of [formatDateTime, formatDate, formatTime]) {
    assert.equal(fn(null), '')
    assert.equal(fn(undefined), '')
    assert.equal(fn(''), '')
    assert.equal(fn('not a date'), '')
    assert.equal(fn(Number.NaN), '')
    assert.equal(fn(new Date('invalid')), '')
  }
})

test('formatMoney uses pt-BR BRL with a normal space', () => {
  assert.equal(formatMoney(1234.56), 'R$ 1.234,56')
  assert.equal(formatMoney(0), 'R$ 0,00')
  assert.equal(formatMoney(5), 'R$ 5,00')
  assert.equal(formatMoney(1_000_000), 'R$ 1.000.000,00')
  assert.ok(!formatMoney(1).includes('\u00a0'))
})

test('formatMoney rounds to cents (half away from zero on the decimal value)', () => {
  assert.equal(formatMoney(1.005), 'R$ 1,01')
  assert.equal(formatMoney(2.675), 'R$ 2,68')
  assert.equal(formatMoney(0.1 + 0.2), 'R$ 0,30')
  assert.equal(formatMoney(9.999), 'R$ 10,00')
})

test('formatMoney handles negative values and never shows -0', () => {
  assert.equal(formatMoney(-1234.56), '-R$ 1.234,56')
  assert.equal(formatMoney(-0.005), '-R$ 0,01')
  assert.equal(formatMoney(-0), 'R$ 0,00')
  assert.equal(formatMoney(-0.001), 'R$ 0,00')
})

test('formatMoney returns empty string for non-finite values', () => {
  assert.equal(formatMoney(Number.NaN), '')
  assert.equal(formatMoney(Number.POSITIVE_INFINITY), '')
})

test('formatMoneyCents', () => {
  assert.equal(formatMoneyCents(123456), 'R$ 1.234,56')
  assert.equal(formatMoneyCents(1), 'R$ 0,01')
  assert.equal(formatMoneyCents(-990), '-R$ 9,90')
  assert.equal(formatMoneyCents(0), 'R$ 0,00')
  assert.equal(formatMoneyCents(12.6), 'R$ 0,13')
})

test('parseMoney accepts common pt-BR and plain inputs', () => {
  assert.equal(parseMoney('R$ 1.234,56'), 1234.56)
  assert.equal(parseMoney('R$\u00a01.234,56'), 1234.56)
  assert.equal(parseMoney('1234,56'), 1234.56)
  assert.equal(parseMoney('1234.56'), 1234.56)
  assert.equal(parseMoney('1,234.56'), 1234.56)
  assert.equal(parseMoney('1.234.567,8'), 1234567.8)
  assert.equal(parseMoney('1.500'), 1500)
  assert.equal(parseMoney('10'), 10)
  assert.equal(parseMoney('0,5'), 0.5)
  assert.equal(parseMoney(',99'), 0.99)
  assert.equal(parseMoney('  42,00  '), 42)
})

test('parseMoney handles negative values', () => {
  assert.equal(parseMoney('-R$ 1.234,56'), -1234.56)
  assert.equal(parseMoney('R$ -10,50'), -10.5)
  assert.equal(parseMoney('-0,00'), 0)
  assert.ok(!Object.is(parseMoney('-0'), -0))
})

test('parseMoney round-trips formatMoney', () => {
  for (const value of [0, 0.01, 1.1, 1234.56, -987654.32]) {
    assert.equal(parseMoney(formatMoney(value)), value)
  }
})

test('parseMoney rejects malformed input', () => {
  for (const bad of [
    '',
    '   ',
    'R$',
    'abc',
    '12a',
    '1,2,3',
    '12.34.56',
    '1.234,567',
    '--5',
    '.',
    ',',
    '1 2x',
  ]) {
    assert.equal(parseMoney(bad), null, bad)
  }
})

test('formatNumber uses pt-BR grouping and fixed decimals', () => {
  assert.equal(formatNumber(1234), '1.234')
  assert.equal(formatNumber(1234.5), '1.235')
  assert.equal(formatNumber(1234.5, 2), '1.234,50')
  assert.equal(formatNumber(-1234567.891, 1), '-1.234.567,9')
  assert.equal(formatNumber(0.5, 2), '0,50')
  assert.equal(formatNumber(-0.4), '0')
  assert.equal(formatNumber(Number.NaN), '')
})

test('formatRelativeDue counts São Paulo calendar days', () => {
  const now = new Date('2026-11-22T15:00:00Z') // 22/11 12:00 in São Paulo
  assert.equal(formatRelativeDue('2026-11-22', now), 'vence hoje')
  assert.equal(formatRelativeDue(new Date('2026-11-23T02:59:00Z'), now), 'vence hoje') // 22/11 23:59
  assert.equal(formatRelativeDue('2026-11-23', now), 'vence amanhã')
  assert.equal(formatRelativeDue('2026-11-25', now), 'vence em 3 dias')
  assert.equal(formatRelativeDue('2026-11-21', now), 'atrasado há 1 dia')
  assert.equal(formatRelativeDue('2026-11-20', now), 'atrasado há 2 dias')
  assert.equal(formatRelativeDue('2026-12-22', now), 'vence em 30 dias')
})

test('formatRelativeDue near midnight UTC uses the local day of "now"', () => {
  const lateNight = new Date('2026-11-23T02:30:00Z') // still 22/11 in São Paulo
  assert.equal(formatRelativeDue('2026-11-22', lateNight), 'vence hoje')
  assert.equal(formatRelativeDue('2026-11-23', lateNight), 'vence amanhã')
  const justAfter = new Date('2026-11-23T03:00:00Z') // 23/11 00:00 in São Paulo
  assert.equal(formatRelativeDue('2026-11-22', justAfter), 'atrasado há 1 dia')
})

test('formatRelativeDue returns empty string for invalid dates', () => {
  assert.equal(formatRelativeDue('garbage'), '')
  assert.equal(formatRelativeDue('2026-11-22', new Date('invalid')), '')
})

test('formatCount puts the noun in the number of the count (singular for 1 only), with pt-BR grouping', () => {
  assert.equal(formatCount(1, 'linha', 'linhas'), '1 linha')
  assert.equal(formatCount(0, 'linha', 'linhas'), '0 linhas')
  assert.equal(formatCount(2500, 'usuário cadastrado', 'usuários cadastrados'), '2.500 usuários cadastrados')
})
