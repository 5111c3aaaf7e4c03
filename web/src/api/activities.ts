import { download, http, request } from './request'
import { importContentType } from './imports'
import type { AuditRow, ListResult } from './common'
import type { ImportReport, UploadProgress } from './imports'

export type ActivityStatus = 'draft' | 'pending' | 'rejected' | 'approved' | 'published' | 'cancelled'

export type PlaceKind = 'on_campus' | 'off_campus' | 'online'

/** A category or tag from the notices; `detail_fields` lists the extra fields it asks for ("partner,cooperation"). */
export interface ActivityCategory {
  id: number
  code: string
  name: string
  group_name: string
  detail_fields: string
  sort_order: number
  /** The unit-kind categories it is meant for ("school,department"; "" = any). */
  unit_levels?: string
  /** A provincial programme entry: only the units it belongs to may use it. */
  owners_only?: boolean
}

export interface Audience {
  code: string
  name: string
}

export interface ActivityInput {
  unit_id: number
  title: string
  description: string
  theme_day_id: number | null
  starts_at: string
  ends_at: string
  /** Part of a longer 活动月: may lie outside the week. */
  part_of_month: boolean
  place_kind: PlaceKind
  /** The venue on campus, the address off campus. */
  place: string
  online_url: string
  category_id: number | null
  tag_ids: number[]
  audiences: string[]
  /** 0: no limit. */
  capacity: number
  open_to_public: boolean
  registration_required: boolean
  organiser: string
  contact: string
  featured: boolean
  /** 校企签约 */
  partner: string
  cooperation: string
  /** 招聘会 */
  enterprises: string
  posts_offered: number
}

/**
 * What the signed-in caller may do with an activity, decided by the server
 * (CONTRACT §3); the public site's answers carry none of them.
 */
export interface ActivityActions {
  can_edit: boolean
  can_duplicate: boolean
  /** File the off-campus trip for approval (外出报备). */
  can_submit: boolean
  can_publish: boolean
  can_unpublish: boolean
  can_cancel: boolean
  can_delete: boolean
  /** Approve or reject a pending filing. */
  can_review: boolean
}

export interface Activity extends ActivityInput, Partial<ActivityActions> {
  id: number
  campaign_id: number
  unit_name: string
  /**
   * The school above the organising college, when the server sends it (the
   * public programme names schools, not colleges).
   */
  school_name?: string
  status: ActivityStatus
  published_at: string | null
  cancel_reason: string
  version: number
  created_at: string
  updated_at: string
}

export interface FilingInput {
  destination: string
  teacher_in_charge: string
  teacher_phone: string
  staff_count: number
  student_count: number
  transport: string
  safety_plan: string
}

/** The off-campus filing (外出报备) and its decision; `reason` is a rejection's. */
export interface Filing extends FilingInput {
  submitted_at: string
  decided_at: string | null
  reason: string
}

export interface CoverageRow {
  unit_id: number
  unit_name: string
  kind: string
  /** One count per campaign day, in order. */
  per_day: number[]
  total: number
  days_without: number
}

/** 天天有活动: the direct children of a unit (and the unit itself when it runs activities) × days. */
export interface Coverage {
  campaign_name: string
  unit_name: string
  dates: string[]
  day_names: string[]
  rows: CoverageRow[]
}

/** A school or unit with published activities (the public site's school filter). */
export interface Organiser {
  unit_id: number
  unit_name: string
  region_code: string
}

const campaignBase = (id: number) => `/api/campaigns/${id}`
const base = (id: number) => `/api/activities/${id}`

/**
 * Public: the campaign's categories and tags (flat, with group_name), in the
 * notices' order. Given a unit: only those it may use, those meant for its
 * level first.
 */
export function getActivityCategories(campaignId: number, unitId?: number): Promise<ListResult<ActivityCategory>> {
  return http.get(`${campaignBase(campaignId)}/activity-categories`, { unit_id: unitId })
}

/** Public: who an activity may be for. */
export function getAudienceList(): Promise<ListResult<Audience>> {
  return http.get('/api/activity-audiences')
}

export interface ActivityQuery {
  /** A unit's subtree. */
  unit_id?: number
  theme_day_id?: number
  /** Part of the title. */
  q?: string
  page?: number
  page_size?: number
}

/** Activities of the campaign in the caller's subtrees, by start time. */
export function getActivityList(campaignId: number, query: ActivityQuery): Promise<ListResult<Activity>> {
  return http.get(`${campaignBase(campaignId)}/activities`, { ...query })
}

/** A new draft; organisers and unit administrators of `input.unit_id` (or above). */
export function createActivity(campaignId: number, input: ActivityInput): Promise<Activity> {
  return http.post(`${campaignBase(campaignId)}/activities`, input)
}

