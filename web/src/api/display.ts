import { download, http } from './request'

// 集中展示日 (display events): docs/display.md.

export type ShapeKind = 'zone' | 'booth' | 'stage' | 'entrance' | 'power'

export interface PlanShape {
  id: string
  kind: ShapeKind
  x: number
  y: number
  w: number
  h: number
  label: string
  /** Booths only. */
  number?: string
  power?: boolean
  /** Booths: the flag, or a power point touching it (answers only). */
  has_power?: boolean
}

export interface Plan {
  plan_version: number
  width: number
  height: number
  shapes: PlanShape[]
}

export interface DisplaySlot {
  start_time: string
  end_time: string
  title: string
  performer: string
}

export interface DisplayApplication {
  id: number
  unit_id: number
  unit_name: string
  exhibit: string
  category: string
  tables: number
  power: boolean
  network: boolean
  area_m2: number
  contact: string
  booth: string
  version: number
  /** Visitors counted at its booth (the sum of the taps). */
  visitors: number
}

/** One tap of a booth's visitor counter; `tap_id` makes a retried upload count once. */
export interface VisitTap {
  tap_id: string
  application_id: number
  delta: number
}

export interface DisplayEventInput {
  campaign_id?: number
  unit_id?: number
  title: string
  venue: string
  day: string
  start_time: string
  end_time: string
  fallback_venue: string
  fallback_day: string
  setup_time: string
  clear_time: string
  contact: string
  activity_id?: number | null
}

export interface DisplayEvent extends DisplayEventInput {
  id: number
  campaign_id: number
  unit_id: number
  unit_name: string
  day_text: string
  weather_switched: boolean
  original_venue: string
  original_day: string
  plan_version: number
  published: boolean
  published_at: string | null
  version: number
  can_manage: boolean
  application_count: number
}

export interface DisplayEventDetail extends DisplayEvent {
  plan: Plan
  slots: DisplaySlot[]
  applications: DisplayApplication[]
  apply_units: { id: number; name: string }[]
  /** Visitors counted at the booths of the applications shown. */
  visitor_total: number
  /** Visitor uploads only. */
  taps_recorded?: number
  taps_replayed?: number
  /** Auto-assign only. */
  unassigned?: number
  /** Weather switch only: why the linked activity did not move ('' when it did). */
  activity_error?: string
}

export interface ApplicationInput {
  unit_id: number
  exhibit: string
  category: string
  tables: number
  power: boolean
  network: boolean
  area_m2: number
  contact: string
}

export interface PublicDisplayEvent {
  id: number
  title: string
  unit_name: string
  venue: string
  day: string
  day_text: string
  start_time: string
  end_time: string
  weather_switched: boolean
  original_venue: string
  original_day: string
  original_day_text: string
  plan: Plan
  slots: DisplaySlot[]
  exhibitors: { booth: string; unit_name: string; exhibit: string }[]
}

const base = '/api/display/events'
const one = (id: number) => `${base}/${id}`

export function getDisplayEvents(campaignId: number): Promise<{ items: DisplayEvent[]; total: number }> {
  return http.get(base, { campaign_id: campaignId })
}
export function createDisplayEvent(input: DisplayEventInput): Promise<DisplayEventDetail> {
  return http.post(base, input)
}
export function getDisplayEvent(id: number): Promise<DisplayEventDetail> {
  return http.get(one(id))
}
export function updateDisplayEvent(id: number, input: DisplayEventInput & { version: number }): Promise<DisplayEventDetail> {
  return http.put(one(id), input)
}
export function saveDisplayPlan(id: number, plan: Plan): Promise<DisplayEventDetail> {
  return http.put(`${one(id)}/plan`, plan)
}
export function saveDisplaySlots(id: number, version: number, slots: DisplaySlot[]): Promise<DisplayEventDetail> {
  return http.put(`${one(id)}/slots`, { version, slots })
}
export function applyForBooth(id: number, input: ApplicationInput): Promise<DisplayEventDetail> {
  return http.post(`${one(id)}/applications`, input)
}
export function updateApplication(
  id: number,
  applicationId: number,
  input: ApplicationInput & { version: number },
): Promise<DisplayEventDetail> {
  return http.put(`${one(id)}/applications/${applicationId}`, input)
}
export function withdrawApplication(id: number, applicationId: number, version: number): Promise<DisplayEventDetail> {
  return http.post(`${one(id)}/applications/${applicationId}/withdraw`, { version })
}
export function assignBooths(
  id: number,
  version: number,
  assignments: { application_id: number; booth: string }[],
): Promise<DisplayEventDetail> {
  return http.post(`${one(id)}/assign`, { version, assignments })
}
export function displayStep(id: number, step: 'auto-assign' | 'publish' | 'weather', version: number): Promise<DisplayEventDetail> {
  return http.post(`${one(id)}/${step}`, { version })
}
export function countVisitors(id: number, taps: VisitTap[]): Promise<DisplayEventDetail> {
  return http.post(`${one(id)}/visits`, { taps })
}
export function downloadDisplayMap(id: number, paper: 'a3' | 'a4' = 'a3'): Promise<string> {
  return download(`${one(id)}/map`, { paper }, '位置分布图.pdf')
}
export function downloadExhibitors(id: number): Promise<string> {
  return download(`${one(id)}/exhibitors`, {}, '参展单位名单.xlsx')
}
export function getPublicDisplayEvent(id: number): Promise<PublicDisplayEvent> {
  return http.get(`/api/public/display/${id}`)
}
