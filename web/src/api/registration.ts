// Registration and check-in. The public calls (sign-up, ticket) need no
// session; the organiser's calls need editors or reviewers of the activity's
// unit (the list and attendance: any role on it or above).
import { download, http } from './request'
import type {
  Attendance,
  ListResult,
  Registration,
  RegistrationCategory,
  RegistrationInput,
  ScanInput,
  ScanResult,
  Ticket,
  WalkinEvent,
} from './types'

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

/** Every registration of the activity, mobiles masked; `roster`: unmasked, for check-in staff. */
export function getRegistrationList(activityId: number, roster = false): Promise<ListResult<Registration>> {
  return http.get(`${activityBase(activityId)}/registrations`, { roster: roster ? 1 : undefined })
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
