import type { User } from '@/api/types'

export interface MenuItem {
  path: string
  title: string
}

export function isUnitAdmin(user: Pick<User, 'is_sysadmin' | 'grants'>): boolean {
  return user.is_sysadmin || user.grants.some((g) => g.role === 'unit_admin')
}

// The menu follows the user's roles; the server enforces the same rules.
export function menuFor(user: Pick<User, 'is_sysadmin' | 'grants'>): MenuItem[] {
  const items: MenuItem[] = [
    { path: '/', title: '首页' },
    { path: '/units', title: '单位管理' },
  ]
  if (isUnitAdmin(user)) items.push({ path: '/users', title: '用户管理' })
  items.push(
    { path: '/campaign', title: '活动周' },
    { path: '/committee', title: '领导小组与职责' },
    { path: '/tasks', title: '任务' },
  )
  if (isUnitAdmin(user)) items.push({ path: '/imports', title: '数据导入' })
  return items
}
