// Tickets registered from this browser, so the activity page can lead back
// to them ("查看我的报名凭证"). Only activity ids and tokens are kept; the
// ticket page itself is the record, and the link works on any device.
import type { StorageLike } from './checkin-queue'

const KEY = 'vocweek.tickets'
const MAX = 50

export interface RememberedTicket {
  activity_id: number
  token: string
}

function read(storage: StorageLike): RememberedTicket[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (t): t is RememberedTicket => !!t && typeof t.activity_id === 'number' && typeof t.token === 'string',
    )
  } catch {
    return []
  }
}

/** Keeps a ticket (newest first, at most 50). Storage failures are ignored: the page still has the link. */
export function rememberTicket(storage: StorageLike, ticket: RememberedTicket): void {
  try {
    const rest = read(storage).filter((t) => t.token !== ticket.token)
    storage.setItem(KEY, JSON.stringify([ticket, ...rest].slice(0, MAX)))
  } catch {
    // private mode or full storage
  }
}

/** Tokens of the activity registered from this browser, newest first. */
export function ticketsFor(storage: StorageLike, activityId: number): string[] {
  try {
    return read(storage)
      .filter((t) => t.activity_id === activityId)
      .map((t) => t.token)
  } catch {
    return []
  }
}

/** Forgets a ticket the server no longer knows. */
export function forgetTicket(storage: StorageLike, token: string): void {
  try {
    storage.setItem(KEY, JSON.stringify(read(storage).filter((t) => t.token !== token)))
  } catch {
    // as above
  }
}

/** localStorage, or null where the browser refuses it. */
export function browserStorage(): StorageLike | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null
  } catch {
    return null
  }
}
