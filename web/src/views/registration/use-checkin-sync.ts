import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue'
import { getAttendance, uploadCheckins, uploadWalkins } from '@/api/registration'
import type { Attendance, ScanResult } from '@/api/registration'
import { instantAt } from '@/utils/time'
import { CheckinQueue, isRetryable, memoryStorage, type QueueSender } from './checkin-queue'
import { newScanId } from './ticket-code'
import { browserStorage } from './ticket-memory'

/** How often a device with a non-empty outbox tries again, and refreshes the counts anyway. */
const RETRY_MS = 8000
const REFRESH_MS = 30_000

/**
 * The check-in page's link to the server: scans and walk-ins go into the
 * device's outbox (CheckinQueue in localStorage) and are uploaded at once,
 * again when the browser comes back online, and every few seconds while
 * anything is left. `onResults` hears the server's answers.
 */
export function useCheckinSync(activityId: number, onResults: (results: ScanResult[]) => void) {
  const queue = new CheckinQueue(browserStorage() ?? memoryStorage(), `vocweek.checkin.${activityId}`)
  const pending = ref(queue.pending)
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const uploading = ref(false)
  /** Why the last upload failed ('' after a good one). */
  const problem = ref('')
  const attendance = shallowRef<Attendance | null>(null)
  /** Walk-in changes still in the outbox, per category. */
  const queuedWalkins = ref<Record<string, number>>({})

  const sender: QueueSender = {
    checkins: async (scans) => (await uploadCheckins(activityId, scans)).items,
    walkins: (events) => uploadWalkins(activityId, events),
  }

  function syncLocal() {
    pending.value = queue.pending
    const by: Record<string, number> = {}
    for (const w of queue.walkins) by[w.category] = (by[w.category] ?? 0) + w.delta
    queuedWalkins.value = by
  }

  async function refreshAttendance() {
    try {
      attendance.value = await getAttendance(activityId)
    } catch {
      // offline: the counts stay as they were
    }
  }

  async function flushOnce(): Promise<void> {
    syncLocal()
    if (!queue.pending) return
    uploading.value = true
    try {
      const outcome = await queue.flush(sender)
      if (outcome.results.length) onResults(outcome.results)
      if (outcome.attendance) attendance.value = outcome.attendance
      if (outcome.sent) {
        if (!outcome.attendance || outcome.results.length) await refreshAttendance()
      }
      if (!outcome.error) problem.value = ''
      else if (isRetryable(outcome.error)) problem.value = online.value ? '上传失败，稍后自动重试' : '网络已断开，记录保存在本机，恢复后自动上传'
      else problem.value = `有 ${outcome.dropped} 条记录被服务器拒绝：${outcome.error instanceof Error ? outcome.error.message : ''}`
    } finally {
      uploading.value = false
      syncLocal()
    }
  }

  let inflight: Promise<void> | null = null
  let again = false
  /** Uploads the outbox; a call made during an upload runs another round right after it. */
  function flush(): Promise<void> {
    if (inflight) {
      again = true
      return inflight
    }
    inflight = (async () => {
      try {
        do {
          again = false
          await flushOnce()
        } while (again && !problem.value)
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  /** Queues a ticket scan and starts uploading; resolves to its scan_id at once. */
  function addScan(token: string, people?: number): string {
    const scan_id = newScanId()
    queue.addScan({ scan_id, token, scanned_at: instantAt(Date.now()), ...(people ? { people } : {}) })
    syncLocal()
    void flush()
    return scan_id
  }

  function addWalkin(category: string, delta: number): void {
    queue.addWalkin({ scan_id: newScanId(), category, delta })
    syncLocal()
    void flush()
  }

  const goOnline = () => {
    online.value = true
    void flush()
  }
  const goOffline = () => (online.value = false)
  let retry: ReturnType<typeof setInterval> | null = null
  let refresh: ReturnType<typeof setInterval> | null = null

  onMounted(() => {
    window.addEventListener('online', goOnline)
    window.addEventListener('offline', goOffline)
    retry = setInterval(() => {
      if (queue.pending) void flush()
    }, RETRY_MS)
    refresh = setInterval(() => {
      if (!queue.pending && !document.hidden) void refreshAttendance()
    }, REFRESH_MS)
    void refreshAttendance()
    void flush()
  })
  onBeforeUnmount(() => {
    window.removeEventListener('online', goOnline)
    window.removeEventListener('offline', goOffline)
    if (retry) clearInterval(retry)
    if (refresh) clearInterval(refresh)
  })

  return { pending, online, uploading, problem, attendance, queuedWalkins, addScan, addWalkin, flush, refreshAttendance }
}
