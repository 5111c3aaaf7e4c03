import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/request'
import { fallbackError } from '@/locales/zh-CN'

/**
 * Server errors for one form. `errors[field]` is bound to the matching
 * el-form-item's `error`; an error naming no field of this form (or none at
 * all) is shown with ElMessage instead.
 */
export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as Record<F, string>

  function clear(): void {
    for (const f of fields) errors[f] = ''
  }

  /** Shows the error; returns true when it landed next to a form item. */
  function show(e: unknown): boolean {
    if (e instanceof ApiError && e.field && (fields as readonly string[]).includes(e.field)) {
      errors[e.field as F] = e.message
      return true
    }
    ElMessage.error(e instanceof Error && e.message ? e.message : fallbackError)
    return false
  }

  return { errors, clear, show }
}

/** For actions without a form (delete, status change): the message only. */
export function showError(e: unknown): void {
  ElMessage.error(e instanceof Error && e.message ? e.message : fallbackError)
}
