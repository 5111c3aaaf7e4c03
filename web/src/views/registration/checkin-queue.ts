// The door device's outbox. Every scan and walk-in is written to storage
// (localStorage) before anything is sent, so a lost network, a closed tab or
// a flat battery loses nothing; uploads go in batches and an item leaves the
// outbox only once the server has answered for it. Each item carries its own
// unique id, which the server uses to count a repeated upload once.
import { ApiError } from '@/api/request'
import type { Attendance, ScanInput, ScanResult, WalkinEvent } from '@/api/registration'

/** The part of localStorage the queue uses (tests pass a map). */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export type QueuedScan = ScanInput & { scanned_at: string }

interface QueueState {
  scans: QueuedScan[]
  walkins: WalkinEvent[]
}

/** How the queue reaches the server (the check-in API for one activity). */
export interface QueueSender {
  checkins(scans: QueuedScan[]): Promise<ScanResult[]>
  walkins(events: WalkinEvent[]): Promise<Attendance>
}

export interface FlushOutcome {
  /** Results of the scans uploaded by this flush, in upload order. */
  results: ScanResult[]
  /** The attendance the last walk-in upload answered, if any. */
  attendance: Attendance | null
  /** Items the server answered for (and that left the queue). */
  sent: number
  /** Items the server refused for good (left the queue unanswered). */
  dropped: number
  /** The failure that stopped the flush; the items it concerned stay queued unless dropped. */
  error: unknown
}

/**
 * Failures worth trying again: no network, a lost session (the staff member
 * signs in again), rate limiting and server trouble. Anything else (a
 * refused batch) would fail the same way forever.
 */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true
  return e.status === 0 || e.status === 401 || e.status === 408 || e.status === 429 || e.status >= 500
}

export const DEFAULT_BATCH = 200

/** In-memory storage for when localStorage is unavailable (private modes, quota). */
export function memoryStorage(): StorageLike {
  const data = new Map<string, string>()
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  }
}

/**
 * The outbox of one activity on this device. State is read from storage on
 * every call, so two tabs of the same page share one queue instead of
 * overwriting each other's. Not reentrant: flush() calls made while one is
 * running wait for it and then return its outcome.
 */
export class CheckinQueue {
  private running: Promise<FlushOutcome> | null = null

  constructor(
    private readonly storage: StorageLike,
    readonly key: string,
    private readonly batchSize = DEFAULT_BATCH,
  ) {}

  private read(): QueueState {
    let raw: string | null
    try {
      raw = this.storage.getItem(this.key)
    } catch {
      raw = null
    }
    if (!raw) return { scans: [], walkins: [] }
    try {
      const parsed = JSON.parse(raw) as Partial<QueueState>
      return {
        scans: Array.isArray(parsed.scans) ? parsed.scans.filter((s) => s && typeof s.scan_id === 'string') : [],
        walkins: Array.isArray(parsed.walkins) ? parsed.walkins.filter((w) => w && typeof w.scan_id === 'string') : [],
      }
    } catch {
      return { scans: [], walkins: [] }
    }
  }

  private write(state: QueueState): void {
    this.storage.setItem(this.key, JSON.stringify(state))
  }

  get scans(): QueuedScan[] {
    return this.read().scans
  }

  get walkins(): WalkinEvent[] {
    return this.read().walkins
  }

  /** Scans and walk-ins not yet answered by the server. */
  get pending(): number {
    const s = this.read()
    return s.scans.length + s.walkins.length
  }

  /** Queues a scan; false when its scan_id is queued already. */
  addScan(scan: QueuedScan): boolean {
    const s = this.read()
    if (s.scans.some((x) => x.scan_id === scan.scan_id)) return false
    s.scans.push(scan)
    this.write(s)
    return true
  }

  /** Queues a walk-in event; false when its scan_id is queued already. */
  addWalkin(event: WalkinEvent): boolean {
    const s = this.read()
    if (s.walkins.some((x) => x.scan_id === event.scan_id)) return false
    s.walkins.push(event)
    this.write(s)
    return true
  }

  /** The queued walk-in change of one category (not yet in the server's counts). */
  pendingWalkinDelta(category: string): number {
    return this.read()
      .walkins.filter((w) => w.category === category)
      .reduce((sum, w) => sum + w.delta, 0)
  }

  private remove(kind: keyof QueueState, ids: ReadonlySet<string>): void {
    const s = this.read()
    if (kind === 'scans') s.scans = s.scans.filter((x) => !ids.has(x.scan_id))
    else s.walkins = s.walkins.filter((x) => !ids.has(x.scan_id))
    this.write(s)
  }

  /**
   * Uploads the queue in batches, scans first, oldest first. Stops at the
   * first failure: a retryable one leaves the batch queued for the next
   * flush, any other drops it (outcome.dropped) so it cannot block the rest.
   */
  flush(sender: QueueSender): Promise<FlushOutcome> {
    this.running ??= this.flushAll(sender).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async flushAll(sender: QueueSender): Promise<FlushOutcome> {
    const out: FlushOutcome = { results: [], attendance: null, sent: 0, dropped: 0, error: null }
    for (;;) {
      const batch = this.read().scans.slice(0, this.batchSize)
      if (!batch.length) break
      const ids = new Set(batch.map((x) => x.scan_id))
      try {
        const results = await sender.checkins(batch)
        out.results.push(...results)
        out.sent += batch.length
      } catch (e) {
        out.error = e
        if (isRetryable(e)) return out
        out.dropped += batch.length
      }
      this.remove('scans', ids)
    }
    for (;;) {
      const batch = this.read().walkins.slice(0, this.batchSize)
      if (!batch.length) break
      const ids = new Set(batch.map((x) => x.scan_id))
      try {
        out.attendance = await sender.walkins(batch)
        out.sent += batch.length
      } catch (e) {
        out.error = e
        if (isRetryable(e)) return out
        out.dropped += batch.length
      }
      this.remove('walkins', ids)
    }
    return out
  }
}
