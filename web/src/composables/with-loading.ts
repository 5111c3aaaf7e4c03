import type { Ref } from 'vue'
import { showError } from './use-field-errors'

/**
 * Runs a load with `loading` set for its duration; an error is shown with
 * ElMessage. Resolves to false when the load failed, so the caller can
 * reset what it shows.
 */
export async function withLoading(loading: Ref<boolean>, task: () => Promise<void>): Promise<boolean> {
  loading.value = true
  try {
    await task()
    return true
  } catch (e) {
    showError(e)
    return false
  } finally {
    loading.value = false
  }
}
