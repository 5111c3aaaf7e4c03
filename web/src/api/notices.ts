import { download, http, request } from './request'

// Notices as documents (通知公文): docs/notices.md.

export type NoticeStatus = 'draft' | 'published'
export type NoticeTargets = 'children' | 'subtree' | 'chosen'

export interface NoticeTarget {
  unit_id: number
  unit_name: string
  kind_name: string
  acknowledged: boolean
  acknowledged_at: string
  acknowledged_by_name: string
}

export interface NoticeAnnex {
  id: number
  file_name: string
  content_type: string
  size_bytes: number
  sha256: string
  uploaded_at: string
  url: string
}

export interface NoticeSummary {
  id: number
  campaign_id: number
  unit_id: number
  unit_name: string
  title: string
  doc_number: string
  corrects_id: number | null
  ack_by: string
  status: NoticeStatus
  status_name: string
  published_at: string
  published_by_name: string
  reminded_at: string
  version: number
  created_at: string
  updated_at: string
  /** The publisher's list. */
  target_count?: number
  acknowledged_count?: number
  pending_units?: string[]
  /** The inbox and the detail: the caller's own target units. */
  my_units?: NoticeTarget[]
}

export interface Notice extends NoticeSummary {
  body: string
  corrects_title?: string
  annexes: NoticeAnnex[]
  my_units: NoticeTarget[]
  can_edit: boolean
  can_remind: boolean
  target_count: number
  acknowledged_count: number
  /** Only for the publisher's side. */
  targets?: NoticeTarget[]
}

export interface NoticeInput {
  campaign_id?: number
  unit_id?: number
  title: string
  doc_number: string
  body: string
  targets: NoticeTargets
  unit_ids?: number[]
  ack_by: string
  corrects_id?: number | null
  version?: number
}

const base = '/api/notices'
const one = (id: number) => `${base}/${id}`

export function getNotices(campaignId: number, unitId: number): Promise<{ items: NoticeSummary[] }> {
  return http.get(base, { campaign_id: campaignId, unit_id: unitId })
}
export function getInbox(campaignId: number): Promise<{ items: NoticeSummary[] }> {
  return http.get(`${base}/inbox`, { campaign_id: campaignId })
}
export function getNotice(id: number): Promise<Notice> {
  return http.get(one(id))
}
export function createNotice(input: NoticeInput): Promise<Notice> {
  return http.post(base, input)
}
export function updateNotice(id: number, input: NoticeInput): Promise<Notice> {
  return http.put(one(id), input)
}
export function deleteNotice(id: number, version: number): Promise<unknown> {
  return http.delete(`${one(id)}?version=${version}`)
}
export function uploadAnnex(id: number, file: File): Promise<NoticeAnnex> {
  return request(`${one(id)}/annexes`, {
    method: 'POST',
    file: { data: file, contentType: file.type || 'application/octet-stream', name: file.name },
  })
}
export function removeAnnex(id: number, annexId: number): Promise<unknown> {
  return http.delete(`${one(id)}/annexes/${annexId}`)
}
export function downloadAnnex(annex: NoticeAnnex): Promise<string> {
  return download(annex.url, {}, annex.file_name)
}
export function publishNotice(id: number, version: number): Promise<Notice> {
  return http.post(`${one(id)}/publish`, { version })
}
export function acknowledgeNotice(id: number, unitId: number): Promise<NoticeTarget & { already: boolean }> {
  return http.post(`${one(id)}/acknowledge`, { unit_id: unitId })
}
export function remindNotice(id: number): Promise<{ reminded: string[]; reminded_at: string }> {
  return http.post(`${one(id)}/remind`, {})
}
