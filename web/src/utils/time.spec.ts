import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  addMinutes,
  formatDate,
  formatDay,
  formatInstant,
  formatRange,
  formatRangeForVisitors,
  instantAt,
  isPast,
  sameWeekdayInYear,
  shanghaiDate,
  toInstant,
} from './time'

describe('formatInstant', () => {
  it('shows instants on the Shanghai wall clock whatever their offset', () => {
    expect(formatInstant('2025-05-12T18:00:00+08:00')).toBe('2025-05-12 18:00')
    expect(formatInstant('2025-05-12T10:00:00Z')).toBe('2025-05-12 18:00')
    expect(formatInstant('2025-05-13T23:59:00+08:00')).toBe('2025-05-13 23:59')
    expect(formatInstant('2025-05-13T16:30:00Z')).toBe('2025-05-14 00:30')
  })

  it('does not depend on the browser time zone', () => {
    vi.stubEnv('TZ', 'America/New_York')
    expect(formatInstant('2025-05-12T18:00:00+08:00')).toBe('2025-05-12 18:00')
  })

  it('returns empty text for missing values and the input for garbage', () => {
    expect(formatInstant(null)).toBe('')
    expect(formatInstant('')).toBe('')
    expect(formatInstant('soon')).toBe('soon')
  })

  afterEach(() => vi.unstubAllEnvs())
})

describe('toInstant', () => {
  it('sends wall-clock times as ISO with +08:00', () => {
    expect(toInstant('2025-05-21 17:30')).toBe('2025-05-21T17:30:00+08:00')
    expect(toInstant('2025-05-21T17:30:15')).toBe('2025-05-21T17:30:15+08:00')
    expect(toInstant('')).toBeNull()
    expect(toInstant(null)).toBeNull()
  })

  it('round-trips with formatInstant', () => {
    const iso = toInstant('2025-05-12 18:00')
    expect(formatInstant(iso)).toBe('2025-05-12 18:00')
  })
})

describe('dates', () => {
  it('formats dates the Chinese way', () => {
    expect(formatDate('2025-05-11')).toBe('2025年5月11日')
    expect(formatDay('2025-05-11')).toBe('5月11日（周日）')
    expect(formatDay('2025-05-17')).toBe('5月17日（周六）')
  })

  it('proposes next year on the same weekday', () => {
    expect(sameWeekdayInYear('2025-05-11', 2026)).toBe('2026-05-10')
    expect(sameWeekdayInYear('2025-05-11', 2025)).toBe('2025-05-11')
    expect(sameWeekdayInYear('2024-05-12', 2025)).toBe('2025-05-11')
  })

  it('tells past instants', () => {
    const now = Date.parse('2025-05-13T12:00:00+08:00')
    expect(isPast('2025-05-12T18:00:00+08:00', now)).toBe(true)
    expect(isPast('2025-05-13T23:59:00+08:00', now)).toBe(false)
    expect(isPast(null, now)).toBe(false)
  })
})

describe('activity times', () => {
  it('takes the calendar date on the Shanghai clock', () => {
    expect(shanghaiDate('2025-05-12T20:00:00Z')).toBe('2025-05-13')
    expect(shanghaiDate('2025-05-13T00:30:00+08:00')).toBe('2025-05-13')
    expect(shanghaiDate('2025-05-13T09:00:00+08:00')).toBe('2025-05-13')
    expect(shanghaiDate('')).toBe('')
    expect(shanghaiDate('later')).toBe('')
  })

  it('adds minutes across midnight on the wall clock, whatever the browser zone', () => {
    vi.stubEnv('TZ', 'America/New_York')
    expect(addMinutes('2025-05-12 09:30', 120)).toBe('2025-05-12 11:30')
    expect(addMinutes('2025-05-12 23:30', 60)).toBe('2025-05-13 00:30')
    expect(addMinutes('nonsense', 60)).toBe('nonsense')
    vi.unstubAllEnvs()
  })

  it('shows a range inside one day with the date once', () => {
    expect(formatRange('2025-05-13T09:00:00+08:00', '2025-05-13T11:30:00+08:00')).toBe('2025-05-13 09:00–11:30')
    expect(formatRange('2025-05-13T01:00:00Z', '2025-05-14T09:00:00Z')).toBe('2025-05-13 09:00 至 2025-05-14 17:00')
  })

  it('shows visitors the day and weekday', () => {
    expect(formatRangeForVisitors('2025-05-13T09:00:00+08:00', '2025-05-13T11:30:00+08:00')).toBe('5月13日（周二）09:00–11:30')
    expect(formatRangeForVisitors('2025-05-13T09:00:00+08:00', '2025-05-15T17:00:00+08:00')).toBe(
      '5月13日（周二）09:00 至 5月15日（周四）17:00',
    )
    // An evening past midnight reads as one evening.
    expect(formatRangeForVisitors('2025-05-14T19:00:00+08:00', '2025-05-15T00:30:00+08:00')).toBe(
      '5月14日（周三）19:00 – 次日 00:30',
    )
    expect(formatRangeForVisitors('2025-05-31T19:00:00+08:00', '2025-06-01T00:30:00+08:00')).toBe(
      '5月31日（周六）19:00 – 次日 00:30',
    )
  })
})

describe('instantAt', () => {
  it('writes an instant as the API does, on the Shanghai clock with seconds', () => {
    expect(instantAt(Date.parse('2025-05-12T10:00:00+08:00'))).toBe('2025-05-12T10:00:00+08:00')
    expect(instantAt(Date.parse('2025-05-12T16:30:05Z'))).toBe('2025-05-13T00:30:05+08:00')
    expect(Date.parse(instantAt(1747015200123))).toBe(1747015200000)
  })
})
