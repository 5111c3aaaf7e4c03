import { describe, expect, it } from 'vitest'
import type { DashboardRow } from '@/api/dashboard'
import { chartRows, coverageHeadline, coverageOf, dayLabel, parseLive, recordsLink, rowCompleteness, yoyText } from './dashboard-figures'

const row = (over: Partial<DashboardRow>): DashboardRow => ({
  name: '成都市',
  kind: 'city',
  status: '',
  included: true,
  unit_ids: [5, 6],
  per_day: [1, 0, 2],
  days_without: 1,
  figures: { total: 10 },
  parts: [],
  ...over,
})

describe('dashboard figures', () => {
  it('heads with annex 5 coverage once an enrolment is counted, else the live rows', () => {
    const live = { students: 575, enrolled: 33200, coverage: 1.73 }
    expect(coverageHeadline({ total: { students: 91, enrolled: 12200, coverage: 0.75 }, live })).toEqual({ value: 0.75, students: 91, enrolled: 12200, live: false })
    expect(coverageHeadline({ total: { students: 154, enrolled: 0, coverage: 0 }, live })).toEqual({ value: 1.73, students: 575, enrolled: 33200, live: true })
  })

  it('labels days in Chinese', () => {
    expect(dayLabel('2025-05-11')).toBe('5月11日')
  })
  it('says plainly when there is no previous campaign', () => {
    expect(yoyText(10, undefined)).toBe('无上届活动周')
    expect(yoyText(12, 10)).toBe('+20.0%')
    expect(yoyText(9, 10)).toBe('-10.0%')
    expect(yoyText(5, 0)).toBe('上届无此数据')
  })
  it('recomputes coverage from the sums', () => {
    expect(coverageOf(1, 3)).toBe(33.33)
    expect(coverageOf(5, 0)).toBe(0)
  })
  it('links a row to the statistics form behind it', () => {
    expect(recordsLink(row({}))).toEqual({ path: '/reports', query: { form: 'statistics', unit_id: '5' } })
    expect(recordsLink(row({ unit_ids: [] }))).toBeNull()
  })
  it('drops an empty own-records row from the charts', () => {
    const own = row({ kind: 'own', per_day: [0, 0, 0], figures: { total: 0 } })
    expect(chartRows({ rows: [own, row({})] })).toHaveLength(1)
  })
  it('adds up both chains for a city', () => {
    const parts = [
      { unit_id: 5, unit_name: 'a', chain: 'e', status: 'accepted' as const, included: true, children: 4, submitted: 3, accepted: 2 },
      { unit_id: 6, unit_name: 'b', chain: 'h', status: 'submitted' as const, included: false, children: 2, submitted: 1, accepted: 1 },
    ]
    expect(rowCompleteness(row({ parts }))).toEqual({ children: 6, submitted: 4, accepted: 3 })
  })
  it('reads the live event', () => {
    expect(parseLive('{"unit_id":1,"checked_in":3,"walk_ins":2,"at":"x"}')).toEqual({ unit_id: 1, checked_in: 3, walk_ins: 2, at: 'x' })
    expect(parseLive('nope')).toBeNull()
  })
})
