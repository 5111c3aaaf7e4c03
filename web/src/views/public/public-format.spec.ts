import { describe, expect, it } from 'vitest'
import { cityOf, monthDay, organiserLabel, placeLabel } from './public-format'

describe('public site labels', () => {
  it('names the school before the college when the server sends it', () => {
    expect(organiserLabel({ unit_name: '智能制造学院', school_name: '四川科技职业学院' })).toBe('四川科技职业学院 · 智能制造学院')
    expect(organiserLabel({ unit_name: '四川科技职业学院', school_name: '四川科技职业学院' })).toBe('四川科技职业学院')
    expect(organiserLabel({ unit_name: '智能制造学院' })).toBe('智能制造学院')
  })

  it('says 线上 for online activities and the venue otherwise', () => {
    expect(placeLabel({ place_kind: 'online', place: '' })).toBe('线上')
    expect(placeLabel({ place_kind: 'off_campus', place: '郫都区某企业' })).toBe('郫都区某企业')
    expect(placeLabel({ place_kind: 'on_campus', place: '' })).toBe('校内')
  })

  it('finds the city of a county', () => {
    expect(cityOf('510124')).toBe('510100')
    expect(cityOf('510100')).toBe('510100')
    expect(cityOf('')).toBe('')
  })

  it('shortens a date to month and day', () => {
    expect(monthDay('2025-05-09')).toBe('5月9日')
    expect(monthDay('2025-12-12')).toBe('12月12日')
  })
})
