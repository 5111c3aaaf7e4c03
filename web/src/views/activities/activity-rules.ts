// What the activity pages show: the buttons the server allows this caller
// (its can_* flags), status colours, categories, dates and history lines.
import type { Activity, ActivityActions, ActivityCategory, Audience } from '@/api/activities'
import type { ThemeDay } from '@/api/campaigns'
import { formatInstant, shanghaiDate } from '@/utils/time'

export type ActivityAction = 'edit' | 'duplicate' | 'submit' | 'publish' | 'unpublish' | 'cancel' | 'delete'

export const actionNames: Record<ActivityAction, string> = {
  edit: '编辑',
  duplicate: '复制',
  submit: '提交报备',
  publish: '发布',
  unpublish: '撤回发布',
  cancel: '取消',
  delete: '删除',
}

/** Display order of the row's buttons, each with the server's flag that allows it. */
const actionFlags: readonly [ActivityAction, keyof ActivityActions][] = [
  ['edit', 'can_edit'],
  ['submit', 'can_submit'],
  ['publish', 'can_publish'],
  ['unpublish', 'can_unpublish'],
  ['duplicate', 'can_duplicate'],
  ['cancel', 'can_cancel'],
  ['delete', 'can_delete'],
]

/**
 * The buttons an activity offers the signed-in user, in display order: those
 * the server's flags allow (a flag it did not send allows nothing).
 */
export function activityActions(a: Partial<ActivityActions>): ActivityAction[] {
  return actionFlags.filter(([, flag]) => a[flag] === true).map(([action]) => action)
}

/** Element Plus tag type per status. */
export function statusTagType(status: string): 'info' | 'warning' | 'danger' | 'success' | 'primary' {
  switch (status) {
    case 'pending':
      return 'warning'
    case 'rejected':
      return 'danger'
    case 'approved':
      return 'primary'
    case 'published':
      return 'success'
    default:
      return 'info'
  }
}

/** Form fields some categories ask for (校企签约: partner, cooperation; 招聘会: enterprises, posts). */
export type DetailField = 'partner' | 'cooperation' | 'enterprises' | 'posts_offered'

const detailFieldOf: Record<string, DetailField> = {
  partner: 'partner',
  cooperation: 'cooperation',
  enterprises: 'enterprises',
  posts: 'posts_offered',
  posts_offered: 'posts_offered',
}

/** The extra fields the chosen category and tags ask for, from their `detail_fields` data. */
export function detailFieldsFor(categories: readonly ActivityCategory[], chosenIds: readonly (number | null)[]): Set<DetailField> {
  const out = new Set<DetailField>()
  for (const c of categories) {
    if (!chosenIds.includes(c.id)) continue
    for (const code of c.detail_fields.split(',')) {
      const field = detailFieldOf[code.trim()]
      if (field) out.add(field)
    }
  }
  return out
}

export interface CategoryGroup {
  name: string
  items: ActivityCategory[]
}

/** Categories grouped by group_name in their sort order (for grouped selects). */
export function groupCategories(categories: readonly ActivityCategory[]): CategoryGroup[] {
  const groups: CategoryGroup[] = []
  for (const c of [...categories].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)) {
    let g = groups.find((x) => x.name === c.group_name)
    if (!g) {
      g = { name: c.group_name, items: [] }
      groups.push(g)
    }
    g.items.push(c)
  }
  return groups
}

/** The theme day falling on the Shanghai date of `instant`; null outside the week. */
export function themeDayOn(days: readonly Pick<ThemeDay, 'id' | 'date'>[], instant: string | null): number | null {
  const date = shanghaiDate(instant)
  return days.find((d) => d.date === date)?.id ?? null
}

/**
 * The wall-clock time `wallClock` moved to `date`, keeping its time of day
 * ("2025-05-12 14:00" to "2025-05-14" → "2025-05-14 14:00"); `fallbackTime`
 * when there is no time yet.
 */
export function onDate(date: string, wallClock: string | null | undefined, fallbackTime: string): string {
  const time = wallClock && /\d{2}:\d{2}$/.exec(wallClock)?.[0]
  return `${date} ${time || fallbackTime}`
}

/** The names of the primary category and the tags, primary first, without repeats. */
export function categoryNames(a: Pick<Activity, 'category_id' | 'tag_ids'>, categories: readonly ActivityCategory[]): string[] {
  const byId = new Map(categories.map((c) => [c.id, c.name]))
  const ids = [a.category_id, ...a.tag_ids].filter((id): id is number => id !== null)
  return [...new Set(ids)].map((id) => byId.get(id)).filter((n): n is string => !!n)
}

export function audienceNames(codes: readonly string[], audiences: readonly Audience[]): string[] {
  const byCode = new Map(audiences.map((x) => [x.code, x.name]))
  return codes.map((c) => byCode.get(c) ?? c)
}

const changeLabels: Record<string, string> = { starts_at: '开始', ends_at: '结束', place: '地点', title: '名称' }

/**
 * The line under a history entry: what a reschedule changed ("开始：2025-05-13
 * 09:00 → 2025-05-14 09:00"), the reason of a rejection or cancellation, or
 * the destination of a filing.
 */
export function historyNote(detail: unknown): string {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return ''
  const d = detail as Record<string, unknown>
  if (typeof d.reason === 'string' && d.reason.trim()) return `原因：${d.reason}`
  if (typeof d.opinion === 'string' && d.opinion.trim()) return `审批意见：${d.opinion}`
  if (typeof d.destination === 'string') return `目的地：${d.destination}`
  const parts: string[] = []
  for (const [key, label] of Object.entries(changeLabels)) {
    const change = d[key] as { from?: unknown; to?: unknown } | undefined
    if (!change || typeof change !== 'object') continue
    const show = (v: unknown) => {
      const text = typeof v === 'string' ? v : ''
      return (key.endsWith('_at') ? formatInstant(text) : text) || '（空）'
    }
    parts.push(`${label}：${show(change.from)} → ${show(change.to)}`)
  }
  return parts.join('；')
}
