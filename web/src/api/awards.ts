import { download, http } from './request'

// Awards (表彰奖励): docs/awards.md.

export type AwardLevel = 'school' | 'city' | 'province'
export type AwardStatus = 'draft' | 'scoring' | 'decided' | 'published'
export type TieRule = 'first_criterion' | 'share'

/** The indicator catalogue (server awards.h kIndicators). */
export const indicatorKinds: { code: string; name: string; unit: string }[] = [
  { code: 'activities', name: '举办活动数', unit: '项' },
  { code: 'activity_days', name: '有活动的主题日数', unit: '天' },
  { code: 'on_campus', name: '校内点位活动数', unit: '项' },
  { code: 'participation', name: '师生参与占比', unit: '%' },
  { code: 'enterprises', name: '参与企业数', unit: '家' },
  { code: 'media_reports', name: '媒体报道数', unit: '篇' },
  { code: 'media_provincial', name: '省级及以上媒体报道数', unit: '篇' },
  { code: 'publicity_accepted', name: '宣传素材采用数', unit: '件' },
  { code: 'publicity_pushed', name: '择优推送数', unit: '件' },
  { code: 'forms_on_time', name: '按时报送表格数', unit: '份' },
  { code: 'judge', name: '评委评分', unit: '分' },
]

export const levelNames: Record<AwardLevel, string> = { school: '校级', city: '市级', province: '省级' }

export interface AwardCriterion {
  id: number
  name: string
  weight: number
  indicators: string[]
  judged: boolean
}

export interface Award {
  id: number
  campaign_id: number
  campaign_name: string
  owner_unit_id: number
  owner_name: string
  name: string
  level: AwardLevel
  level_name: string
  winners: number
  tie_rule: TieRule
  status: AwardStatus
  status_name: string
  decided_at: string | null
  published_on: string | null
  units: { id: number; name: string }[]
  judges: { user_id: number; name: string; unit_name: string; submitted: boolean }[]
  criteria: AwardCriterion[]
  is_organiser: boolean
  is_judge: boolean
  can_edit: boolean
  can_open: boolean
  can_decide: boolean
  can_publish: boolean
  version: number
}

export interface CriterionInput {
  name: string
  weight: number
  indicators: string[]
}

export interface AwardInput {
  campaign_id?: number
  owner_unit_id?: number
  name: string
  level: AwardLevel
  winners: number
  tie_rule: TieRule
  unit_ids: number[]
  judge_ids: number[]
  criteria: CriterionInput[]
  version?: number
}

export interface ScoreEntry {
  unit_id: number
  criterion_id: number
  score: number
  comment: string
  judge_id?: number
  judge_name?: string
}

export interface ScoreSheet {
  award: Award
  units: { id: number; name: string; may_score: boolean }[]
  mine: ScoreEntry[]
  others: ScoreEntry[]
  submitted: boolean
  can_score: boolean
  agreement?: { unit_id: number; criterion_id: number; count: number; mean: number; spread: number; stddev: number }[]
}

export interface RankedIndicator {
  code: string
  name: string
  unit: string
  value: number
  score: number
  judges: number
}

export interface RankedUnit {
  unit_id: number
  unit_name: string
  place: number
  total: number
  winner: boolean
  certificate_code?: string | null
  criteria: { criterion_id: number; name: string; weight: number; score: number; weighted: number; indicators: RankedIndicator[] }[]
}

export interface Ranking {
  award: Award
  live: boolean
  judges_submitted: number
  judges: number
  units: RankedUnit[]
}

export interface CertificateCheck {
  code: string
  award: string
  level_name: string
  campaign_name: string
  unit_name: string
  issuer: string
  published_on: string
  place: number
}

const base = '/api/awards'
const one = (id: number) => `${base}/${id}`

export function getAwards(campaignId: number): Promise<{ items: Award[] }> {
  return http.get(base, { campaign_id: campaignId })
}
export function getAward(id: number): Promise<Award> {
  return http.get(one(id))
}
export function createAward(input: AwardInput): Promise<Award> {
  return http.post(base, input)
}
export function updateAward(id: number, input: AwardInput): Promise<Award> {
  return http.put(one(id), input)
}
export function openAward(id: number, version: number): Promise<Award> {
  return http.post(`${one(id)}/open`, { version })
}
export function decideAward(id: number, version: number): Promise<Ranking> {
  return http.post(`${one(id)}/decide`, { version })
}
export function publishAward(id: number, version: number, publishedOn: string): Promise<Award> {
  return http.post(`${one(id)}/publish`, { version, published_on: publishedOn })
}
export function getScores(id: number): Promise<ScoreSheet> {
  return http.get(`${one(id)}/scores`)
}
export function saveScores(id: number, scores: ScoreEntry[]): Promise<ScoreSheet> {
  return http.put(`${one(id)}/scores`, { scores })
}
export function submitScores(id: number): Promise<ScoreSheet> {
  return http.post(`${one(id)}/scores/submit`, {})
}
export function getRanking(id: number): Promise<Ranking> {
  return http.get(`${one(id)}/ranking`)
}
export function downloadCertificate(id: number, unitId: number): Promise<string> {
  return download(`${one(id)}/certificates/${unitId}`, {}, '荣誉证书.pdf')
}
export function downloadNotice(id: number, format: 'docx' | 'pdf'): Promise<string> {
  return download(`${one(id)}/notice`, { format }, `获奖名单.${format}`)
}
export function verifyCertificate(code: string): Promise<CertificateCheck> {
  return http.get(`/api/public/awards/verify/${encodeURIComponent(code)}`)
}
