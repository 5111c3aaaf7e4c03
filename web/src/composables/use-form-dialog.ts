import { reactive, ref, watch, type Ref, type UnwrapRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { isConflict } from '@/api/request'
import { useFieldErrors } from './use-field-errors'

export interface FormDialogOptions<F extends string, T extends object> {
  /** The fields the server may name in an error; they get `errors[field]`. */
  fields: readonly F[]
  /** The empty form; every open starts from it. */
  blank: () => T
  /** The dialog's v-model when a parent opens it; otherwise the composable owns one. */
  visible?: Ref<boolean>
  /**
   * For a dialog its parent opens through `visible`: the values to edit,
   * read each time it opens (undefined: a new record).
   */
  load?: () => Partial<T> | undefined
  /** The dialog's el-form (`ref="formRef"`): validated before saving, its marks cleared on open. */
  formRef?: Ref<FormInstance | undefined>
  /** Checks the form before saving instead of the el-form's rules. */
  validate?: () => boolean | Promise<boolean>
  /**
   * Whether the dialog shows `conflict` itself (an alert in the dialog);
   * otherwise a 409 is also shown as a message.
   */
  showsConflict?: boolean
}

/** A deep copy of plain JSON-like values, so the form never edits the record it was opened with. */
function copyOf<V>(value: V): V {
  if (Array.isArray(value)) return value.map(copyOf) as V
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)])) as V
  }
  return value
}

/**
 * One edit dialog's state and save: the form (a copy of what it edits), the
 * server's field errors, `busy` while saving, closing on success, and staying
 * open with the server's message on failure (a field error next to its form
 * item, a 409 in `conflict`).
 */
export function useFormDialog<F extends string, T extends object>(options: FormDialogOptions<F, T>) {
  const { errors, clear, show } = useFieldErrors(options.fields)
  const form = reactive(options.blank()) as UnwrapRef<T> & T
  const formRef = options.formRef ?? ref<FormInstance>()
  const visible = options.visible ?? ref(false)
  const busy = ref(false)
  const conflict = ref('')

  /** Puts the form back to blank + a copy of `values` and clears every error mark. */
  function reset(values?: Partial<T>): void {
    clear()
    conflict.value = ''
    formRef.value?.clearValidate()
    Object.assign(form, options.blank(), copyOf(values ?? {}))
  }

  const load = options.load
  if (load) {
    watch(visible, (isOpen) => {
      if (isOpen) reset(load())
    })
  }

  /** Opens the dialog on a copy of `values` (none: a new record). */
  function open(values?: Partial<T>): void {
    reset(values)
    visible.value = true
  }

  function close(): void {
    visible.value = false
  }

  async function valid(): Promise<boolean> {
    if (options.validate) return options.validate()
    if (!formRef.value) return true
    return formRef.value.validate().catch(() => false)
  }

  /**
   * Validates, runs `task` on a copy of the form, then shows `success` (text,
   * or made from the answer; '' for none) and closes. Resolves to the answer,
   * or undefined when the form was invalid or the server refused (the dialog
   * stays open with the message).
   */
  async function save<R>(task: (input: T) => Promise<R>, success: string | ((answer: R) => string) = '已保存'): Promise<R | undefined> {
    if (busy.value || !(await valid())) return undefined
    busy.value = true
    clear()
    conflict.value = ''
    try {
      const answer = await task(copyOf(form as T))
      const text = typeof success === 'function' ? success(answer) : success
      if (text) ElMessage.success(text)
      close()
      return answer
    } catch (e) {
      if (isConflict(e)) {
        conflict.value = e.message
        if (!options.showsConflict) show(e)
      } else {
        show(e)
      }
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { form, formRef, visible, busy, errors, conflict, open, reset, close, save, showError: show }
}
