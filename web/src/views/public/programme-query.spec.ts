import { describe, expect, it } from 'vitest'
import { emptyFilters, parseProgrammeQuery, toApiQuery, toRouteQuery } from './programme-query'

describe('programme filters in the address', () => {
  it('reads what is there and ignores what is malformed', () => {
    expect(parseProgrammeQuery({ day: '3', region: '510100', mode: 'online', q: ' 机器人 ', page: '2' })).toEqual({
      ...emptyFilters, day: 3, region: '510100', mode: 'online', q: '机器人', page: 2,
    })
    expect(parseProgrammeQuery({ day: 'x', region: '51', unit: '-4', mode: 'boat', page: '0' })).toEqual(emptyFilters)
    expect(parseProgrammeQuery({ unit: ['52', '53'] }).unit).toBe(52)
  })

  it('writes only what is set, and the page only past the first', () => {
    expect(toRouteQuery({ ...emptyFilters })).toEqual({})
    expect(toRouteQuery({ ...emptyFilters, day: 2, unit: 52, category: 27, audience: 'pupils', q: '  ', page: 1 })).toEqual({
      day: '2', unit: '52', category: '27', audience: 'pupils',
    })
    expect(toRouteQuery({ ...emptyFilters, page: 3 })).toEqual({ page: '3' })
  })

  it('round-trips through the address', () => {
    const f = { ...emptyFilters, day: 5, region: '510700', unit: 9, category: 4, audience: 'public', mode: 'onsite' as const, q: '非遗', page: 2 }
    const query = Object.fromEntries(Object.entries(toRouteQuery(f)).map(([k, v]) => [k, String(v)]))
    expect(parseProgrammeQuery(query)).toEqual(f)
  })

  it('asks the server with its parameter names', () => {
    expect(toApiQuery({ ...emptyFilters, day: 5, region: '510100', mode: 'onsite', q: ' 家电 ' }, 20)).toEqual({
      theme_day_id: 5, region: '510100', unit_id: undefined, category_id: undefined, audience: undefined,
      mode: 'onsite', q: '家电', page: 1, page_size: 20,
    })
  })
})
