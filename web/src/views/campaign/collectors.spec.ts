import { describe, expect, it } from 'vitest'
import type { UnitKind, UnitNode } from '@/api/units'
import { collectorOptions } from './collectors'

const kind = (code: string, category: UnitKind['category']): UnitKind => ({
  code, name: code, category, reports_forms: true, parent_kinds: [],
})
const kinds = [kind('province_edu', 'authority'), kind('higher_school', 'school'), kind('college', 'department')]
const node = (id: number, parent_id: number | null, k: string, name: string): UnitNode => ({
  id, parent_id, kind: k, name, region_code: '', depth: 0, child_count: 0,
})
const nodes = [
  node(1, null, 'province_edu', '四川省教育厅'),
  node(52, 1, 'higher_school', '四川科技职业学院'),
  node(59, 52, 'college', '智能制造学院'),
  node(53, 1, 'higher_school', '成都工业职业技术学院'),
]

describe('collectorOptions', () => {
  it('offers a school administrator their school only, never the province', () => {
    const reaches = (ancestors: readonly number[]) => ancestors.includes(52)
    expect(collectorOptions(nodes, kinds, false, reaches)).toEqual([{ id: 52, name: '四川科技职业学院' }])
  })

  it('offers the campaign manager the province first, then the units below', () => {
    const reaches = (ancestors: readonly number[]) => ancestors.includes(1)
    expect(collectorOptions(nodes, kinds, true, reaches).map((c) => c.name)).toEqual([
      '省级', '四川省教育厅', '四川科技职业学院', '成都工业职业技术学院',
    ])
  })

  it('offers nothing to users without administrator grants', () => {
    expect(collectorOptions(nodes, kinds, false, () => false)).toEqual([])
  })
})
