import { describe, expect, it } from 'vitest'
import type { ValidationRule } from '@/api/reporting'
import { charCount, charCounter, charLimits, DEFAULT_CHAR_LIMIT } from './form-text'

function rule(code: string, fields: string[], value: number, enabled = true, form: ValidationRule['form'] = 'info_form'): ValidationRule {
  return { code, form, kind: 'max_chars', fields, value, severity: 'error', message: '', enabled }
}

describe('charCount', () => {
  it('counts Chinese characters as one each, not as bytes', () => {
    expect(charCount('职业教育活动周')).toBe(7)
    expect(new TextEncoder().encode('职业教育活动周').length).toBe(21)
  })

  it('counts an emoji (two UTF-16 units) as one character', () => {
    expect('😀'.length).toBe(2)
    expect(charCount('😀')).toBe(1)
    expect(charCount('一技在手👍，一生无忧🎉')).toBe(11)
  })

  it('counts letters, digits, punctuation and line breaks', () => {
    expect(charCount('5月11日—17日：\n技能展示')).toBe(15)
    expect(charCount('')).toBe(0)
    expect(charCount(null)).toBe(0)
    expect(charCount(undefined)).toBe(0)
  })
})

describe('charLimits', () => {
  it('falls back to 300 before the rules arrive', () => {
    expect(charLimits(null)).toEqual({ work_plan: DEFAULT_CHAR_LIMIT, featured: DEFAULT_CHAR_LIMIT })
    expect(DEFAULT_CHAR_LIMIT).toBe(300)
  })

  it('takes each field’s limit from its max_chars rule', () => {
    const limits = charLimits([rule('a', ['work_plan'], 500), rule('b', ['featured'], 200)])
    expect(limits).toEqual({ work_plan: 500, featured: 200 })
  })

  it('ignores other forms and other kinds', () => {
    const other: ValidationRule = { ...rule('c', ['work_plan'], 10), kind: 'required' }
    const limits = charLimits([rule('s', ['work_plan'], 50, true, 'summary'), other])
    expect(limits.work_plan).toBe(300)
  })

  it('has no limit when the field’s rule is switched off', () => {
    expect(charLimits([rule('a', ['work_plan'], 300, false)]).work_plan).toBeNull()
    expect(charLimits([rule('a', ['work_plan'], 300, false)]).featured).toBe(300)
  })
})

describe('charCounter', () => {
  it('reads "n / limit" and turns over past the limit, not at it', () => {
    expect(charCounter('职教', 300)).toEqual({ text: '2 / 300', over: false })
    expect(charCounter('字'.repeat(300), 300)).toEqual({ text: '300 / 300', over: false })
    expect(charCounter('字'.repeat(301), 300)).toEqual({ text: '301 / 300', over: true })
  })

  it('counts emoji as characters against the limit', () => {
    expect(charCounter('😀'.repeat(3), 3).over).toBe(false)
    expect(charCounter('😀'.repeat(4), 3)).toEqual({ text: '4 / 3', over: true })
  })

  it('shows a plain count without a limit', () => {
    expect(charCounter('abc', null)).toEqual({ text: '3 字', over: false })
  })
})
