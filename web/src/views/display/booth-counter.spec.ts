import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import type { DisplayEventDetail, VisitTap } from '@/api/display'
import { memoryStorage } from '../registration/checkin-queue'
import { BoothCounterQueue, MAX_TAPS } from './booth-counter'

const detail = {} as DisplayEventDetail

describe('BoothCounterQueue', () => {
  it('keeps taps until the server answers, then sends them again with the same ids', async () => {
    const q = new BoothCounterQueue(memoryStorage(), 'k')
    q.add(7, 1, 'a')
    q.add(7, 1, 'b')
    q.add(8, -1, 'c')
    expect(q.queued()).toEqual({ 7: 2, 8: -1 })
    const first = await q.flush(() => Promise.reject(new ApiError(0, 'network', '网络错误', null)))
    expect(first.sent).toBe(0)
    expect(q.taps.map((t) => t.tap_id)).toEqual(['a', 'b', 'c'])
    const seen: VisitTap[][] = []
    const second = await q.flush(async (taps) => {
      seen.push(taps)
      return detail
    })
    expect(second.sent).toBe(3)
    expect(seen[0].map((t) => t.tap_id)).toEqual(['a', 'b', 'c'])
    expect(q.taps).toEqual([])
  })

  it('uploads in batches within the server budget', async () => {
    const q = new BoothCounterQueue(memoryStorage(), 'k')
    for (let i = 0; i < MAX_TAPS * 2 + 3; i++) q.add(1, 1, `t${i}`)
    const sizes: number[] = []
    const r = await q.flush(async (taps) => {
      sizes.push(taps.length)
      return detail
    })
    expect(sizes).toEqual([MAX_TAPS, MAX_TAPS, 3])
    expect(r.sent).toBe(MAX_TAPS * 2 + 3)
  })

  it('drops a batch the server refuses for good (another unit\'s booth)', async () => {
    const q = new BoothCounterQueue(memoryStorage(), 'k')
    q.add(9, 1, 'x')
    const r = await q.flush(() => Promise.reject(new ApiError(403, 'forbidden', '无权', 'application_id')))
    expect(r.dropped).toBe(1)
    expect(q.taps).toEqual([])
  })
})
