import { describe, expect, it } from 'vitest'
import type { Figures } from '@/api/reporting'
import {
  applyOverrides,
  coveragePercent,
  draftProblem,
  draftProblems,
  draftsFrom,
  overridesFrom,
  overridesOf,
  overrideSummary,
  sameOverrides,
} from './form-overrides'
import { overridableFields, setStatisticsFields } from './statistics-fields'
import { statisticsFieldTable } from './statistics-fields.fixture'

setStatisticsFields(statisticsFieldTable)

const computed: Figures = {
  schools: 1,
  teachers: 40,
  students: 800,
  enrolled: 16000,
  coverage: 5,
  enterprises: 6,
  total: 120,
  projects: 9,
  media_provincial: 1,
  media_city: 2,
  media_county: 0,
}

describe('overridable figures', () => {
  it('are the annex columns without the coverage rate', () => {
    expect(overridableFields()).toEqual([
      'schools',
      'teachers',
      'students',
      'enterprises',
      'total',
      'projects',
      'media_provincial',
      'media_city',
      'media_county',
    ])
  })
})

describe('drafts and overrides', () => {
  it('makes one editor line per figure, filled from the stored overrides', () => {
    const drafts = draftsFrom({ total: { value: 130, reason: '含线上观看' } })
    expect(drafts).toHaveLength(9)
    expect(drafts.find((d) => d.field === 'total')).toEqual({ field: 'total', value: 130, reason: '含线上观看' })
    expect(drafts.find((d) => d.field === 'teachers')).toEqual({ field: 'teachers', value: null, reason: '' })
  })

  it('stores only lines whose value differs from the computed figure', () => {
    const drafts = draftsFrom({})
    drafts[4] = { field: 'total', value: 130, reason: ' 含线上观看 ' }
    drafts[1] = { field: 'teachers', value: 40, reason: '不变' }
    expect(overridesFrom(drafts, computed)).toEqual({ total: { value: 130, reason: '含线上观看' } })
  })

  it('keeps a value without a reason, so the rules can ask for it', () => {
    const drafts = draftsFrom({ projects: { value: 12, reason: '' } })
    expect(overridesFrom(drafts, computed)).toEqual({ projects: { value: 12, reason: '' } })
  })

  it('round-trips through the stored form', () => {
    const stored = { students: { value: 900, reason: '补录签到' }, media_city: { value: 3, reason: '补登报道' } }
    const back = overridesFrom(draftsFrom(stored), computed)
    expect(sameOverrides(back, stored)).toBe(true)
  })

  it('reads overrides from data of any shape', () => {
    expect(overridesOf(null)).toEqual({})
    expect(overridesOf({})).toEqual({})
    expect(overridesOf({ overrides: { total: { value: 1, reason: 'x' } } })).toEqual({ total: { value: 1, reason: 'x' } })
  })
})

describe('final figures', () => {
  it('apply the overrides and recompute the coverage from students / enrolled', () => {
    const final = applyOverrides(computed, { students: { value: 1600, reason: '补录' }, total: { value: 1700, reason: '补录' } })
    expect(final.students).toBe(1600)
    expect(final.total).toBe(1700)
    expect(final.teachers).toBe(40)
    expect(final.coverage).toBe(10)
    expect(computed.students).toBe(800)
  })

  it('round the coverage to two decimals and never divide by zero', () => {
    expect(coveragePercent(1, 3)).toBe(33.33)
    expect(coveragePercent(2, 3)).toBe(66.67)
    expect(coveragePercent(5, 0)).toBe(0)
  })
})

describe('overrideSummary', () => {
  it('shows the computed and the reported value side by side with the reason', () => {
    const final = applyOverrides(computed, { total: { value: 130, reason: '含线上观看' } })
    expect(overrideSummary('total', computed, final, '含线上观看')).toBe('计算值 120 → 填报值 130（说明：含线上观看）')
  })

  it('shows only the computed value when nothing changes', () => {
    expect(overrideSummary('teachers', computed, computed)).toBe('计算值 40')
  })

  it('shows the coverage as a percentage', () => {
    const final = applyOverrides(computed, { students: { value: 1600, reason: '补录' } })
    expect(overrideSummary('coverage', computed, final)).toBe('计算值 5% → 填报值 10%')
  })
})

describe('draft problems', () => {
  it('asks for a reason only when the value changes something', () => {
    expect(draftProblem({ field: 'total', value: 130, reason: '' }, computed)).toBe('请填写调整原因')
    expect(draftProblem({ field: 'total', value: 130, reason: '  ' }, computed)).toBe('请填写调整原因')
    expect(draftProblem({ field: 'total', value: 120, reason: '' }, computed)).toBe('')
    expect(draftProblem({ field: 'total', value: null, reason: '' }, computed)).toBe('')
    expect(draftProblem({ field: 'total', value: 130, reason: '补录' }, computed)).toBe('')
  })

  it('wants whole numbers of at least 0', () => {
    expect(draftProblem({ field: 'teachers', value: -1, reason: 'x' }, computed)).toBe('参与活动的教师数应为不小于 0 的整数')
    expect(draftProblem({ field: 'teachers', value: 1.5, reason: 'x' }, computed)).toBe('参与活动的教师数应为不小于 0 的整数')
  })

  it('collects the problems by field', () => {
    const drafts = draftsFrom({ total: { value: 130, reason: '' }, students: { value: 900, reason: '补录' } })
    expect(draftProblems(drafts, computed)).toEqual({ total: '请填写调整原因' })
  })
})
