import { describe, expect, it } from 'vitest'
import type { UnitNode } from '@/api/units'
import { ancestorIds, buildUnitTree } from './tree'

const node = (id: number, parent_id: number | null, name: string): UnitNode => ({
  id, parent_id, name, kind: 'college', region_code: '510100', depth: 0, child_count: 0,
})

describe('buildUnitTree', () => {
  it('nests a flat list by parent_id, keeping the server order', () => {
    const tree = buildUnitTree([
      node(1, null, '四川省教育厅'),
      node(10, 1, '成都市教育局'),
      node(52, 1, '四川科技职业学院'),
      node(59, 52, '智能制造学院'),
      node(64, 52, '教务处'),
    ])
    expect(tree.map((n) => n.name)).toEqual(['四川省教育厅'])
    expect(tree[0].children.map((n) => n.name)).toEqual(['成都市教育局', '四川科技职业学院'])
    expect(tree[0].children[1].children.map((n) => n.name)).toEqual(['智能制造学院', '教务处'])
  })

  it('makes nodes whose parent is not visible roots (a school admin sees only the school)', () => {
    const tree = buildUnitTree([node(52, 1, '四川科技职业学院'), node(59, 52, '智能制造学院'), node(2, null, '人社厅')])
    expect(tree.map((n) => n.name)).toEqual(['四川科技职业学院', '人社厅'])
    expect(tree[0].children[0].name).toBe('智能制造学院')
  })

  it('accepts children listed before their parent and an empty list', () => {
    const tree = buildUnitTree([node(59, 52, '智能制造学院'), node(52, null, '学校')])
    expect(tree).toHaveLength(1)
    expect(tree[0].children[0].id).toBe(59)
    expect(buildUnitTree([])).toEqual([])
  })
})

describe('ancestorIds', () => {
  const nodes = [node(1, null, '省'), node(52, 1, '校'), node(59, 52, '院')]
  it('walks up to the topmost visible unit', () => {
    expect(ancestorIds(nodes, 59)).toEqual([59, 52, 1])
    expect(ancestorIds(nodes, 1)).toEqual([1])
  })
  it('stops at units it does not know and survives cycles', () => {
    expect(ancestorIds(nodes, 77)).toEqual([77])
    expect(ancestorIds([node(3, 4, 'a'), node(4, 3, 'b')], 3)).toEqual([3, 4])
  })
})
