import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/request'
import type { Attendance, ScanResult, WalkinEvent } from '@/api/registration'
import { CheckinQueue, isRetryable, memoryStorage, type QueuedScan, type QueueSender } from './checkin-queue'

const KEY = 'vocweek.checkin.7'
const scan = (n: number, extra: Partial<QueuedScan> = {}): QueuedScan => ({
  scan_id: `s${n}`,
  token: `token-${n}-abcdefgh`,
  scanned_at: '2025-05-12T09:00:00+08:00',
  ...extra,
})
const walkin = (n: number, category = 'public', delta = 1): WalkinEvent => ({ scan_id: `w${n}`, category, delta })
const attendance = (walkins: number): Attendance => ({
  registered: 3, waiting: 0, checked_in: 1, walkins, total: 1 + walkins, capacity: 10, by_category: [],
})
const ok = (s: QueuedScan): ScanResult => ({
  scan_id: s.scan_id, result: 'ok', message: '签到成功', name: '张三', group: '', people: 1, checked_in: 1, head_count: 1, replayed: false,
})
const offline = () => new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', null)

function server(): QueueSender & { checkins: ReturnType<typeof vi.fn>; walkins: ReturnType<typeof vi.fn> } {
  return {
    checkins: vi.fn(async (scans: QueuedScan[]) => scans.map(ok)),
    walkins: vi.fn(async (events: WalkinEvent[]) => attendance(events.length)),
  }
}

