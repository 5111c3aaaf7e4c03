import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import type { InfoFormData, StatisticsData, SummaryData } from '@/api/reporting'
import {
  commentableFields,
  dataChanged,
  editableData,
  fieldCommentsOf,
  infoDataOf,
  isConflict,
  issueFromError,
  issuesByField,
  otherFieldComments,
  summaryDataOf,
} from './form-data'
import { setStatisticsFields } from './statistics-fields'
import { statisticsFieldTable } from './statistics-fields.fixture'

// Annex 5's labels come from the server's field table (CONTRACT §1).
setStatisticsFields(statisticsFieldTable)

describe('editable data', () => {
  it('completes a partial information form with empty strings', () => {
    expect(infoDataOf({ contact_person: '王老师', qq: 12345 })).toEqual({
      contact_person: '王老师',
      position: '',
      mobile: '',
      qq: '12345',
      website: '',
      work_plan: '',
      featured: '',
    })
    expect(infoDataOf(null).work_plan).toBe('')
  })

  it('keeps the seven summary sections and drops anything else', () => {
    const s = summaryDataOf({ sections: { basic: '基本情况草稿', extra: 'x' } })
    expect(Object.keys(s.sections)).toEqual(['basic', 'measures', 'results', 'highlights', 'cases', 'media', 'problems'])
    expect(s.sections.basic).toBe('基本情况草稿')
    expect(s.sections.problems).toBe('')
  })

  it('keeps what the system drafted, so a save tells untouched sections from rewritten ones', () => {
    const s = summaryDataOf({ sections: { basic: '初稿' }, drafted: { basic: '初稿', media: 3 } })
    expect(s.drafted).toEqual({ basic: '初稿' })
    expect(summaryDataOf({ sections: {} }).drafted).toBeUndefined()
  })

  it('copies, so editing the copy leaves the loaded data alone', () => {
    const loaded: StatisticsData = { overrides: { total: { value: 10, reason: 'a' } } }
    const copy = editableData('statistics', loaded) as StatisticsData
    copy.overrides.total!.value = 11
    expect(loaded.overrides.total!.value).toBe(10)
  })
})

describe('dataChanged', () => {
  it('sees an edited field of the information form', () => {
    const loaded: Partial<InfoFormData> = { contact_person: '王老师' }
    expect(dataChanged('info_form', loaded, { ...infoDataOf(loaded) })).toBe(false)
    expect(dataChanged('info_form', loaded, { ...infoDataOf(loaded), work_plan: '5月11日启动' })).toBe(true)
  })

  it('compares overrides by meaning, not key order or spaces', () => {
    const a: StatisticsData = { overrides: { total: { value: 1, reason: 'x' }, teachers: { value: 2, reason: 'y' } } }
    const b: StatisticsData = { overrides: { teachers: { value: 2, reason: 'y ' }, total: { value: 1, reason: 'x' } } }
    expect(dataChanged('statistics', a, b)).toBe(false)
    expect(dataChanged('statistics', a, { overrides: { total: { value: 1, reason: 'x' } } })).toBe(true)
  })

  it('sees a changed summary section', () => {
    const loaded: SummaryData = summaryDataOf({ sections: { basic: 'a' } })
    const edited = summaryDataOf(loaded)
    expect(dataChanged('summary', loaded, edited)).toBe(false)
    edited.sections.cases = '典型案例'
    expect(dataChanged('summary', loaded, edited)).toBe(true)
  })
})

describe('review comments', () => {
  it('offers each form’s fields by name', () => {
    expect(commentableFields('info_form').find((f) => f.key === 'work_plan')).toEqual({ key: 'work_plan', label: '活动周工作计划' })
    expect(commentableFields('statistics')).toHaveLength(9)
    expect(commentableFields('statistics')[0]).toEqual({ key: 'schools', label: '参与活动的职业学校（含技工院校）数' })
    expect(commentableFields('summary').map((f) => f.label)).toContain('典型案例')
  })

  it('shows field comments only on a returned form', () => {
    const comments = { work_plan: '请写明时间', qq: ' ' }
    expect(fieldCommentsOf({ status: 'returned', field_comments: comments })).toEqual({ work_plan: '请写明时间' })
    expect(fieldCommentsOf({ status: 'submitted', field_comments: comments })).toEqual({})
    expect(fieldCommentsOf({ status: 'returned', field_comments: null })).toEqual({})
  })

  it('lists comments on fields the form does not show', () => {
    expect(otherFieldComments('info_form', { work_plan: 'a', overrides: 'b' })).toEqual([{ label: 'overrides', text: 'b' }])
  })
})

describe('errors and issues', () => {
  it('recognises the conflict of a stale save', () => {
    expect(isConflict(new ApiError(409, 'conflict', '该表已被他人修改', 'version'))).toBe(true)
    expect(isConflict(new ApiError(400, 'invalid_argument', 'x', 'mobile'))).toBe(false)
    expect(isConflict(new Error('x'))).toBe(false)
  })

  it('turns an input error of the live check into an issue', () => {
    expect(issueFromError(new ApiError(400, 'invalid_argument', '手机应为 11 位手机号码', 'mobile'))).toEqual({
      rule: 'input',
      field: 'mobile',
      severity: 'error',
      message: '手机应为 11 位手机号码',
    })
    expect(issueFromError(new ApiError(0, 'network', '无法连接服务器', null))).toBeNull()
  })

  it('keeps one issue per field, errors before warnings', () => {
    const by = issuesByField([
      { rule: 'a', field: 'teachers', severity: 'warning', message: 'w' },
      { rule: 'b', field: 'teachers', severity: 'error', message: 'e' },
      { rule: 'c', field: 'teachers', severity: 'error', message: 'e2' },
      { rule: 'd', field: '', severity: 'error', message: 'no field' },
    ])
    expect(Object.keys(by)).toEqual(['teachers'])
    expect(by.teachers.message).toBe('e')
  })
})
