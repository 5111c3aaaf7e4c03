// Reporting chain (SPEC "Reporting forms"): the forms per unit and campaign
// (信息采集表 info_form, 情况统计表 statistics, 工作总结报告 summary, 活动方案
// plan: reporting-plan.ts),
// their workflow, the reviewers' completeness board, validation rules,
// media reports, stamped scans, exports, in-app notifications and the
// public verification of accepted snapshots.
//
// Who may do what (enforced by the server):
// - a unit's unit_admin (and organiser/publicity for media reports) edits
//   and submits its own forms;
// - the reviewer of a unit's form is a unit_admin or reviewer of its parent
//   (or above): accept, return with comments, reopen with a reason, mark a
//   child "did not take part";
// - anyone with a grant on the unit or above reads it.
import { ApiError, download, http, request } from './request'
import { importContentType } from './imports'
import type { AuditRow, FormCode, ListResult } from './common'
import type { PlanChoices, PlanFormData } from './reporting-plan'

/** The forms filed and reviewed through the reporting chain. */
export type ReportingForm = Extract<FormCode, 'info_form' | 'statistics' | 'summary' | 'plan'>

export type SubmissionStatus =
  | 'not_started'
  | 'draft'
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'not_participating'

/**
 * A figure's key, as the served field table names it (`fields[].code`, or
 * `enrolled.code`): the web keeps no list of the annex-5 figures of its own.
 */
export type FigureCode = string
/** The annex-5 figures by code; a ratio column is a percentage with two decimals. */
export type Figures = Record<FigureCode, number>
/** The code of a figure a unit may override (`overridable` in the field table). */
export type FigureField = FigureCode
/**
 * A row that carries its figures beside its own fields, flat, as the server
 * sends it: read a figure by its code (`row[code]`, a number).
 */
export interface FigureRow {
  [code: FigureCode]: unknown
}

/** A figure column of annex 5, as the server's one field table declares it (CONTRACT §1). */
export interface StatisticsField {
  /** The key of the figure in every statistics row. */
  code: FigureCode
  label: string
  /** A head over several columns ("活动周媒体报道数"); '' for none. */
  group: string
  overridable: boolean
  /** add: children's figures add up; ratio: recomputed from the sums. */
  sum: 'add' | 'ratio'
  unit: string
  /** How the figure is counted (统计口径), for the form's field help. */
  how_counted?: string
  /**
   * What the records behind the figure count (GET .../statistics/sources): the
   * figure's unit, or 人次 (people per activity) behind a figure of distinct people (人).
   */
  sources_unit?: string
  /** A ratio's counts: numerator / denominator (codes of counts); absent for sums. */
  numerator?: FigureCode
  denominator?: FigureCode
}

/** GET /api/reporting/statistics-fields: the columns in the annex's order. */
export interface StatisticsFieldTable {
  fields: StatisticsField[]
  /** The denominator of the ratio column (not a column itself). */
  enrolled: { code: FigureCode; label: string }
  /** The head of the unit column. */
  unit_head: string
}

export interface Override {
  value: number
  reason: string
}

export interface InfoFormData {
  contact_person: string
  position: string
  mobile: string
  qq: string
  website: string
  /** ≤ 300 characters (counted as characters, not bytes). */
  work_plan: string
  /** ≤ 300 characters. */
  featured: string
}
export interface StatisticsData {
  overrides: Partial<Record<FigureField, Override>>
}
export type SummarySectionKey =
  | 'basic'
  | 'measures'
  | 'results'
  | 'highlights'
  | 'cases'
  | 'media'
  | 'problems'
export interface SummaryData {
  sections: Record<SummarySectionKey, string>
  /** What the system last drafted for 基本情况 and 媒体宣传情况: a section still equal to it follows the figures. */
  drafted?: Partial<Record<SummarySectionKey, string>>
}
export type FormData = InfoFormData | StatisticsData | SummaryData | PlanFormData

/** One result of the validation rules (the same engine as the server's submit and import). */
export interface ValidationIssue {
  rule: string
  field: string
  severity: 'error' | 'warning'
  message: string
}

/** A row of the statistics table: the unit's own records, or one reporting child. */
export interface StatisticsRow extends FigureRow {
  unit_id: number
  unit_name: string
  /** 'own' for the unit's own records; otherwise the child's statistics status. */
  status: SubmissionStatus | 'own'
  /** Counted in the total: own records, and children accepted. */
  included: boolean
}

