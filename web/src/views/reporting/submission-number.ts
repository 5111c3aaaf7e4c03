// What users see of a form's versions: their submissions (第 1 次提交, …),
// not the internal save counter, and 草稿 before the first one.
import type { HistoryEntry, SubmissionStatus } from '@/api/reporting'
import { actorLabel } from '@/utils/person'

/** The header's label: '' when not started, 草稿 before any submission. */
export function submissionLabel(status: SubmissionStatus, submissionNumber: number): string {
  if (status === 'not_started') return ''
  if (submissionNumber <= 0) return '草稿'
  if (status === 'draft') return `草稿（已提交 ${submissionNumber} 次）`
  return `第 ${submissionNumber} 次提交`
}

/**
 * One label per history entry (newest first, as the server sends them): each
 * submit is numbered from the oldest; other entries keep their action name.
 */
export function historyLabels(entries: readonly HistoryEntry[], actionName: (action: string) => string): string[] {
  let n = entries.filter((e) => e.action === 'submit').length
  return entries.map((e) => {
    if (e.action !== 'submit') return actionName(e.action)
    return `第 ${n--} 次提交`
  })
}

/** Who did it: the server's 姓名（单位）, else the username, else 系统. */
export function historyPerson(e: HistoryEntry): string {
  return actorLabel(e)
}
