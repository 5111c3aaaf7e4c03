import { describe, expect, it } from 'vitest'
import type { TemplateFigureChange, TemplateImportResult } from '@/api/reporting'
import { changedFigures, importSummary, reasonText, removedOverrides } from './statistics-import'

const figure = (over: Partial<TemplateFigureChange>): TemplateFigureChange => ({
  field: 'teachers',
  label: '参与活动的教师数',
  computed: 10,
  current: 10,
  imported: 10,
  override: 'none',
  reason_before: '',
  reason_after: '',
  ...over,
})

const result = (changes: TemplateFigureChange[]): TemplateImportResult => ({
  valid: true,
  errors: [],
  overrides: {},
  changes,
  saved: false,
})

describe('statistics template import', () => {
  it('counts the figures whose value or override changes, not kept overrides', () => {
    const kept = figure({ field: 'students', current: 35, imported: 35, override: 'kept', reason_before: '补录', reason_after: '补录' })
    const removed = figure({ current: 13, imported: 10, override: 'removed', reason_before: '线上指导' })
    const added = figure({ field: 'total', imported: 50, override: 'added', reason_after: '含家长' })
    const r = result([kept, removed, added, figure({ field: 'projects' })])
    expect(changedFigures(r).map((c) => c.field)).toEqual(['teachers', 'total'])
    expect(removedOverrides(r).map((c) => c.field)).toEqual(['teachers'])
    expect(importSummary(r)).toBe('检查通过：将改变 2 项数据，其中取消 1 项调整')
    expect(importSummary(result([kept]))).toBe('检查通过：导入后各项数据不变')
  })

  it('says which reason replaces which', () => {
    expect(reasonText(figure({ override: 'removed', reason_before: '线上指导' }))).toBe('原说明：线上指导')
    expect(reasonText(figure({ override: 'changed', reason_before: '旧', reason_after: '新' }))).toBe('新（原说明：旧）')
    expect(reasonText(figure({ override: 'changed', reason_before: '同', reason_after: '同' }))).toBe('同')
    expect(reasonText(figure({ override: 'added', reason_after: '含家长' }))).toBe('含家长')
    expect(reasonText(figure({}))).toBe('')
  })
})