export interface Snapshot {
  code: string
  content_hash: string
  accepted_at: string
  version: number
  /** Absolute address of the public verification page. */
  verify_url: string
}

export interface Scan {
  id: number
  file_name: string
  content_type: string
  size_bytes: number
  uploaded_at: string
  uploaded_by_name: string
}

export interface Submission {
  /** null while not started (the data is the pre-filled draft). */
  id: number | null
  campaign_id: number
  unit_id: number
  unit_name: string
  parent_id: number | null
  parent_name: string
  form: ReportingForm
  status: SubmissionStatus
  /** 0 while not started; send it back with every save/submit/accept. */
  version: number
  /** How many times the unit submitted it (第 N 次提交); 0 for a draft. Older servers omit it. */
  submission_number?: number
  /** The deadline that applies to this unit (its parent's or the province's); '' when none. */
  due_at: string
  deadline_title: string
  late: boolean
  submitted_at: string
  reviewed_at: string
  /** The reviewer's comment on return / reopen. */
  comment: string
  /** Per-field comments of the reviewer on return (cleared on acceptance and reopening). */
  field_comments: Record<string, string>
  /** The latest return with its per-field comments, kept after resubmission and acceptance. */
  last_return: ReturnRecord | null
  /** Reason of "did not take part". */
  reason: string
  data: FormData
  /** statistics only: the figures computed from records and accepted children. */
  computed: Figures | null
  /** statistics only: the figures with overrides applied (what is submitted). */
  final: Figures | null
  /** statistics only: own row, children rows and the total row. */
  rows: StatisticsRow[]
  /**
   * The figures the unit reports (its overrides applied, as the exports' 合计),
   * with `overrides` saying, per overridden figure, the computed value and the reason.
   */
  total: (StatisticsRow & { overrides?: Record<string, { label: string; computed: number; value: number; reason: string }> }) | null
  issues: ValidationIssue[]
  can_edit: boolean
  can_submit: boolean
  can_review: boolean
  /** The caller reviews this submitted form: 通过 / 退回. */
  can_accept: boolean
  can_return: boolean
  /** The caller reviews this accepted form: 重新打开. */
  can_reopen: boolean
  /** A stored submission whose unit the caller edits or reviews: 上传盖章扫描件. */
  can_upload_scan: boolean
  /** summary: new drafts offered for sections the user has rewritten (the figures changed since). */
  draft_updates?: Partial<Record<SummarySectionKey, string>>
  /** Reporting children not yet accepted or marked "did not take part": they block submission. */
  blocking_children: { unit_id: number; unit_name: string; status: SubmissionStatus }[]
  /** Past the unit's own deadline: it may submit with the blocking children listed as not counted. */
  past_due: boolean
  /** The unit submits its forms only once its leader signed them off (经领导审签). */
  sign_off_required: boolean
  /** When and by whom the form was signed off; '' when not (a save clears it). */
  signed_off_at: string
  signed_off_by_name: string
  /** The caller is the unit's leader (its own unit admin) and the saved form awaits sign-off. */
  can_sign_off: boolean
  /** A resubmitted form accepted before: what differs from the snapshot `changes_since` (its code). */
  changes: SubmissionChange[]
  changes_since: string
  /**
   * statistics, submitted: the figures shown are frozen at submission; what the records say
   * differently today (null when the figures are not frozen: not submitted, or submitted before
   * figures were frozen).
   */
  changes_since_submission: ChangesSinceSubmission | null
  snapshot: Snapshot | null
  scans: Scan[]
  /** plan only (reporting-plan.ts): the theme days and the unit's activities it may refer to. */
  plan_choices?: PlanChoices
}

/** One field of a revised form: its value in the last accepted snapshot → now ("row:<unit>" for a child counted or not). */
export interface SubmissionChange {
  field: string
  label: string
  before: string
  after: string
}

/** A reviewer's return of a form: the reason for the whole form and comments on single fields. */
export interface ReturnRecord {
  id: number
  /** The form's version the return produced. */
  version: number
  comment: string
  returned_at: string
  returned_by_name: string
  /** In the form's field order; field is a field code (info field, figure code, summary section). */
  fields: { field: string; label: string; text: string }[]
}