describe('CheckinQueue', () => {
  it('keeps what was queued in storage, so a reloaded page still has it', () => {
    const storage = memoryStorage()
    const q = new CheckinQueue(storage, KEY)
    q.addScan(scan(1))
    q.addWalkin(walkin(1))
    const reloaded = new CheckinQueue(storage, KEY)
    expect(reloaded.pending).toBe(2)
    expect(reloaded.scans.map((s) => s.scan_id)).toEqual(['s1'])
    expect(reloaded.walkins).toEqual([walkin(1)])
    // Another activity's queue is another key.
    expect(new CheckinQueue(storage, 'vocweek.checkin.8').pending).toBe(0)
  })

  it('queues a scan_id once', () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    expect(q.addScan(scan(1))).toBe(true)
    expect(q.addScan(scan(1, { token: 'another-token' }))).toBe(false)
    expect(q.addWalkin(walkin(1))).toBe(true)
    expect(q.addWalkin(walkin(1))).toBe(false)
    expect(q.pending).toBe(2)
  })

  it('uploads scans, then walk-ins, and empties the queue', async () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    q.addScan(scan(1))
    q.addScan(scan(2, { people: 3 }))
    q.addWalkin(walkin(1))
    const s = server()
    const out = await q.flush(s)
    expect(s.checkins).toHaveBeenCalledOnce()
    expect(s.checkins.mock.calls[0][0]).toEqual([scan(1), scan(2, { people: 3 })])
    expect(s.walkins.mock.calls[0][0]).toEqual([walkin(1)])
    expect(out.results.map((r) => r.scan_id)).toEqual(['s1', 's2'])
    expect(out.attendance?.walkins).toBe(1)
    expect(out).toMatchObject({ sent: 3, dropped: 0, error: null })
    expect(q.pending).toBe(0)
  })

  it('sends big queues in batches, oldest first', async () => {
    const q = new CheckinQueue(memoryStorage(), KEY, 2)
    for (let i = 1; i <= 5; i++) q.addScan(scan(i))
    const s = server()
    const out = await q.flush(s)
    expect(s.checkins.mock.calls.map((c) => (c[0] as QueuedScan[]).map((x) => x.scan_id))).toEqual([['s1', 's2'], ['s3', 's4'], ['s5']])
    expect(out.sent).toBe(5)
    expect(q.pending).toBe(0)
  })

  it('keeps everything when offline and uploads the same scan_ids once back online', async () => {
    const storage = memoryStorage()
    const q = new CheckinQueue(storage, KEY)
    q.addScan(scan(1))
    q.addWalkin(walkin(1))
    const down: QueueSender = { checkins: vi.fn(async () => Promise.reject(offline())), walkins: vi.fn() }
    const failed = await q.flush(down)
    expect(failed.sent).toBe(0)
    expect(failed.error).toBeInstanceOf(ApiError)
    expect(down.walkins).not.toHaveBeenCalled()
    expect(q.pending).toBe(2)

    const s = server()
    const out = await new CheckinQueue(storage, KEY).flush(s)
    expect(s.checkins.mock.calls[0][0]).toEqual([scan(1)])
    expect(out.sent).toBe(2)
    expect(q.pending).toBe(0)
  })

  it('keeps the batch when the answer is lost after the server stored it; the retry sends the same scan_id', async () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    q.addScan(scan(1))
    const flaky = server()
    flaky.checkins.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await q.flush(flaky)
    expect(q.pending).toBe(1)
    await q.flush(flaky)
    expect(flaky.checkins.mock.calls.map((c) => (c[0] as QueuedScan[])[0].scan_id)).toEqual(['s1', 's1'])
    expect(q.pending).toBe(0)
  })

  it('drops a batch the server refuses for good, so it cannot block the rest', async () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    q.addScan(scan(1))
    q.addWalkin(walkin(1))
    const s = server()
    s.checkins.mockRejectedValueOnce(new ApiError(403, 'forbidden', '没有权限', null))
    const out = await q.flush(s)
    expect(out).toMatchObject({ sent: 1, dropped: 1 })
    expect(out.error).toBeInstanceOf(ApiError)
    expect(q.pending).toBe(0)
  })

  it('runs one upload at a time: a second flush shares the first', async () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    q.addScan(scan(1))
    const s = server()
    const [a, b] = await Promise.all([q.flush(s), q.flush(s)])
    expect(s.checkins).toHaveBeenCalledOnce()
    expect(a).toBe(b)
  })

  it('uploads scans queued while a batch was on its way in the same flush', async () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    q.addScan(scan(1))
    const s = server()
    s.checkins.mockImplementationOnce(async (scans: QueuedScan[]) => {
      q.addScan(scan(2))
      return scans.map(ok)
    })
    const out = await q.flush(s)
    expect(out.results.map((r) => r.scan_id)).toEqual(['s1', 's2'])
    expect(q.pending).toBe(0)
  })

  it('shares the queue with another tab instead of overwriting it', async () => {
    const storage = memoryStorage()
    const tabA = new CheckinQueue(storage, KEY)
    const tabB = new CheckinQueue(storage, KEY)
    tabA.addScan(scan(1))
    tabB.addScan(scan(2))
    expect(tabA.pending).toBe(2)
    await tabA.flush(server())
    expect(tabB.pending).toBe(0)
  })

  it('adds up queued walk-ins per category', () => {
    const q = new CheckinQueue(memoryStorage(), KEY)
    q.addWalkin(walkin(1, 'parent', 1))
    q.addWalkin(walkin(2, 'parent', 1))
    q.addWalkin(walkin(3, 'parent', -1))
    q.addWalkin(walkin(4, 'public', 1))
    expect(q.pendingWalkinDelta('parent')).toBe(1)
    expect(q.pendingWalkinDelta('public')).toBe(1)
    expect(q.pendingWalkinDelta('staff')).toBe(0)
  })

  it('starts empty over damaged or foreign storage', () => {
    const storage = memoryStorage()
    storage.setItem(KEY, '{not json')
    expect(new CheckinQueue(storage, KEY).pending).toBe(0)
    storage.setItem(KEY, JSON.stringify({ scans: [null, { token: 'x' }, scan(1)], walkins: 'nope' }))
    const q = new CheckinQueue(storage, KEY)
    expect(q.scans.map((s) => s.scan_id)).toEqual(['s1'])
    expect(q.walkins).toEqual([])
  })
})

describe('isRetryable', () => {
  it('retries lost connections, lost sessions, rate limits and server trouble', () => {
    expect(isRetryable(offline())).toBe(true)
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true)
    expect(isRetryable(new ApiError(401, 'unauthenticated', '请先登录', null))).toBe(true)
    expect(isRetryable(new ApiError(429, 'rate_limited', '请求过于频繁', null))).toBe(true)
    expect(isRetryable(new ApiError(503, 'internal', '服务暂不可用', null))).toBe(true)
  })

  it('does not retry what would be refused again', () => {
    expect(isRetryable(new ApiError(400, 'invalid_argument', '扫码记录格式不正确', 'scans'))).toBe(false)
    expect(isRetryable(new ApiError(403, 'forbidden', '没有权限', null))).toBe(false)
    expect(isRetryable(new ApiError(413, 'payload_too_large', '请求过大', null))).toBe(false)
  })
})
