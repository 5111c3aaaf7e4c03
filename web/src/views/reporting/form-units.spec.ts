import { describe, expect, it } from 'vitest'
import type { UnitNode } from '@/api/units'
import type { Principal } from '@/utils/permission'
import { defaultFormUnit, pickerIds, pickerUnits, reportingKinds } from './form-units'

const node = (id: number, parent_id: number | null, kind: string, name = `单位${id}`): UnitNode => ({
  id,
  parent_id,
  kind,
  name,
  region_code: '510000',
  depth: 0,
  child_count: 0,
})

// 省教育厅 → 成都市教育局 → 财贸职高; 省教育厅 → 四川科技职业学院 → 智能制造学院, 教务处
const nodes = [
  node(1, null, 'province_edu', '四川省教育厅'),
  node(2, 1, 'city_edu', '成都市教育局'),
  node(3, 2, 'secondary_school', '成都市财贸职业高级中学'),
  node(4, 1, 'higher_school', '四川科技职业学院'),
  node(5, 4, 'college', '智能制造学院'),
  node(6, 4, 'office', '教务处'),
  node(7, 4, 'college', '信息工程学院'),
]
const kinds = reportingKinds([
  { code: 'province_edu', reports_forms: true },
  { code: 'city_edu', reports_forms: true },
  { code: 'secondary_school', reports_forms: true },
  { code: 'higher_school', reports_forms: true },
  { code: 'college', reports_forms: true },
  { code: 'office', reports_forms: false },
])

const user = (grants: Principal['grants']): Principal => ({ is_sysadmin: false, grants })

describe('pickerUnits', () => {
  it('lists a school with its colleges, not its offices', () => {
    const units = pickerUnits(nodes.filter((n) => n.id >= 4), user([{ unit_id: 4, role: 'unit_admin' }, { unit_id: 4, role: 'reviewer' }]), kinds)
    expect(units).toEqual([
      {
        id: 4,
        name: '四川科技职业学院',
        children: [
          { id: 5, name: '智能制造学院', children: [] },
          { id: 7, name: '信息工程学院', children: [] },
        ],
      },
    ])
  })

  it('lists only the direct children of the province, not the whole chain', () => {
    const units = pickerUnits(nodes, user([{ unit_id: 1, role: 'unit_admin' }]), kinds)
    expect(pickerIds(units)).toEqual([1, 2, 4])
  })

  it('adds the unit asked for in the address when it is visible', () => {
    const units = pickerUnits(nodes, user([{ unit_id: 1, role: 'unit_admin' }]), kinds, 5)
    expect(pickerIds(units)).toEqual([1, 2, 4, 5])
    expect(pickerIds(pickerUnits(nodes, user([{ unit_id: 1, role: 'unit_admin' }]), kinds, 6))).toEqual([1, 2, 4])
    expect(pickerIds(pickerUnits(nodes, user([{ unit_id: 1, role: 'unit_admin' }]), kinds, 99))).toEqual([1, 2, 4])
  })

  it('does not repeat a grant unit that shows under another grant', () => {
    const units = pickerUnits(nodes, user([{ unit_id: 4, role: 'unit_admin' }, { unit_id: 5, role: 'organiser' }]), kinds)
    expect(pickerIds(units)).toEqual([4, 5, 7])
  })

  it('starts at the tops of the visible tree for a user without grants', () => {
    const units = pickerUnits(nodes, { is_sysadmin: true, grants: [] }, kinds)
    expect(pickerIds(units)).toEqual([1, 2, 4])
  })

  it('lets every kind through when the kinds are unknown', () => {
    const units = pickerUnits(nodes.filter((n) => n.id >= 4), user([{ unit_id: 4, role: 'viewer' }]), null)
    expect(pickerIds(units)).toEqual([4, 5, 6, 7])
  })
})

describe('defaultFormUnit', () => {
  const units = pickerUnits(nodes, user([{ unit_id: 1, role: 'unit_admin' }]), kinds, 5)

  it('prefers the unit in the address', () => {
    expect(defaultFormUnit(units, user([{ unit_id: 1, role: 'unit_admin' }]), 4)).toBe(4)
  })

  it('else opens the unit the user administers', () => {
    const u = user([{ unit_id: 2, role: 'viewer' }, { unit_id: 4, role: 'unit_admin' }])
    expect(defaultFormUnit(pickerUnits(nodes, u, kinds), u, 99)).toBe(4)
  })

  it('else an organiser grant, else the first unit, else null', () => {
    const organiser = user([{ unit_id: 5, role: 'organiser' }])
    expect(defaultFormUnit(pickerUnits(nodes, organiser, kinds), organiser, null)).toBe(5)
    const viewer = user([{ unit_id: 2, role: 'viewer' }])
    expect(defaultFormUnit(pickerUnits(nodes, viewer, kinds), viewer, null)).toBe(2)
    expect(defaultFormUnit([], viewer, null)).toBeNull()
  })
})
