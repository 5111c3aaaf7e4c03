import { describe, expect, it } from 'vitest'
import { coverageCellStyle, coverageLevel, dayTotals } from './coverage-scale'

describe('coverage scale', () => {
  it('marks a day without activities as a gap and deepens with the count', () => {
    expect([0, 1, 2, 3, 9].map(coverageLevel)).toEqual([0, 1, 2, 3, 3])
    expect(coverageLevel(-1)).toBe(0)
    expect(coverageLevel(Number.NaN)).toBe(0)
  })

  it('paints gaps red and busy days green, each deeper than the last', () => {
    expect(coverageCellStyle(0).background).toBe('#fde2e2')
    const greens = [1, 2, 3].map((n) => coverageCellStyle(n).background)
    expect(new Set(greens).size).toBe(3)
    expect(coverageCellStyle(5)).toEqual(coverageCellStyle(3))
    expect(coverageCellStyle(3).color).toBe('#ffffff')
  })

  it('adds up each day over the rows', () => {
    expect(dayTotals([{ per_day: [0, 1, 2] }, { per_day: [1, 0, 3] }], 3)).toEqual([1, 1, 5])
    expect(dayTotals([], 2)).toEqual([0, 0])
  })
})
