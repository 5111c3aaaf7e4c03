// How registrations, tickets and door scans read to people.
import type { Registration, ScanOutcome, ScanResult } from '@/api/registration'
import { scanOutcomeTitles } from '@/locales/zh-CN'

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
