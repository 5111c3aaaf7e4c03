// Validation while typing: the rules run on the server (one engine for the
// form, submit and import), so the page asks again once the user pauses.
// Only the answer to the latest edit is used: a slow answer to older text
// must not overwrite a newer one.

export const LIVE_CHECK_DELAY_MS = 500

export interface LiveCheck<T> {
  /** Runs the check on `input` after the delay, replacing any pending or running one. */
  schedule(input: T): void
  /** Drops the pending check and any answer still on its way (another unit or form). */
  cancel(): void
}

export function createLiveCheck<T, R>(
  run: (input: T) => Promise<R>,
  onResult: (result: R) => void,
  onError: (e: unknown) => void,
  delay: number = LIVE_CHECK_DELAY_MS,
): LiveCheck<T> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let generation = 0

  function cancel(): void {
    generation++
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function schedule(input: T): void {
    cancel()
    const mine = generation
    timer = setTimeout(() => {
      timer = null
      run(input).then(
        (r) => {
          if (mine === generation) onResult(r)
        },
        (e: unknown) => {
          if (mine === generation) onError(e)
        },
      )
    }, delay)
  }

  return { schedule, cancel }
}
