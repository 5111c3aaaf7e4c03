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

/** What a row's buttons do: the server-allowed actions plus opening its details or its registrations. */
export type RowAction = ActivityAction | 'detail' | 'registrations'

export const rowActionNames: Record<RowAction, string> = { ...actionNames, detail: '详情', registrations: '报名与签到' }

/** Which allowed action leads, per status: the next step of the activity's way to the public site. */
const primaryOrder: Record<string, readonly ActivityAction[]> = {
  draft: ['submit', 'publish', 'edit'],
  rejected: ['submit', 'edit'],
  pending: ['edit'],
  approved: ['publish', 'edit'],
  published: ['edit'],
}

/** Actions that destroy or end something: they ask first and sit last, apart, in red. */
export const destructiveActions: ReadonlySet<ActivityAction> = new Set(['cancel', 'delete'])

/**
 * A row's one primary button (by the activity's status; null when none fits)
 * and the rest for its 更多 menu, destructive ones last.
 */
export function rowActions(a: Partial<ActivityActions> & { status: string }): { primary: ActivityAction | null; more: ActivityAction[] } {
  const allowed = activityActions(a)
  const primary = (primaryOrder[a.status] ?? []).find((x) => allowed.includes(x)) ?? null
  const rest = allowed.filter((x) => x !== primary)
  return { primary, more: [...rest.filter((x) => !destructiveActions.has(x)), ...rest.filter((x) => destructiveActions.has(x))] }
}

/**
 * The whole row: a published activity taking registrations leads with them;
 * a row without an action of its own leads with its details. Details and
 * registrations otherwise open the 更多 menu.
 */
export function rowButtons(
  a: Partial<ActivityActions> & { status: string },
  takesRegistrations: boolean,
): { primary: RowAction; more: RowAction[] } {
  const { primary, more } = rowActions(a)
  const lead: RowAction = a.status === 'published' && takesRegistrations ? 'registrations' : (primary ?? 'detail')
  const extra: RowAction[] = ['detail', ...(takesRegistrations ? (['registrations'] as const) : []), ...(primary ? [primary] : [])]
  const all: RowAction[] = [...extra.filter((x) => !destructiveActions.has(x as ActivityAction)), ...more]
  return { primary: lead, more: all.filter((x, i) => x !== lead && all.indexOf(x) === i) }
}

/** The line under a row's time: its theme day and "活动月", whichever there are. */
export function dayLine(dayName: string, partOfMonth: boolean): string {
  return [dayName, partOfMonth ? '活动月' : ''].filter(Boolean).join(' · ')
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
  return groupInOrder([...categories].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id))
}

/** Categories grouped by group_name, groups in the order they first appear (the server's order for a unit). */
export function groupInOrder(categories: readonly ActivityCategory[]): CategoryGroup[] {
  const groups: CategoryGroup[] = []
  for (const c of categories) {
    let g = groups.find((x) => x.name === c.group_name)
    if (!g) {
      g = { name: c.group_name, items: [] }
      groups.push(g)
    }
    g.items.push(c)
  }
  return groups
}

/**
 * The groups a unit's form offers: its own categories in the server's order
 * (its level first), then, disabled, any already chosen it may no longer use,
 * so the form names them instead of showing a bare id.
 */
export function unitCategoryGroups(
  offered: readonly ActivityCategory[],
  all: readonly ActivityCategory[],
  chosenIds: readonly (number | null)[],
): (CategoryGroup & { disabled?: boolean })[] {
  const ids = new Set(offered.map((c) => c.id))
  const stale = all.filter((c) => chosenIds.includes(c.id) && !ids.has(c.id))
  const groups: (CategoryGroup & { disabled?: boolean })[] = groupInOrder(offered)
  if (stale.length) groups.push({ name: '本单位不可用（请改选）', items: stale, disabled: true })
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
