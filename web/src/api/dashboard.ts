// The dashboards and 主动公开 (docs/dashboards.md).
import { http } from './request'
import type { Figures, SubmissionStatus } from './reporting'

export interface DashboardPart {
  unit_id: number
  unit_name: string
  chain: string
  status: SubmissionStatus | 'own'
  included: boolean
  children: number
  submitted: number
  accepted: number
}

export interface DashboardRow {
  name: string
  /** own | city | school (province) | child (a unit's reporting child). */
  kind: 'own' | 'city' | 'school' | 'child'
  /** A unit's child: its statistics form's status; '' otherwise. */
  status: string
  included: boolean
  unit_ids: number[]
  per_day: number[]
  days_without: number
  /** The row's annex-5 figures (unit_name besides). */
  figures: Figures
  parts: DashboardPart[]
}

export interface DashboardPrevious {
  campaign_id: number
  campaign_name: string
  year: number
  total: Figures
  activities: number
  days_with_activities: number
}

export interface ActivityLoad {
  id: number
  title: string
  unit_name: string
  starts_at: string
  capacity: number
  confirmed: number
  waiting: number
  checked_in: number
}

export interface ChildStatus {
  unit_id: number
  unit_name: string
  forms: Record<string, string>
  publicity: Record<string, number>
}

export interface Dashboard {
  campaign_id: number
  campaign_name: string
  year: number
  /** 0 for the province. */
  unit_id: number
  unit_name: string
  dates: string[]
  day_names: string[]
  activities_per_day: number[]
  participants_per_day: number[]
  /** Σ participants_per_day, computed once on the server (the headline and the chart agree). */
  participants: number
  days_with_activities: number
  /** Annex 5: the roll-up's total (accepted forms and own records). */
  total: Figures
  /** The sum of the rows annex 5 lists, counted or not (live figures where not counted). */
  live: Figures
  media: { provincial: number; city: number; county: number }
  rows: DashboardRow[]
  chains: { unit_id: number; unit_name: string; children: number; submitted: number; accepted: number }[]
  previous: DashboardPrevious | null
  activities: ActivityLoad[]
  children: ChildStatus[]
}

export interface PublicFigureRow {
  name: string
  region_code: string
  activities: number
  participants: number
  students: number
  enrolled: number
  coverage: number
  media: number
  media_provincial: number
  media_city: number
  media_county: number
  taken_at: string
}

export interface PublicFigures {
  campaign_id: number
  campaign_name: string
  year: number
  taken_at: string
  province: PublicFigureRow
  cities: PublicFigureRow[]
}

export interface LiveCount {
  unit_id: number
  checked_in: number
  walk_ins: number
  at: string
}

export function getProvinceDashboard(campaignId: number): Promise<Dashboard> {
  return http.get(`/api/campaigns/${campaignId}/dashboard/province`)
}

export function getUnitDashboard(campaignId: number, unitId: number): Promise<Dashboard> {
  return http.get(`/api/campaigns/${campaignId}/dashboard/units/${unitId}`)
}

export function getPublicFigures(campaignId: number): Promise<PublicFigures> {
  return http.get(`/api/public/campaigns/${campaignId}/figures`)
}

/** The event stream of the live check-in count (EventSource). */
export function liveUrl(campaignId: number, unitId: number): string {
  return `/api/campaigns/${campaignId}/dashboard/live?unit_id=${unitId}`
}

/** Open data downloads (no login). */
export function openDataUrl(campaignId: number, format: 'csv' | 'json'): string {
  return `/api/public/campaigns/${campaignId}/figures.${format}`
}