export function getActivity(id: number): Promise<Activity> {
  return http.get(base(id))
}

/**
 * 409 when `version` is stale. Moving an approved off-campus activity in
 * place or time sends it back to pending.
 */
export function updateActivity(id: number, input: ActivityInput & { version: number }): Promise<Activity> {
  return http.put(base(id), input)
}

/** Drafts only. */
export function deleteActivity(id: number): Promise<unknown> {
  return http.delete(base(id))
}

/** What happened to the activity (created, edited, rescheduled, filed, decided, published, cancelled), newest first. */
export function getActivityHistory(id: number): Promise<ListResult<AuditRow>> {
  return http.get(`${base(id)}/history`)
}

/** A new draft with the same content, titled "…（副本）". */
export function duplicateActivity(id: number): Promise<Activity> {
  return http.post(`${base(id)}/duplicate`)
}

/** Files (or re-files) an off-campus trip; the activity becomes pending. */
export function submitFiling(id: number, input: FilingInput): Promise<Activity> {
  return http.post(`${base(id)}/submit`, input)
}

/** The filing and its decision; null when none was filed. */
export function getFiling(id: number): Promise<Filing | null> {
  return http.get(`${base(id)}/filing`)
}

export function approveFiling(id: number): Promise<Activity> {
  return http.post(`${base(id)}/approve`)
}

/** The reason is required. */
export function rejectFiling(id: number, reason: string): Promise<Activity> {
  return http.post(`${base(id)}/reject`, { reason })
}

/** Off-campus activities must be approved first. */
export function publishActivity(id: number): Promise<Activity> {
  return http.post(`${base(id)}/publish`)
}

export function unpublishActivity(id: number): Promise<Activity> {
  return http.post(`${base(id)}/unpublish`)
}

/** The reason is required; the activity is kept with it. */
export function cancelActivity(id: number, reason: string): Promise<Activity> {
  return http.post(`${base(id)}/cancel`, { reason })
}

/** Pending filings the caller may decide, oldest first. */
export function getApprovalList(campaignId: number): Promise<ListResult<Activity>> {
  return http.get(`${campaignBase(campaignId)}/approvals`)
}

/** 天天有活动 below `unitId`; drafts count unless `publishedOnly`. */
export function getCoverage(campaignId: number, unitId: number, publishedOnly: boolean): Promise<Coverage> {
  return http.get(`${campaignBase(campaignId)}/coverage`, { unit_id: unitId, published_only: publishedOnly ? 1 : undefined })
}

/** Saves the coverage matrix as an Excel workbook; resolves to the file name. */
export function exportCoverage(campaignId: number, unitId: number, publishedOnly: boolean): Promise<string> {
  return download(
    `${campaignBase(campaignId)}/coverage/export`,
    { unit_id: unitId, published_only: publishedOnly ? 1 : undefined },
    '天天有活动情况表.xlsx',
  )
}

/** Saves the Excel template for importing activities (with this year's theme days and categories). */
export function downloadActivityTemplate(campaignId: number): Promise<string> {
  return download(`${campaignBase(campaignId)}/activities/import-template`, {}, '活动导入模板.xlsx')
}

/**
 * Uploads a programme as the raw body. `unitId` is the organising unit of
 * rows that name none. With dryRun nothing is written; without it the server
 * writes only if every row is valid (all or nothing).
 */
export function uploadActivityImport(
  campaignId: number,
  unitId: number | null,
  file: File,
  dryRun: boolean,
  onProgress?: UploadProgress,
): Promise<ImportReport> {
  return request<ImportReport>(`${campaignBase(campaignId)}/activities/import`, {
    method: 'POST',
    query: { unit_id: unitId ?? undefined, dry_run: dryRun ? 1 : undefined },
    file: { data: file, contentType: importContentType(file.name), name: file.name },
    onUploadProgress: onProgress,
  })
}

/** A decision on a filing, as the approving unit's 已处理 list shows it. */
export interface FilingDecision {
  id: number
  activity_id: number
  title: string
  unit_name: string
  decision: 'approved' | 'rejected'
  opinion: string
  decided_by: string
  decider_unit: string
  decided_at: string
}

/** Approves or rejects with an opinion (审批意见: required to reject, at most 500 characters). */
export function decideFiling(id: number, approve: boolean, opinion: string): Promise<Activity> {
  return http.post(`${base(id)}/${approve ? 'approve' : 'reject'}`, { reason: opinion })
}

/** Decisions this approving unit took, newest first; `q` matches title or unit name. */
export function getDecidedFilings(
  campaignId: number,
  query: { q?: string; page?: number; page_size?: number },
): Promise<ListResult<FilingDecision>> {
  return http.get(`${campaignBase(campaignId)}/approvals/decided`, { ...query })
}
