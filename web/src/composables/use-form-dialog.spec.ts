import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { ApiError } from '@/api/request'
import { useFormDialog } from './use-form-dialog'

const messages = vi.hoisted(() => ({ success: [] as string[], error: [] as string[] }))
vi.mock('element-plus', () => ({
  ElMessage: {
    success: (text: string) => messages.success.push(text),
    error: (text: string) => messages.error.push(text),
  },
}))

interface Person {
  name: string
  tags: string[]
  version: number
}
const blank = (): Person => ({ name: '', tags: [], version: 0 })

/** A promise the test settles by hand, to look at the dialog while the save runs. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  messages.success.length = 0
  messages.error.length = 0
})

describe('useFormDialog', () => {
  it('opens on a copy: editing the form leaves the record alone', () => {
    const d = useFormDialog({ fields: ['name'] as const, blank })
    const record: Person = { name: '张三', tags: ['a'], version: 3 }
    d.open(record)
    expect(d.visible.value).toBe(true)
    expect(d.form).toEqual(record)
    d.form.name = '李四'
    d.form.tags.push('b')
    expect(record).toEqual({ name: '张三', tags: ['a'], version: 3 })
  })

  it('opens a new record from the blank form, forgetting the last one and its errors', async () => {
    const d = useFormDialog({ fields: ['name'] as const, blank })
    d.open({ name: '张三', tags: ['a'] })
    await d.save(() => Promise.reject(new ApiError(400, 'invalid', '姓名太长', 'name')))
    expect(d.errors.name).toBe('姓名太长')
    d.open()
    expect(d.form).toEqual(blank())
    expect(d.errors.name).toBe('')
  })

  it('is busy while saving, sends a copy of the form, then closes with the success message', async () => {
    const d = useFormDialog({ fields: ['name'] as const, blank })
    d.open({ name: '张三', version: 2 })
    const answer = deferred<{ id: number }>()
    let sent: Person | null = null
    const saving = d.save((input) => {
      sent = input
      return answer.promise
    })
    await nextTick()
    expect(d.busy.value).toBe(true)
    expect(sent).toEqual({ name: '张三', tags: [], version: 2 })
    // A second click while saving sends nothing.
    expect(await d.save(() => Promise.reject(new Error('twice')))).toBeUndefined()
    answer.resolve({ id: 7 })
    expect(await saving).toEqual({ id: 7 })
    expect(d.busy.value).toBe(false)
    expect(d.visible.value).toBe(false)
    expect(messages.success).toEqual(['已保存'])
  })

  it('makes the success message from the answer', async () => {
    const d = useFormDialog({ fields: [] as const, blank })
    d.open()
    await d.save(() => Promise.resolve({ year: 2026 }), (c) => `已创建${c.year}年活动周（草稿）`)
    expect(messages.success).toEqual(['已创建2026年活动周（草稿）'])
  })

  it('stays open on an error: a field error next to its item, any other as a message', async () => {
    const d = useFormDialog({ fields: ['name'] as const, blank })
    d.open({ name: 'x' })
    expect(await d.save(() => Promise.reject(new ApiError(400, 'invalid', '用户名已被使用', 'name')))).toBeUndefined()
    expect(d.visible.value).toBe(true)
    expect(d.busy.value).toBe(false)
    expect(d.errors.name).toBe('用户名已被使用')
    expect(messages.error).toEqual([])

    await d.save(() => Promise.reject(new ApiError(403, 'forbidden', '无权修改', null)))
    expect(d.visible.value).toBe(true)
    expect(d.errors.name).toBe('')
    expect(messages.error).toEqual(['无权修改'])
    expect(messages.success).toEqual([])
  })

  it('keeps a 409 in `conflict`, and as a message unless the dialog shows it itself', async () => {
    const stale = () => Promise.reject(new ApiError(409, 'conflict', '内容已被他人修改，请刷新后重试', null))
    const quiet = useFormDialog({ fields: [] as const, blank, showsConflict: true })
    quiet.open()
    await quiet.save(stale)
    expect(quiet.conflict.value).toBe('内容已被他人修改，请刷新后重试')
    expect(quiet.visible.value).toBe(true)
    expect(messages.error).toEqual([])

    const loud = useFormDialog({ fields: [] as const, blank })
    loud.open()
    await loud.save(stale)
    expect(loud.conflict.value).toBe('内容已被他人修改，请刷新后重试')
    expect(messages.error).toEqual(['内容已被他人修改，请刷新后重试'])
    // Opening again starts clean.
    loud.open()
    expect(loud.conflict.value).toBe('')
  })

  it('does not save an invalid form', async () => {
    const d = useFormDialog({ fields: [] as const, blank, validate: () => false })
    d.open()
    const task = vi.fn(() => Promise.resolve(1))
    expect(await d.save(task)).toBeUndefined()
    expect(task).not.toHaveBeenCalled()
    expect(d.visible.value).toBe(true)
  })

  it('loads the record each time a parent opens it through the v-model', async () => {
    const visible = ref(false)
    const record = ref<Partial<Person> | undefined>({ name: '张三', version: 1 })
    const d = useFormDialog({ fields: [] as const, blank, visible, load: () => record.value })
    visible.value = true
    await nextTick()
    expect(d.form).toEqual({ name: '张三', tags: [], version: 1 })
    d.form.name = '改了'
    visible.value = false
    await nextTick()
    record.value = undefined
    visible.value = true
    await nextTick()
    expect(d.form).toEqual(blank())
  })
})
