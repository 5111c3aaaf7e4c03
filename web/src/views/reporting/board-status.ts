// The reviewers' completeness board (报表审核): counters, rates, the status
// filter and which row actions a child's status allows. The server decides;
// these only shape what it answers for the page.
import type { Board, BoardChild, BoardStatus, SubmissionStatus, WouldDrop } from '@/api/reporting'
import type { Principal } from '@/utils/permission'
import { boardStatusNames } from './reporting-labels'

/** The board's columns, in the order a reviewer reads them: missing first, done last. */
export const boardStatusOrder: readonly BoardStatus[] = [
  'not_started',
  'draft',
  'on_time',
  'late',
  'returned',
  'accepted',
  'not_participating',
]

export type TagType = 'info' | 'warning' | 'primary' | 'success' | 'danger'

export const boardStatusTagTypes: Record<BoardStatus, TagType> = {
  not_started: 'info',
  draft: 'warning',
  on_time: 'primary',
  late: 'warning',
  returned: 'danger',
  accepted: 'success',
  not_participating: 'info',
}

export interface BoardCounter {
  status: BoardStatus
  label: string
  count: number
  tone: TagType
}

/** One counter card per board status, zero where the server sent none. */
export function boardCounters(counts: Partial<Record<BoardStatus, number>>): BoardCounter[] {
  return boardStatusOrder.map((status) => ({
    status,
    label: boardStatusNames[status],
    count: counts[status] ?? 0,
    tone: boardStatusTagTypes[status],
  }))
}

/** A percentage as the board shows it: 40 → "40%", 33.333 → "33.3%"; clamped to 0–100. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '0%'
  const clamped = Math.min(100, Math.max(0, rate))
  return `${Number(clamped.toFixed(1))}%`
}

/** The percentage a progress bar can take (0–100, finite). */
export function progressValue(rate: number): number {
  return Number.isFinite(rate) ? Math.min(100, Math.max(0, Math.round(rate * 10) / 10)) : 0
}

/** Children that count as submitted: on time, late or accepted (as the server's submitted_rate). */
export function submittedCount(counts: Partial<Record<BoardStatus, number>>): number {
  return (counts.on_time ?? 0) + (counts.late ?? 0) + (counts.accepted ?? 0)
}

/** The children whose board status is one of `statuses`; all of them when none is picked. */
export function filterChildren(children: readonly BoardChild[], statuses: readonly BoardStatus[]): BoardChild[] {
  if (!statuses.length) return [...children]
  return children.filter((c) => statuses.includes(c.board_status))
}

/** Statuses of a child that has not handed the form in (the ones a reminder goes to). */
const notSubmitted: readonly SubmissionStatus[] = ['not_started', 'draft', 'returned']

/** Whether the reviewer can still mark the child "did not take part": only before it submits. */
export function canMarkNotParticipating(child: Pick<BoardChild, 'status'>): boolean {
  return notSubmitted.includes(child.status)
}

/** The warning before a mark that drops records from the figures (the records themselves stay). */
export function wouldDropText(d: WouldDrop): string {
  return `将不计入：活动 ${d.activities} 项、参与 ${d.people} 人次、媒体报道 ${d.media_reports} 篇；本单位的记录保留`
}

export function canClearNotParticipating(child: Pick<BoardChild, 'status'>): boolean {
  return child.status === 'not_participating'
}

/** The children a reminder would reach: those that have not submitted and take part. */
export function missingChildren(children: readonly BoardChild[]): BoardChild[] {
  return children.filter((c) => notSubmitted.includes(c.status))
}

/** The confirm text of 提醒未提交单位, naming how many units (and the first few). */
export function remindConfirmText(formName: string, missing: readonly Pick<BoardChild, 'unit_name'>[]): string {
  const names = missing.slice(0, 3).map((c) => c.unit_name)
  const more = missing.length > names.length ? '等' : ''
  return `将向 ${missing.length} 个尚未提交${formName}的单位（${names.join('、')}${more}）发送站内提醒，是否继续？`
}

/** "已提醒 5 个单位", or that nobody needed reminding. */
export function remindResultText(reminded: number): string {
  return reminded > 0 ? `已提醒 ${reminded} 个单位` : '没有需要提醒的单位'
}

/**
 * The unit whose board opens first: the user's own unit_admin or reviewer
 * grant (reviewer first: it is what the board is for); null without one.
 */
export function defaultReviewUnit(user: Principal): number | null {
  const reviewer = user.grants.find((g) => g.role === 'reviewer')
  const admin = user.grants.find((g) => g.role === 'unit_admin')
  return (reviewer ?? admin)?.unit_id ?? null
}

/** The child's form on the reviewer's own page (read-only, comments per field, 通过 / 退回). */
export function formLink(form: Board['form'], unitId: number): { path: string; query: Record<string, string> } {
  return { path: `/reports/review/${unitId}`, query: { form } }
}

/** 审核 where a decision waits (submitted), 查看 otherwise. */
export function reviewActionLabel(child: Pick<BoardChild, 'status'>): string {
  return child.status === 'submitted' ? '审核' : '查看'
}
