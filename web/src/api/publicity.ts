import { download, http, request } from './request'

// The material library (素材库) and its flow up the chain: docs/publicity.md.

export type PublicityKind = 'article' | 'photos' | 'video' | 'case'
export type PublicityStatus = 'draft' | 'submitted' | 'returned' | 'accepted' | 'pushed'
export type PublicityScope = 'library' | 'inbox' | 'below'
export type OutletLevel = 'central' | 'provincial' | 'city' | 'county'
export type PublicityAction = 'submit' | 'accept' | 'return' | 'recommend' | 'push' | 'publish' | 'unpublish'

export interface PublicityFile {
  blob_id: number
  kind: 'image' | 'video'
  caption: string
  width: number
  height: number
  thumb_url: string
  web_url: string
  poster_url: string
}

export interface PublicityOutlet {
  media_report_id?: number
  outlet: string
  level: OutletLevel
  published_on: string
  url: string
}

export interface PublicityStep {
  action: PublicityAction
  action_name: string
  unit_name: string
  actor: string
  to_unit_name: string
  comment: string
  at: string
}

export interface PublicityItem {
  id: number
  campaign_id: number
  unit_id: number
  unit_name: string
  kind: PublicityKind
  kind_name: string
  title: string
  /** Not in list answers. */
  body?: string
  author: string
  theme_day_id: number | null
  theme_day_name: string
  activity_id: number | null
  activity_title: string
  video_url: string
  tags: string[]
  has_people: boolean
  minors: boolean
  portrait_consent: boolean
  status: PublicityStatus
  status_name: string
  at_unit_id: number | null
  at_unit_name: string
  from_unit_id: number | null
  submitted_at: string | null
  late: boolean
  published_at: string | null
  published: boolean
  files: PublicityFile[]
  outlets: PublicityOutlet[]
  /** Not in list answers. */
  steps?: PublicityStep[]
  taken_by: { unit_id: number; unit_name: string; taken_at: string }[]
  can_edit: boolean
  can_submit: boolean
  can_decide: boolean
  can_push: boolean
  can_publish: boolean
  /** Recommend upward (also from 已采用); absent in the first contract: can_decide below the top. */
  can_recommend?: boolean
  /** Delete a draft; absent in the first contract: can_edit on a draft. */
  can_delete?: boolean
  /** Who sent it to where it waits (the origin or a recommender). */
  from_unit_name?: string
  version: number
}

/** What create and edit send. */
export interface PublicityInput {
  campaign_id: number
  unit_id: number
  kind: PublicityKind
  title: string
  body: string
  author: string
  theme_day_id: number | null
  activity_id: number | null
  video_url: string
  tags: string[]
  has_people: boolean
  minors: boolean
  portrait_consent: boolean
  files: { blob_id: number; caption: string }[]
}

export interface PublicityQuery {
  campaign_id: number
  unit_id: number
  scope: PublicityScope
  kind?: PublicityKind | ''
  status?: PublicityStatus | ''
  theme_day_id?: number | null
  q?: string
  page?: number
  page_size?: number
}

/** One row of the completeness board's publicity counts (subtree counts of origin items). */
export interface PublicityBoardRow {
  unit_id: number
  unit_name: string
  /** The unit's own row (its own items), beside its children's. */
  own?: boolean
  items: number
  submitted: number
  accepted: number
  pushed: number
  late: number
  published: number
}

const base = '/api/publicity/items'
const item = (id: number) => `${base}/${id}`

export function getPublicityItems(query: PublicityQuery): Promise<{ items: PublicityItem[]; total: number }> {
  return http.get(base, { ...query })
}

export function getPublicityItem(id: number): Promise<PublicityItem> {
  return http.get(item(id))
}

export function createPublicityItem(input: PublicityInput): Promise<PublicityItem> {
  return http.post(base, input)
}

export function updatePublicityItem(id: number, input: PublicityInput & { version: number }): Promise<PublicityItem> {
  return http.put(item(id), input)
}

export function deletePublicityItem(id: number, version: number): Promise<unknown> {
  return request(item(id), { method: 'DELETE', query: { version } })
}

/** The flow's steps; each answers the item as it is now. */
export function submitPublicityItem(id: number, version: number): Promise<PublicityItem> {
  return http.post(`${item(id)}/submit`, { version })
}

export function decidePublicityItem(
  id: number,
  action: 'accept' | 'return' | 'recommend',
  version: number,
  comment: string,
): Promise<PublicityItem> {
  return http.post(`${item(id)}/${action}`, { version, comment })
}

export function pushPublicityItem(id: number, version: number, outlets: PublicityOutlet[]): Promise<PublicityItem> {
  return http.post(`${item(id)}/push`, { version, outlets })
}

export function publishPublicityItem(id: number, version: number, published: boolean): Promise<PublicityItem> {
  return http.post(`${item(id)}/publish`, { version, published })
}

export function getPublicityBoard(campaignId: number, unitId: number): Promise<{ items: PublicityBoardRow[] }> {
  return http.get('/api/publicity/board', { campaign_id: campaignId, unit_id: unitId })
}

/** Saves a unit's publicity digest (宣传材料汇编) as Word or PDF. */
export function downloadPublicityDigest(campaignId: number, unitId: number, format: 'docx' | 'pdf'): Promise<string> {
  return download('/api/publicity/digest', { campaign_id: campaignId, unit_id: unitId, format }, `宣传材料汇编.${format}`)
}

/** Saves a zip of the originals of the unit's accepted material (for the archive). */
export function downloadPublicityArchive(campaignId: number, unitId: number): Promise<string> {
  return download('/api/publicity/archive', { campaign_id: campaignId, unit_id: unitId }, '宣传素材归档.zip')
}
