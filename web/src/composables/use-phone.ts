import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Widths at or below this are phones: dialogs go full screen, forms one column, tables become cards. */
export const PHONE_MAX_WIDTH = 640
/** Below tablet width the menu leaves the side for a drawer (phones, 390 px). */
export const NARROW_QUERY = '(max-width: 767.98px)'

/** Whether `query` matches now; follows rotation and resizing while the component lives. */
function useMediaQuery(query: string): Ref<boolean> {
  const list = typeof window === 'undefined' ? null : window.matchMedia(query)
  const matches = ref(list?.matches ?? false)
  const update = (e: MediaQueryListEvent) => (matches.value = e.matches)
  list?.addEventListener('change', update)
  onBeforeUnmount(() => list?.removeEventListener('change', update))
  return matches
}

/** Whether the window is phone-sized now. */
export function usePhone(): Ref<boolean> {
  return useMediaQuery(`(max-width: ${PHONE_MAX_WIDTH}px)`)
}

/** Whether the window is narrower than a tablet. */
export function useNarrow(): Ref<boolean> {
  return useMediaQuery(NARROW_QUERY)
}
