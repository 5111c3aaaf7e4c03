import type { HomeCounts } from '@/api/home'
import { canAccess, type Permission, type Principal } from './permission'

export interface MenuItem {
  /** Route path of a page; groups use a key instead. */
  path: string
  title: string
  requires?: Permission
  /** The count of waiting work (GET /api/campaigns/{id}/home) shown on the entry. */
  badge?: keyof HomeCounts
  children?: MenuItem[]
}

// The left menu. Route meta carries the same `requires`, so a hidden page is
// also refused by the router guard.
export const menuDefinition: readonly MenuItem[] = [
  { path: '/', title: '首页' },
  { path: '/dashboard', title: '数据看板' },
  { path: '/units', title: '单位管理' },
  { path: '/users', title: '用户管理', requires: 'unit_admin' },
  {
    path: 'campaign',
    title: '活动周',
    children: [
      { path: '/campaign', title: '活动概况' },
      { path: '/campaign/committee', title: '领导小组与职责' },
      { path: '/campaign/tasks', title: '任务', badge: 'tasks' },
    ],
  },
  {
    path: 'activities',
    title: '活动',
    children: [
      { path: '/activities', title: '活动管理' },
      { path: '/activities/approvals', title: '外出报备审批', requires: 'approver', badge: 'approvals' },
      { path: '/checkin', title: '现场签到', requires: 'checkin' },
      { path: '/activities/coverage', title: '天天有活动' },
    ],
  },
  {
    path: 'reports',
    title: '报表',
    children: [
      { path: '/reports', title: '报表填报', badge: 'forms' },
      { path: '/reports/review', title: '报表审核', requires: 'approver', badge: 'reviews' },
      { path: '/reports/province', title: '全省汇总', requires: 'province' },
      { path: '/reports/media', title: '媒体报道' },
      { path: '/reports/rules', title: '校验规则' },
    ],
  },
  { path: '/notices', title: '通知公文' },
  { path: '/publicity', title: '素材库' },
  { path: '/display', title: '集中展示' },
  { path: '/awards', title: '表彰奖励' },
  { path: '/imports', title: '数据导入', requires: 'unit_admin' },
]

/** The menu the user may see; groups left without children disappear. */
export function menuFor(user: Principal, items: readonly MenuItem[] = menuDefinition): MenuItem[] {
  const out: MenuItem[] = []
  for (const item of items) {
    if (!canAccess(user, item.requires)) continue
    if (item.children) {
      const children = menuFor(user, item.children)
      if (children.length) out.push({ ...item, children })
    } else {
      out.push(item)
    }
  }
  return out
}

/** The count of waiting work an entry shows (0: none). */
export function badgeCount(item: MenuItem, counts: HomeCounts): number {
  return item.badge ? counts[item.badge] : 0
}