export type BoardStatus =
  | 'not_started'
  | 'draft'
  | 'on_time'
  | 'late'
  | 'returned'
  | 'accepted'
  | 'not_participating'

export interface BoardChild {
  unit_id: number
  unit_name: string
  kind_name: string
  status: SubmissionStatus
  board_status: BoardStatus
  submission_id: number | null
  submitted_at: string
  late: boolean
  reviewed_at: string
  reminded_at: string
}
export interface Board {
  unit_id: number
  unit_name: string
  form: ReportingForm
  /** The children's deadline: set by this unit, else by the nearest level above. */
  due_at: string
  /** The deadline this unit itself must meet ('' for a root). */
  own_due_at: string
  expected: number
  counts: Record<BoardStatus, number>
  /** Percent (0–100) of children that submitted (on time, late or accepted). */
  submitted_rate: number
  accepted_rate: number
  children: BoardChild[]
}

export interface ValidationRule {
  code: string
  form: ReportingForm
  kind: 'min' | 'max' | 'sum_ge' | 'schools_in_subtree' | 'jump' | 'max_chars' | 'required'
  fields: string[]
  value: number
  severity: 'error' | 'warning'
  message: string
  enabled: boolean
}

export interface HistoryEntry {
  at: string
  username: string
  /** Who acted as people read it: 姓名（单位） (older servers omit it). */
  actor?: string
  action: string
  summary: string
}

export interface AppNotification {
  id: number
  unit_id: number
  unit_name: string
  kind: string
  title: string
  body: string
  /** An in-app route, e.g. /reports?form=statistics&unit_id=12 */
  link: string
  created_at: string
  /** When the current user read it ('' = unread); each user has their own marks. */
  read_at: string
}

export interface Verification {
  code: string
  unit_name: string
  form: ReportingForm
  form_name: string
  campaign_name: string
  year: number | null
  version: number
  accepted_at: string
  /** The unit that accepted the form (never a person). */
  accepted_by_unit: string
  /** SHA-256 of the archived content (the PDF prints its first 16 digits). */
  content_hash: string
  /**
   * Whether the form's data today hash to content_hash (docs/verification.md);
   * null when the form can no longer be loaded.
   */
  current_matches?: boolean | null
  /**
   * The public part of the content as accepted (form data plus figures for
   * statistics), personal fields masked: contact person "张*", mobile
   * "138****1234", QQ, and mobiles and e-mail addresses inside the texts.
   */
  content: Record<string, unknown>
  /** "superseded" when the form was reopened and accepted again since: superseded_by is the newest code. */
  status?: 'valid' | 'superseded'
  superseded_by?: string | null
  masked: boolean
}

export interface MediaReport {
  id: number
  campaign_id: number
  unit_id: number
  unit_name: string
  activity_id: number | null
  /** The linked activity's title ('' when none). */
  activity_title?: string
  outlet: string
  /** central (中央级) counts in annex 5's 省级及以上 column with provincial; '' for the unit's own channels. */
  level: 'central' | 'provincial' | 'city' | 'county' | ''
  title: string
  published_on: string
  url: string
  /** media: a report by an outlet (counted); own: a post on the unit's own website or new media (listed, never counted). */
  channel: 'media' | 'own'
  version: number
  created_at: string
}
export type MediaReportInput = Omit<MediaReport, 'id' | 'campaign_id' | 'unit_name' | 'created_at' | 'version'>

export interface SourceRecord {
  label: string
  count: number
  activity_id: number | null
  unit_id: number | null
  detail: string
}

/** What an import does to one figure: its value now → after, and its override. */
export interface TemplateFigureChange {
  field: FigureField
  label: string
  computed: number
  current: number
  imported: number
  override: 'none' | 'added' | 'changed' | 'removed' | 'kept'
  reason_before: string
  reason_after: string
}

export interface TemplateImportResult {
  valid: boolean
  errors: { row: number; column: string; field: string; message: string }[]
  /** The form's overrides after the import (figures that differ from the computed ones). */
  overrides: Partial<Record<FigureField, Override>>
  /** Every overridable figure, in the annex's order; empty when the file has errors. */
  changes: TemplateFigureChange[]
  saved: boolean
}

const formBase = (campaignId: number, form: ReportingForm) =>
  `/api/campaigns/${campaignId}/submissions/${form}`

