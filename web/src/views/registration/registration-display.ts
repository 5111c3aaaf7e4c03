// How registrations, tickets and door scans read to people.
import type { PublicSeats, Registration, ScanOutcome, ScanResult, Ticket } from '@/api/registration'
import { scanOutcomeTitles } from '@/locales/zh-CN'
import { isPast } from '@/utils/time'

/** "报名成功", "候补第2位" or "已取消". */
export function ticketStatusText(r: Pick<Registration, 'status' | 'waiting_position'>): string {
  switch (r.status) {
    case 'confirmed':
      return '报名成功'
    case 'waiting':
      return r.waiting_position > 0 ? `候补第${r.waiting_position}位` : '候补中'
    default:
      return '已取消'
  }
}

/** Element Plus tag type per registration status. */
export function registrationTagType(status: string): 'success' | 'warning' | 'info' {
  return status === 'confirmed' ? 'success' : status === 'waiting' ? 'warning' : 'info'
}

/** Green lets people in; red stops them. */
export function scanTone(result: ScanOutcome | string): 'ok' | 'stop' {
  return result === 'ok' ? 'ok' : 'stop'
}

export function scanTitle(r: Pick<ScanResult, 'result'>): string {
  return scanOutcomeTitles[r.result] ?? r.result
}

/** The line under the headline: who, which class and how many, or why not. */
export function scanDetail(r: ScanResult): string {
  const who = [r.name, r.group].filter(Boolean).join(' · ')
  if (r.result === 'ok') {
    const people = r.head_count > 1 ? `本次入场 ${r.people} 人（已入场 ${r.checked_in}/${r.head_count}）` : ''
    return [who, people].filter(Boolean).join('，')
  }
  if (r.result === 'already' && r.head_count > 1) return `${who}，已入场 ${r.checked_in}/${r.head_count}`
  return who
}

/** "已报名 12 / 50 人", or "已报名 12 人" without a limit. */
export function seatsText(registered: number, capacity: number): string {
  return capacity > 0 ? `${registered} / ${capacity}` : `${registered}（不限）`
}

/**
 * Walk-ins per category. The server counts check-ins and walk-ins together
 * by category; the check-ins of each category are the roster's, so the rest
 * are walk-ins (never below zero while the two are fetched apart).
 */
export function walkinsByCategory(
  byCategory: readonly { category: string; count: number }[],
  roster: readonly Pick<Registration, 'category' | 'checked_in'>[],
): Record<string, number> {
  const checked: Record<string, number> = {}
  for (const r of roster) checked[r.category] = (checked[r.category] ?? 0) + r.checked_in
  const out: Record<string, number> = {}
  for (const c of byCategory) out[c.category] = Math.max(0, c.count - (checked[c.category] ?? 0))
  return out
}

/**
 * What a ticket page shows as its one state. A cancelled or ended activity
 * wins over the registration's own status: no green 报名成功, no live QR, no
 * place on a waiting list that will never move. `live` says whether the QR
 * and the codes are still for the door.
 */
export interface TicketState {
  headline: string
  tone: 'confirmed' | 'waiting' | 'cancelled' | 'ended'
  live: boolean
  /** The banner above the ticket ('' for none); the notices of the same kind are left out. */
  banner: string
}

/** "原因：暴雨预警。" (one full stop however the reason ends), or the organiser's default. */
export function cancelReasonText(reason: string): string {
  const r = reason.trim().replace(/[。．.！!]+$/u, '')
  return r ? `原因：${r}。` : '主办单位已取消本活动。'
}

export function ticketState(t: Pick<Ticket, 'registration' | 'activity'>, now: number = Date.now()): TicketState {
  const a = t.activity
  if (a.status === 'cancelled') {
    return { headline: '活动已取消', tone: 'cancelled', live: false, banner: cancelReasonText(a.cancel_reason) }
  }
  if (t.registration.status === 'cancelled') return { headline: '已取消', tone: 'cancelled', live: false, banner: '' }
  if (isPast(a.ends_at, now)) return { headline: '活动已结束', tone: 'ended', live: false, banner: '' }
  const status = t.registration.status === 'confirmed' ? 'confirmed' : 'waiting'
  return { headline: ticketStatusText(t.registration), tone: status, live: true, banner: '' }
}

/** The programme card's badge: one state of an activity's sign-up. */
export interface SeatsBadge {
  text: string
  tone: 'open' | 'few' | 'full' | 'closed'
}

/**
 * 已取消 / 已结束 first; then, for activities that take registrations, 可报名,
 * 余 N 位 (when a fifth or at most 5 seats are left), 已满（可候补）, or 已满
 * when the waiting list is full too. Null when there is nothing to say (no
 * registration, seats unknown).
 */
export function seatsBadge(
  a: { status: string; ends_at: string; registration_required: boolean },
  seats: PublicSeats | undefined,
  now: number = Date.now(),
): SeatsBadge | null {
  if (a.status === 'cancelled') return { text: '已取消', tone: 'closed' }
  if (isPast(a.ends_at, now)) return { text: '已结束', tone: 'closed' }
  if (!a.registration_required || !seats) return null
  if (seats.capacity === 0) return { text: '可报名', tone: 'open' }
  const left = seats.capacity - seats.confirmed
  if (left > 0) {
    return left <= Math.max(5, Math.floor(seats.capacity / 5)) ? { text: `余 ${left} 位`, tone: 'few' } : { text: '可报名', tone: 'open' }
  }
  return seats.waiting < seats.waiting_room ? { text: '已满（可候补）', tone: 'full' } : { text: '已满', tone: 'closed' }
}
