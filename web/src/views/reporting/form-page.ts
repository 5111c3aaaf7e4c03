// What the 报表填报 page shows for a submission: the address it keeps, the
// deadline in words, which buttons a status and the server's flags allow,
// the confirm texts and the export formats. The server decides every action
// again; these only keep the page from offering what it would refuse.
import type { ReportingForm, Submission, SubmissionStatus, ValidationIssue } from '@/api/reporting'
import { formatInstant } from '@/utils/time'
import { ruleFieldLabel } from './board-rules'
import { formNames, statusNames } from './reporting-labels'

/** The tab and unit from the address (?form=statistics&unit_id=12); bad values are dropped. */
export function parseFormQuery(query: Record<string, unknown>): { form: ReportingForm | null; unitId: number | null } {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const form = first(query.form)
  const unit = Number(first(query.unit_id))
  return {
    form: form === 'info_form' || form === 'statistics' || form === 'summary' || form === 'plan' ? form : null,
    unitId: Number.isInteger(unit) && unit > 0 ? unit : null,
  }
}

/** "2025-05-24T23:59:00+08:00" → "2025年5月24日 23:59" on the Shanghai clock; '' for none. */
export function formatDueAt(iso: string | null | undefined): string {
  const wall = formatInstant(iso)
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(wall)
  if (!m) return wall
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日 ${m[4]}`
}

export type ExportFormat = 'xlsx' | 'pdf' | 'docx'

/** Every form exports as Excel and PDF, the summary report also as Word; the plan is its uploaded document. */
export function exportFormats(form: ReportingForm): ExportFormat[] {
  if (form === 'plan') return []
  return form === 'summary' ? ['docx', 'pdf', 'xlsx'] : ['xlsx', 'pdf']
}
export const exportFormatNames: Record<ExportFormat, string> = {
  xlsx: 'Excel（.xlsx）',
  pdf: 'PDF（A4，可盖章）',
  docx: 'Word（.docx）',
}

type Flags = Pick<
  Submission,
  | 'parent_id'
  | 'can_edit'
  | 'can_submit'
  | 'can_accept'
  | 'can_return'
  | 'can_reopen'
  | 'blocking_children'
  | 'past_due'
  | 'sign_off_required'
  | 'signed_off_at'
>

export interface FormActions {
  /** 保存草稿 */
  save: boolean
  /** 提交 is shown to editors of a unit that reports to a parent… */
  submit: boolean
  /** …and disabled while children block it (the reason, else ''). */
  submitBlocked: string
  accept: boolean
  return: boolean
  reopen: boolean
}

/** The buttons a submission offers the signed-in user; the review buttons are the server's flags. */
export function formActions(s: Flags): FormActions {
  const submit = s.can_edit && s.parent_id !== null
  return {
    save: s.can_edit,
    submit,
    submitBlocked: submit && !s.can_submit ? submitBlockedText(s) : '',
    accept: s.can_accept,
    return: s.can_return,
    reopen: s.can_reopen,
  }
}

/** Why 提交 is disabled: children before the deadline, else a missing leader's sign-off. */
function submitBlockedText(s: Flags): string {
  if (!s.past_due && s.blocking_children.length) return blockingText(s.blocking_children)
  if (s.sign_off_required && !s.signed_off_at) return '本单位的报表须经领导审签后提交，请先由本单位管理员审签'
  return '暂不能提交'
}

/** "以下下级单位尚未通过审核或标记为未参与：A（草稿）、B（未填报）"; '' when none. */
export function blockingText(children: Submission['blocking_children']): string {
  if (!children.length) return ''
  const names = children.map((c) => `${c.unit_name}（${statusNames[c.status] ?? c.status}）`)
  return `以下下级单位尚未通过审核或标记为未参与：${names.join('、')}`
}

/** Errors among the issues: the server refuses to submit while any is left. */
export function errorIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error')
}

/** Errors first, then warnings, each in the server's order. */
export function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return [...errorIssues(issues), ...issues.filter((i) => i.severity !== 'error')]
}

/**
 * An issue as the list shows it: the field's name first unless the message
 * names it already ("【典型案例】总结报告的七个部分都应有内容", but
 * "参与活动的学生覆盖率不能超过 100%" alone): each field is named once.
 */
export function issueText(form: ReportingForm, issue: Pick<ValidationIssue, 'field' | 'message'>): string {
  if (!issue.field) return issue.message
  const label = ruleFieldLabel(form, issue.field)
  return issue.message.includes(label) ? issue.message : `【${label}】${issue.message}`
}

/** The confirm text of 提交: to whom, and that it will be marked late after the deadline. */
export function submitConfirmText(
  s: Pick<Submission, 'form' | 'unit_name' | 'parent_name' | 'due_at'>,
  warnings: number,
  now: number = Date.now(),
): string {
  const to = s.parent_name ? `提交给${s.parent_name}审核` : '提交审核'
  const parts = [`将${s.unit_name}的${formNames[s.form]}${to}，提交后不能再修改，除非被退回。`]
  const due = s.due_at ? Date.parse(s.due_at) : NaN
  if (Number.isFinite(due) && due < now) {
    parts.push(`已超过截止时间（${formatDueAt(s.due_at)}），提交后将标记为逾期。`)
  }
  if (warnings > 0) parts.push(`还有 ${warnings} 条提醒，请确认数据无误。`)
  return parts.join('')
}

/** Whether 上传盖章扫描件 is offered: the server's flag (a flag it did not send allows nothing). */
export function canUploadScan(s: Partial<Pick<Submission, 'can_upload_scan'>>): boolean {
  return s.can_upload_scan === true
}

/** The audit actions of a submission in words. */
const historyActions: Record<string, string> = {
  create: '创建',
  update: '保存',
  submit: '提交',
  accept: '审核通过',
  return: '退回',
  reopen: '重新打开',
  not_participating: '标记未参与',
  participating: '撤销未参与',
  remind: '提醒',
  scan: '上传扫描件',
  import: '导入模板',
}
export function historyActionName(action: string): string {
  return historyActions[action] ?? action
}

/** The statuses in which the unit's own text is still being written. */
export function isWorkingStatus(status: SubmissionStatus): boolean {
  return status === 'not_started' || status === 'draft' || status === 'returned'
}