/** The unit's form with computed figures, issues and what the caller may do. */
export function getSubmission(campaignId: number, form: ReportingForm, unitId: number): Promise<Submission> {
  return http.get(formBase(campaignId, form), { unit_id: unitId })
}

/** Saves a draft (or a returned form). 409 conflict when someone saved since `version`. */
export function saveSubmission(
  campaignId: number,
  form: ReportingForm,
  unitId: number,
  version: number,
  data: FormData,
): Promise<Submission> {
  return http.put(`${formBase(campaignId, form)}?unit_id=${unitId}`, { version, data })
}

/** Runs the rules on unsaved data; nothing is stored. */
export function validateSubmission(
  campaignId: number,
  form: ReportingForm,
  unitId: number,
  data: FormData,
): Promise<{ issues: ValidationIssue[] }> {
  return http.post(`${formBase(campaignId, form)}/validate?unit_id=${unitId}`, { data })
}

/**
 * Submits to the parent. 400 with the first error's field and message when a
 * rule fails; 409 when children still block it or the version is stale.
 * Allowed after the deadline (marked late).
 */
export function submitSubmission(
  campaignId: number,
  form: ReportingForm,
  unitId: number,
  version: number,
): Promise<Submission> {
  return http.post(`${formBase(campaignId, form)}/submit?unit_id=${unitId}`, { version })
}

/** The unit's leader signs the saved form off at `version` (经领导审签); a later save clears it. */
export function signOffSubmission(
  campaignId: number,
  form: ReportingForm,
  unitId: number,
  version: number,
): Promise<Submission> {
  return http.post(`${formBase(campaignId, form)}/sign-off?unit_id=${unitId}`, { version })
}

/** Whether the unit's forms must be signed off by its leader before submission (any role on the unit reads it). */
export function getSignOffRequired(unitId: number): Promise<{ unit_id: number; sign_off_required: boolean }> {
  return http.get(`/api/units/${unitId}/form-sign-off`)
}

/** Sets it: a unit admin on the unit or above (403 otherwise). */
export function setSignOffRequired(unitId: number, required: boolean): Promise<{ unit_id: number; sign_off_required: boolean }> {
  return http.put(`/api/units/${unitId}/form-sign-off`, { required })
}

/** Reviewer: accept (locks the form and freezes a snapshot with its verification code). */
export function acceptSubmission(id: number, version: number): Promise<Submission> {
  return http.post(`/api/submissions/${id}/accept`, { version })
}

/**
 * Reviewer: return with a comment (required) and optional comments per field.
 * `version` is the one the reviewer loaded: 409 conflict when it is stale or the status moved.
 */
export function returnSubmission(
  id: number,
  version: number,
  comment: string,
  fieldComments: Record<string, string> = {},
): Promise<Submission> {
  return http.post(`/api/submissions/${id}/return`, { comment, field_comments: fieldComments, version })
}

/** Reviewer: reopen an accepted form (back to returned), reason required; 409 on a stale `version`. */
export function reopenSubmission(id: number, version: number, reason: string): Promise<Submission> {
  return http.post(`/api/submissions/${id}/reopen`, { reason, version })
}

/** The records a "not participating" mark on the statistics would drop from the parent's figures. */
export interface WouldDrop {
  activities: number
  /** 人次: check-ins and people counted at the door. */
  people: number
  media_reports: number
}

/**
 * Reviewer: mark a child unit as not taking part in this form, reason required.
 * When its records would be dropped from the figures the server answers 409
 * `confirm_required` with `would_drop` (see wouldDropOf) until `confirm` is sent.
 */
export function markNotParticipating(
  campaignId: number,
  form: ReportingForm,
  childUnitId: number,
  reason: string,
  confirm = false,
): Promise<Submission> {
  return http.post(`${formBase(campaignId, form)}/not-participating?unit_id=${childUnitId}`, { reason, confirm })
}

/** What a `confirm_required` refusal of markNotParticipating would drop; null for any other error. */
export function wouldDropOf(e: unknown): WouldDrop | null {
  if (!(e instanceof ApiError) || e.code !== 'confirm_required') return null
  const d = e.details.would_drop as Partial<WouldDrop> | undefined
  if (!d) return null
  return { activities: d.activities ?? 0, people: d.people ?? 0, media_reports: d.media_reports ?? 0 }
}

/** Reviewer: undo "did not take part". */
export function clearNotParticipating(campaignId: number, form: ReportingForm, childUnitId: number): Promise<Submission> {
  return http.delete(`${formBase(campaignId, form)}/not-participating?unit_id=${childUnitId}`)
}

