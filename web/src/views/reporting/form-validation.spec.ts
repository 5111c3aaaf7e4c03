import { describe, expect, it } from 'vitest'
import type { ValidationIssue } from '@/api/reporting'
import { submitAttempt, validationView, type ValidationInputs } from './form-validation'

const error = (field: string, message = `${field} 有误`): ValidationIssue => ({ rule: 'r', field, severity: 'error', message })
const warning = (field: string): ValidationIssue => ({ rule: 'w', field, severity: 'warning', message: `${field} 请核对` })

const base: ValidationInputs = {
  saved: [error('mobile'), error('website'), warning('qq')],
  live: null,
  input: null,
  edited: false,
  attempted: false,
  checking: false,
  workflowBlocked: '',
}

describe('validationView', () => {
  it('shows nothing on a freshly loaded form, and 提交 stays enabled', () => {
    const v = validationView(base)
    expect(v.shown).toEqual([])
    expect(v.fieldErrors).toEqual({})
    expect(v.submitBlocked).toBe('')
  })

  it('shows every result at once after the first edit, errors first', () => {
    const v = validationView({ ...base, edited: true, saved: [warning('qq'), error('mobile'), error('website')] })
    expect(v.shown.map((i) => i.field)).toEqual(['mobile', 'website', 'qq'])
    expect(v.fieldErrors).toEqual({ mobile: 'mobile 有误', website: 'website 有误' })
    expect(v.submitBlocked).toBe('还有 2 个错误，请修改后再提交')
  })

  it('shows them after a submit attempt too', () => {
    expect(validationView({ ...base, attempted: true }).shown).toHaveLength(3)
  })

  it('uses the live results once there are any, and keeps them beside an unreadable field', () => {
    const live = [error('mobile'), error('website')]
    const v = validationView({ ...base, edited: true, live, input: error('mobile', '手机应为 11 位手机号码') })
    expect(v.shown.map((i) => i.message)).toEqual(['手机应为 11 位手机号码', 'website 有误'])
    expect(validationView({ ...base, edited: true, live: [] }).submitBlocked).toBe('')
  })

  it('blocks 提交 for the workflow first, then while checking, then for shown errors', () => {
    expect(validationView({ ...base, edited: true, workflowBlocked: '请先审签' }).submitBlocked).toBe('请先审签')
    expect(validationView({ ...base, edited: true, checking: true }).submitBlocked).toBe('正在校验，请稍候')
    expect(validationView({ ...base, checking: true, live: [] }).submitBlocked).toBe('正在校验，请稍候')
  })
})

describe('one rule on several fields', () => {
  it('is one line, but marks each field', () => {
    const both = [error('contact_person', '请填写联系人和手机'), error('mobile', '请填写联系人和手机')]
    const v = validationView({ ...base, edited: true, saved: both })
    expect(v.shown).toHaveLength(1)
    expect(Object.keys(v.fieldErrors)).toEqual(['contact_person', 'mobile'])
  })
})

describe('submitAttempt', () => {
  it('stops a submit while errors exist, shown or not', () => {
    expect(submitAttempt(base)).toEqual({ proceed: false, errors: 2 })
    expect(submitAttempt({ ...base, saved: [warning('qq')] })).toEqual({ proceed: true, errors: 0 })
  })
})
