import { describe, expect, it } from 'vitest'
import { isUnread, notificationTarget, unreadBadge, withRead } from './board-notifications'

describe('unread badge', () => {
  it('is empty at zero and caps at 99+', () => {
    expect(unreadBadge(0)).toBe('')
    expect(unreadBadge(-1)).toBe('')
    expect(unreadBadge(Number.NaN)).toBe('')
    expect(unreadBadge(3)).toBe('3')
    expect(unreadBadge(99)).toBe('99')
    expect(unreadBadge(100)).toBe('99+')
  })
})

describe('notification link', () => {
  it('opens in-app routes', () => {
    expect(notificationTarget({ link: '/reports?form=info_form&unit_id=12' })).toBe('/reports?form=info_form&unit_id=12')
    expect(notificationTarget({ link: ' /reports/review ' })).toBe('/reports/review')
  })

  it('never leaves the app', () => {
    expect(notificationTarget({ link: '' })).toBeNull()
    expect(notificationTarget({ link: 'https://example.com/x' })).toBeNull()
    expect(notificationTarget({ link: '//example.com/x' })).toBeNull()
    expect(notificationTarget({ link: '/\\example.com' })).toBeNull()
    expect(notificationTarget({ link: 'javascript:alert(1)' })).toBeNull()
  })
})

describe('read state', () => {
  it('tells unread from read and replaces the one read in place', () => {
    const list = [
      { id: 1, read_at: '' },
      { id: 2, read_at: '' },
    ]
    expect(isUnread(list[0])).toBe(true)
    const after = withRead(list, { id: 2, read_at: '2025-05-12T10:00:00+08:00' })
    expect(after.map(isUnread)).toEqual([true, false])
    expect(list[1].read_at).toBe('')
  })
})
