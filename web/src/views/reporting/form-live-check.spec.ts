import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLiveCheck, LIVE_CHECK_DELAY_MS } from './form-live-check'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A check whose answers the test releases by hand. */
function manual() {
  const pending: { input: string; resolve: (r: string) => void; reject: (e: unknown) => void }[] = []
  const run = vi.fn(
    (input: string) =>
      new Promise<string>((resolve, reject) => {
        pending.push({ input, resolve, reject })
      }),
  )
  return { run, pending }
}

describe('createLiveCheck', () => {
  it('waits for a pause of 500 ms and checks only the last text', async () => {
    const { run, pending } = manual()
    const results: string[] = []
    const check = createLiveCheck(run, (r) => results.push(r), () => undefined)
    check.schedule('a')
    vi.advanceTimersByTime(300)
    check.schedule('ab')
    vi.advanceTimersByTime(LIVE_CHECK_DELAY_MS - 1)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
    expect(run).toHaveBeenCalledWith('ab')
    pending[0].resolve('ok ab')
    await vi.runAllTimersAsync()
    expect(results).toEqual(['ok ab'])
  })

  it('drops a slow answer to older text', async () => {
    const { run, pending } = manual()
    const results: string[] = []
    const check = createLiveCheck(run, (r) => results.push(r), () => undefined)
    check.schedule('old')
    vi.advanceTimersByTime(LIVE_CHECK_DELAY_MS)
    check.schedule('new')
    vi.advanceTimersByTime(LIVE_CHECK_DELAY_MS)
    pending[1].resolve('for new')
    pending[0].resolve('for old')
    await vi.runAllTimersAsync()
    expect(results).toEqual(['for new'])
  })

  it('forgets everything on cancel, errors included', async () => {
    const { run, pending } = manual()
    const results: string[] = []
    const errors: unknown[] = []
    const check = createLiveCheck(run, (r) => results.push(r), (e) => errors.push(e))
    check.schedule('x')
    vi.advanceTimersByTime(LIVE_CHECK_DELAY_MS)
    check.cancel()
    pending[0].reject(new Error('late'))
    check.schedule('y')
    check.cancel()
    await vi.runAllTimersAsync()
    expect(run).toHaveBeenCalledTimes(1)
    expect(results).toEqual([])
    expect(errors).toEqual([])
  })

  it('reports the error of the latest check', async () => {
    const { run, pending } = manual()
    const errors: unknown[] = []
    const check = createLiveCheck(run, () => undefined, (e) => errors.push(e))
    check.schedule('x')
    vi.advanceTimersByTime(LIVE_CHECK_DELAY_MS)
    pending[0].reject(new Error('400'))
    await vi.runAllTimersAsync()
    expect(errors).toHaveLength(1)
  })
})
