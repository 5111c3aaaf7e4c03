// The booth's visitor counter (docs/display.md "Visitor counts"): the same
// shape as the door's walk-in counter. Every tap is written to the device's
// outbox (localStorage) with its own id before it is sent; uploads go in
// batches of at most MAX_TAPS and a tap leaves the outbox only once the
// server has answered for it, so a retry after a lost answer counts once.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { countVisitors, type DisplayEventDetail, type VisitTap } from '@/api/display'
import { isRetryable, memoryStorage, type StorageLike } from '../registration/checkin-queue'
import { newScanId } from '../registration/ticket-code'
import { browserStorage } from '../registration/ticket-memory'

/** The server's budget per upload (display.h kMaxVisitTaps). */
export const MAX_TAPS = 50
const RETRY_MS = 8000

export interface CounterFlush {
  /** The event as the last good upload answered it. */
  detail: DisplayEventDetail | null
  sent: number
  dropped: number
  error: unknown
}

export class BoothCounterQueue {
  constructor(
    private readonly storage: StorageLike,
    private readonly key: string,
  ) {}

  get taps(): VisitTap[] {
    try {
      const v = JSON.parse(this.storage.getItem(this.key) ?? '[]') as unknown
      return Array.isArray(v) ? (v as VisitTap[]) : []
    } catch {
      return []
    }
  }

  private save(taps: VisitTap[]) {
    this.storage.setItem(this.key, JSON.stringify(taps))
  }

  add(application_id: number, delta: number, tap_id = newScanId()): VisitTap {
    const tap = { tap_id, application_id, delta }
    this.save([...this.taps, tap])
    return tap
  }

  /** Taps not yet answered, summed per application. */
  queued(): Record<number, number> {
    const out: Record<number, number> = {}
    for (const t of this.taps) out[t.application_id] = (out[t.application_id] ?? 0) + t.delta
    return out
  }

  /** Removes the taps the server answered for (others may have been added meanwhile). */
  private settle(ids: Set<string>) {
    this.save(this.taps.filter((t) => !ids.has(t.tap_id)))
  }

  async flush(send: (taps: VisitTap[]) => Promise<DisplayEventDetail>): Promise<CounterFlush> {
    const out: CounterFlush = { detail: null, sent: 0, dropped: 0, error: null }
    for (;;) {
      const batch = this.taps.slice(0, MAX_TAPS)
      if (!batch.length) return out
      const ids = new Set(batch.map((t) => t.tap_id))
      try {
        out.detail = await send(batch)
        out.sent += batch.length
        this.settle(ids)
      } catch (e) {
        out.error = e
        if (!isRetryable(e)) {
          out.dropped += batch.length
          this.settle(ids)
        }
        return out
      }
    }
  }
}

/** The counter of one event's booths on this device; `onDetail` hears the server's answers. */
export function useBoothCounter(eventId: number, onDetail: (d: DisplayEventDetail) => void) {
  const queue = new BoothCounterQueue(browserStorage() ?? memoryStorage(), `vocweek.booth-visits.${eventId}`)
  const queued = ref<Record<number, number>>(queue.queued())
  const problem = ref('')
  let busy = false

  async function flush() {
    if (busy) return
    busy = true
    try {
      const r = await queue.flush((taps) => countVisitors(eventId, taps))
      if (r.detail) onDetail(r.detail)
      if (!r.error) problem.value = ''
      else if (isRetryable(r.error)) problem.value = '上传失败，计数保存在本机，稍后自动重试'
      else problem.value = `有 ${r.dropped} 条计数被拒绝：${r.error instanceof Error ? r.error.message : ''}`
    } finally {
      busy = false
      queued.value = queue.queued()
    }
    if (queue.taps.length && !problem.value) void flush()
  }

  function tap(applicationId: number, delta: number) {
    queue.add(applicationId, delta)
    queued.value = queue.queued()
    void flush()
  }

  let retry: ReturnType<typeof setInterval> | null = null
  onMounted(() => {
    retry = setInterval(() => {
      if (queue.taps.length) void flush()
    }, RETRY_MS)
    void flush()
  })
  onBeforeUnmount(() => {
    if (retry) clearInterval(retry)
  })
  return { queued, problem, tap, flush }
}
