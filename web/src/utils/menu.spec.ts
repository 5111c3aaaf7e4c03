import { describe, expect, it } from 'vitest'
import type { RoleCode } from '@/api/users'
import { badgeCount, menuDefinition, menuFor, type MenuItem } from './menu'
import { canAccess, grantUnitIds, reachesUnit, type Principal } from './permission'

const user = (grants: [number, RoleCode][], is_sysadmin = false): Principal => ({
  is_sysadmin,
  grants: grants.map(([unit_id, role]) => ({ unit_id, role })),
})
const titles = (items: MenuItem[]): string[] => items.flatMap((i) => [i.title, ...titles(i.children ?? [])])

describe('menuFor', () => {
  it('gives unit administrators user management, reporting review and imports', () => {
    const menu = titles(menuFor(user([[52, 'unit_admin'], [52, 'reviewer']])))
    expect(menu).toEqual([
      '首页', '数据看板', '单位管理', '用户管理', '活动周', '活动概况', '领导小组与职责', '任务',
      '活动', '活动管理', '外出报备审批', '现场签到', '天天有活动',
      '报表', '报表填报', '报表审核', '媒体报道', '校验规则', '通知公文', '素材库', '集中展示', '表彰奖励', '数据导入',
    ])
  })

  it('gives organisers activities and coverage but not the approvals inbox, which reviewers get', () => {
    const organiser = titles(menuFor(user([[59, 'organiser']])))
    expect(organiser).toContain('活动管理')
    expect(organiser).toContain('天天有活动')
    expect(organiser).not.toContain('外出报备审批')
    expect(titles(menuFor(user([[52, 'reviewer']])))).toContain('外出报备审批')
  })

  it('hides user management and imports from organisers, reviewers and viewers', () => {
    for (const role of ['organiser', 'reviewer', 'publicity', 'viewer'] as const) {
      const menu = titles(menuFor(user([[59, role]])))
      expect(menu).not.toContain('用户管理')
      expect(menu).not.toContain('数据导入')
      expect(menu).toContain('任务')
    }
  })

  it('gives the province overview to grants the server marks as heading a chain', () => {
    const province: Principal = {
      is_sysadmin: false,
      grants: [
        { unit_id: 1, role: 'reviewer', unit_kind: 'province_edu', chain_root: true },
        { unit_id: 2, role: 'viewer', unit_kind: 'province_hr', chain_root: true },
      ],
    }
    expect(titles(menuFor(province))).toContain('全省汇总')
    // Any kind may head a chain: the data decides, not a list in the web.
    const other: Principal = { is_sysadmin: false, grants: [{ unit_id: 9, role: 'viewer', unit_kind: 'new_kind', chain_root: true }] }
    expect(canAccess(other, 'province')).toBe(true)
    const city: Principal = { is_sysadmin: false, grants: [{ unit_id: 52, role: 'reviewer', unit_kind: 'city_edu', chain_root: false }] }
    expect(titles(menuFor(city))).not.toContain('全省汇总')
    // A grant without the flag is no chain root, whatever its kind's code.
    const unmarked: Principal = { is_sysadmin: false, grants: [{ unit_id: 1, role: 'reviewer', unit_kind: 'province_edu' }] }
    expect(canAccess(unmarked, 'province')).toBe(false)
    expect(canAccess(user([], true), 'province')).toBe(true)
  })

  it('gives system administrators everything even without grants', () => {
    expect(titles(menuFor(user([], true)))).toContain('用户管理')
  })

  it('drops a group whose children are all hidden', () => {
    const items: MenuItem[] = [{ path: 'g', title: '组', children: [{ path: '/x', title: 'X', requires: 'sysadmin' }] }]
    expect(menuFor(user([[1, 'unit_admin']]), items)).toEqual([])
    expect(menuFor(user([], true), items)[0].children).toHaveLength(1)
  })
})

describe('permissions', () => {
  it('canAccess follows the route requirement', () => {
    expect(canAccess(user([[1, 'viewer']]), undefined)).toBe(true)
    expect(canAccess(user([[1, 'viewer']]), 'unit_admin')).toBe(false)
    expect(canAccess(user([[1, 'unit_admin']]), 'unit_admin')).toBe(true)
    expect(canAccess(user([[1, 'unit_admin']]), 'sysadmin')).toBe(false)
    expect(canAccess(user([[1, 'reviewer']]), 'approver')).toBe(true)
    expect(canAccess(user([[1, 'organiser']]), 'approver')).toBe(false)
    expect(canAccess(user([], true), 'approver')).toBe(true)
  })

  it('a grant reaches its unit and everything below it', () => {
    const sctc = user([[52, 'unit_admin']])
    expect(reachesUnit(sctc, 'unit_admin', [59, 52, 1])).toBe(true)
    expect(reachesUnit(sctc, 'unit_admin', [53, 1])).toBe(false)
    expect(reachesUnit(sctc, 'organiser', [59, 52, 1])).toBe(false)
    expect(reachesUnit(user([], true), 'unit_admin', [53])).toBe(true)
  })

  it('lists the units of a role once', () => {
    expect(grantUnitIds(user([[1, 'unit_admin'], [1, 'reviewer'], [2, 'viewer'], [1, 'unit_admin']]), 'unit_admin')).toEqual([1])
  })
})

describe('check-in and counts in the menu', () => {
  it('gives door staff (administrators, organisers, reviewers) 现场签到, not viewers or publicity', () => {
    for (const role of ['unit_admin', 'organiser', 'reviewer'] as RoleCode[]) {
      expect(titles(menuFor(user([[59, role]])))).toContain('现场签到')
    }
    for (const role of ['viewer', 'publicity'] as RoleCode[]) {
      expect(titles(menuFor(user([[59, role]])))).not.toContain('现场签到')
    }
  })

  it('shows each entry its own count of waiting work', () => {
    const counts = { approvals: 2, reviews: 3, forms: 1, tasks: 0 }
    const entries = menuDefinition.flatMap((m) => m.children ?? [m])
    const count = (path: string) => badgeCount(entries.find((e) => e.path === path)!, counts)
    expect(count('/activities/approvals')).toBe(2)
    expect(count('/reports/review')).toBe(3)
    expect(count('/reports')).toBe(1)
    expect(count('/campaign/tasks')).toBe(0)
    expect(count('/units')).toBe(0)
  })
})
