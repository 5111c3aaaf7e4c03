import { describe, expect, it } from 'vitest'
import type { ValidationRule } from '@/api/reporting'
import {
  canEditRules,
  describeRule,
  formatRuleValue,
  ruleFieldLabels,
  ruleHasValue,
  ruleKindNames,
  ruleValueBounds,
  rulesOfForm,
  severityNames,
} from './board-rules'
import { setStatisticsFields } from './statistics-fields'
import { statisticsFieldTable } from './statistics-fields.fixture'

// Annex 5's labels come from the server's field table (CONTRACT §1).
setStatisticsFields(statisticsFieldTable)

// The rules as migration 0007 seeds them.
const rule = (r: Partial<ValidationRule> & Pick<ValidationRule, 'code' | 'form' | 'kind' | 'fields'>): ValidationRule => ({
  value: 0,
  severity: 'error',
  message: '',
  enabled: true,
  ...r,
})
const nonNegative = rule({ code: 'statistics.non_negative', form: 'statistics', kind: 'min', fields: ['schools', 'teachers'] })
const coverageMax = rule({ code: 'statistics.coverage_max', form: 'statistics', kind: 'max', fields: ['coverage'], value: 100 })
const totalGe = rule({ code: 'statistics.total_ge_people', form: 'statistics', kind: 'sum_ge', fields: ['total', 'teachers', 'students'] })
const schools = rule({ code: 'statistics.schools_in_subtree', form: 'statistics', kind: 'schools_in_subtree', fields: ['schools'] })
const jump = rule({ code: 'statistics.jump', form: 'statistics', kind: 'jump', fields: ['teachers', 'total'], value: 3, severity: 'warning' })
const planChars = rule({ code: 'info_form.work_plan_chars', form: 'info_form', kind: 'max_chars', fields: ['work_plan'], value: 300 })
const contact = rule({ code: 'info_form.contact_required', form: 'info_form', kind: 'required', fields: ['contact_person', 'mobile'] })
const sections = rule({ code: 'summary.sections_required', form: 'summary', kind: 'required', fields: ['basic', 'media', 'problems'] })

describe('rule kinds and severities', () => {
  it('explains every kind in Chinese', () => {
    expect(ruleKindNames.min).toBe('不小于')
    expect(ruleKindNames.max).toBe('不大于')
    expect(ruleKindNames.sum_ge).toBe('总数不少于各项之和')
    expect(ruleKindNames.schools_in_subtree).toBe('不超过所辖学校数')
    expect(ruleKindNames.jump).toBe('与上一届相比变化倍数')
    expect(ruleKindNames.max_chars).toBe('字数上限')
    expect(ruleKindNames.required).toBe('必填')
    expect(severityNames).toEqual({ error: '错误', warning: '提醒' })
  })
})

describe('field names', () => {
  it('names statistics figures, info-form fields and summary sections as the forms do', () => {
    expect(ruleFieldLabels(totalGe)).toEqual(['参与总人数', '参与活动的教师数', '参与活动的学生数'])
    expect(ruleFieldLabels(contact)).toEqual(['联系人', '手机'])
    expect(ruleFieldLabels(sections)).toEqual(['基本情况', '媒体宣传情况', '存在问题及建议'])
  })

  it('falls back to the code for a field the form does not know', () => {
    expect(ruleFieldLabels({ form: 'statistics', fields: ['volunteers'] })).toEqual(['volunteers'])
  })
})

describe('values', () => {
  it('shows the value with its unit, and a dash where the kind has none', () => {
    expect(formatRuleValue(coverageMax)).toBe('100%')
    expect(formatRuleValue(nonNegative)).toBe('0')
    expect(formatRuleValue(planChars)).toBe('300 字')
    expect(formatRuleValue(jump)).toBe('3 倍')
    expect(formatRuleValue({ ...jump, value: 2.5 })).toBe('2.5 倍')
    expect(formatRuleValue(totalGe)).toBe('—')
    expect(formatRuleValue(contact)).toBe('—')
  })

  it('lets only bounds, factors and lengths be edited', () => {
    expect(['min', 'max', 'jump', 'max_chars'].every((k) => ruleHasValue(k as ValidationRule['kind']))).toBe(true)
    expect(ruleHasValue('sum_ge') || ruleHasValue('schools_in_subtree') || ruleHasValue('required')).toBe(false)
  })

  it('bounds the input by kind', () => {
    expect(ruleValueBounds(coverageMax)).toEqual({ min: 0, max: 100, step: 1 })
    expect(ruleValueBounds(jump).min).toBe(1)
    expect(ruleValueBounds(planChars).min).toBe(1)
  })
})

describe('sentences', () => {
  it('says what each seeded rule checks', () => {
    expect(describeRule(nonNegative)).toBe('参与活动的职业学校（含技工院校）数、参与活动的教师数不小于 0')
    expect(describeRule(coverageMax)).toBe('参与活动的学生覆盖率不大于 100%')
    expect(describeRule(totalGe)).toBe('参与总人数不少于参与活动的教师数 + 参与活动的学生数之和')
    expect(describeRule(schools)).toBe('参与活动的职业学校（含技工院校）数不超过本单位所辖学校数')
    expect(describeRule(jump)).toBe('参与活动的教师数、参与总人数与上一届相比变化超过 3 倍时提示')
    expect(describeRule(planChars)).toBe('活动周工作计划不超过 300 字')
    expect(describeRule(sections)).toBe('所列 3 项必须填写')
    expect(describeRule(contact)).toBe('联系人、手机必须填写')
  })

  it('counts the fields of a long list instead of repeating them', () => {
    expect(describeRule({ ...jump, fields: ['teachers', 'students', 'enterprises', 'total', 'projects'] })).toBe(
      '所列 5 项与上一届相比变化超过 3 倍时提示',
    )
    expect(describeRule({ ...sections, fields: ['basic', 'measures', 'results'] })).toBe('所列 3 项必须填写')
    expect(describeRule({ ...totalGe, fields: ['total', 'teachers', 'students', 'projects'] })).toBe(
      '参与总人数不少于参与活动的教师数 + 参与活动的学生数 + 观摩体验活动项目数之和',
    )
  })

  it('follows an edited value', () => {
    expect(describeRule({ ...planChars, value: 500 })).toBe('活动周工作计划不超过 500 字')
  })
})

describe('who edits rules', () => {
  const nodes = [
    { id: 1, parent_id: null },
    { id: 2, parent_id: 1 },
  ]
  it('is a system administrator or a unit administrator of a top unit', () => {
    expect(canEditRules({ is_sysadmin: true, grants: [] }, [])).toBe(true)
    expect(canEditRules({ is_sysadmin: false, grants: [{ unit_id: 1, role: 'unit_admin' }] }, nodes)).toBe(true)
  })

  it('is not a city administrator nor a reviewer of the province', () => {
    expect(canEditRules({ is_sysadmin: false, grants: [{ unit_id: 2, role: 'unit_admin' }] }, nodes)).toBe(false)
    expect(canEditRules({ is_sysadmin: false, grants: [{ unit_id: 1, role: 'reviewer' }] }, nodes)).toBe(false)
  })
})

describe('form filter', () => {
  it('keeps the rules of the picked form in order', () => {
    const all = [nonNegative, planChars, jump, sections]
    expect(rulesOfForm(all, 'statistics').map((r) => r.code)).toEqual(['statistics.non_negative', 'statistics.jump'])
    expect(rulesOfForm(all, null)).toHaveLength(4)
  })
})
