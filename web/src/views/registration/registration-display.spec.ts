import { describe, expect, it } from 'vitest'
import type { ScanResult } from '@/api/registration'
import { scanDetail, scanTitle, scanTone, seatsText, ticketStatusText, walkinsByCategory } from './registration-display'

const result = (over: Partial<ScanResult>): ScanResult => ({
  scan_id: 's', result: 'ok', message: '签到成功', name: '王小明', group: '', people: 1, checked_in: 1, head_count: 1, replayed: false,
  ...over,
})

describe('ticketStatusText', () => {
  it('says confirmed, the place on the waiting list, or cancelled', () => {
    expect(ticketStatusText({ status: 'confirmed', waiting_position: 0 })).toBe('报名成功')
    expect(ticketStatusText({ status: 'waiting', waiting_position: 2 })).toBe('候补第2位')
    expect(ticketStatusText({ status: 'cancelled', waiting_position: 0 })).toBe('已取消')
  })
})

describe('door results', () => {
  it('lets in only on ok', () => {
    expect(scanTone('ok')).toBe('ok')
    for (const r of ['already', 'wrong_activity', 'cancelled', 'waiting', 'unknown']) expect(scanTone(r)).toBe('stop')
    expect(scanTitle({ result: 'ok' })).toBe('签到成功')
    expect(scanTitle({ result: 'already' })).toBe('已签到')
  })

  it('names the person, or the class with how many came in', () => {
    expect(scanDetail(result({}))).toBe('王小明')
    expect(scanDetail(result({ name: '李老师', group: '实验小学 四年级二班', people: 25, checked_in: 25, head_count: 30 }))).toBe(
      '李老师 · 实验小学 四年级二班，本次入场 25 人（已入场 25/30）',
    )
    expect(scanDetail(result({ result: 'already', name: '李老师', group: '实验小学', people: 0, checked_in: 30, head_count: 30 }))).toBe(
      '李老师 · 实验小学，已入场 30/30',
    )
    expect(scanDetail(result({ result: 'unknown', name: '', people: 0, head_count: 0 }))).toBe('')
  })
})

describe('seatsText', () => {
  it('shows the limit when there is one', () => {
    expect(seatsText(12, 50)).toBe('12 / 50')
    expect(seatsText(12, 0)).toBe('12（不限）')
  })
})

describe('walkinsByCategory', () => {
  it('takes the roster’s check-ins off the per-category attendance', () => {
    const by = [
      { category: 'parent', count: 5 },
      { category: 'pupil_primary', count: 30 },
      { category: 'public', count: 2 },
    ]
    const roster = [
      { category: 'parent', checked_in: 1 },
      { category: 'parent', checked_in: 2 },
      { category: 'pupil_primary', checked_in: 30 },
      { category: 'staff', checked_in: 0 },
    ]
    expect(walkinsByCategory(by, roster)).toEqual({ parent: 2, pupil_primary: 0, public: 2 })
  })

  it('never goes below zero when the roster is newer than the counts', () => {
    expect(walkinsByCategory([{ category: 'parent', count: 1 }], [{ category: 'parent', checked_in: 3 }])).toEqual({ parent: 0 })
  })
})
