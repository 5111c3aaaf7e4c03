import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Widths at or below this are phones: dialogs go full screen, forms one column, tables become cards. */
export const PHONE_MAX_WIDTH = 640

/** Whether the window is phone-sized now; follows rotation and resizing while the component lives. */
export function usePhone(): Ref<boolean> {
  const query = typeof window === 'undefined' ? null : window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`)
  const phone = ref(query?.matches ?? false)
  const update = (e: MediaQueryListEvent) => (phone.value = e.matches)
  query?.addEventListener('change', update)
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return phone
}