/** Every transition and save of the submission (audit log). */
export function getSubmissionHistory(id: number): Promise<ListResult<HistoryEntry>> {
  return http.get(`/api/submissions/${id}/history`)
}

/** Downloads the form: xlsx (annex layout), pdf (A4, with verification once accepted), docx (summary only). */
export function exportSubmission(
  campaignId: number,
  form: ReportingForm,
  unitId: number,
  format: 'xlsx' | 'pdf' | 'docx',
): Promise<string> {
  return download(`${formBase(campaignId, form)}/export`, { unit_id: unitId, format }, `报表.${format}`)
}

/** Uploads the stamped scan (PDF/JPG/PNG, ≤ 10 MB; the type is read from the bytes). */
export function uploadScan(submissionId: number, file: File): Promise<Scan> {
  return request(`/api/submissions/${submissionId}/scans`, {
    method: 'POST',
    file: { data: file, contentType: file.type || 'application/octet-stream', name: file.name },
  })
}
export function scanUrl(scanId: number): string {
  return `/api/scans/${scanId}`
}

/** The statistics template (annex 5 layout, the unit's row pre-filled, a 说明 column). */
export function downloadStatisticsTemplate(campaignId: number, unitId: number): Promise<string> {
  return download(`${formBase(campaignId, 'statistics')}/template`, { unit_id: unitId }, '情况统计表模板.xlsx')
}

/**
 * Reads a filled template: figures that differ from the computed ones become
 * overrides (the 说明 column is their reason); the same rules as the form.
 * With dryRun nothing is saved.
 */
export function importStatisticsTemplate(
  campaignId: number,
  unitId: number,
  file: File,
  dryRun: boolean,
): Promise<TemplateImportResult> {
  return request(`${formBase(campaignId, 'statistics')}/import`, {
    method: 'POST',
    query: { unit_id: unitId, dry_run: dryRun ? 1 : undefined },
    file: { data: file, contentType: importContentType(file.name), name: file.name },
  })
}

/** The completeness board of a reviewer's children for one form. */
export function getBoard(campaignId: number, form: ReportingForm, unitId: number): Promise<Board> {
  return http.get(`/api/campaigns/${campaignId}/board/${form}`, { unit_id: unitId })
}

/** Reminds (in-app) every child that has not submitted yet; answers how many. */
export function remindMissing(
  campaignId: number,
  form: ReportingForm,
  unitId: number,
): Promise<{ reminded: number; units: string[] }> {
  return http.post(`/api/campaigns/${campaignId}/board/${form}/remind?unit_id=${unitId}`)
}

export function getValidationRules(): Promise<ListResult<ValidationRule>> {
  return http.get('/api/validation-rules')
}
/** System administrators and the province's unit admins change a rule's value, severity or switch. */
export function updateValidationRule(
  code: string,
  patch: Pick<ValidationRule, 'value' | 'severity' | 'enabled'>,
): Promise<ValidationRule> {
  return http.put(`/api/validation-rules/${encodeURIComponent(code)}`, patch)
}

/** The notifications of every unit the user holds a grant on, newest first. */
export function getNotifications(): Promise<ListResult<AppNotification> & { unread: number }> {
  return http.get('/api/notifications')
}
export function markNotificationRead(id: number): Promise<AppNotification> {
  return http.post(`/api/notifications/${id}/read`)
}

/** Public, no login: what the verification code of an accepted form confirms. */
export function verifySnapshot(code: string): Promise<Verification> {
  return http.get(`/api/public/verify/${encodeURIComponent(code)}`)
}

export function getMediaReports(campaignId: number, unitId: number): Promise<ListResult<MediaReport>> {
  return http.get(`/api/campaigns/${campaignId}/media-reports`, { unit_id: unitId })
}
export function createMediaReport(campaignId: number, input: MediaReportInput): Promise<MediaReport> {
  return http.post(`/api/campaigns/${campaignId}/media-reports`, input)
}
/** 409 when someone changed the report since `version` was read, or when it repeats a report of the chain. */
export function updateMediaReport(id: number, input: MediaReportInput & { version: number }): Promise<MediaReport> {
  return http.put(`/api/media-reports/${id}`, input)
}
export function deleteMediaReport(id: number, version?: number): Promise<void> {
  return http.delete(version === undefined ? `/api/media-reports/${id}` : `/api/media-reports/${id}?version=${version}`)
}
/** Who changed the report, when, from what to what; newest first. */
export function getMediaReportHistory(id: number): Promise<ListResult<AuditRow>> {
  return http.get(`/api/media-reports/${id}/history`)
}

