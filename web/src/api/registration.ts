// Registration and check-in. The public calls (sign-up, ticket) need no
// session; the organiser's calls need editors or reviewers of the activity's
// unit (the list and attendance: any role on it or above).
import { download, http } from './request'
import type { ActivityStatus, PlaceKind } from './activities'
import type { ListResult } from './common'

/** Who registers (小学生, 家长, 社会公众, …); statistics group them. */
export interface RegistrationCategory {
  code: string
  name: string
}

export type RegistrationKind = 'person' | 'group'

export type RegistrationStatus = 'confirmed' | 'waiting' | 'cancelled'

/** A public sign-up: a person, or a class with its teacher (`name`, `mobile`). */
export interface RegistrationInput {
  kind: RegistrationKind
  name: string
  mobile: string
  category: string
  consent: boolean
  under_14?: boolean
  /** Required when under_14. */
  guardian_name?: string
  school?: string
  class_name?: string
  /** Group: 1..200. */
  head_count?: number
  /** Group, optional: at most head_count names. */
  roster?: string[]
}

export interface Registration {
  id: number
  activity_id: number
  /** Read aloud at the door when the QR cannot be scanned: "ACDE-FGH7" (unique within the activity). */
  short_code: string
  kind: RegistrationKind
  name: string
  /** Masked (138****1234) everywhere but the check-in roster (roster=1). */
  mobile: string
  category: string
  guardian_name: string
  school: string
  class_name: string
  head_count: number
  roster: string[]
  status: RegistrationStatus
  /** People checked in so far. */
  checked_in: number
  /** 1-based place on the waiting list; 0 when not waiting. */
  waiting_position: number
  /** Personal fields removed after the retention period. */
  purged: boolean
  created_at: string
  updated_at: string
  /** Only in the registrant's own answers (sign-up, ticket, cancel). */
  token?: string
}

export type TicketNoticeKind = 'promoted' | 'rescheduled' | 'cancelled'

export interface TicketNotice {
  kind: TicketNoticeKind
  message: string
  created_at: string
}

/** The public fields of the activity a ticket is for. */
export interface TicketActivity {
  id: number
  title: string
  unit_name: string
  starts_at: string
  ends_at: string
  place_kind: PlaceKind
  place: string
  online_url: string
  status: ActivityStatus
  cancel_reason: string
}

/** The holder's view of a registration (anyone with the link): mobile masked, notices newest first. */
export interface Ticket {
  registration: Registration & { token: string }
  activity: TicketActivity
  notices: TicketNotice[]
}

/** One door scan; `scan_id` is the device's unique id, so an upload repeated after a failure counts once. */
export interface ScanInput {
  scan_id: string
  token: string
  /** Group: how many enter now; 0 or absent = everyone left. */
  people?: number
  /** When the device scanned it (API instant). */
  scanned_at?: string
}

/** bad_code: a typed short code whose check fails; unknown_code: no such short code in this activity. */
export type ScanOutcome =
  | 'ok'
  | 'already'
  | 'wrong_activity'
  | 'cancelled'
  | 'waiting'
  | 'unknown'
  | 'bad_code'
  | 'unknown_code'

export interface ScanResult {
  scan_id: string
  result: ScanOutcome
  /** Chinese, for the door. */
  message: string
  name: string
  /** "学校 班级" for a group, else "". */
  group: string
  /** Admitted by this scan. */
  people: number
  /** Of the registration, after this scan. */
  checked_in: number
  head_count: number
  /** The scan_id had been uploaded before; this is the stored answer. */
  replayed: boolean
}

/** People counted at the door without a ticket: +1 / −1 per category. */
export interface WalkinEvent {
  scan_id: string
  category: string
  delta: number
}

