// The activity plan (活动周活动方案, form "plan", issue 14): every school sends
// it with the information form; its parent reviews it like the other forms
// (reporting.ts). What is particular to it: its data, the uploaded document
// (PDF or Word, judged by the server from its bytes, ≤ 10 MB) and the
// parent's merged list of its children's plans.
import { download, request } from './request'

/** One planned activity on a theme day; may link one of the programme's activities of the unit's subtree. */
export interface PlanActivity {
  theme_day_id: number
  title: string
  activity_id: number | null
}

/** The stored document (set by the server on upload, never sent back by the client). */
export interface PlanDocument {
  id: number
  file_name: string
  content_type: string
  size_bytes: number
  sha256: string
  uploaded_at: string
}

export interface PlanFormData {
  /** 专人: the person in charge. */
  person_name: string
  person_position: string
  person_mobile: string
  activities: PlanActivity[]
  document?: PlanDocument | null
}

/** What the plan may refer to: the campaign's theme days and the activities of the unit's subtree. */
export interface PlanChoices {
  days: { id: number; day_index: number; date: string; name: string }[]
  activities: { id: number; title: string; theme_day_id: number | null; unit_name: string }[]
}

/**
 * Uploads the plan's document: a save of the form at `version` (409 when
 * stale). Answers the form (a reporting Submission) as saved.
 */
export function uploadPlanDocument<T>(campaignId: number, unitId: number, version: number, file: File): Promise<T> {
  return request(`/api/campaigns/${campaignId}/submissions/plan/document?unit_id=${unitId}&version=${version}`, {
    method: 'POST',
    file: { data: file, contentType: file.type || 'application/octet-stream', name: file.name },
  })
}

export function planDocumentUrl(documentId: number): string {
  return `/api/plan-documents/${documentId}`
}

/** The parent unit's merged list of its children's plans (xlsx); the file's name. */
export function exportPlanList(campaignId: number, unitId: number): Promise<string> {
  return download(`/api/campaigns/${campaignId}/board/plan/export`, { unit_id: unitId }, '活动方案汇总表.xlsx')
}
