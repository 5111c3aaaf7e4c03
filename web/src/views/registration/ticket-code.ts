// What the door reads: a ticket's token from its QR code (the ticket page's
// address) or from what staff type or paste (the code, or the link).

/** Tokens are URL-safe base64 (the server makes 22 characters); anything else is not a ticket. */
const TOKEN = /^[A-Za-z0-9_-]{8,100}$/
const TICKET_PATH = /\/p\/tickets\/([^/?#\s]+)/
const API_PATH = /\/api\/public\/tickets\/([^/?#\s]+)/

/**
 * The ticket token in `input`: the code itself ("  Ab3_…  ", spaces and line
 * breaks ignored) or any address of the ticket page (".../p/tickets/<token>",
 * with or without origin, query or fragment); null when it is neither.
 */
export function extractTicketToken(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  const path = TICKET_PATH.exec(text) ?? API_PATH.exec(text)
  let candidate = path ? path[1] : text.replace(/\s+/g, '')
  try {
    candidate = decodeURIComponent(candidate)
  } catch {
    return null
  }
  return TOKEN.test(candidate) ? candidate : null
}

/** The ticket page's address, as its QR code encodes it. */
export function ticketUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/p/tickets/${token}`
}

/**
 * A random RFC 4122 version 4 id for one scan or walk-in. crypto.randomUUID
 * exists only in secure contexts (HTTPS, localhost); the intranet may serve
 * plain HTTP, where getRandomValues still works.
 */
export interface RandomSource {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
  randomUUID?: () => string
}

export function newScanId(rng: RandomSource = crypto): string {
  if (typeof rng.randomUUID === 'function') {
    try {
      return rng.randomUUID()
    } catch {
      // not a secure context after all: fall through
    }
  }
  const b = rng.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * A camera sees the same code in many frames in a row: reads of a token
 * within `windowMs` of its previous read are echoes, not new scans.
 */
export class RepeatFilter {
  private readonly seen = new Map<string, number>()

  constructor(private readonly windowMs = 4000) {}

  /** True for a new scan; false for an echo. Every read restarts the window. */
  accept(token: string, now: number): boolean {
    const last = this.seen.get(token)
    this.seen.set(token, now)
    for (const [t, at] of this.seen) {
      if (now - at > this.windowMs) this.seen.delete(t)
    }
    return last === undefined || now - last > this.windowMs
  }
}