export interface Attendance {
  /** Confirmed seats (people). */
  registered: number
  /** People on the waiting list. */
  waiting: number
  /** People checked in with tickets. */
  checked_in: number
  /** People counted at the door. */
  walkins: number
  /** checked_in + walkins. */
  total: number
  /** 0: no limit. */
  capacity: number
  /** Checked in plus walk-ins per category (categories with nobody are left out). */
  by_category: { category: string; name: string; count: number }[]
}

const ticketBase = (token: string) => `/api/public/tickets/${encodeURIComponent(token)}`
const activityBase = (id: number) => `/api/activities/${id}`

/** Public: who may register (小学生, 家长, …), in display order. */
export function getRegistrationCategories(): Promise<ListResult<RegistrationCategory>> {
  return http.get('/api/registration-categories')
}

/**
 * Public sign-up; the answer carries the ticket token, status `confirmed`
 * or `waiting` (full). 409 (field mobile) for a second registration of a
 * mobile, 429 over the rate limits, 404 when the activity takes none.
 */
export function createRegistration(activityId: number, input: RegistrationInput): Promise<Registration & { token: string }> {
  return http.post(`/api/public/activities/${activityId}/registrations`, input)
}

/** The holder's ticket with the activity and the notices; 404 for unknown tokens. */
export function getTicket(token: string): Promise<Ticket> {
  return http.get(ticketBase(token))
}

/** The ticket's QR code (SVG) encoding the ticket page's absolute address. */
export function ticketQrUrl(token: string): string {
  return `${ticketBase(token)}/qr.svg`
}

/** The holder cancels; a freed seat moves the waiting list up. 409 once checked in. */
export function cancelTicket(token: string): Promise<Registration> {
  return http.post(`${ticketBase(token)}/cancel`)
}

/**
 * Every registration of the activity, mobiles masked; `roster`: unmasked, for
 * check-in staff. With `q` (≤ 20 characters: a name, school or class, the
 * mobile's last four digits or a short code) at most 50 rows and the number that matched.
 */
export function getRegistrationList(activityId: number, roster = false, q = ''): Promise<ListResult<Registration>> {
  return http.get(`${activityBase(activityId)}/registrations`, { roster: roster ? 1 : undefined, q: q || undefined })
}

/**
 * Staff check a registration in by hand (recorded as manual, with who did
 * it). `scanId` makes a repeat answer the first result; an already checked-in
 * registration answers `already`. 409 for cancelled or waiting ones.
 */
export function checkInByHand(activityId: number, registrationId: number, scanId: string): Promise<ScanResult> {
  return http.post(`${activityBase(activityId)}/registrations/${registrationId}/checkin`, { scan_id: scanId })
}

/** Live seats of public activities (for the programme's badges). */
export interface PublicSeats {
  activity_id: number
  registration_required: boolean
  /** 0: no limit. */
  capacity: number
  confirmed: number
  waiting: number
  /** People the waiting list holds. */
  waiting_room: number
}

/** Seats of at most 100 public activities; others are left out. */
export function getPublicSeats(ids: number[]): Promise<ListResult<PublicSeats>> {
  return http.get('/api/public/activity-seats', { ids: ids.join(',') })
}

/** Saves the registrations as an Excel workbook (mobiles masked); resolves to the file name. */
export function exportRegistrations(activityId: number): Promise<string> {
  return download(`${activityBase(activityId)}/registrations/export`, {}, '报名名单.xlsx')
}

/** Uploads door scans (at most 2000); one result per scan, in order. */
export function uploadCheckins(activityId: number, scans: ScanInput[]): Promise<ListResult<ScanResult>> {
  return http.post(`${activityBase(activityId)}/checkins`, { scans })
}

/** Uploads walk-in counts; answers the attendance after them. */
export function uploadWalkins(activityId: number, events: WalkinEvent[]): Promise<Attendance> {
  return http.post(`${activityBase(activityId)}/walkins`, { events })
}

export function getAttendance(activityId: number): Promise<Attendance> {
  return http.get(`${activityBase(activityId)}/attendance`)
}
