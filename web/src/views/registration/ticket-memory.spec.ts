import { describe, expect, it } from 'vitest'
import { memoryStorage } from './checkin-queue'
import { forgetTicket, rememberTicket, ticketsFor } from './ticket-memory'

describe('ticket memory', () => {
  it('remembers this browser’s tickets per activity, newest first, once each', () => {
    const s = memoryStorage()
    rememberTicket(s, { activity_id: 1, token: 'aaaaaaaa' })
    rememberTicket(s, { activity_id: 2, token: 'bbbbbbbb' })
    rememberTicket(s, { activity_id: 1, token: 'cccccccc' })
    rememberTicket(s, { activity_id: 1, token: 'aaaaaaaa' })
    expect(ticketsFor(s, 1)).toEqual(['aaaaaaaa', 'cccccccc'])
    expect(ticketsFor(s, 2)).toEqual(['bbbbbbbb'])
    expect(ticketsFor(s, 3)).toEqual([])
    forgetTicket(s, 'aaaaaaaa')
    expect(ticketsFor(s, 1)).toEqual(['cccccccc'])
  })

  it('keeps at most 50 and survives damaged or refusing storage', () => {
    const s = memoryStorage()
    for (let i = 0; i < 60; i++) rememberTicket(s, { activity_id: 1, token: `token${i}xx` })
    expect(ticketsFor(s, 1)).toHaveLength(50)
    expect(ticketsFor(s, 1)[0]).toBe('token59xx')
    s.setItem('vocweek.tickets', '{oops')
    expect(ticketsFor(s, 1)).toEqual([])
    const refusing = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('quota')
      },
    }
    expect(() => rememberTicket(refusing, { activity_id: 1, token: 'aaaaaaaa' })).not.toThrow()
    expect(ticketsFor(refusing, 1)).toEqual([])
  })
})
