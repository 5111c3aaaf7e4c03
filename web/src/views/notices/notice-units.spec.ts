import { describe, expect, it } from 'vitest'
import { ackText, publisherUnits } from './notice-units'

describe('publisherUnits', () => {
  it('keeps the units of admin and reviewer grants once each', () => {
    const units = publisherUnits([
      { unit_id: 1, unit_name: '四川省教育厅', role: 'unit_admin' },
      { unit_id: 1, unit_name: '四川省教育厅', role: 'reviewer' },
      { unit_id: 2, unit_name: '四川省人力资源和社会保障厅', role: 'viewer' },
      { unit_id: 3, unit_name: '成都市教育局', role: 'reviewer' },
    ])
    expect(units).toEqual([
      { id: 1, name: '四川省教育厅' },
      { id: 3, name: '成都市教育局' },
    ])
  })
  it('writes the acknowledgement count', () => {
    expect(ackText(18, 21)).toBe('已签收 18 / 21')
  })
})