/** The records behind one figure of a unit's statistics. */
export function getStatisticsSources(
  campaignId: number,
  unitId: number,
  figure: FigureField,
): Promise<ListResult<SourceRecord>> {
  return http.get(`/api/campaigns/${campaignId}/statistics/sources`, { unit_id: unitId, figure })
}

/** One unit behind a row of the province overview. */
export interface OverviewPart {
  unit_id: number
  unit_name: string
  /** The chain's root: 四川省教育厅 or 四川省人力资源和社会保障厅. */
  chain: string
  status: SubmissionStatus | 'own'
  /** Counted in the total (its own records, or accepted). */
  included: boolean
  /** Its own reporting children and how many submitted / were accepted (older servers omit them). */
  children?: number
  submitted?: number
  accepted?: number
}
/**
 * A row of the overview: a root's own records, a city (its education and HR
 * bureaus merged by region code) or a school reporting to a root directly.
 * Figures add up the included parts; when none is included, every part's
 * live figures (not counted).
 */
/** Figures of a named row (no status): the overview's rows and totals. */
export interface NamedFigures extends FigureRow {
  unit_id: number
  unit_name: string
}
export interface OverviewRow extends NamedFigures {
  /** A root's own records, a city (both chains' bureaus), or a school (older servers omit it). */
  kind?: 'own' | 'city' | 'school'
  included: boolean
  parts: OverviewPart[]
}
export interface OverviewChain {
  unit_id: number
  unit_name: string
  total: NamedFigures
  /** Reporting children of the root, and how many are accepted. */
  children: number
  accepted: number
}
/**
 * The province's one table over both chains (the education and the HR
 * chain); the total is the sum of the chains' roll-ups (disjoint subtrees)
 * with the coverage recomputed from the sums. Needs a role on every chain's
 * root (403 names the missing one).
 */
export interface ProvinceOverview {
  campaign_id: number
  campaign_name: string
  year: number
  region_name: string
  chains: OverviewChain[]
  rows: OverviewRow[]
  total: NamedFigures
}

export function getProvinceOverview(campaignId: number): Promise<ProvinceOverview> {
  return http.get(`/api/campaigns/${campaignId}/submissions/statistics/overview`)
}
/** The overview as the annex-5 table; rows not counted are listed blank. */
export function exportProvinceOverview(campaignId: number, format: 'xlsx' | 'pdf'): Promise<string> {
  return download(`/api/campaigns/${campaignId}/submissions/statistics/overview/export`, { format }, `全省汇总.${format}`)
}

/** Every reporting unit's 信息采集表 contact under `unitId`, one workbook; returns the file name. */
export function exportMergedContacts(campaignId: number, unitId: number): Promise<string> {
  return download(
    `/api/campaigns/${campaignId}/submissions/info_form/contacts/export`,
    { unit_id: unitId },
    '联系人汇总.xlsx',
  )
}

/** The accepted forms of `unitId`'s reporting children as one zip for the archive. */
export function downloadChildrenBundle(campaignId: number, unitId: number): Promise<string> {
  return download(`/api/campaigns/${campaignId}/submissions/bundle`, { unit_id: unitId }, '下级单位报表归档.zip')
}

/**
 * Annex 5's field table (labels, order, which figures may be overridden).
 * Asked without signing out on a 401: the public verification page asks too.
 */
export function getStatisticsFields(): Promise<StatisticsFieldTable> {
  return request('/api/reporting/statistics-fields', { expect401: true })
}

/** One annex-5 figure that differs from the submitted form in today's records. */
export interface RecordChange {
  field: string
  /** The annex's column head, e.g. 市（州）级媒体报道数. */
  label: string
  /** 所, 人, %, 篇… */
  unit: string
  /** As frozen at submission (what the reviewer accepts). */
  submitted: number
  /** As the records say today. */
  now: number
}

/** What changed in the records since the form was submitted; `items` is empty when nothing did. */
export interface ChangesSinceSubmission {
  submitted_at: string
  items: RecordChange[]
}
