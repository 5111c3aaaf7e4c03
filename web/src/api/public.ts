// The public site's calls: no session, no CSRF; answers are cached by the
// server (ETag) and safe to share.
import { buildQuery, http } from './request'
import type { Activity, Organiser } from './activities'
import type { ListResult } from './common'

export interface PublicActivityQuery {
  theme_day_id?: number
  /** A city (xxxx00) or county code. */
  region?: string
  /** A school's (or unit's) subtree. */
  unit_id?: number
  /** The primary category or a tag. */
  category_id?: number
  audience?: string
  mode?: 'online' | 'onsite'
  q?: string
  /** Also the activities cancelled after they were published (status `cancelled`). */
  with_cancelled?: 1
  page?: number
  page_size?: number
}

/** Published activities of the campaign (with_cancelled: and those cancelled since), by start time. */
export function getPublicActivityList(campaignId: number, query: PublicActivityQuery): Promise<ListResult<Activity>> {
  return http.get(`/api/public/campaigns/${campaignId}/activities`, { ...query })
}

/** One published activity, or one cancelled after publishing (status and cancel_reason say so); 404 for anything else. */
export function getPublicActivity(id: number): Promise<Activity> {
  return http.get(`/api/public/activities/${id}`)
}

/** Schools and units with published activities, by region and name. */
export function getPublicOrganisers(campaignId: number): Promise<ListResult<Organiser>> {
  return http.get(`/api/public/campaigns/${campaignId}/organisers`)
}

/** An iCalendar feed of the whole programme, or of one school's activities. */
export function programmeCalendarUrl(campaignId: number, unitId?: number): string {
  return `/api/public/campaigns/${campaignId}/calendar.ics${buildQuery({ unit_id: unitId })}`
}

/** An .ics file with one activity, for "加入日历". */
export function activityCalendarUrl(id: number): string {
  return `/api/public/activities/${id}/calendar.ics`
}
