// The home page's groups of work (待办) and the words of its items: what the
// server sends (GET /api/campaigns/{id}/home) put in the order people act on.
import type { HomeCounts, WorkItem, WorkKind } from '@/api/home'

export interface WorkGroup {
  kind: WorkKind
  title: string
  /** The whole count (the list may show fewer). */
  count: number
  items: WorkItem[]
}

const groupTitles: Record<WorkKind, string> = {
  approval: '待我审批的外出报备',
  review: '待我审核的下级报表',
  form: '本单位待提交的报表',
  task: '本单位未完成的任务',
}
const countKeys: Record<WorkKind, keyof HomeCounts> = {
  approval: 'approvals',
  review: 'reviews',
  form: 'forms',
  task: 'tasks',
}
const order: WorkKind[] = ['approval', 'review', 'form', 'task']

/** The non-empty groups, approvals first. */
export function workGroups(todo: readonly WorkItem[], counts: HomeCounts): WorkGroup[] {
  return order
    .map((kind) => ({ kind, title: groupTitles[kind], count: counts[countKeys[kind]], items: todo.filter((w) => w.kind === kind) }))
    .filter((g) => g.count > 0)
}

export function totalWork(counts: HomeCounts): number {
  return counts.approvals + counts.reviews + counts.forms + counts.tasks
}

const formStatusNames: Record<string, string> = { none: '未填写', draft: '草稿', returned: '已退回' }
const taskStatusNames: Record<string, string> = { todo: '未开始', in_progress: '进行中' }

/** The small tag beside an item: the form's or task's state. */
export function workStatus(w: WorkItem): string {
  if (w.kind === 'form') return formStatusNames[w.status] ?? ''
  if (w.kind === 'task') return taskStatusNames[w.status] ?? ''
  return ''
}

