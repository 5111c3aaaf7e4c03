import { onBeforeUnmount, ref } from 'vue'

/** Below tablet width the menu leaves the side for a drawer (phones, 390 px). */
export const NARROW_QUERY = '(max-width: 767.98px)'

/** Whether the window is narrower than a tablet, kept up to date while the component lives. */
export function useNarrow() {
  const query = window.matchMedia(NARROW_QUERY)
  const narrow = ref(query.matches)
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return narrow
}
