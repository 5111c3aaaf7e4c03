import { describe, expect, it } from 'vitest'
import type { PublicSeats, ScanResult, Ticket } from '@/api/registration'
import { scanDetail, scanTitle, scanTone, seatsBadge, seatsText, ticketState, ticketStatusText, walkinsByCategory } from './registration-display'

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

describe('ticketState', () => {
  const now = Date.parse('2025-05-12T08:00:00+08:00')
  const ticket = (status: 'confirmed' | 'waiting' | 'cancelled', activity: Partial<Ticket['activity']> = {}) =>
    ({
      registration: { status, waiting_position: 1 },
      activity: { status: 'published', cancel_reason: '', ends_at: '2025-05-12T11:30:00+08:00', ...activity },
    }) as unknown as Ticket

  it('shows a cancelled activity once, without the registration state', () => {
    for (const status of ['confirmed', 'waiting'] as const) {
      const s = ticketState(ticket(status, { status: 'cancelled', cancel_reason: '暴雨预警。' }), now)
      expect(s).toEqual({ headline: '活动已取消', tone: 'cancelled', live: false, banner: '原因：暴雨预警。' })
    }
    expect(ticketState(ticket('confirmed', { status: 'cancelled' }), now).banner).toBe('主办单位已取消本活动。')
  })

  it('ends with the activity, and is live before', () => {
    expect(ticketState(ticket('confirmed', { ends_at: '2025-05-11T11:30:00+08:00' }), now).headline).toBe('活动已结束')
    expect(ticketState(ticket('confirmed'), now)).toEqual({ headline: '报名成功', tone: 'confirmed', live: true, banner: '' })
    expect(ticketState(ticket('waiting'), now).headline).toBe('候补第1位')
    expect(ticketState(ticket('cancelled'), now).live).toBe(false)
  })
})

describe('seatsBadge', () => {
  const now = Date.parse('2025-05-12T08:00:00+08:00')
  const a = { status: 'published', ends_at: '2025-05-12T11:30:00+08:00', registration_required: true }
  const seats = (over: Partial<PublicSeats>): PublicSeats => ({
    activity_id: 1, registration_required: true, capacity: 30, confirmed: 0, waiting: 0, waiting_room: 50, ...over,
  })
  it('says what a visitor can still do', () => {
    expect(seatsBadge(a, seats({}), now)?.text).toBe('可报名')
    expect(seatsBadge(a, seats({ capacity: 0 }), now)?.text).toBe('可报名')
    expect(seatsBadge(a, seats({ confirmed: 27 }), now)?.text).toBe('余 3 位')
    expect(seatsBadge(a, seats({ confirmed: 30 }), now)?.text).toBe('已满（可候补）')
    expect(seatsBadge(a, seats({ confirmed: 30, waiting: 50 }), now)?.text).toBe('已满')
    expect(seatsBadge({ ...a, status: 'cancelled' }, seats({}), now)?.text).toBe('已取消')
    expect(seatsBadge({ ...a, ends_at: '2025-05-11T11:30:00+08:00' }, seats({}), now)?.text).toBe('已结束')
    expect(seatsBadge({ ...a, registration_required: false }, undefined, now)).toBeNull()
  })
})
