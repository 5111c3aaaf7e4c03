import { describe, expect, it } from 'vitest'
import type { TreeNode, User } from '@/api/types'
import { menuFor } from './menu'
import { formatDay, formatInstant, toInstant } from './time'
import { buildUnitTree } from './tree'
import { isMobile, isMoeCode, isStrongPassword, isUsername } from './validate'

const node = (id: number, parent_id: number | null, name: string): TreeNode => ({
  id, parent_id, name, kind: 'college', region_code: '', depth: 0, child_count: 0,
})

describe('buildUnitTree', () => {
  it('nests by parent id and makes orphans roots', () => {
    const tree = buildUnitTree([node(1, null, '省'), node(2, 1, '市'), node(3, 2, '校'), node(9, 77, '他')])
    expect(tree.map((n) => n.name)).toEqual(['省', '他'])
    expect(tree[0].children[0].children[0].name).toBe('校')
  })
})

describe('time', () => {
  it('shows instants in Shanghai whatever the offset', () => {
    expect(formatInstant('2025-05-12T18:00:00+08:00')).toBe('2025-05-12 18:00')
    expect(formatInstant('2025-05-12T10:00:00Z')).toBe('2025-05-12 18:00')
    expect(formatInstant(null)).toBe('')
  })
  it('sends wall-clock times with +08:00', () => {
    expect(toInstant('2025-05-21 17:30')).toBe('2025-05-21T17:30:00+08:00')
  })
  it('names the weekday', () => {
    expect(formatDay('2025-05-11')).toBe('5月11日（周日）')
  })
})

describe('menuFor', () => {
  const user = (roles: string[], sysadmin = false) =>
    ({ is_sysadmin: sysadmin, grants: roles.map((role) => ({ unit_id: 1, unit_name: 'x', role })) }) as Pick<User, 'is_sysadmin' | 'grants'>
  it('shows user management and imports to unit administrators only', () => {
    const admin = menuFor(user(['unit_admin'])).map((m) => m.title)
    expect(admin).toContain('用户管理')
    expect(admin).toContain('数据导入')
    const organiser = menuFor(user(['organiser'])).map((m) => m.title)
    expect(organiser).not.toContain('用户管理')
    expect(organiser).toContain('活动周')
    expect(menuFor(user([], true)).map((m) => m.title)).toContain('用户管理')
  })
})

describe('validators', () => {
  it('mirror the server rules', () => {
    expect(isMobile('13800000000')).toBe(true)
    expect(isMobile('123')).toBe(false)
    expect(isStrongPassword('Demo@2025')).toBe(true)
    expect(isStrongPassword('password')).toBe(false)
    expect(isMoeCode('4151013901')).toBe(true)
    expect(isMoeCode('41510')).toBe(false)
    expect(isUsername('sctc-college')).toBe(true)
    expect(isUsername('A')).toBe(false)
  })
})
