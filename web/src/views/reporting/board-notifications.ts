// The notifications bell in the top bar: what the badge says and where a
// notification may lead. Reminders, returns and acceptances of the reporting
// chain arrive here (GET /api/notifications).
import type { AppNotification } from '@/api/reporting'

/** The badge's text: nothing at 0, the number up to 99, then "99+". */
export function unreadBadge(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return ''
  return unread > 99 ? '99+' : String(Math.floor(unread))
}

/**
 * The in-app route a notification opens, or null. Only paths inside the app
 * ("/reports?form=…"), never another site ("//evil", "https://…").
 */
export function notificationTarget(n: Pick<AppNotification, 'link'>): string | null {
  const link = n.link.trim()
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null
}

export function isUnread(n: Pick<AppNotification, 'read_at'>): boolean {
  return !n.read_at
}

/** The list after one notification was read: same order, that one marked with the server's answer. */
export function withRead<N extends Pick<AppNotification, 'id' | 'read_at'>>(list: readonly N[], read: N): N[] {
  return list.map((n) => (n.id === read.id ? read : n))
}
