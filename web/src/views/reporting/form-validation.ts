// When a form's rule results show and when 提交 is enabled: one rule for
// every reporting form (issue 15).
//
// - Nothing shows before the first edit of the loaded form or a submit
//   attempt: an empty form is not a list of errors.
// - Then every result shows at once: the rule engine's issues for the data
//   as it stands, plus a field the server could not read (a 400 on the live
//   check), which no longer hides the other results.
// - 提交 is disabled while the workflow blocks it (children, sign-off), while
//   a check is on its way, or while errors are shown; otherwise enabled. A
//   click with errors not yet shown shows them instead of submitting.
import { computed, ref, type Ref } from 'vue'
import type { ValidationIssue } from '@/api/reporting'
import { errorIssues, sortIssues } from './form-page'

export interface ValidationInputs {
  /** The server's issues for the saved data. */
  saved: readonly ValidationIssue[]
  /** The live check's issues for the edited data (null: none asked since loading). */
  live: readonly ValidationIssue[] | null
  /** A field the live check could not read (its 400), or null. */
  input: ValidationIssue | null
  edited: boolean
  attempted: boolean
  checking: boolean
  /** Why the workflow blocks 提交 ('' when it does not). */
  workflowBlocked: string
}

export interface ValidationView {
  /** What the page shows: all results, errors first; [] before the first edit or attempt. */
  shown: ValidationIssue[]
  /** The first error per field, for the message under that field. */
  fieldErrors: Record<string, string>
  /** Why 提交 is disabled; '' when it is enabled. */
  submitBlocked: string
}

export function validationView(v: ValidationInputs): ValidationView {
  const all = [...(v.input ? [v.input] : []), ...(v.live ?? v.saved).filter((i) => !v.input || i.field !== v.input.field)]
  const visible = v.edited || v.attempted
  const sorted = visible ? sortIssues(all) : []
  const fieldErrors: Record<string, string> = {}
  for (const i of errorIssues(sorted)) {
    if (i.field && !(i.field in fieldErrors)) fieldErrors[i.field] = i.message
  }
  // One rule failing on several fields with one message ("请填写联系人和手机") is one line.
  const seen = new Set<string>()
  const shown = sorted.filter((i) => {
    const key = `${i.severity}\u0000${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const errors = errorIssues(shown).length
  let submitBlocked = v.workflowBlocked
  if (!submitBlocked && v.checking) submitBlocked = '正在校验，请稍候'
  if (!submitBlocked && errors) submitBlocked = `还有 ${errors} 个错误，请修改后再提交`
  return { shown, fieldErrors, submitBlocked }
}

/** Whether a click on 提交 may go on: false when errors exist (they show from now on). */
export function submitAttempt(v: ValidationInputs): { proceed: boolean; errors: number } {
  const errors = errorIssues(validationView({ ...v, attempted: true }).shown).length
  return { proceed: errors === 0, errors }
}

/** The page's state for the rule above; `reset` on every load of a submission. */
export function useFormValidation(sources: {
  saved: () => readonly ValidationIssue[]
  live: Ref<ValidationIssue[] | null>
  checking: Ref<boolean>
  workflowBlocked: () => string
}) {
  const edited = ref(false)
  const attempted = ref(false)
  const input = ref<ValidationIssue | null>(null)
  const inputs = (): ValidationInputs => ({
    saved: sources.saved(),
    live: sources.live.value,
    input: input.value,
    edited: edited.value,
    attempted: attempted.value,
    checking: sources.checking.value,
    workflowBlocked: sources.workflowBlocked(),
  })
  const view = computed(() => validationView(inputs()))
  function reset(): void {
    edited.value = false
    attempted.value = false
    input.value = null
  }
  /** Call on a submit click: true when it may go on; otherwise the errors now show. */
  function attempt(): { proceed: boolean; errors: number } {
    attempted.value = true
    return submitAttempt(inputs())
  }
  return { view, edited, input, reset, attempt }
}
